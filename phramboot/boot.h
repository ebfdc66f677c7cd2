/* SPDX-License-Identifier: GPL-2.0-or-later */
/* "phramboot DIR": verify, place, describe, arm, kexec. The one path with side effects. */
#ifndef BOOT_H
#define BOOT_H

#include <stdbool.h>
#include <stdint.h>

#include "bootargs.h"

struct boot_opts {
	const char *dir;
	const char *keys;	/* --key */
	const char *iomem;	/* --iomem: a memory map file instead of /proc/iomem */
	const char *kexec;	/* --kexec */
	const char *workdir;	/* --workdir: where the edited DTB is written */
	const char *watchdog;	/* --watchdog DEV */
	const char *machine;	/* --machine NAME[:big|:little], instead of uname */
	const char *append;	/* --append: more kernel arguments */
	const char *save_dtb;	/* --save-dtb FILE: keep a copy of the edited DTB */
	const char *ramoops;	/* --ramoops DIR|none: ramoops parameters to share */
	const char *layout;	/* --layout FILE: where the commit journal is (anti-rollback) */
	bool force_compatible;	/* --force-compatible: boot a bundle for another board */
	bool allow_downgrade;	/* --allow-downgrade: boot below the board's security version */
	bool insecure, dry_run, no_watchdog;
	bool drill;		/* phramboot drill: DIR is a drill bundle (drill.h) */
	bool require_drill;	/* --require-drill: refuse unless a drill passed here */
	bool ram_from_bundle;	/* --ram bundle: keep the bundle DTB's memory node */
	int root_mtd;		/* --root-mtd N; -1: count /proc/mtd */
	enum describe describe;
	int timeout, open_timeout, panic;
	uint64_t erase_size;	/* 0 = page size */
	uint64_t limit;		/* highest end address for the image; 0 = the kernel's lowmem */
	uint64_t memtotal;	/* 0 = /proc/meminfo (or an estimate with --iomem) */
};

/* Prints its own messages; returns an exit code (only if kexec -e did not happen). */
int boot(const struct boot_opts *o);

#endif
