/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Whole-file reads and careful writes for the front end. */
#ifndef FILEIO_H
#define FILEIO_H

#include <stddef.h>

/* Reads at most max bytes (more is an error) into a malloc'd, NUL-terminated buffer. */
int read_file(const char *path, size_t max, char **buf, size_t *len, char *err,
	      size_t errlen);
/* Same from an open descriptor (regular file or /proc file alike). */
int read_fd(int fd, size_t max, char **buf, size_t *len, char *err, size_t errlen);

/* Writes len bytes to a new file (O_EXCL: never overwrites) with mode. */
int write_new_file(const char *path, const void *buf, size_t len, int mode, char *err,
		   size_t errlen);

/* dir + "/" + name into out; -1 if it does not fit. */
int path_join(char *out, size_t outlen, const char *dir, const char *name);

#endif
