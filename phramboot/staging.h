/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The staging region: RAM the old firmware set aside at boot for trials, where phramboot
 * receive writes a root image straight from the network, so that the image needs no
 * tmpfs copy and no kexec segment (kexec_load's half-of-RAM rule then bounds only the
 * kernel and DTB).
 *
 * A board declares it once, at boot, in one of two standard ways: on the command line,
 * memmap=SIZE$ADDR (so the kernel keeps off it) and phram.phram=staging,ADDR,SIZE; or in
 * its DTB, a /reserved-memory node with compatible "phram", label "staging" and no-map.
 * Either way the old firmware sees an MTD named "staging" over that RAM.
 *
 * The region's first page says what it holds, in text:
 *
 *   phramboot-staged 1
 *   id <bundle id>
 *   size <root image bytes>
 *   sha256 <hex>
 *
 * written only after every byte of the image checked against the signed manifest; any
 * other first page (zeros, as receive leaves it while writing) is an empty region. The
 * root image follows at STAGING_HEADER.
 */
#ifndef STAGING_H
#define STAGING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define STAGING_NAME "staging"
#define STAGING_HEADER 4096u
#define STAGING_MAGIC "phramboot-staged 1\n"

struct staging {
	char dev[32];		/* /dev/mtdN */
	unsigned index;		/* N */
	uint64_t addr, size;	/* the region in physical memory */
	const char *source;	/* where addr came from: the command line or the DT */
};

struct staged {
	char id[17];
	uint64_t size;
	uint8_t sha256[32];
};

/* Pure parts, for the tests and the fuzzers. */
/* "phram.phram=staging,ADDR,SIZE[,...]" on a command line: 0 with addr and size, 1 none,
 * -1 malformed. */
int staging_from_cmdline(const char *cmdline, uint64_t *addr, uint64_t *size);
/* The same from a DTB's /reserved-memory. */
int staging_from_fdt(const void *fdt, size_t len, uint64_t *addr, uint64_t *size);
/* The MTD named "staging" in /proc/mtd text: its index and size, 1 none, -1 malformed. */
int staging_from_proc_mtd(const char *text, size_t len, unsigned *index, uint64_t *size);
/* A first page: 0 and *s if it names a staged image, 1 if the region is empty. */
int staging_parse_header(const char *page, size_t len, struct staged *s);
/* The first page for s, STAGING_HEADER bytes, zero-padded. */
void staging_format_header(const struct staged *s, char page[STAGING_HEADER]);

/* This board's region: 0 and *s, 1 none (err says why not), -1 a region declared
 * inconsistently (its MTD and its declaration disagree). */
int staging_find(struct staging *s, char *err, size_t errlen);
/* What it holds: 0 and *st, 1 empty, -1 unreadable. */
int staging_read(const struct staging *s, struct staged *st, char *err, size_t errlen);
/* Marks it empty (the first page zeroed). */
int staging_clear(const struct staging *s, char *err, size_t errlen);
/* Marks it as holding st (after the image was checked). */
int staging_mark(const struct staging *s, const struct staged *st, char *err, size_t errlen);
/* Hashes the staged image again against st (what kexec will not copy, checked just
 * before the boot). */
int staging_verify(const struct staging *s, const struct staged *st, char *err, size_t errlen);

#endif
