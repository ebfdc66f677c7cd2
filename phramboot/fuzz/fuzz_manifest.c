/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer harness: manifest_parse() and, for what it accepts, a manifest_format() round trip. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "manifest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512];

	static struct manifest m, m2;
	static char buf[MANIFEST_MAX + 1];
	int n;

	if (manifest_parse((const char *)data, size, &m, err, sizeof(err)))
		return 0;
	n = manifest_format(&m, buf, sizeof(buf));
	/* What parses must format, and parse back to the same. */
	if (n < 0 || manifest_parse(buf, (size_t)n, &m2, err, sizeof(err)) || memcmp(&m, &m2, sizeof(m)))
		abort();
	return 0;
}
