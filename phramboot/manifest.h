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
 *
 * Version 2 adds flash payloads, what `phramboot commit` writes once the trial proved
 * itself, zero to MANIFEST_FLASH_MAX lines of
 *
 *   flash <target> <file> <size> <sha256-hex>
 *
 * where target names a partition or volume role in the device's layout file (kernel,
 * rootfs, ...). file may be the kernel, dtb or rootfs file itself (then size and hash
 * must be the same): flashing the very root image the trial ran from. And, each at most
 * once:
 *
 *   compatible <board> [<board>...]   device tree compatible strings of the boards the
 *                                     bundle is for (phramboot refuses any other board)
 *   security-version <n>              0 to 2^32-1; a board refuses bundles below the
 *                                     version it committed last (anti-rollback)
 *
 * pack writes version 1 when there is none of these, so older phramboots still read such
 * bundles; version 2 has at least one of them.
 */
#ifndef MANIFEST_H
#define MANIFEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "elfarch.h"

#define MANIFEST_VERSION 2	/* the highest this phramboot reads */
#define MANIFEST_FLASH_MAX 8
#define MANIFEST_TARGET_MAX 32
#define MANIFEST_COMPAT_MAX 8
#define MANIFEST_COMPAT_LEN 64
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

struct manifest_flash {
	char target[MANIFEST_TARGET_MAX];
	struct manifest_file_entry f;
	int same_as;		/* MF_* whose file this is, or -1 */
};

struct manifest {
	unsigned version;
	struct manifest_file_entry file[MF_COUNT];
	struct manifest_flash flash[MANIFEST_FLASH_MAX];
	unsigned nflash;
	char compatible[MANIFEST_COMPAT_MAX][MANIFEST_COMPAT_LEN];
	unsigned ncompatible;	/* 0: the bundle names no board (any board takes it) */
	bool has_security_version;
	uint32_t security_version;
	struct elfarch arch;	/* machine, bits, endianness, format */
	char append[MANIFEST_APPEND_MAX];
};

extern const char *const manifest_file_key[MF_COUNT];

int manifest_parse(const char *text, size_t len, struct manifest *m, char *err,
		   size_t errlen);
/* Text into buf, NUL-terminated; returns its length or -1 (buf too small or bad field).
 * Version 2 if there are flash lines, else 1; same_as is derived from the names. */
int manifest_format(const struct manifest *m, char *buf, size_t buflen);

/* A valid flash target name: [a-z0-9_-], 1 to MANIFEST_TARGET_MAX - 1 characters. */
int manifest_valid_target(const char *s, size_t n);
/* A valid compatible string: printable, no space, 1 to MANIFEST_COMPAT_LEN - 1 characters. */
int manifest_valid_compatible(const char *s, size_t n);

#endif
