// SPDX-License-Identifier: GPL-2.0-or-later
/* The module against a fake root and a fake driver behind ioctl() (-Wl,--wrap=ioctl). */
#include "fixture.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <linux/watchdog.h>

/* The fake driver: what the ioctls answer, and what they were asked. */
static struct {
	unsigned int options;
	const char *identity;
	int timeout;
	int bootstatus;
	int settimeout_errno;
	int setoptions_errno;
	const char *state_after_open;   /* written to sysfs state at GETSUPPORT, if set */
	int calls;
	int settimeout_arg;
	int setoptions_arg;
} drv;

#define ESB_OPTIONS (WDIOF_SETTIMEOUT | WDIOF_KEEPALIVEPING | WDIOF_MAGICCLOSE)

static void drv_reset(unsigned int options, const char *identity, int timeout)
{
	memset(&drv, 0, sizeof(drv));
	drv.options = options;
	drv.identity = identity;
	drv.timeout = timeout;
	drv.settimeout_arg = drv.setoptions_arg = -1;
}

int __wrap_ioctl(int fd, unsigned long req, ...);
int __wrap_ioctl(int fd, unsigned long req, ...)
{
	va_list ap;
	void *arg;

	(void)fd;
	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	drv.calls++;
	switch (req) {
	case WDIOC_GETSUPPORT: {
		struct watchdog_info *wi = arg;

		memset(wi, 0, sizeof(*wi));
		wi->options = drv.options;
		snprintf((char *)wi->identity, sizeof(wi->identity), "%s", drv.identity);
		if (drv.state_after_open)
			fx_put(ESB "/state", drv.state_after_open);
		return 0;
	}
	case WDIOC_GETBOOTSTATUS:
		*(int *)arg = drv.bootstatus;
		return 0;
	case WDIOC_GETTIMEOUT:
		*(int *)arg = drv.timeout;
		return 0;
	case WDIOC_SETTIMEOUT:
		drv.settimeout_arg = *(int *)arg;
		if (drv.settimeout_errno) {
			errno = drv.settimeout_errno;
			return -1;
		}
		drv.timeout = *(int *)arg;
		return 0;
	case WDIOC_SETOPTIONS:
		drv.setoptions_arg = *(int *)arg;
		if (drv.setoptions_errno) {
			errno = drv.setoptions_errno;
			return -1;
		}
		if (drv.setoptions_arg & WDIOS_DISABLECARD)
			fx_put(ESB "/state", "inactive\n");
		return 0;
	}
	errno = ENOTTY;
	return -1;
}

static void core_esb(void)
{
	fx_core_device();
	drv_reset(ESB_OPTIONS, "i6300ESB timer", 30);
	drv.bootstatus = WDIOF_CARDRESET;
	drv.state_after_open = "active\n";
}

static void legacy_ib700(void)
{
	fx_legacy_device();
	drv_reset(ESB_OPTIONS, "IB700 WDT", 30);
}

static char err[256];

/* ---- device discovery ---- */

static void find_none(void **s)
{
	char dev[64];

	(void)s;
	assert_int_equal(wdarm_find_device(dev, sizeof(dev), err, sizeof(err)), -ENOENT);
	assert_non_null(strstr(err, "no /dev/watchdog0 or /dev/watchdog"));
}

static void find_prefers_watchdog0(void **s)
{
	char dev[64];

	(void)s;
	fx_core_device();
	assert_int_equal(wdarm_find_device(dev, sizeof(dev), err, sizeof(err)), 0);
	assert_string_equal(dev, fx_path("/dev/watchdog0"));
}

static void find_legacy(void **s)
{
	char dev[64];

	(void)s;
	fx_legacy_device();
	assert_int_equal(wdarm_find_device(dev, sizeof(dev), err, sizeof(err)), 0);
	assert_string_equal(dev, fx_path("/dev/watchdog"));
}

/* ---- query ---- */

static void query_core_from_sysfs_only(void **s)
{
	struct wdarm_info info;

	(void)s;
	core_esb();
	assert_int_equal(wdarm_query(fx_path("/dev/watchdog0"), false, &info, err,
				     sizeof(err)), 0);
	assert_true(info.core);
	assert_false(info.opened);
	assert_string_equal(info.identity, "i6300ESB timer");
	assert_string_equal(info.state, "inactive");
	assert_int_equal(info.timeout, 30);
	assert_int_equal(info.min_timeout, 1);
	assert_int_equal(info.max_timeout, 2046);
	assert_int_equal(info.nowayout, 0);
	assert_int_equal(info.bootstatus, WDIOF_CARDRESET);
	assert_string_equal(info.knob, "-1");
	assert_false(info.keep_across_kexec);
	/* Never opened: no ioctl, nothing written, the timer not started. */
	assert_int_equal(drv.calls, 0);
	assert_int_equal(fx_size("/dev/watchdog0"), 0);
}

static void query_legacy_alias_maps_to_watchdog0(void **s)
{
	struct wdarm_info info;

	(void)s;
	core_esb();
	assert_int_equal(wdarm_query(fx_path("/dev/watchdog"), false, &info, err,
				     sizeof(err)), 0);
	assert_true(info.core);
	assert_string_equal(info.identity, "i6300ESB timer");
}

static void query_malformed_sysfs(void **s)
{
	struct wdarm_info info;

	(void)s;
	core_esb();
	fx_put(ESB "/timeout", "abc\n");
	fx_put(ESB "/max_timeout", "99999999999\n");
	fx_put(ESB "/nowayout", "7\n");
	fx_put(ESB "/bootstatus", "");
	fx_put(KNOB, "0\n");
	remove(fx_path(ESB "/identity"));
	assert_int_equal(wdarm_query(fx_path("/dev/watchdog0"), false, &info, err,
				     sizeof(err)), 0);
	assert_int_equal(info.timeout, -1);
	assert_int_equal(info.max_timeout, -1);
	assert_int_equal(info.nowayout, -1);
	assert_int_equal(info.bootstatus, 0);
	assert_string_equal(info.identity, "");
	assert_true(info.keep_across_kexec);
}

static void query_legacy_without_open(void **s)
{
	struct wdarm_info info;

	(void)s;
	legacy_ib700();
	remove(fx_path(KNOB));
	assert_int_equal(wdarm_query(fx_path("/dev/watchdog"), false, &info, err,
				     sizeof(err)), 0);
	assert_false(info.core);
	assert_false(info.opened);
	assert_string_equal(info.identity, "");
	assert_string_equal(info.state, "");
	assert_int_equal(info.timeout, -1);
	assert_int_equal(info.nowayout, -1);
	assert_string_equal(info.knob, "");
	assert_int_equal(drv.calls, 0);
}

static void query_legacy_open_stops_again(void **s)
{
	struct wdarm_info info;

	(void)s;
	legacy_ib700();
	assert_int_equal(wdarm_query(fx_path("/dev/watchdog"), true, &info, err,
				     sizeof(err)), 0);
	assert_true(info.opened);
	assert_string_equal(info.identity, "IB700 WDT");
	assert_int_equal(info.options, ESB_OPTIONS);
	assert_int_equal(info.timeout, 30);
	/* Opening started it; the magic close stops it again. */
	assert_string_equal(fx_get("/dev/watchdog"), "V");
}

static void query_open_leaves_running_timer_running(void **s)
{
	struct wdarm_info info;

	(void)s;
	core_esb();
	fx_put(ESB "/state", "active\n");
	assert_int_equal(wdarm_query(fx_path("/dev/watchdog0"), true, &info, err,
				     sizeof(err)), 0);
	assert_null(strchr(fx_get("/dev/watchdog0"), 'V'));
}

static void query_open_missing_device(void **s)
{
	struct wdarm_info info;

	(void)s;
	assert_int_equal(wdarm_query(fx_path("/dev/watchdog0"), false, &info, err,
				     sizeof(err)), -ENOENT);
	assert_non_null(strstr(err, "unable to query "));
	assert_non_null(strstr(err, "No such file or directory"));
}

/* ---- arm ---- */

static void arm_core(void **s)
{
	struct wdarm_state st;
	struct wdarm_info info;

	(void)s;
	core_esb();
	assert_int_equal(wdarm_arm_flags(fx_path("/dev/watchdog0"), 10, 0, &st, &info, err,
					 sizeof(err)), 0);
	assert_true(st.armed);
	assert_string_equal(st.knob_before, "-1");
	assert_string_equal(st.dev, fx_path("/dev/watchdog0"));
	assert_string_equal(fx_get(KNOB), "0");
	assert_int_equal(drv.settimeout_arg, 10);
	/* Petted once by a write, and closed without the magic 'V'. */
	assert_int_equal(fx_size("/dev/watchdog0"), 1);
	assert_int_equal(fx_get("/dev/watchdog0")[0], '\0');
	assert_int_equal(info.timeout, 10);
	assert_int_equal(info.options, ESB_OPTIONS);
	assert_string_equal(info.state, "active");
	assert_true(info.keep_across_kexec);
	assert_int_equal(info.bootstatus, WDIOF_CARDRESET);
}

static void arm_plain_wrapper(void **s)
{
	struct wdarm_state st;

	(void)s;
	legacy_ib700();
	assert_int_equal(wdarm_arm(fx_path("/dev/watchdog"), 10, &st, err, sizeof(err)), 0);
	assert_true(st.armed);
	assert_string_equal(fx_get(KNOB), "0");
	assert_null(strchr(fx_get("/dev/watchdog"), 'V'));
}

static void arm_knob_missing(void **s)
{
	struct wdarm_state st;

	(void)s;
	core_esb();
	remove(fx_path(KNOB));
	assert_int_equal(wdarm_arm(fx_path("/dev/watchdog0"), 10, &st, err, sizeof(err)),
			 -ENOENT);
	assert_non_null(strstr(err, "kernel lacks run-time watchdog.stop_on_reboot: "
				    "apply kernel-patches/"));
	assert_null(strchr(err, '\n'));
	assert_false(st.armed);
	assert_int_equal(drv.calls, 0);
	assert_int_equal(fx_size("/dev/watchdog0"), 0);
}

static void arm_knob_read_only(void **s)
{
	struct wdarm_state st;
	int fd;

	(void)s;
	core_esb();
	remove(fx_path(KNOB));
	if (geteuid() != 0) {
		fx_put(KNOB, "-1\n");
		chmod(fx_path(KNOB), 0444);
	} else {
		/* Root writes any plain file; a 0444 sysfs file refuses even root, as the
		 * stock kernel's stop_on_reboot does. */
		fd = open("/sys/kernel/uevent_seqnum", O_WRONLY);
		if (fd >= 0 || errno != EACCES) {
			if (fd >= 0)
				close(fd);
			skip();
		}
		assert_int_equal(symlink("/sys/kernel/uevent_seqnum", fx_path(KNOB)), 0);
	}
	assert_int_equal(wdarm_arm(fx_path("/dev/watchdog0"), 10, &st, err, sizeof(err)),
			 -EACCES);
	assert_non_null(strstr(err, "unable to write " KNOB ": Permission denied ("
				    "kernel lacks run-time watchdog.stop_on_reboot"));
	assert_false(st.armed);
	assert_int_equal(drv.calls, 0);
	assert_int_equal(fx_size("/dev/watchdog0"), 0);
}

static void arm_without_continuity_needs_no_knob(void **s)
{
	struct wdarm_state st;

	(void)s;
	core_esb();
	remove(fx_path(KNOB));
	assert_int_equal(wdarm_arm_flags(fx_path("/dev/watchdog0"), 10,
					 WDARM_NO_KEXEC_CONTINUITY, &st, NULL, err,
					 sizeof(err)), 0);
	assert_true(st.armed);
	assert_string_equal(st.knob_before, "");
	assert_string_equal(fx_get(KNOB), "<missing>");
}

static void arm_refuses_core_without_magicclose(void **s)
{
	struct wdarm_state st;

	(void)s;
	core_esb();
	drv.options = WDIOF_SETTIMEOUT | WDIOF_KEEPALIVEPING;
	assert_int_equal(wdarm_arm(fx_path("/dev/watchdog0"), 10, &st, err, sizeof(err)),
			 -EOPNOTSUPP);
	assert_non_null(strstr(err, "lacks WDIOF_MAGICCLOSE, so the kernel stops it on close"));
	assert_false(st.armed);
	assert_string_equal(fx_get(KNOB), "-1\n");
	assert_int_equal(drv.settimeout_arg, -1);
	assert_string_equal(fx_get("/dev/watchdog0"), "V");
}

static void arm_accepts_no_magicclose_with_nowayout(void **s)
{
	struct wdarm_state st;

	(void)s;
	core_esb();
	drv.options = WDIOF_SETTIMEOUT;
	fx_put(ESB "/nowayout", "1\n");
	assert_int_equal(wdarm_arm(fx_path("/dev/watchdog0"), 10, &st, err, sizeof(err)), 0);
	assert_true(st.armed);
}

static void arm_refuses_legacy_without_magicclose(void **s)
{
	struct wdarm_state st;

	(void)s;
	legacy_ib700();
	drv.options = WDIOF_SETTIMEOUT;
	assert_int_equal(wdarm_arm(fx_path("/dev/watchdog"), 10, &st, err, sizeof(err)),
			 -EOPNOTSUPP);
	assert_non_null(strstr(err, "legacy driver IB700 WDT lacks WDIOF_MAGICCLOSE"));
	assert_string_equal(fx_get(KNOB), "-1\n");
}

static void arm_refuses_zero_timeout(void **s)
{
	struct wdarm_state st;

	(void)s;
	legacy_ib700();
	assert_int_equal(wdarm_arm(fx_path("/dev/watchdog"), 0, &st, err, sizeof(err)),
			 -EINVAL);
	assert_non_null(strstr(err, "timeout 0 s is too short"));
	assert_int_equal(drv.calls, 0);
	assert_string_equal(fx_get(KNOB), "-1\n");
}

static void arm_refuses_timeout_above_sysfs_max(void **s)
{
	struct wdarm_state st;

	(void)s;
	core_esb();
	fx_put(ESB "/max_timeout", "30\n");
	assert_int_equal(wdarm_arm(fx_path("/dev/watchdog0"), 45, &st, err, sizeof(err)),
			 -EINVAL);
	assert_non_null(strstr(err, "timeout 45 s is above the driver's maximum 30 s"));
	assert_int_equal(drv.calls, 0);
	assert_int_equal(fx_size("/dev/watchdog0"), 0);
	assert_string_equal(fx_get(KNOB), "-1\n");
}

static void arm_settimeout_refused_undoes(void **s)
{
	struct wdarm_state st;

	(void)s;
	legacy_ib700();
	drv.settimeout_errno = EINVAL;
	assert_int_equal(wdarm_arm(fx_path("/dev/watchdog"), 31, &st, err, sizeof(err)),
			 -EINVAL);
	assert_non_null(strstr(err, "unable to set the timeout of "));
	assert_non_null(strstr(err, "to 31 s: Invalid argument"));
	assert_false(st.armed);
	assert_string_equal(fx_get(KNOB), "-1\n");
	assert_string_equal(fx_get("/dev/watchdog"), "V");
}

static void arm_fixed_timeout(void **s)
{
	struct wdarm_state st;

	(void)s;
	legacy_ib700();
	drv.options = WDIOF_MAGICCLOSE;
	assert_int_equal(wdarm_arm(fx_path("/dev/watchdog"), 10, &st, err, sizeof(err)),
			 -EOPNOTSUPP);
	assert_non_null(strstr(err, "fixed timeout (30 s; no WDIOF_SETTIMEOUT)"));
	assert_int_equal(wdarm_arm(fx_path("/dev/watchdog"), 30, &st, err, sizeof(err)), 0);
	assert_int_equal(drv.settimeout_arg, -1);
}

static void arm_detects_stop_on_close(void **s)
{
	struct wdarm_state st;

	(void)s;
	core_esb();
	drv.state_after_open = NULL;   /* sysfs still says inactive after our close */
	assert_int_equal(wdarm_arm(fx_path("/dev/watchdog0"), 10, &st, err, sizeof(err)),
			 -EIO);
	assert_non_null(strstr(err, "the kernel stopped it on close"));
	assert_string_equal(fx_get(KNOB), "-1");
}

/* ---- disarm ---- */

static void disarm_restores(void **s)
{
	struct wdarm_state st;

	(void)s;
	core_esb();
	assert_int_equal(wdarm_arm(fx_path("/dev/watchdog0"), 10, &st, err, sizeof(err)), 0);
	assert_int_equal(wdarm_disarm(&st, err, sizeof(err)), 0);
	assert_false(st.armed);
	assert_string_equal(fx_get(KNOB), "-1");
	assert_int_equal(drv.setoptions_arg, WDIOS_DISABLECARD);
	assert_string_equal(fx_get("/dev/watchdog0"), "V");
	assert_string_equal(fx_get(ESB "/state"), "inactive\n");
	/* Twice is harmless. */
	assert_int_equal(wdarm_disarm(&st, err, sizeof(err)), 0);
}

/* A watchdog that already ran (a bootloader started it, or a daemon let go of it) is
 * handed back running with its own timeout: a failed trial start must not leave the
 * board less protected than before. */
static void disarm_hands_back_a_running_watchdog(void **s)
{
	struct wdarm_state st;

	(void)s;
	core_esb();
	fx_put(ESB "/state", "active\n");
	fx_put(ESB "/timeout", "60\n");
	drv.timeout = 60;
	assert_int_equal(wdarm_arm(fx_path("/dev/watchdog0"), 10, &st, err, sizeof(err)), 0);
	assert_true(st.active_before);
	assert_int_equal(drv.timeout, 10);
	assert_int_equal(wdarm_disarm(&st, err, sizeof(err)), 0);
	assert_int_equal(drv.timeout, 60);
	assert_int_not_equal(drv.setoptions_arg, WDIOS_DISABLECARD);
	assert_null(strchr(fx_get("/dev/watchdog0"), 'V'));
	assert_string_equal(fx_get(ESB "/state"), "active\n");
	assert_string_equal(fx_get(KNOB), "-1");
}

static void disarm_nothing_armed(void **s)
{
	struct wdarm_state st;

	(void)s;
	drv_reset(0, "", 0);
	memset(&st, 0, sizeof(st));
	assert_int_equal(wdarm_disarm(&st, err, sizeof(err)), 0);
	assert_int_equal(drv.calls, 0);
}

static void disarm_nowayout(void **s)
{
	struct wdarm_state st;

	(void)s;
	core_esb();
	assert_int_equal(wdarm_arm(fx_path("/dev/watchdog0"), 10, &st, err, sizeof(err)), 0);
	drv.setoptions_errno = EBUSY;
	assert_int_equal(wdarm_disarm(&st, err, sizeof(err)), -EPERM);
	assert_non_null(strstr(err, "nowayout is set"));
	assert_true(st.armed);
	/* The knob goes back anyway: nothing else asked for it. */
	assert_string_equal(fx_get(KNOB), "-1");
}

static void disarm_legacy_ignores_setoptions_errors(void **s)
{
	struct wdarm_state st;

	(void)s;
	legacy_ib700();
	assert_int_equal(wdarm_arm(fx_path("/dev/watchdog"), 10, &st, err, sizeof(err)), 0);
	drv.setoptions_errno = ENOTTY;
	assert_int_equal(wdarm_disarm(&st, err, sizeof(err)), 0);
	assert_string_equal(fx_get("/dev/watchdog"), "V");
}

/* ---- pure helpers ---- */

static void close_semantics(void **s)
{
	struct wdarm_info i;

	(void)s;
	memset(&i, 0, sizeof(i));
	i.nowayout = -1;
	i.options = WDIOF_MAGICCLOSE;
	assert_int_equal(wdarm_close_semantics(&i), WDARM_CLOSE_KEEPS_RUNNING);
	i.options = 0;
	assert_int_equal(wdarm_close_semantics(&i), WDARM_CLOSE_UNKNOWN);
	i.core = true;
	i.nowayout = 0;
	assert_int_equal(wdarm_close_semantics(&i), WDARM_CLOSE_STOPS);
	i.nowayout = 1;
	assert_int_equal(wdarm_close_semantics(&i), WDARM_CLOSE_KEEPS_RUNNING);
}

static void describe_options(void **s)
{
	char buf[128], tiny[12];

	(void)s;
	wdarm_describe_options(0, buf, sizeof(buf));
	assert_string_equal(buf, "none");
	wdarm_describe_options(ESB_OPTIONS, buf, sizeof(buf));
	assert_string_equal(buf, "SETTIMEOUT MAGICCLOSE KEEPALIVEPING");
	wdarm_describe_options(ESB_OPTIONS, tiny, sizeof(tiny));
	assert_string_equal(tiny, "SETTIMEOUT");
}

#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(find_none), T(find_prefers_watchdog0), T(find_legacy),
		T(query_core_from_sysfs_only), T(query_legacy_alias_maps_to_watchdog0),
		T(query_malformed_sysfs), T(query_legacy_without_open),
		T(query_legacy_open_stops_again), T(query_open_leaves_running_timer_running),
		T(query_open_missing_device),
		T(arm_core), T(arm_plain_wrapper), T(arm_knob_missing), T(arm_knob_read_only),
		T(arm_without_continuity_needs_no_knob),
		T(arm_refuses_core_without_magicclose),
		T(arm_accepts_no_magicclose_with_nowayout),
		T(arm_refuses_legacy_without_magicclose), T(arm_refuses_zero_timeout),
		T(arm_refuses_timeout_above_sysfs_max), T(arm_settimeout_refused_undoes),
		T(arm_fixed_timeout), T(arm_detects_stop_on_close),
		T(disarm_restores), T(disarm_hands_back_a_running_watchdog), T(disarm_nothing_armed),
		T(disarm_nowayout),
		T(disarm_legacy_ignores_setoptions_errors),
		T(close_semantics), T(describe_options),
	};

	return cmocka_run_group_tests_name("wdarm", tests, NULL, NULL);
}
