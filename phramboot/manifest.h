/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The bundle manifest: a small line-based text format, signed as a whole. Version 1:
 *
 *   phramboot-manifest 1
 *   kernel <file> <size> <sha256-hex>
 *   dtb <file> <size> <sha256-hex>
 *   rootfs <file> <size> <sha256-hex>
 *   arch <machine> <bits> <little|big> <elf|zimage|image>
 *   append <extra kernel command line, to the end of the line; may be empty>
 *
 * Every key exactly once, in any order after the first line; unknown keys are errors
 * (a new key means a new version). File names are plain names inside the bundle.
 */
#ifndef MANIFEST_H
#define MANIFEST_H

#include <stddef.h>
#include <stdint.h>

#include "elfarch.h"

#define MANIFEST_VERSION 1
#define MANIFEST_MAX (16 * 1024)
#define MANIFEST_NAME_MAX 64
#define MANIFEST_APPEND_MAX 4096
/* Bigger than any router's RAM for years to come; catches corrupt or hostile sizes
 * before they reach mmap or an addition. */
#define MANIFEST_SIZE_MAX (1ull << 40)

enum manifest_file { MF_KERNEL, MF_DTB, MF_ROOTFS, MF_COUNT };

struct manifest_file_entry {
	char name[MANIFEST_NAME_MAX];
	uint64_t size;
	uint8_t sha256[32];
};

struct manifest {
	struct manifest_file_entry file[MF_COUNT];
	struct elfarch arch;	/* machine, bits, endianness, format */
	char append[MANIFEST_APPEND_MAX];
};

extern const char *const manifest_file_key[MF_COUNT];

int manifest_parse(const char *text, size_t len, struct manifest *m, char *err,
		   size_t errlen);
/* Text into buf, NUL-terminated; returns its length or -1 (buf too small or bad field). */
int manifest_format(const struct manifest *m, char *buf, size_t buflen);

#endif
