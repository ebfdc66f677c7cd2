/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer harness: bootargs_check() and bootargs_build() of a manifest's extra arguments. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <elf.h>

#include "bootargs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512];

	static char s[4097], out[4096];
	size_t n = size < sizeof(s) - 1 ? size : sizeof(s) - 1;
	struct bootargs_req r = { .extra = s, .describe = DESCRIBE_CMDLINE, .machine = EM_MIPS,
				  .addr = 0x8000000, .size = 0x400000, .open_timeout = 60, .panic = 5,
				  .root_mtd = 3, .trial_id = "0123456789abcdef", .limit = 4096,
				  .carry_off = 0x300000 };

	memcpy(s, data, n);
	s[n] = 0;
	if (bootargs_check(s, err, sizeof(err)) == 0)
		bootargs_build(&r, out, sizeof(out), err, sizeof(err));
	return 0;
}
