/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer harness: the kernel command line and trial logs, as status reads them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "status.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512];

	static char s[8193], out[4 * 8192 + 1], v[64];
	size_t n = size < sizeof(s) - 1 ? size : sizeof(s) - 1;

	(void)err;
	memcpy(s, data, n);
	s[n] = 0;
	status_cmdline_arg(s, "phramboot.carry", v, sizeof(v));
	status_trial_id(s, v, sizeof(v));
	status_escape((const char *)data, size, out, sizeof(out));
	return 0;
}
