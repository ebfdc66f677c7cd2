// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * watchdog-arm: arm a hardware watchdog so that it survives kexec, disarm it, query it,
 * or keep it alive while a health command succeeds. See watchdog-arm(8).
 */
#include "cli.h"
#include "exitcodes.h"
#include "keepalive.h"
#include "wdarm.h"

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <linux/watchdog.h>

#ifndef WDARM_VERSION
#define WDARM_VERSION "0.1"
#endif

/* Where arming saves the knob's old value for a later --disarm by another process; on
 * tmpfs, so that it never outlives the boot it describes. */
#define SAVED_KNOB "/run/watchdog-arm.stop_on_reboot"

static int fatal(int rc, const char *err)
{
	fprintf(stderr, "watchdog-arm: fatal: %s\n", err);
	return exit_code_for(rc);
}

static void saved_knob_path(char *buf, size_t len)
{
	snprintf(buf, len, "%s%s", wdarm_root, SAVED_KNOB);
}

/* stdio's FILE would pull malloc into a static binary for two tiny files. */
static int save_knob(const char *path, const char *value)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	size_t len = strlen(value);
	bool ok;

	if (fd < 0)
		return -1;
	ok = write(fd, value, len) == (ssize_t)len;
	return close(fd) == 0 && ok ? 0 : -1;
}

static int load_knob(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
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
	const char *knob = info->knob;

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
	if (!knob[0])
		printf("watchdog-arm: kexec continuity: unavailable (no %s)\n",
		       WDARM_STOP_ON_REBOOT_KNOB);
	else
		printf("watchdog-arm: kexec continuity: stop_on_reboot=%s (%s)\n", knob,
		       !strcmp(knob, "0") ? "kept running through reboot and kexec" :
		       !strcmp(knob, "1") ? "stopped on reboot and kexec" : "driver default");
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
	char err[256], saved[256];
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
	printf("watchdog-arm: kexec continuity: stop_on_reboot %s -> 0\n", state.knob_before);
	if (!info.core)
		printf("watchdog-arm: note: legacy driver: it survives kexec only if its "
		       ".shutdown hook honours stop_on_reboot (kernel-patches/)\n");
	saved_knob_path(saved, sizeof(saved));
	if (save_knob(saved, state.knob_before) < 0)
		printf("watchdog-arm: warning: unable to save the old stop_on_reboot in %s; "
		       "--disarm will leave it at 0\n", SAVED_KNOB);
	return 0;
}

static int do_disarm(const char *dev)
{
	struct wdarm_state state;
	char err[256], saved[256];
	bool had_saved;
	int rc;

	memset(&state, 0, sizeof(state));
	snprintf(state.dev, sizeof(state.dev), "%s", dev);
	state.armed = true;
	saved_knob_path(saved, sizeof(saved));
	had_saved = load_knob(saved, state.knob_before, sizeof(state.knob_before)) == 0;
	rc = wdarm_disarm(&state, err, sizeof(err));
	if (rc < 0)
		return fatal(rc, err);
	printf("watchdog-arm: disarmed %s (magic close)\n", dev);
	if (had_saved) {
		unlink(saved);
		printf("watchdog-arm: kexec continuity: stop_on_reboot restored to %s\n",
		       state.knob_before[0] ? state.knob_before : "(unchanged)");
	} else {
		printf("watchdog-arm: kexec continuity: stop_on_reboot left as it is (no value "
		       "saved in %s)\n", SAVED_KNOB);
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
