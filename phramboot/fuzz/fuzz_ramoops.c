/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer harness: ramoops_set() of /sys/module/ramoops/parameters/NAME values (the
 * input: a name, a NUL, a value). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ramoops.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char buf[1025];
	struct ramoops r;
	char err[512];
	size_t n = size < sizeof(buf) - 1 ? size : sizeof(buf) - 1;
	const char *value;

	memcpy(buf, data, n);
	buf[n] = '\0';
	value = buf + strlen(buf) + (strlen(buf) < n);
	memset(&r, 0, sizeof(r));
	ramoops_set(&r, buf, value, err, sizeof(err));
	return 0;
}
