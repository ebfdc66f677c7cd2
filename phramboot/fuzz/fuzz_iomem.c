/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer harness: iomem_parse() of /proc/iomem, and what placement and ram make of it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "iomem.h"
#include "placement.h"
#include "ram.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512];

	struct iomem io;
	struct ram r;
	uint64_t base;

	if (iomem_parse((const char *)data, size, &io, err, sizeof(err)))
		return 0;
	placement_ram_base(&io, &base, err, sizeof(err));
	ram_from_iomem(&io, &r, err, sizeof(err));
	ram_covers(&io, 0x10000000, 0x100000);
	iomem_free(&io);
	return 0;
}
