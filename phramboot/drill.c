/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commit.h"
#include "drill.h"
#include "drill_log.h"
#include "errbuf.h"
#include "journal.h"
#include "layout.h"
#include "postmortem.h"
#include "pstore.h"
#include "wdarm.h"

static const char *const what_name[DRILL_WHAT_COUNT] = {
	[DRILL_STARTED] = "started", [DRILL_PASSED] = "passed", [DRILL_WD_STOPPED] = "wd-stopped",
	[DRILL_NO_PSTORE] = "no-pstore", [DRILL_NO_START] = "no-start", [DRILL_PANIC] = "panic",
	[DRILL_LOST] = "lost", [DRILL_ABORTED] = "aborted",
};

/* A value with no blanks: what the record format can hold (spaces become '_'). */
static void copy_word(char *out, size_t outlen, const char *in, size_t n)
{
	size_t i;

	if (!outlen)
		return;
	for (i = 0; i < n && i + 1 < outlen && in[i]; i++)
		out[i] = (in[i] == ' ' || in[i] == '\t' || in[i] == '\n' || (unsigned char)in[i] < ' ') ? '_' : in[i];
	out[i] = '\0';
	if (!out[0] && outlen > 1)
		strcpy(out, "-");
}

static int parse_int_field(const char *v, size_t n, int *out)
{
	char buf[16], *end;
	long x;

	if (!n || n >= sizeof(buf))
		return -1;
	memcpy(buf, v, n);
	buf[n] = '\0';
	errno = 0;
	x = strtol(buf, &end, 10);
	if (errno || *end || x < -1 || x > INT_MAX)
		return -1;
	*out = (int)x;
	return 0;
}

int drill_rec_parse(const char *text, struct drill_rec *r)
{
	char what[24];
	unsigned long floor;
	int used = 0;
	const char *p;

	memset(r, 0, sizeof(*r));
	r->after = -1;
	if (sscanf(text, JOURNAL_DRILL_VERB " %16s - %u/2 sv=%lu %23s%n", r->id, &r->step, &floor, what,
		   &used) != 4 || (r->step != 1 && r->step != 2))
		return -1;
	r->what = DRILL_WHAT_COUNT;
	for (int i = 0; i < DRILL_WHAT_COUNT; i++)
		if (!strcmp(what, what_name[i]))
			r->what = (enum drill_what)i;
	if (r->what == DRILL_WHAT_COUNT || (r->step == 1) != (r->what == DRILL_STARTED))
		return -1;
	strcpy(r->kernel, "-");
	strcpy(r->wd, "-");
	strcpy(r->driver, "-");
	for (p = text + used; *p;) {
		const char *key, *eq, *val;
		size_t n;

		while (*p == ' ')
			p++;
		if (!*p)
			break;
		key = p;
		n = strcspn(p, " ");
		p += n;
		eq = memchr(key, '=', n);
		if (!eq)
			return -1;
		val = eq + 1;
		n -= (size_t)(val - key);
#define IS(k) ((size_t)(eq - key) == sizeof(k) - 1 && !memcmp(key, k, sizeof(k) - 1))
		if (IS("kernel"))
			copy_word(r->kernel, sizeof(r->kernel), val, n);
		else if (IS("wd"))
			copy_word(r->wd, sizeof(r->wd), val, n);
		else if (IS("driver"))
			copy_word(r->driver, sizeof(r->driver), val, n);
		else if (IS("timeout") ? parse_int_field(val, n, &r->timeout) :
			 IS("budget") ? parse_int_field(val, n, &r->budget) :
			 IS("after") ? parse_int_field(val, n, &r->after) : 0)
			return -1;
		else if (IS("pstore"))
			r->pstore = n == 3 && !memcmp(val, "yes", 3);
		/* Other keys: a later phramboot's; ignored. */
#undef IS
	}
	return 0;
}

int drill_rec_format(const struct drill_rec *r, char *head, size_t headlen, char *detail,
		     size_t detaillen)
{
	char kernel[65], wd[64], driver[64];

	if (r->what >= DRILL_WHAT_COUNT)
		return -1;
	copy_word(kernel, sizeof(kernel), r->kernel, sizeof(kernel));
	copy_word(wd, sizeof(wd), r->wd, sizeof(wd));
	copy_word(driver, sizeof(driver), r->driver, sizeof(driver));
	if (snprintf(head, headlen, JOURNAL_DRILL_VERB " %s - %u/2", r->id[0] ? r->id : "-",
		     r->what == DRILL_STARTED ? 1 : 2) >= (int)headlen)
		return -1;
	if (snprintf(detail, detaillen, "%s kernel=%s wd=%s driver=%s timeout=%d budget=%d pstore=%s after=%d",
		     what_name[r->what], kernel, wd, driver, r->timeout, r->budget, r->pstore ? "yes" : "no",
		     r->after) >= (int)detaillen)
		return -1;
	return 0;
}

/* Does the line (n bytes) at s name drill id right after what, followed by a blank? */
static bool names_drill(const char *s, size_t n, const char *what, const char *id, long *after)
{
	long at = postmortem_find_in_line(s, n, what);
	size_t k = strlen(id);

	if (at < 0 || (size_t)at + k > n || memcmp(s + at, id, k))
		return false;
	if ((size_t)at + k < n && s[at + k] != ' ' && s[at + k] != ':')
		return false;
	*after = (long)at + (long)k;
	return true;
}

/* The number after "up=" in the n bytes at s, or -1. */
static int up_value(const char *s, size_t n)
{
	long at = postmortem_find_in_line(s, n, "up=");
	int v = 0;

	if (at < 0 || (size_t)at >= n || s[at] < '0' || s[at] > '9')
		return -1;
	for (size_t i = (size_t)at; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
		if (v > INT_MAX / 10 - 1)
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

#define PANIC "Kernel panic - not syncing: "

void drill_judge(const char *log, size_t len, const struct drill_rec *start, struct drill_rec *result,
		 char *panic, size_t paniclen)
{
	bool started = false, gave_up = false, launcher = false, panicked = false;
	int up = -1;

	*result = *start;
	result->step = 2;
	result->after = -1;
	if (panic && paniclen)
		panic[0] = '\0';
	if (!log) {
		result->what = DRILL_NO_PSTORE;
		return;
	}
	for (size_t off = 0; off < len;) {
		const char *s = log + off, *nl = memchr(s, '\n', len - off);
		size_t n = nl ? (size_t)(nl - s) : len - off;
		long at;

		if (names_drill(s, n, DRILL_LOG_STARTED, start->id, &at))
			started = true;
		if (names_drill(s, n, DRILL_LOG_UP, start->id, &at) || names_drill(s, n, DRILL_LOG_GAVE_UP, start->id, &at)) {
			int v = up_value(s + at, n - (size_t)at);

			if (v >= 0)
				up = v;
			if (postmortem_find_in_line(s, n, DRILL_LOG_GAVE_UP) >= 0)
				gave_up = true;
		}
		if (names_drill(s, n, POSTMORTEM_STARTING_DRILL, start->id, &at))
			launcher = true;
		if ((at = postmortem_find_in_line(s, n, PANIC)) >= 0 && !panicked) {
			panicked = true;
			if (panic && paniclen) {
				size_t k = n - (size_t)at < paniclen - 1 ? n - (size_t)at : paniclen - 1;

				memcpy(panic, s + at, k);
				panic[k] = '\0';
			}
		}
		off += n + (nl ? 1 : 0);
	}
	/* The payload counts a second late at most: the reset came before up + 1. */
	result->after = up >= 0 ? up + 1 : -1;
	if (started || up >= 0)
		result->what = gave_up ? DRILL_WD_STOPPED : panicked ? DRILL_PANIC : DRILL_PASSED;
	else if (!start->pstore)
		/* No region was shared with the payload: whatever pstore holds is older. */
		result->what = DRILL_NO_PSTORE;
	else if (panicked || launcher)
		/* The payload's kernel died before init, or never ran (the launcher's log). */
		result->what = DRILL_NO_START;
	else
		result->what = DRILL_LOST;
}

void drill_describe(const struct drill_rec *r, char *buf, size_t buflen)
{
	char on[256], name[32];

	snprintf(on, sizeof(on), "kernel %s, watchdog %s (%s)", r->kernel, r->wd, r->driver);
	if (wdarm_sysfs_name(r->wd, name, sizeof(name)) < 0)
		snprintf(name, sizeof(name), "watchdogN");
	switch (r->what) {
	case DRILL_STARTED:
		snprintf(buf, buflen, "drill %s started (%s), no result yet", r->id, on);
		break;
	case DRILL_PASSED:
		if (r->after >= 0)
			snprintf(buf, buflen, "passed: the watchdog reset the board %d s into drill %s (timeout %d s), the old firmware is back, pstore kept the log (%s)",
				 r->after, r->id, r->timeout, on);
		else
			snprintf(buf, buflen, "passed: the watchdog reset the board during drill %s (timeout %d s), the old firmware is back, pstore kept the log (%s)",
				 r->id, r->timeout, on);
		break;
	case DRILL_WD_STOPPED:
		snprintf(buf, buflen, "failed: the watchdog was stopped across kexec: drill %s waited %d s without a reset and rebooted the board itself (%s); the old kernel must keep the watchdog running through kexec (kernel-patches/: phramboot writes 1 to " WDARM_CLASS_DIR "/%s/" WDARM_KEEP_ATTR "), and its driver must leave stopping the timer at reboot to the watchdog core, with no shutdown or reboot hook of its own",
			 r->id, r->after >= 0 ? r->after : r->budget, on, name);
		break;
	case DRILL_NO_PSTORE:
		if (r->pstore)
			snprintf(buf, buflen, "failed: no pstore: the board came back from drill %s, but its log did not survive the reset, so a failed trial would leave none (%s); the bootloader or the reset clears that RAM: move the ramoops region, or keep U-Boot from touching it",
				 r->id, on);
		else
			snprintf(buf, buflen, "failed: no pstore: the board came back from drill %s, but it has no ramoops region, so a failed trial would leave no log (%s); reserve one (a ramoops node in the DTB, or ramoops.mem_address= and ramoops.mem_size=, CONFIG_PSTORE_RAM)",
				 r->id, on);
		break;
	case DRILL_NO_START:
		snprintf(buf, buflen, "failed: kexec did not start the drill payload %s: the log is the old firmware's, or its kernel died before init (%s); check the payload's kernel and DTB (phramboot drill --dry-run) and the kexec-tools patches",
			 r->id, on);
		break;
	case DRILL_PANIC:
		snprintf(buf, buflen, "failed: the drill payload's kernel panicked (drill %s, %s); see phramboot status --log",
			 r->id, on);
		break;
	case DRILL_LOST:
		snprintf(buf, buflen, "unknown: the last boot's log is not drill %s's: the board was rebooted since (run phramboot status on the first boot after a drill) (%s)",
			 r->id, on);
		break;
	case DRILL_ABORTED:
		snprintf(buf, buflen, "not run: phramboot drill %s stopped before kexec (%s)", r->id, on);
		break;
	default:
		snprintf(buf, buflen, "unknown");
	}
}

void drill_driver_name(const char *dev, char *buf, size_t buflen)
{
	const char *base = strrchr(dev, '/');
	char path[PATH_MAX], link[PATH_MAX], text[64] = "";
	FILE *f;
	ssize_t n;

	base = base ? base + 1 : dev;
	/* /dev/watchdog is the misc device of watchdog0 (or of a legacy driver). */
	if (!strcmp(base, "watchdog"))
		base = "watchdog0";
	snprintf(path, sizeof(path), "/sys/class/watchdog/%s/identity", base);
	f = fopen(path, "r");
	if (f) {
		if (!fgets(text, sizeof(text), f))
			text[0] = '\0';
		fclose(f);
		text[strcspn(text, "\n")] = '\0';
	}
	if (!text[0]) {
		static const char *const dirs[] = { "/sys/class/watchdog/%s/device/driver",
						    "/sys/class/misc/%s/device/driver" };

		for (size_t i = 0; i < 2 && !text[0]; i++) {
			snprintf(path, sizeof(path), dirs[i], i ? (strcmp(base, "watchdog0") ? base : "watchdog") : base);
			n = readlink(path, link, sizeof(link) - 1);
			if (n > 0) {
				const char *b;

				link[n] = '\0';
				b = strrchr(link, '/');
				copy_word(text, sizeof(text), b ? b + 1 : link, strlen(b ? b + 1 : link));
			}
		}
	}
	/* A legacy driver's misc device has no parent to follow (a stock kernel's ib700): the one
	 * bound platform driver whose name says watchdog is the board's. */
	if (!text[0]) {
		DIR *d = opendir("/sys/bus/platform/drivers");
		struct dirent *de;

		while (d && (de = readdir(d)) && !text[0]) {
			char name[256];

			snprintf(name, sizeof(name), "%s", de->d_name);
			for (char *c = name; *c; c++)
				*c = (char)tolower((unsigned char)*c);
			if (strstr(name, "wdt") || strstr(name, "watchdog") || strstr(name, "wdog")) {
				DIR *dd;
				struct dirent *e;

				snprintf(path, sizeof(path), "/sys/bus/platform/drivers/%s", de->d_name);
				dd = opendir(path);
				/* Bound: a device link beside bind, unbind and uevent. */
				while (dd && (e = readdir(dd)))
					if (e->d_type == DT_LNK && strcmp(e->d_name, "module"))
						copy_word(text, sizeof(text), de->d_name, strlen(de->d_name));
				if (dd)
					closedir(dd);
			}
		}
		if (d)
			closedir(d);
	}
	copy_word(buf, buflen, text[0] ? text : "unknown", strlen(text[0] ? text : "unknown"));
}

/* ---- with the journal ---- */

/* The newest drill record of the journal into r: 0, 1 none, -1 error. */
static int newest_drill(const char *layout_path, struct drill_rec *r, bool passed_only, const char *kernel,
			const char *wd, const char *driver, char *err, size_t errlen)
{
	uint8_t *region;
	size_t nrec;
	uint32_t best = 0;
	bool found = false;
	int rc = commit_journal_load(layout_path, &region, &nrec, err, errlen);

	if (rc)
		return rc;
	for (size_t i = 0; i < nrec; i++) {
		char text[JOURNAL_TEXT_MAX + 1];
		struct drill_rec d;
		uint32_t seq;

		if (journal_decode(region + i * JOURNAL_RECORD, &seq, text) || drill_rec_parse(text, &d))
			continue;
		if (passed_only && (d.what != DRILL_PASSED || strcmp(d.kernel, kernel) || strcmp(d.wd, wd) ||
				    strcmp(d.driver, driver)))
			continue;
		if (!found || seq > best) {
			best = seq;
			*r = d;
			found = true;
		}
	}
	free(region);
	return found ? 0 : 1;
}

int drill_record(const char *layout_path, const struct drill_rec *r, char *err, size_t errlen)
{
	char head[64], detail[JOURNAL_TEXT_MAX + 1];

	if (drill_rec_format(r, head, sizeof(head), detail, sizeof(detail)))
		return seterr(err, errlen, "drill record too long");
	return commit_journal_add(layout_path, head, detail, err, errlen);
}

int drill_passed_for(const char *layout_path, const char *kernel, const char *wd,
		     const char *driver, char *err, size_t errlen)
{
	struct drill_rec r;
	char k[65], w[64], d[64];
	int rc;

	copy_word(k, sizeof(k), kernel, sizeof(k));
	copy_word(w, sizeof(w), wd, sizeof(w));
	copy_word(d, sizeof(d), driver, sizeof(d));
	rc = newest_drill(layout_path, &r, true, k, w, d, err, errlen);
	if (rc < 0)
		return -1;
	if (rc > 0 && !layout_path && access(LAYOUT_DEFAULT, F_OK))
		seterr(err, errlen, "this board has no layout file, so no journal to keep drills in");
	return rc == 0;
}

int drill_status(FILE *out, const char *layout_path, const char *pstore_dir)
{
	struct drill_rec r, res;
	char err[512], line[1024], *log = NULL;
	size_t len = 0;
	int rc = newest_drill(layout_path, &r, false, NULL, NULL, NULL, err, sizeof(err));

	if (rc < 0) {
		fprintf(out, "drill: unknown (journal: %s)\n", err);
		return -1;
	}
	if (rc > 0) {
		if (layout_path || !access(LAYOUT_DEFAULT, F_OK))
			fprintf(out, "drill: none on this board yet (phramboot drill proves that a hung trial rolls back)\n");
		return 2;
	}
	if (r.what == DRILL_STARTED) {
		/* The first boot after the drill: its log is in pstore now, and only now. */
		if (pstore_console_log(pstore_dir, &log, &len, err, sizeof(err)) < 0)
			log = NULL;
		drill_judge(log, len, &r, &res, NULL, 0);
		free(log);
		if (drill_record(layout_path, &res, err, sizeof(err)))
			fprintf(stderr, "phramboot: warning: unable to keep the drill's result in the journal: %s\n", err);
		r = res;
	}
	drill_describe(&r, line, sizeof(line));
	fprintf(out, "drill: %s\n", line);
	return r.what == DRILL_PASSED ? 0 : 1;
}
