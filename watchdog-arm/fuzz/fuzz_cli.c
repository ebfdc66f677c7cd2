// SPDX-License-Identifier: GPL-2.0-or-later
/* libFuzzer harness: cli_parse() on an argv made of the input's NUL-separated words. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char buf[4097];
	char *argv[65], err[256];
	struct cli_args a;
	size_t n = size < sizeof(buf) - 1 ? size : sizeof(buf) - 1;
	int argc = 1;

	memcpy(buf, data, n);
	buf[n] = '\0';
	argv[0] = (char *)"watchdog-arm";
	for (char *p = buf; p < buf + n && argc < 64; p += strlen(p) + 1)
		argv[argc++] = p;
	argv[argc] = NULL;
	cli_parse(argc, argv, &a, err, sizeof(err));
	return 0;
}
