/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Board binding: which boards a bundle is for (its manifest's compatible line) against
 * what this board is (the root node's compatible property of its device tree). */
#ifndef BOARD_H
#define BOARD_H

#include <stdbool.h>
#include <stddef.h>

#include "manifest.h"

#define BOARD_COMPAT_PATHS { "/proc/device-tree/compatible", "/sys/firmware/devicetree/base/compatible" }

struct board {
	char compatible[MANIFEST_COMPAT_MAX][MANIFEST_COMPAT_LEN];	/* most specific first */
	unsigned n;
};

/* A compatible property's value: NUL-terminated strings, one after another. */
int board_parse(const char *prop, size_t len, struct board *b, char *err, size_t errlen);

/* This board's, from the running kernel's device tree. */
int board_read(struct board *b, char *err, size_t errlen);

/* Does the bundle name one of the board's compatible strings? */
bool board_matches(const struct board *b, const struct manifest *m);

/* "a, b, c" into buf. */
void board_describe(const char (*list)[MANIFEST_COMPAT_LEN], unsigned n, char *buf, size_t len);

#endif
