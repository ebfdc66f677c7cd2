/* SPDX-License-Identifier: GPL-2.0-or-later */
/* phramboot status: is this a trial, did the last boot end in a watchdog reset. */
#ifndef STATUS_H
#define STATUS_H

#include <stdbool.h>
#include <stddef.h>

#include "wdarm.h"

/* The bundle id from "phramboot.trial=ID" in a kernel command line; false if absent. */
bool status_trial_id(const char *cmdline, char *id, size_t idlen);

/* The report, several "key: value" lines. info is NULL when no watchdog was found;
 * wd_err then says why. */
void status_format(const char *cmdline, const struct wdarm_info *info, const char *wd_err,
		   char *buf, size_t buflen);

#endif
