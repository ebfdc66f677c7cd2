/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer harness: mtd_count() of /proc/mtd. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mtdcount.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512];

	mtd_count((const char *)data, size, err, sizeof(err));
	return 0;
}
