/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The last boot's console log, as pstore presents it after a warm reset. */
#ifndef PSTORE_H
#define PSTORE_H

#include <stddef.h>

#define PSTORE_DIR "/sys/fs/pstore"

/* Reads DIR's console record (console-ramoops-0, or another console-* backend's) into
 * a malloc'd buffer. 0 on success; 1 when there is none, with the reason and what to do
 * in err; -1 on an I/O error. */
int pstore_console_log(const char *dir, char **log, size_t *len, char *err, size_t errlen);

#endif
