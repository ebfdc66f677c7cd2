/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the last boot's console log, kept by pstore/ramoops across the reset, says about
 * the last trial: a pure judgement of the log's text. */
#ifndef POSTMORTEM_H
#define POSTMORTEM_H

#include <stddef.h>

/* What phramboot writes to /dev/kmsg right before kexec -e, so that the old firmware's
 * own log tells which trial it started. */
#define POSTMORTEM_STARTING "phramboot: starting trial "
/* The same before a drill (drill.h): the drill's judge looks for it, the trial's not. */
#define POSTMORTEM_STARTING_DRILL "phramboot: starting drill "

enum pm_verdict {
	PM_NOT_TRIAL,		/* the last boot was not a trial */
	PM_LAUNCHER,		/* the last boot was the system that started this trial */
	PM_TRIAL_CLEAN,		/* a trial that shut down, rebooted or kexec'd cleanly */
	PM_TRIAL_PANIC,		/* a trial whose kernel panicked */
	PM_TRIAL_NO_END,	/* a trial that never shut down: hung, or stopped petting */
	PM_TRIAL_NO_LOG,	/* a trial was started, but its kernel left no log */
	PM_DRILL,		/* a drill's payload (drill.h judges it) */
};

struct postmortem {
	enum pm_verdict verdict;
	char trial_id[64];	/* the trial the verdict is about */
	char panic[256];	/* "Kernel panic - not syncing: " message, any boot */
	char ending[64];	/* the clean-shutdown line, for PM_TRIAL_CLEAN */
	size_t lines;		/* lines in the log */
	size_t tail_off;	/* offset of the last tail_lines lines */
	size_t tail_lines;
};

/* Judges log (len bytes, need not be NUL-terminated). this_trial is the running
 * system's trial id, or NULL when it is not a trial; tail_max is how many lines the
 * caller wants for the tail. */
void postmortem_judge(const char *log, size_t len, const char *this_trial, size_t tail_max,
		      struct postmortem *pm);

/* Like strstr within one line of n bytes (need not be NUL-terminated): the offset just
 * after needle, or -1. The drill's judge (drill.c) reads the same logs. */
long postmortem_find_in_line(const char *s, size_t n, const char *needle);

/* One line describing pm, for "phramboot status" ("last boot: ..."), into buf. */
void postmortem_describe(const struct postmortem *pm, char *buf, size_t buflen);

#endif
