/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Running a helper (fw_printenv, fw_setenv): fork and exec, never a shell. */
#ifndef SUBPROC_H
#define SUBPROC_H

#include <stddef.h>

/* Runs argv[0] (an absolute path) with its stdout into out (NUL-terminated; NULL to
 * discard) and its stderr into err for the message. Returns 0 on exit status 0. */
int subproc_run(char *const *argv, char *out, size_t outlen, char *err, size_t errlen);

/* The first of the candidate paths that is executable, or NULL. */
const char *subproc_find(const char *const *candidates);

#endif
