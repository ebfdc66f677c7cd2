/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Whole-file reads and careful writes for the front end. */
#ifndef FILEIO_H
#define FILEIO_H

#include <stddef.h>

/* Opens a regular file for reading, and nothing else: flags may add O_NOFOLLOW (a
 * symbolic link is then refused) and O_CLOEXEC. The type is checked before the open and
 * again after it, and the open does not block: a FIFO would hang open() until someone
 * writes to it, and opening a device runs its driver (opening /dev/watchdog0 starts the
 * watchdog). Returns the descriptor, or -1 with err ("not a regular file", ...). */
int open_regular(const char *path, int flags, char *err, size_t errlen);

/* Reads at most max bytes (more is an error) of a regular file into a malloc'd,
 * NUL-terminated buffer; read_file follows symbolic links, read_file_nofollow refuses
 * them (for files that arrive from elsewhere: bundles, --iomem, ...). */
int read_file(const char *path, size_t max, char **buf, size_t *len, char *err,
	      size_t errlen);
int read_file_nofollow(const char *path, size_t max, char **buf, size_t *len, char *err,
		       size_t errlen);
/* Same from an open descriptor (regular file or /proc file alike). */
int read_fd(int fd, size_t max, char **buf, size_t *len, char *err, size_t errlen);

/* All of buf to fd, across short writes and EINTR: 0, or -errno (-ENOSPC if write()
 * returned 0). */
int write_all(int fd, const void *buf, size_t len);

/* Writes len bytes to a new file (O_EXCL: never overwrites) with mode. */
int write_new_file(const char *path, const void *buf, size_t len, int mode, char *err,
		   size_t errlen);

/* dir + "/" + name into out; -1 if it does not fit. */
int path_join(char *out, size_t outlen, const char *dir, const char *name);

#endif
