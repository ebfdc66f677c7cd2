/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What a trial carries in RAM so that `phramboot commit` needs nothing else: the signed
 * manifest, its signature and every flash payload, in the one region phram gives the
 * trial as its root device. The root image stays at offset 0 (squashfs ignores what
 * follows its own end); after it, aligned, comes the index, then each payload that is
 * not the root image itself:
 *
 *   0            root image (also the payload of a "flash T @rootfs" line)
 *   index_off    "phramboot-carry 1\n"
 *                "manifest <len>\n" "sig <len>\n" (0: the trial was booted --insecure)
 *                "flash <target> <offset>\n"      one per flash line, offset in the region
 *                "end\n" then the manifest's bytes and the signature's bytes
 *   ...          payloads, each at its offset
 *
 * The trial finds the index by phramboot.carry=<index_off> on its command line. Nothing in
 * the index is trusted: commit verifies the manifest's signature and each payload's hash.
 */
#ifndef CARRY_H
#define CARRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "manifest.h"

#define CARRY_INDEX_MAX (64 * 1024)

#define CARRY_WRAP_MAGIC "phramboot carried payload\n"

struct carry_layout {
	uint64_t index_off, index_len;
	uint64_t flash_off[MANIFEST_FLASH_MAX];	/* where the payload's own bytes start */
	bool wrapped[MANIFEST_FLASH_MAX];	/* a header page precedes it (see above) */
	uint64_t total;		/* bytes of the region, a multiple of align */
};

/* Where everything goes for manifest m (rootfs first), every piece aligned; fdt[i]: flash
 * payload i begins with the FDT magic, so it is wrapped. With no flash lines total is the
 * aligned root image alone and index_len 0. */
int carry_plan(const struct manifest *m, uint64_t align, uint64_t index_len, const bool *fdt,
	       struct carry_layout *l, char *err, size_t errlen);

/* The index into buf (NUL not counted); -1 if it does not fit. */
int carry_format_index(const struct manifest *m, const struct carry_layout *l,
		       const char *manifest, size_t manifest_len, const char *sig, size_t sig_len,
		       char *buf, size_t buflen);

struct carry_index {
	const char *manifest, *sig;	/* into the parsed buffer; sig NULL if none */
	size_t manifest_len, sig_len;
	unsigned nflash;
	char target[MANIFEST_FLASH_MAX][MANIFEST_TARGET_MAX];
	uint64_t offset[MANIFEST_FLASH_MAX];
};

int carry_parse_index(const char *buf, size_t len, struct carry_index *c, char *err,
		      size_t errlen);

#endif
