/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The places commit writes: a raw MTD partition (NOR or NAND), a UBI volume, a block
 * device or a byte range of one, opened from a layout device (layout.h).
 */
#ifndef FLASHDEV_H
#define FLASHDEV_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "layout.h"

struct flashdev {
	struct layout_dev spec;
	char path[PATH_MAX];	/* /dev/mtdN, /dev/ubiX_Y or the block device */
	int fd;
	uint64_t base;		/* where the usable bytes start in fd (block ranges) */
	uint64_t size;		/* usable bytes (UBI: the volume's reserved size) */
	uint32_t unit;		/* MTD erase block; UBI logical erase block; block: 64 KiB */
	bool nand;
	/* UBI only */
	int ubi_dev, ubi_vol;
	uint64_t ubi_free;	/* bytes the UBI device could still give the volume */
	bool ubi_static;
};

/* Resolves spec and opens it (read-only unless writable). UBI: attaches the partition
 * first if no UBI device has it. */
int flashdev_open(const struct layout_dev *spec, bool writable, struct flashdev *d, char *err,
		  size_t errlen);
void flashdev_close(struct flashdev *d);

/* Can len bytes go there (NAND: counting good blocks; UBI: with a resize if needed)? */
int flashdev_fits(struct flashdev *d, uint64_t len, char *err, size_t errlen);

/* One step of a commit is about to happen: return nonzero to stop before it (tests). */
typedef int flashdev_step_fn(void *ctx, const char *what, uint64_t block);

struct flashdev_stats {
	unsigned blocks, written, skipped, bad;
};

/* Writes len bytes read from src at src_off: erase, write, read back and compare, unit
 * by unit, skipping units that already hold the bytes (MTD and block devices) and NAND
 * bad blocks. UBI: one volume update (UBI_IOCVOLUP), resized first if too small, then
 * read back; skipped whole when the volume already holds the bytes. With dry_run,
 * nothing is written and stats say what would be. */
int flashdev_write(struct flashdev *d, int src, uint64_t src_off, uint64_t len, bool dry_run,
		   flashdev_step_fn *step, void *ctx, struct flashdev_stats *st, char *err,
		   size_t errlen);

/* SHA-256 of the first len bytes (NAND: of the good blocks, in order). */
int flashdev_sha256(struct flashdev *d, uint64_t len, uint8_t out[32], char *err, size_t errlen);

/* Raw access for the journal (MTD and block only): read, erase one unit, write. */
int flashdev_pread(struct flashdev *d, void *buf, size_t len, uint64_t off, char *err, size_t errlen);
int flashdev_erase(struct flashdev *d, uint64_t off, char *err, size_t errlen);
int flashdev_pwrite(struct flashdev *d, const void *buf, size_t len, uint64_t off, char *err,
		    size_t errlen);

/* "/dev/mtdN" for the MTD partition called name, from /proc/mtd. */
int flashdev_mtd_path(const char *name, char *path, size_t len, char *err, size_t errlen);

#endif
