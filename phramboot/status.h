/* SPDX-License-Identifier: GPL-2.0-or-later */
/* phramboot status: is this a trial, did the last boot end in a watchdog reset. */
#ifndef STATUS_H
#define STATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "wdarm.h"

/* The value of KEY=VALUE in a kernel command line (the last one, as the kernel does);
 * false if absent. */
bool status_cmdline_arg(const char *cmdline, const char *key, char *val, size_t vallen);

/* The bundle id from "phramboot.trial=ID" in a kernel command line; false if absent. */
bool status_trial_id(const char *cmdline, char *id, size_t idlen);

/* The report, several "key: value" lines. info is NULL when no watchdog was found;
 * wd_err then says why. */
void status_format(const char *cmdline, const struct wdarm_info *info, const char *wd_err,
		   char *buf, size_t buflen);

/* Text from a trial's log, for the operator's terminal: control characters other than
 * newline and tab (an ESC sequence can retitle, hide or rewrite what is shown; a
 * carriage return can overwrite a line) become \xNN, and so does a backslash's own
 * ambiguity: "\\" for "\". Returns the bytes written to out (NUL-terminated when
 * outlen > 0); stops early when out is full. */
size_t status_escape(const char *in, size_t inlen, char *out, size_t outlen);

/* status_escape() straight to a stream. */
void status_put_escaped(FILE *f, const char *in, size_t inlen);

#endif
