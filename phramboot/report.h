/* SPDX-License-Identifier: GPL-2.0-or-later */
/* How the front end says it failed: one line on stderr, the exit code returned. */
#ifndef REPORT_H
#define REPORT_H

/* "phramboot: fatal: <fmt>\n" on stderr, after what stdout holds; returns code. */
__attribute__((format(printf, 2, 3)))
int fatal(int code, const char *fmt, ...);

#endif
