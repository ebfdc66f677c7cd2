// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * watchdog-arm: arm a hardware watchdog so that it survives kexec, disarm it, query it,
 * or keep it alive while a health command succeeds. See watchdog-arm(8).
 */
#include "cli.h"
#include "exitcodes.h"
#include "keepalive.h"
#include "wdarm.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <linux/watchdog.h>

#ifndef WDARM_VERSION
#define WDARM_VERSION "0.1"
#endif

static int fatal(int rc, const char *err)
{
	fprintf(stderr, "watchdog-arm: fatal: %s\n", err);
	return exit_code_for(rc);
}

/* dev's keep_running_on_restart as the user sees it, and its name ("" if none). */
static void keep_shown(const char *dev, char *name, size_t namelen, char *buf, size_t len)
{
	if (wdarm_sysfs_name(dev, name, namelen) < 0) {
		name[0] = '\0';
		snprintf(buf, len, WDARM_CLASS_DIR "/watchdogN/" WDARM_KEEP_ATTR);
		return;
	}
	snprintf(buf, len, WDARM_CLASS_DIR "/%s/" WDARM_KEEP_ATTR, name);
}

static void print_support(const struct wdarm_info *info)
{
	char opts[128];

	if (!info->opened) {
		printf("watchdog-arm: driver supports: unknown (not opened; --query --open "
		       "asks the driver)\n");
		return;
	}
	wdarm_describe_options(info->options, opts, sizeof(opts));
	printf("watchdog-arm: driver supports: %s\n", opts);
}

static void print_query(const struct wdarm_info *info)
{
	char name[32], shown[128];

	keep_shown(info->dev, name, sizeof(name), shown, sizeof(shown));
	printf("watchdog-arm: device: %s (%s)\n", info->dev,
	       info->core ? "watchdog core" : "legacy driver or no sysfs entry");
	printf("watchdog-arm: identity: %s\n", info->identity[0] ? info->identity : "unknown");
	printf("watchdog-arm: state: %s\n", info->state[0] ? info->state : "unknown");
	if (info->timeout > 0)
		printf("watchdog-arm: timeout: %d s", info->timeout);
	else
		printf("watchdog-arm: timeout: unknown");
	if (info->min_timeout >= 0 && info->max_timeout > 0)
		printf(" (range %d..%d s)", info->min_timeout, info->max_timeout);
	printf("\n");
	if (info->nowayout >= 0)
		printf("watchdog-arm: nowayout: %d\n", info->nowayout);
	printf("watchdog-arm: bootstatus: 0x%x%s\n", info->bootstatus,
	       info->bootstatus & WDIOF_CARDRESET ? " (CARDRESET: the last boot was a "
	       "watchdog reset)" : "");
	print_support(info);
	if (!info->keep[0])
		printf("watchdog-arm: kexec continuity: unavailable (no %s: %s)\n", shown,
		       info->core ? "a kernel without kernel-patches/" :
		       "not a watchdog-core device");
	else
		printf("watchdog-arm: kexec continuity: " WDARM_KEEP_ATTR "=%s (%s)\n",
		       info->keep,
		       !strcmp(info->keep, "1") ? "kept running through restart and kexec, "
		       "stopped at halt and power off" :
		       !strcmp(info->keep, "0") ? "stopped at restart and kexec" : "unknown value");
}

static int do_query(const char *dev, bool may_open)
{
	struct wdarm_info info;
	char err[256];
	int rc = wdarm_query(dev, may_open, &info, err, sizeof(err));

	if (rc < 0)
		return fatal(rc, err);
	print_query(&info);
	return 0;
}

static int do_arm(const char *dev, int timeout, bool no_continuity)
{
	struct wdarm_state state;
	struct wdarm_info info;
	char err[256], name[32], shown[128];
	int rc;

	rc = wdarm_arm_flags(dev, timeout, no_continuity ? WDARM_NO_KEXEC_CONTINUITY : 0,
			     &state, &info, err, sizeof(err));
	if (rc < 0)
		return fatal(rc, err);
	printf("watchdog-arm: armed %s (%s): timeout %d s, petted once, closed without 'V': "
	       "the board resets in ~%d s unless something pets it\n", dev, info.identity,
	       info.timeout, info.timeout);
	print_support(&info);
	printf("watchdog-arm: bootstatus: 0x%x\n", info.bootstatus);
	if (no_continuity) {
		printf("watchdog-arm: kexec continuity: not requested (--no-kexec-continuity)\n");
		return 0;
	}
	keep_shown(dev, name, sizeof(name), shown, sizeof(shown));
	printf("watchdog-arm: kexec continuity: %s %s -> 1 (kept running through restart "
	       "and kexec, not through halt or power off)\n", shown, state.keep_before);
	if (info.nowayout == 1 && strcmp(state.keep_before, "1") != 0)
		printf("watchdog-arm: note: nowayout is set on %s: the kernel will not let "
		       "--disarm clear " WDARM_KEEP_ATTR " again before the next boot\n", name);
	if (wdarm_save(&state, err, sizeof(err)) < 0)
		printf("watchdog-arm: warning: %s; --disarm will leave " WDARM_KEEP_ATTR
		       " at 1\n", err);
	return 0;
}

/*
 * Another process armed: what it changed comes from its save file. A kernel that refuses
 * to clear keep_running_on_restart (EPERM: nowayout) is reported on stderr but does not
 * fail the disarm: the timer was stopped or handed back, which is what --disarm is for,
 * and nowayout already promised that this watchdog is never let go of.
 */
static int do_disarm(const char *dev)
{
	struct wdarm_state state;
	char err[256], lerr[256], saved[16], name[32], shown[128], path[256];
	int rc, lrc;

	memset(&state, 0, sizeof(state));
	snprintf(state.dev, sizeof(state.dev), "%s", dev);
	state.armed = true;
	keep_shown(dev, name, sizeof(name), shown, sizeof(shown));
	wdarm_save_path(dev, path, sizeof(path));
	lrc = wdarm_load(dev, &state, lerr, sizeof(lerr));
	snprintf(saved, sizeof(saved), "%s", state.keep_before);
	rc = wdarm_disarm(&state, err, sizeof(err));
	if (rc < 0)
		return fatal(rc, err);
	printf("watchdog-arm: disarmed %s (magic close)\n", dev);
	if (lrc == 0) {
		wdarm_forget(dev);
		if (state.keep_not_restored)
			fprintf(stderr, "watchdog-arm: warning: unable to restore %s to %s: %s "
				"(nowayout is set, and the kernel keeps the request until the next "
				"boot): %s keeps running through the next restart or kexec\n",
				shown, saved, strerror(EPERM), name);
		else
			printf("watchdog-arm: kexec continuity: %s restored to %s\n", shown, saved);
	} else if (lrc == -EINVAL) {
		wdarm_forget(dev);
		fprintf(stderr, "watchdog-arm: warning: %s; %s left as it is\n", lerr, shown);
	} else {
		printf("watchdog-arm: kexec continuity: %s left as it is (nothing saved in %s)\n",
		       shown, path[0] ? path : WDARM_SAVE_PREFIX "watchdogN");
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct cli_args args;
	char err[256], dev[64];
	int rc;

	if (cli_parse(argc, argv, &args, err, sizeof(err)) < 0) {
		fprintf(stderr, "watchdog-arm: fatal: %s\n", err);
		return EXIT_USAGE;
	}
	if (args.mode == CLI_HELP) {
		fputs(cli_usage, stdout);
		return 0;
	}
	if (args.mode == CLI_VERSION) {
		printf("watchdog-arm %s\n", WDARM_VERSION);
		return 0;
	}
	if (args.dev) {
		if (strlen(args.dev) >= sizeof(dev)) {
			fprintf(stderr, "watchdog-arm: fatal: device path too long (max %zu "
				"characters)\n", sizeof(dev) - 1);
			return EXIT_USAGE;
		}
		snprintf(dev, sizeof(dev), "%s", args.dev);
	} else {
		rc = wdarm_find_device(dev, sizeof(dev), err, sizeof(err));
		if (rc < 0)
			return fatal(rc, err);
	}
	switch (args.mode) {
	case CLI_ARM:
		return do_arm(dev, args.timeout, args.no_continuity);
	case CLI_DISARM:
		return do_disarm(dev);
	case CLI_KEEPALIVE:
		return ka_run(dev, args.timeout, args.interval, args.health, args.then, args.healthy_for);
	case CLI_QUERY:
		return do_query(dev, args.open);
	default:
		return EXIT_USAGE;
	}
}
