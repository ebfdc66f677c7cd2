// SPDX-License-Identifier: GPL-2.0-or-later
/* The module against a fake root, a fake driver behind ioctl() (-Wl,--wrap=ioctl) and the
 * kernel's side of keep_running_on_restart behind write() (-Wl,--wrap=write). */
#include "fixture.h"

#include <errno.h>
#include <limits.h>
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
	const char *dir;                /* the device's sysfs directory (ESB by default) */
	bool keep_becomes_dir;          /* at GETSUPPORT: keep_running_on_restart refuses writes */
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
	drv.dir = ESB;
}

static const char *in_dir(const char *attr)
{
	static char buf[2][256];
	static int next;
	char *p = buf[next++ % 2];

	snprintf(p, sizeof(buf[0]), "%s/%s", drv.dir, attr);
	return p;
}

/*
 * The kernel's side of keep_running_on_restart (kernel-patches/): "0" or "1", with or
 * without a newline, else EINVAL; clearing it (0 after 1) while nowayout is set, EPERM.
 * Every other write goes through untouched. The attribute is a plain file here, which the
 * module opens without O_TRUNC: it still holds the old value when the write is judged.
 */
ssize_t __real_write(int fd, const void *buf, size_t n);
ssize_t __wrap_write(int fd, const void *buf, size_t n);
ssize_t __wrap_write(int fd, const void *buf, size_t n)
{
	static const char attr[] = "/" WDARM_KEEP_ATTR;
	char link[64], path[PATH_MAX], dir[PATH_MAX], v[4] = "", old[8] = "", nwo[8] = "";
	ssize_t len;
	FILE *f;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	len = readlink(link, path, sizeof(path) - 1);
	if (len <= (ssize_t)strlen(attr))
		return __real_write(fd, buf, n);
	path[len] = '\0';
	if (strcmp(path + len - strlen(attr), attr) != 0)
		return __real_write(fd, buf, n);
	memcpy(v, buf, n < 3 ? n : 3);
	if (!(n == 1 || (n == 2 && v[1] == '\n')) || (v[0] != '0' && v[0] != '1')) {
		errno = EINVAL;
		return -1;
	}
	f = fopen(path, "r");
	if (f) {
		if (!fgets(old, sizeof(old), f))
			old[0] = '\0';
		fclose(f);
	}
	snprintf(dir, sizeof(dir), "%.*s/nowayout", (int)(len - strlen(attr)), path);
	f = fopen(dir, "r");
	if (f) {
		if (!fgets(nwo, sizeof(nwo), f))
			nwo[0] = '\0';
		fclose(f);
	}
	if (v[0] == '0' && old[0] == '1' && nwo[0] == '1') {
		errno = EPERM;
		return -1;
	}
	return __real_write(fd, buf, n);
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
			fx_put(in_dir("state"), drv.state_after_open);
		if (drv.keep_becomes_dir) {
			remove(fx_path(in_dir(WDARM_KEEP_ATTR)));
			fx_mkdirs(in_dir(WDARM_KEEP_ATTR));
		}
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
			fx_put(in_dir("state"), "inactive\n");
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

/* Arming without kexec continuity: all a legacy driver can do. */
static int arm_plain(const char *dev, int timeout, struct wdarm_state *st)
{
	return wdarm_arm_flags(fx_path(dev), timeout, WDARM_NO_KEXEC_CONTINUITY, st, NULL, err,
			       sizeof(err));
}

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
	assert_string_equal(info.keep, "0");
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
	fx_put(KEEP, "1\n");
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
	assert_int_equal(wdarm_query(fx_path("/dev/watchdog"), false, &info, err,
				     sizeof(err)), 0);
	assert_false(info.core);
	assert_false(info.opened);
	assert_string_equal(info.identity, "");
	assert_string_equal(info.state, "");
	assert_int_equal(info.timeout, -1);
	assert_int_equal(info.nowayout, -1);
	assert_string_equal(info.keep, "");
	assert_false(info.keep_across_kexec);
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
	assert_string_equal(st.keep_before, "0");
	assert_string_equal(st.dev, fx_path("/dev/watchdog0"));
	assert_string_equal(fx_get(KEEP), "1\n");
	assert_int_equal(drv.settimeout_arg, 10);
	/* Petted once by a write, and closed without the magic 'V'. */
	assert_int_equal(fx_size("/dev/watchdog0"), 1);
	assert_int_equal(fx_get("/dev/watchdog0")[0], '\0');
	assert_int_equal(info.timeout, 10);
	assert_int_equal(info.options, ESB_OPTIONS);
	assert_string_equal(info.state, "active");
	assert_string_equal(info.keep, "1");
	assert_true(info.keep_across_kexec);
	assert_int_equal(info.bootstatus, WDIOF_CARDRESET);
}

static void arm_plain_wrapper(void **s)
{
	struct wdarm_state st;

	(void)s;
	core_esb();
	assert_int_equal(wdarm_arm(fx_path("/dev/watchdog0"), 10, &st, err, sizeof(err)), 0);
	assert_true(st.armed);
	assert_string_equal(fx_get(KEEP), "1\n");
	assert_null(strchr(fx_get("/dev/watchdog0"), 'V'));
}

/* /dev/watchdog is core device 0's misc alias: watchdog0's attribute is the one. */
static void arm_alias_writes_watchdog0(void **s)
{
	struct wdarm_state st;

	(void)s;
	core_esb();
	assert_int_equal(wdarm_arm(fx_path("/dev/watchdog"), 10, &st, err, sizeof(err)), 0);
	assert_string_equal(fx_get(KEEP), "1\n");
}

/* The request is per device: arming watchdog1 leaves watchdog0's alone. */
static void arm_second_device(void **s)
{
	struct wdarm_state st;

	(void)s;
	core_esb();
	fx_put("/dev/watchdog1", "");
	fx_put("/sys/class/watchdog/watchdog1/state", "inactive\n");
	fx_put("/sys/class/watchdog/watchdog1/nowayout", "0\n");
	fx_put("/sys/class/watchdog/watchdog1/" WDARM_KEEP_ATTR, "0\n");
	drv.dir = "/sys/class/watchdog/watchdog1";
	assert_int_equal(wdarm_arm(fx_path("/dev/watchdog1"), 10, &st, err, sizeof(err)), 0);
	assert_string_equal(fx_get("/sys/class/watchdog/watchdog1/" WDARM_KEEP_ATTR), "1\n");
	assert_string_equal(fx_get(KEEP), "0\n");
	assert_int_equal(wdarm_disarm(&st, err, sizeof(err)), 0);
	assert_string_equal(fx_get("/sys/class/watchdog/watchdog1/" WDARM_KEEP_ATTR), "0\n");
}

/* Already requested (by hand, or an earlier arming): kept, and put back as 1. */
static void arm_keep_already_set(void **s)
{
	struct wdarm_state st;

	(void)s;
	core_esb();
	fx_put(KEEP, "1\n");
	assert_int_equal(wdarm_arm(fx_path("/dev/watchdog0"), 10, &st, err, sizeof(err)), 0);
	assert_string_equal(st.keep_before, "1");
	assert_int_equal(wdarm_disarm(&st, err, sizeof(err)), 0);
	assert_string_equal(fx_get(KEEP), "1\n");
}

/* A kernel without the series: refused before anything is opened, one line. */
static void arm_keep_missing(void **s)
{
	struct wdarm_state st;

	(void)s;
	core_esb();
	remove(fx_path(KEEP));
	assert_int_equal(wdarm_arm(fx_path("/dev/watchdog0"), 10, &st, err, sizeof(err)),
			 -ENOENT);
	assert_string_equal(err, "/sys/class/watchdog/watchdog0/keep_running_on_restart "
			    "missing: this kernel cannot keep watchdog0 running through kexec; "
			    "apply kernel-patches/ (mainline or 6.12 series; "
			    "CONFIG_WATCHDOG_SYSFS=y)");
	assert_false(st.armed);
	assert_int_equal(drv.calls, 0);
	assert_int_equal(fx_size("/dev/watchdog0"), 0);
	assert_string_equal(fx_get(KEEP), "<missing>");
}

/* A legacy driver has no watchdog-core device, so no attribute: refused, nothing armed. */
static void arm_keep_legacy_refused(void **s)
{
	struct wdarm_state st;

	(void)s;
	legacy_ib700();
	assert_int_equal(wdarm_arm(fx_path("/dev/watchdog"), 10, &st, err, sizeof(err)),
			 -ENOENT);
	assert_non_null(strstr(err, "/sys/class/watchdog/watchdog0/keep_running_on_restart "
				    "missing: "));
	assert_non_null(strstr(err, "is not a watchdog-core device"));
	assert_non_null(strstr(err, "cannot keep it running through kexec"));
	assert_null(strchr(err, '\n'));
	assert_false(st.armed);
	assert_int_equal(drv.calls, 0);
	assert_int_equal(fx_size("/dev/watchdog"), 0);
}

/* Only /dev/watchdogN and /dev/watchdog say which attribute is the device's. */
static void arm_keep_unknown_name(void **s)
{
	struct wdarm_state st;

	(void)s;
	core_esb();
	fx_put("/dev/board-wdt", "");
	assert_int_equal(wdarm_arm(fx_path("/dev/board-wdt"), 10, &st, err, sizeof(err)),
			 -ENODEV);
	assert_non_null(strstr(err, "only a /dev/watchdogN or /dev/watchdog name leads to"));
	assert_false(st.armed);
	assert_int_equal(drv.calls, 0);
	assert_int_equal(fx_size("/dev/board-wdt"), 0);
	assert_string_equal(fx_get(KEEP), "0\n");
}

static void arm_keep_invalid_value(void **s)
{
	struct wdarm_state st;

	(void)s;
	core_esb();
	fx_put(KEEP, "2\n");
	assert_int_equal(wdarm_arm(fx_path("/dev/watchdog0"), 10, &st, err, sizeof(err)),
			 -EINVAL);
	assert_non_null(strstr(err, "keep_running_on_restart: it reads '2', not 0 or 1"));
	assert_false(st.armed);
	assert_int_equal(drv.calls, 0);
	assert_string_equal(fx_get(KEEP), "2\n");
}

static void arm_keep_read_only(void **s)
{
	struct wdarm_state st;
	int fd;

	(void)s;
	core_esb();
	remove(fx_path(KEEP));
	if (geteuid() != 0) {
		fx_put(KEEP, "0\n");
		chmod(fx_path(KEEP), 0444);
	} else {
		/* Root writes any plain file; a 0444 sysfs file refuses even root, as a
		 * read-only attribute would. */
		fd = open("/sys/kernel/uevent_seqnum", O_WRONLY);
		if (fd >= 0 || errno != EACCES) {
			if (fd >= 0)
				close(fd);
			skip();
		}
		assert_int_equal(symlink("/sys/kernel/uevent_seqnum", fx_path(KEEP)), 0);
	}
	assert_int_equal(wdarm_arm(fx_path("/dev/watchdog0"), 10, &st, err, sizeof(err)),
			 -EACCES);
	assert_string_equal(err, "unable to write /sys/class/watchdog/watchdog0/"
			    "keep_running_on_restart: Permission denied (run as root)");
	assert_false(st.armed);
	assert_int_equal(drv.calls, 0);
	assert_int_equal(fx_size("/dev/watchdog0"), 0);
}

/* The write fails after the device was opened: the timer is stopped again (it was not
 * running before) and nothing claims to be armed. */
static void arm_keep_write_fails_undoes(void **s)
{
	struct wdarm_state st;

	(void)s;
	core_esb();
	drv.keep_becomes_dir = true;
	assert_int_equal(wdarm_arm(fx_path("/dev/watchdog0"), 10, &st, err, sizeof(err)),
			 -EISDIR);
	assert_string_equal(err, "unable to write 1 to /sys/class/watchdog/watchdog0/"
			    "keep_running_on_restart: Is a directory");
	assert_false(st.armed);
	/* Opened, petted once ('\0'), then the magic close. */
	assert_int_not_equal(drv.calls, 0);
	assert_int_equal(fx_size("/dev/watchdog0"), 2);
	assert_int_equal(fx_get("/dev/watchdog0")[1], 'V');
}

/* The module's check, as phramboot's plan (and --dry-run) runs it: changes nothing. */
static void check_continuity_changes_nothing(void **s)
{
	char before[16] = "";

	(void)s;
	core_esb();
	assert_int_equal(wdarm_check_continuity(fx_path("/dev/watchdog0"), before,
						sizeof(before), err, sizeof(err)), 0);
	assert_string_equal(before, "0");
	assert_string_equal(fx_get(KEEP), "0\n");
	assert_int_equal(drv.calls, 0);
	assert_int_equal(fx_size("/dev/watchdog0"), 0);
	remove(fx_path(KEEP));
	assert_int_equal(wdarm_check_continuity(fx_path("/dev/watchdog0"), NULL, 0, err,
						sizeof(err)), -ENOENT);
	assert_non_null(strstr(err, "cannot keep watchdog0 running through kexec"));
}

static void arm_without_continuity_needs_no_attribute(void **s)
{
	struct wdarm_state st;

	(void)s;
	core_esb();
	remove(fx_path(KEEP));
	assert_int_equal(wdarm_arm_flags(fx_path("/dev/watchdog0"), 10,
					 WDARM_NO_KEXEC_CONTINUITY, &st, NULL, err,
					 sizeof(err)), 0);
	assert_true(st.armed);
	assert_string_equal(st.keep_before, "");
	assert_string_equal(fx_get(KEEP), "<missing>");
}

/* --no-kexec-continuity leaves the attribute alone where there is one, too. */
static void arm_without_continuity_leaves_attribute(void **s)
{
	struct wdarm_state st;

	(void)s;
	core_esb();
	assert_int_equal(arm_plain("/dev/watchdog0", 10, &st), 0);
	assert_string_equal(fx_get(KEEP), "0\n");
	assert_int_equal(wdarm_disarm(&st, err, sizeof(err)), 0);
	assert_string_equal(fx_get(KEEP), "0\n");
}

static void arm_legacy_without_continuity(void **s)
{
	struct wdarm_state st;

	(void)s;
	legacy_ib700();
	assert_int_equal(arm_plain("/dev/watchdog", 10, &st), 0);
	assert_true(st.armed);
	assert_null(strchr(fx_get("/dev/watchdog"), 'V'));
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
	assert_string_equal(fx_get(KEEP), "0\n");
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
	assert_int_equal(arm_plain("/dev/watchdog", 10, &st), -EOPNOTSUPP);
	assert_non_null(strstr(err, "legacy driver IB700 WDT lacks WDIOF_MAGICCLOSE"));
	assert_false(st.armed);
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
	assert_string_equal(fx_get(KEEP), "0\n");
}

/* A step after the device was opened fails: stopped again, the attribute untouched. */
static void arm_settimeout_refused_undoes(void **s)
{
	struct wdarm_state st;

	(void)s;
	core_esb();
	drv.settimeout_errno = EINVAL;
	assert_int_equal(wdarm_arm(fx_path("/dev/watchdog0"), 31, &st, err, sizeof(err)),
			 -EINVAL);
	assert_non_null(strstr(err, "unable to set the timeout of "));
	assert_non_null(strstr(err, "to 31 s: Invalid argument"));
	assert_false(st.armed);
	assert_string_equal(fx_get(KEEP), "0\n");
	assert_string_equal(fx_get("/dev/watchdog0"), "V");
}

static void arm_legacy_settimeout_refused_undoes(void **s)
{
	struct wdarm_state st;

	(void)s;
	legacy_ib700();
	drv.settimeout_errno = EINVAL;
	assert_int_equal(arm_plain("/dev/watchdog", 31, &st), -EINVAL);
	assert_non_null(strstr(err, "to 31 s: Invalid argument"));
	assert_false(st.armed);
	assert_string_equal(fx_get("/dev/watchdog"), "V");
}

static void arm_fixed_timeout(void **s)
{
	struct wdarm_state st;

	(void)s;
	legacy_ib700();
	drv.options = WDIOF_MAGICCLOSE;
	assert_int_equal(arm_plain("/dev/watchdog", 10, &st), -EOPNOTSUPP);
	assert_non_null(strstr(err, "fixed timeout (30 s; no WDIOF_SETTIMEOUT)"));
	assert_int_equal(arm_plain("/dev/watchdog", 30, &st), 0);
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
	assert_false(st.armed);
	assert_string_equal(fx_get(KEEP), "0\n");
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
	assert_string_equal(fx_get(KEEP), "0\n");
	assert_string_equal(st.keep_before, "");
	assert_false(st.keep_not_restored);
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
	assert_string_equal(fx_get(KEEP), "0\n");
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
	/* The attribute goes back anyway: nothing else asked for it. */
	assert_string_equal(fx_get(KEEP), "0\n");
}

/* nowayout: the kernel refuses to clear the request (EPERM). The timer, running before,
 * is handed back; the refusal is reported in the state, not as a failed disarm. */
static void disarm_keep_eperm_with_nowayout(void **s)
{
	struct wdarm_state st;

	(void)s;
	core_esb();
	fx_put(ESB "/state", "active\n");
	fx_put(ESB "/nowayout", "1\n");
	assert_int_equal(wdarm_arm(fx_path("/dev/watchdog0"), 10, &st, err, sizeof(err)), 0);
	assert_string_equal(fx_get(KEEP), "1\n");
	assert_int_equal(wdarm_disarm(&st, err, sizeof(err)), 0);
	assert_false(st.armed);
	assert_true(st.keep_not_restored);
	assert_string_equal(st.keep_before, "");
	assert_string_equal(fx_get(KEEP), "1\n");
}

/* A value the kernel refuses (EINVAL) fails the disarm with the reason, and stays to be
 * retried; only a saved file could bring one, and wdarm_load() refuses those. */
static void disarm_keep_einval(void **s)
{
	struct wdarm_state st;

	(void)s;
	core_esb();
	assert_int_equal(wdarm_arm(fx_path("/dev/watchdog0"), 10, &st, err, sizeof(err)), 0);
	snprintf(st.keep_before, sizeof(st.keep_before), "-1");
	assert_int_equal(wdarm_disarm(&st, err, sizeof(err)), -EINVAL);
	assert_string_equal(err, "unable to restore /sys/class/watchdog/watchdog0/"
			    "keep_running_on_restart to -1: Invalid argument");
	assert_true(st.armed);
	assert_false(st.keep_not_restored);
	assert_string_equal(fx_get(KEEP), "1\n");
}

static void disarm_legacy_ignores_setoptions_errors(void **s)
{
	struct wdarm_state st;

	(void)s;
	legacy_ib700();
	assert_int_equal(arm_plain("/dev/watchdog", 10, &st), 0);
	drv.setoptions_errno = ENOTTY;
	assert_int_equal(wdarm_disarm(&st, err, sizeof(err)), 0);
	assert_string_equal(fx_get("/dev/watchdog"), "V");
}

/* ---- the save file: arming in one process, --disarm in another ---- */

static void save_load_restore_forget(void **s)
{
	struct wdarm_state st, later;

	(void)s;
	core_esb();
	assert_int_equal(wdarm_arm(fx_path("/dev/watchdog0"), 10, &st, err, sizeof(err)), 0);
	assert_int_equal(wdarm_save(&st, err, sizeof(err)), 0);
	assert_string_equal(fx_get(SAVED), "0\n");
	/* --disarm in another process, through the alias: the same device, the same file. */
	memset(&later, 0, sizeof(later));
	snprintf(later.dev, sizeof(later.dev), "%s", fx_path("/dev/watchdog"));
	later.armed = true;
	assert_int_equal(wdarm_load(later.dev, &later, err, sizeof(err)), 0);
	assert_string_equal(later.keep_before, "0");
	assert_int_equal(wdarm_disarm(&later, err, sizeof(err)), 0);
	assert_string_equal(fx_get(KEEP), "0\n");
	wdarm_forget(later.dev);
	assert_string_equal(fx_get(SAVED), "<missing>");
}

/* Arming twice before --disarm: the second finds the first one's 1, and the file keeps
 * what the system had. */
static void save_keeps_the_first_value(void **s)
{
	struct wdarm_state st;

	(void)s;
	core_esb();
	assert_int_equal(wdarm_arm(fx_path("/dev/watchdog0"), 10, &st, err, sizeof(err)), 0);
	assert_int_equal(wdarm_save(&st, err, sizeof(err)), 0);
	assert_int_equal(wdarm_arm(fx_path("/dev/watchdog0"), 10, &st, err, sizeof(err)), 0);
	assert_string_equal(st.keep_before, "1");
	assert_int_equal(wdarm_save(&st, err, sizeof(err)), 0);
	assert_string_equal(fx_get(SAVED), "0\n");
}

static void save_nothing_to_save(void **s)
{
	struct wdarm_state st;

	(void)s;
	core_esb();
	assert_int_equal(arm_plain("/dev/watchdog0", 10, &st), 0);
	assert_int_equal(wdarm_save(&st, err, sizeof(err)), 0);
	assert_string_equal(fx_get(SAVED), "<missing>");
}

static void save_unwritable(void **s)
{
	struct wdarm_state st;

	(void)s;
	core_esb();
	remove(fx_path("/run"));
	assert_int_equal(wdarm_arm(fx_path("/dev/watchdog0"), 10, &st, err, sizeof(err)), 0);
	assert_int_equal(wdarm_save(&st, err, sizeof(err)), -ENOENT);
	assert_non_null(strstr(err, "unable to save the old keep_running_on_restart in "));
	assert_non_null(strstr(err, SAVED ": No such file or directory"));
}

static void load_missing_or_invalid(void **s)
{
	struct wdarm_state st;

	(void)s;
	core_esb();
	memset(&st, 0, sizeof(st));
	assert_int_equal(wdarm_load(fx_path("/dev/watchdog0"), &st, err, sizeof(err)),
			 -ENOENT);
	assert_non_null(strstr(err, "nothing saved in "));
	fx_put(SAVED, "-1\n");
	assert_int_equal(wdarm_load(fx_path("/dev/watchdog0"), &st, err, sizeof(err)),
			 -EINVAL);
	assert_non_null(strstr(err, "holds '-1', not 0 or 1"));
	assert_string_equal(st.keep_before, "");
	assert_int_equal(wdarm_load(fx_path("/dev/board-wdt"), &st, err, sizeof(err)),
			 -ENOENT);
}

static void save_paths(void **s)
{
	char path[256];

	(void)s;
	wdarm_save_path(fx_path("/dev/watchdog"), path, sizeof(path));
	assert_string_equal(path, fx_path(SAVED));
	wdarm_save_path(fx_path("/dev/watchdog3"), path, sizeof(path));
	assert_string_equal(path, fx_path(WDARM_SAVE_PREFIX "watchdog3"));
	wdarm_save_path(fx_path("/dev/board-wdt"), path, sizeof(path));
	assert_string_equal(path, "");
}

/* ---- pure helpers ---- */

static void sysfs_names(void **s)
{
	char name[32];

	(void)s;
	assert_int_equal(wdarm_sysfs_name("/dev/watchdog", name, sizeof(name)), 0);
	assert_string_equal(name, "watchdog0");
	assert_int_equal(wdarm_sysfs_name("/dev/watchdog12", name, sizeof(name)), 0);
	assert_string_equal(name, "watchdog12");
	assert_int_equal(wdarm_sysfs_name("watchdog1", name, sizeof(name)), 0);
	assert_string_equal(name, "watchdog1");
	assert_int_equal(wdarm_sysfs_name("/dev/watchdogx", name, sizeof(name)), -ENODEV);
	assert_int_equal(wdarm_sysfs_name("/dev/watchdog-1", name, sizeof(name)), -ENODEV);
	assert_int_equal(wdarm_sysfs_name("/dev/wdt", name, sizeof(name)), -ENODEV);
	assert_int_equal(wdarm_sysfs_name("/dev/watchdog12", name, 8), -ENAMETOOLONG);
}

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
		T(arm_core), T(arm_plain_wrapper), T(arm_alias_writes_watchdog0),
		T(arm_second_device), T(arm_keep_already_set), T(arm_keep_missing),
		T(arm_keep_legacy_refused), T(arm_keep_unknown_name), T(arm_keep_invalid_value),
		T(arm_keep_read_only), T(arm_keep_write_fails_undoes),
		T(check_continuity_changes_nothing), T(arm_without_continuity_needs_no_attribute),
		T(arm_without_continuity_leaves_attribute), T(arm_legacy_without_continuity),
		T(arm_refuses_core_without_magicclose),
		T(arm_accepts_no_magicclose_with_nowayout),
		T(arm_refuses_legacy_without_magicclose), T(arm_refuses_zero_timeout),
		T(arm_refuses_timeout_above_sysfs_max), T(arm_settimeout_refused_undoes),
		T(arm_legacy_settimeout_refused_undoes),
		T(arm_fixed_timeout), T(arm_detects_stop_on_close),
		T(disarm_restores), T(disarm_hands_back_a_running_watchdog), T(disarm_nothing_armed),
		T(disarm_nowayout), T(disarm_keep_eperm_with_nowayout), T(disarm_keep_einval),
		T(disarm_legacy_ignores_setoptions_errors),
		T(save_load_restore_forget), T(save_keeps_the_first_value),
		T(save_nothing_to_save), T(save_unwritable), T(load_missing_or_invalid),
		T(save_paths),
		T(sysfs_names), T(close_semantics), T(describe_options),
	};

	return cmocka_run_group_tests_name("wdarm", tests, NULL, NULL);
}
