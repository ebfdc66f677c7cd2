/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Edits of the trial's device tree blob, in memory. */
#ifndef DTB_H
#define DTB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ram.h"
#include "ramoops.h"

/* Larger than any board's device tree; a bigger "DTB" is refused before it is read. */
#define DTB_MAX (4u << 20)

struct dtb_edit {
	const char *bootargs;	/* into /chosen/bootargs */
	bool phram_node;	/* add /reserved-memory/phram@ADDR */
	uint64_t addr, size;
	const struct ramoops *ramoops;	/* add /reserved-memory/ramoops@ADDR; NULL: none */
	const struct ram *ram;	/* replace the memory nodes with one for these banks; NULL: keep */
	const uint8_t *rng_seed;	/* into /chosen/rng-seed; NULL: none */
	size_t rng_seed_len;
};

/* The bytes of fresh randomness a trial's /chosen/rng-seed gets: as many as Linux's
 * own kexec_file_load() puts there (drivers/of/kexec.c). */
#define DTB_RNG_SEED_LEN 128

/* A new, packed blob in *out (malloc'd) with the edits applied; in is not touched. */
int dtb_edit(const void *in, size_t inlen, const struct dtb_edit *e, void **out,
	     size_t *outlen, char *err, size_t errlen);

/* Overwrite /chosen/rng-seed, if any, with zeros, in place (a copy for the eyes). */
void dtb_zero_rng_seed(void *fdt);

/* Does the blob have a /memory node?  A kexec'd malta kernel needs one (docs/platform-notes.md). */
bool dtb_has_memory_node(const void *fdt);

#endif
