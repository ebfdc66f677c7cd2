/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The argv for our patched kexec: built here, exec'd by the front end (never a shell). */
#ifndef KEXEC_ARGV_H
#define KEXEC_ARGV_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#define KEXEC_EXTRA_MAPS 9	/* the carry index and up to 8 flash payloads (carry.h) */

struct kexec_map {
	const char *path;
	uint64_t addr;
};

struct kexec_plan {
	const char *kexec;	/* path of the kexec binary */
	const char *kernel, *dtb, *rootfs;	/* paths kexec reads */
	uint64_t addr;		/* physical address of the root image */
	const char *bootargs;
	struct kexec_map extra[KEXEC_EXTRA_MAPS];	/* more --map-file, after the root's */
	unsigned nextra;
};

struct kexec_argv {
	char *argv[8 + KEXEC_EXTRA_MAPS];
	char dtb[PATH_MAX + 8];
	char map[1 + KEXEC_EXTRA_MAPS][PATH_MAX + 32];
	char append[4096 + 16];
};

/* "kexec -l KERNEL --dtb=DTB --map-file=ROOTFS@ADDR [--map-file=...] --append=BOOTARGS";
 * -1 if too long. */
int kexec_argv_load(struct kexec_argv *a, const struct kexec_plan *p);
/* "kexec -e". */
void kexec_argv_exec(struct kexec_argv *a, const char *kexec);

/* argv as one line a POSIX shell would read back into the same words. */
int kexec_argv_quote(char *const *argv, char *buf, size_t buflen);

#endif
