/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer harness: ram_from_fdt() and dtb_edit() of a DTB from a bundle or /sys/firmware/fdt. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dtb.h"
#include "ram.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t seed[DTB_RNG_SEED_LEN];	/* the trial's seed path, as boot.c takes it */
	char err[512];

	struct ram r = { .bank = { { 0x40000000, 0x10000000 } }, .n = 1 };
	struct ramoops ro = { .addr = 0x4c000000, .size = 0x100000, .record_size = 0x20000,
			      .console_size = 0x80000 };
	struct dtb_edit e = { "console=ttyS0 root=/dev/mtdblock0", true, 0x48000000, 0x400000, &ro, &r,
			      seed, sizeof(seed) };
	struct ram got;
	void *out;
	size_t outlen;

	ram_from_fdt(data, size, &got, err, sizeof(err));
	if (dtb_edit(data, size, &e, &out, &outlen, err, sizeof(err)) == 0) {
		dtb_has_memory_node(out);
		free(out);
	}
	return 0;
}
