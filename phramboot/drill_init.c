/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The drill payload's /sbin/init: the whole of its user space. It never opens the
 * watchdog, so the timer armed by `phramboot drill` must reset the board; meanwhile it
 * says in the kernel log, once a second, how long its kernel has been up. pstore keeps
 * that log across the reset, and the old firmware judges it (drill.c).
 *
 * It must never hang: past its budget it reboots the board itself, after saying so; and
 * should even that fail, returning from init makes the kernel panic, and panic= reboots.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <time.h>
#include <unistd.h>

#include "drill_log.h"
#include "status.h"

static int kmsg = -1;

static void say(const char *fmt, const char *id, long n)
{
	char line[160];
	int len = snprintf(line, sizeof(line), fmt, id, n);

	if (len <= 0)
		return;
	if (kmsg < 0 || write(kmsg, line, (size_t)len) < 0)
		(void)!write(2, line, (size_t)len);
}

/* The value of key= on the command line into val, or "" (status.c: the last one wins,
 * as in the kernel). */
static void cmdline_arg(const char *cmdline, const char *key, char *val, size_t vallen)
{
	if (!status_cmdline_arg(cmdline, key, val, vallen))
		val[0] = '\0';
}

static long uptime(void)
{
	struct timespec ts;

	return clock_gettime(CLOCK_MONOTONIC, &ts) ? -1 : (long)ts.tv_sec;
}

int main(void)
{
	char cmdline[4096] = "", id[64], budget_s[16], *end;
	long budget = DRILL_BUDGET_DEFAULT, up;
	int fd;

	/* Failures are fine: CONFIG_DEVTMPFS_MOUNT may have mounted /dev already, and
	 * without /dev/kmsg the lines still reach the console through stderr. */
	mount("proc", "/proc", "proc", 0, NULL);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	kmsg = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
	fd = open("/proc/cmdline", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		ssize_t n = read(fd, cmdline, sizeof(cmdline) - 1);

		cmdline[n > 0 ? n : 0] = '\0';
		close(fd);
	}
	cmdline_arg(cmdline, "phramboot.trial", id, sizeof(id));
	if (!id[0])
		strcpy(id, "-");
	cmdline_arg(cmdline, DRILL_BUDGET_PARAM, budget_s, sizeof(budget_s));
	if (budget_s[0]) {
		long v = strtol(budget_s, &end, 10);

		if (!*end && v > 0 && v <= 86400)
			budget = v;
	}
	say(DRILL_LOG_STARTED "%s budget=%ld\n", id, budget);
	while ((up = uptime()) >= 0 && up < budget) {
		say(DRILL_LOG_UP "%s up=%ld\n", id, up);
		sleep(1);
	}
	say(DRILL_LOG_GAVE_UP "%s up=%ld: rebooting\n", id, up);
	/* Nothing is mounted read-write: no sync is needed before the reset. */
	reboot(RB_AUTOBOOT);
	return 1;
}
