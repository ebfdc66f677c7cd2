/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer harness: carry_parse_index(), the index a trial finds in RAM. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "carry.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512];

	struct carry_index c;
	const char *end = (const char *)data + size;

	if (carry_parse_index((const char *)data, size, &c, err, sizeof(err)))
		return 0;
	/* What it points at must lie inside what it was given. */
	if (c.manifest < (const char *)data || c.manifest + c.manifest_len > end ||
	    (c.sig && c.sig + c.sig_len > end))
		abort();
	return 0;
}
