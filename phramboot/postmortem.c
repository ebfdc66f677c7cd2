/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "postmortem.h"
#include "status.h"

#define CMDLINE "Kernel command line: "
#define PANIC "Kernel panic - not syncing: "

/* The kernel's own last words on an orderly end (kernel/reboot.c, kernel/kexec_core.c). */
static const char *const clean_endings[] = {
	"reboot: Restarting system", "reboot: Power down", "reboot: System halted",
	"Starting new kernel",
};

/* n bytes of a line, without trailing blanks, into out (truncated to fit). */
static void copy_line(const char *s, size_t n, char *out, size_t outlen)
{
	while (n && (s[n - 1] == '\r' || s[n - 1] == ' '))
		n--;
	if (n >= outlen)
		n = outlen - 1;
	memcpy(out, s, n);
	out[n] = '\0';
}

long postmortem_find_in_line(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle);

	for (size_t i = 0; i + k <= n; i++)
		if (!memcmp(s + i, needle, k))
			return (long)(i + k);
	return -1;
}

void postmortem_judge(const char *log, size_t len, const char *this_trial, size_t tail_max,
		      struct postmortem *pm)
{
	char trial[64] = "", started[64] = "", cmd[1024], budget[16];
	bool ended = false, kexec_after_start = false, drill = false;
	long at;

	memset(pm, 0, sizeof(*pm));
	for (size_t off = 0; off < len;) {
		const char *s = log + off, *nl = memchr(s, '\n', len - off);
		size_t n = nl ? (size_t)(nl - s) : len - off;

		pm->lines++;
		if ((at = postmortem_find_in_line(s, n, CMDLINE)) >= 0) {
			copy_line(s + at, n - (size_t)at, cmd, sizeof(cmd));
			if (!status_trial_id(cmd, trial, sizeof(trial)))
				trial[0] = '\0';
			drill = status_cmdline_arg(cmd, "phramboot.drill", budget, sizeof(budget));
		}
		if ((at = postmortem_find_in_line(s, n, PANIC)) >= 0 && !pm->panic[0])
			copy_line(s + at, n - (size_t)at, pm->panic, sizeof(pm->panic));
		if ((at = postmortem_find_in_line(s, n, POSTMORTEM_STARTING)) >= 0) {
			copy_line(s + at, n - (size_t)at, started, sizeof(started));
			started[strcspn(started, " ")] = '\0';
			kexec_after_start = false;
		}
		for (size_t i = 0; i < sizeof(clean_endings) / sizeof(clean_endings[0]); i++) {
			if (postmortem_find_in_line(s, n, clean_endings[i]) < 0)
				continue;
			snprintf(pm->ending, sizeof(pm->ending), "%s", clean_endings[i]);
			ended = true;
			/* The launcher's kernel handing over to the trial it named. */
			if (started[0] && !strcmp(clean_endings[i], "Starting new kernel"))
				kexec_after_start = true;
		}
		off += n + (nl ? 1 : 0);
	}

	/* The tail: the last tail_max lines; a final newline ends a line, it starts none. */
	pm->tail_off = len;
	for (size_t p = len && log[len - 1] == '\n' ? len - 1 : len; p && pm->tail_lines < tail_max;) {
		size_t q = p;

		while (q && log[q - 1] != '\n')
			q--;
		pm->tail_lines++;
		pm->tail_off = q;
		if (!q)
			break;
		p = q - 1;
	}

	if (trial[0]) {
		snprintf(pm->trial_id, sizeof(pm->trial_id), "%s", trial);
		if (drill) {
			pm->verdict = PM_DRILL;
			return;
		}
		pm->verdict = pm->panic[0] ? PM_TRIAL_PANIC : ended ? PM_TRIAL_CLEAN : PM_TRIAL_NO_END;
		return;
	}
	if (started[0] && kexec_after_start) {
		snprintf(pm->trial_id, sizeof(pm->trial_id), "%s", started);
		/* Read from inside that very trial, this is its launcher's log. */
		pm->verdict = this_trial && !strcmp(this_trial, started) ? PM_LAUNCHER : PM_TRIAL_NO_LOG;
		return;
	}
	pm->verdict = PM_NOT_TRIAL;
}

void postmortem_describe(const struct postmortem *pm, char *buf, size_t buflen)
{
	switch (pm->verdict) {
	case PM_NOT_TRIAL:
		snprintf(buf, buflen, "not a trial%s%s", pm->panic[0] ? "; it panicked: " : "", pm->panic);
		break;
	case PM_LAUNCHER:
		snprintf(buf, buflen, "the system that started this trial (%s)", pm->trial_id);
		break;
	case PM_TRIAL_CLEAN:
		snprintf(buf, buflen, "trial %s ended cleanly (%s)", pm->trial_id, pm->ending);
		break;
	case PM_TRIAL_PANIC:
		snprintf(buf, buflen, "trial %s failed: kernel panic: %s", pm->trial_id, pm->panic);
		break;
	case PM_TRIAL_NO_END:
		snprintf(buf, buflen, "trial %s failed: it never shut down, so the watchdog reset the board (a hang, or its health check stopped the petting)",
			 pm->trial_id);
		break;
	case PM_DRILL:
		snprintf(buf, buflen, "drill %s (the drill: line says how it went)", pm->trial_id);
		break;
	case PM_TRIAL_NO_LOG:
		snprintf(buf, buflen, "trial %s failed before its kernel started pstore/ramoops: it left no log (an early hang or panic, or a kernel without ramoops)",
			 pm->trial_id);
		break;
	}
}
