/* SPDX-License-Identifier: GPL-2.0-or-later */
/* phramboot pack: the build-host side, making a signed bundle directory. */
#ifndef PACK_H
#define PACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "manifest.h"

struct pack_flash {
	const char *target;	/* a role in the device's layout: kernel, rootfs, ... */
	const char *src;	/* a file, or @kernel, @dtb, @rootfs: that bundle file itself */
};

struct pack_opts {
	const char *kernel, *dtb, *rootfs, *append, *key, *out;
	struct pack_flash flash[MANIFEST_FLASH_MAX];
	unsigned nflash;
	const char *compatible[MANIFEST_COMPAT_MAX];	/* --compatible, the boards it is for */
	unsigned ncompatible;
	bool has_security_version;
	uint32_t security_version;	/* --security-version */
};

/* Returns an exit code (0 ok); on failure err holds the reason, and out/ is left as
 * it was found (removed if pack created it). */
int pack_bundle(const struct pack_opts *o, char *err, size_t errlen);

#endif
