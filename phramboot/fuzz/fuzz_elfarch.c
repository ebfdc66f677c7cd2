/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer harness: elfarch_detect() of a kernel's header (ELF, zImage, arm64 Image). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "elfarch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512];

	struct elfarch a;
	char d[64];

	if (elfarch_detect(data, size, &a, err, sizeof(err)) == 0)
		elfarch_describe(&a, d, sizeof(d));
	return 0;
}
