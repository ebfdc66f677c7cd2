/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Error reporting shared by the pure modules: a function that fails writes one line
 * (no program name, no newline) into the caller's buffer and returns -1, so the front
 * end alone decides how to print it and which exit code it means.
 */
#ifndef ERRBUF_H
#define ERRBUF_H

#include <stddef.h>

__attribute__((format(printf, 3, 4)))
int seterr(char *err, size_t errlen, const char *fmt, ...);

/* Formats onto the end of buf (len bytes, *used of them taken, NUL-terminated): 0, or -1
 * when it does not fit (the text so far stays). For the formatters of manifests, carry
 * indexes and status reports, which refuse to write half a line. */
__attribute__((format(printf, 4, 5)))
int bufprintf(char *buf, size_t len, size_t *used, const char *fmt, ...);

#endif
