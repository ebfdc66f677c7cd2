/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer harness: base64_decode() of a key or signature line. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base64.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512];

	uint8_t out[256];
	size_t n;

	(void)err;
	base64_decode((const char *)data, size, out, sizeof(out), &n);
	return 0;
}
