/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The device's flash layout for `phramboot commit`: /etc/phramboot/layout, one
 * directive per line, # comments:
 *
 *   layout ab|single
 *   slot NAME ROLE=DEV...     ab: two slots (the bootloader boots one), single: one
 *   target ROLE DEV           written in place whatever the slot (a data volume)
 *   env BOOTVAR TRYVAR        ab: the U-Boot variables (default boot_slot try_slot)
 *   journal DEV               where commit records its steps (journal.h)
 *
 * ROLE is a flash target name of the manifest (kernel, dtb, rootfs, ...). DEV is
 *   mtd:NAME           the MTD partition NAME in /proc/mtd (NOR or NAND)
 *   ubi:MTD/VOLUME     UBI volume VOLUME on the UBI device attached to partition MTD
 *   block:PATH[@OFFSET+SIZE]  a block device, or a byte range of one
 */
#ifndef LAYOUT_H
#define LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LAYOUT_ROLES 8
#define LAYOUT_NAME_MAX 64
#define LAYOUT_DEFAULT "/etc/phramboot/layout"

enum layout_kind { DEV_MTD, DEV_UBI, DEV_BLOCK };

struct layout_dev {
	enum layout_kind kind;
	char name[LAYOUT_NAME_MAX];	/* MTD name, or block device path */
	char volume[LAYOUT_NAME_MAX];	/* UBI volume name */
	uint64_t offset, size;		/* block: a byte range; size 0 = to the end */
};

struct layout_set {
	char name[16];
	unsigned n;
	char role[LAYOUT_ROLES][32];
	struct layout_dev dev[LAYOUT_ROLES];
};

struct layout {
	bool ab;
	unsigned nslots;
	struct layout_set slot[2];
	struct layout_set shared;	/* `target` lines */
	char var_boot[32], var_try[32];
	bool has_journal;
	struct layout_dev journal;
};

int layout_parse(const char *text, size_t len, struct layout *l, char *err, size_t errlen);

/* The device role names in slot (or in the shared targets), or NULL. */
const struct layout_dev *layout_find(const struct layout *l, const struct layout_set *slot,
				     const char *role);

/* "mtd:NAME" and so on, for messages. */
void layout_dev_describe(const struct layout_dev *d, char *buf, size_t len);

#endif
