/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * phramboot receive: a bundle from standard input, as
 *
 *   tar -C result -cf - manifest manifest.sig kernel dtb rootfs | ssh router phramboot receive
 *
 * sends it: the manifest and its signature first, verified before any other byte is
 * accepted; then each file the manifest names, once, hashed as it streams and checked
 * against the manifest at its end. The root image goes straight into the board's staging
 * region when it has one (staging.h), else into the bundle directory with the rest. The
 * directory appears only when all of it checked out; a refused stream leaves nothing but
 * an empty staging region.
 */
#ifndef RECEIVE_H
#define RECEIVE_H

#include <stdbool.h>

#define RECEIVE_DIR_DEFAULT "/tmp/phramboot-bundle"

struct receive_opts {
	const char *dir;	/* --dir (default RECEIVE_DIR_DEFAULT) */
	const char *keys;	/* --key */
	bool insecure;		/* a stream without manifest.sig */
	bool no_staging;	/* --no-staging: the root image goes to the directory too */
};

/* Reads the stream from fd; prints its own messages; returns an exit code. */
int receive_run(const struct receive_opts *o, int fd);

#endif
