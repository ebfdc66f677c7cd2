/* SPDX-License-Identifier: GPL-2.0-or-later */
/* phramboot pack: the build-host side, making a signed bundle directory. */
#ifndef PACK_H
#define PACK_H

#include <stddef.h>

struct pack_opts {
	const char *kernel, *dtb, *rootfs, *append, *key, *out;
};

/* Returns an exit code (0 ok); on failure err holds the reason, and out/ is left as
 * it was found (removed if pack created it). */
int pack_bundle(const struct pack_opts *o, char *err, size_t errlen);

#endif
