// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The watchdog-arm module (see wdarm.h). Self-contained: libc and <linux/watchdog.h>
 * only, so that phramboot can compile it into its own binary.
 *
 * Kernel behaviour this relies on (Linux 6.1, drivers/watchdog/):
 * - opening the device starts the timer (watchdog_open(), and every legacy driver);
 * - watchdog_release() stops the timer on close unless the driver has
 *   WDIOF_MAGICCLOSE and no 'V' was written since the last write, or nowayout is set;
 * - a write pets the timer and clears an earlier 'V'; WDIOC_KEEPALIVE needs
 *   WDIOF_KEEPALIVEPING in the core, so petting by write works everywhere;
 * - legacy misc drivers (ath79_wdt without kernel-patches/, stock ib700wdt) have no
 *   /sys/class/watchdog entry and their own release; ib700 honours the magic 'V' like
 *   the core does;
 * - only a watchdog-core device can be kept running through kexec: with the watchdog
 *   series of kernel-patches/ its keep_running_on_restart attribute (wdarm.h) tells the
 *   core's reboot notifier to leave a running timer running at SYS_RESTART.
 */
#include "wdarm.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/watchdog.h>

const char *wdarm_root = "";

static int fail(char *err, size_t errlen, int rc, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail(char *err, size_t errlen, int rc, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return rc;
}

/* Join two path parts; an over-long path becomes "" so that it names nothing rather than
 * a truncated, wrong file. */
static void join(char *buf, size_t len, const char *a, const char *sep, const char *b)
{
	int n = snprintf(buf, len, "%s%s%s", a, sep, b);

	if (n < 0 || (size_t)n >= len)
		buf[0] = '\0';
}

static void rooted(char *buf, size_t len, const char *path)
{
	join(buf, len, wdarm_root, "", path);
}

/* Read a small sysfs-style file into buf without its trailing newline. */
static int read_small(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	do
		n = read(fd, buf, len - 1);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		int e = -errno;

		close(fd);
		return e;
	}
	close(fd);
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

static int write_file(const char *path, const char *value, int oflags)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC | oflags, 0644);
	size_t len = strlen(value);
	ssize_t n;

	if (fd < 0)
		return -errno;
	do
		n = write(fd, value, len);
	while (n < 0 && errno == EINTR);
	if (n < 0 || (size_t)n != len) {
		int e = n < 0 ? -errno : -EIO;

		close(fd);
		return e;
	}
	if (close(fd) < 0)
		return -errno;
	return 0;
}

/* A sysfs attribute: no O_TRUNC (sysfs ignores it). The unit tests' fake attribute judges
 * each write against the value the file still holds, as the kernel does. */
static int write_small(const char *path, const char *value)
{
	return write_file(path, value, 0);
}

/* A non-negative decimal from sysfs, or -1 when absent or malformed. */
static int parse_uint(const char *s)
{
	char *end;
	long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v > 0x7fffffff)
		return -1;
	return (int)v;
}

static int read_uint(const char *path)
{
	char buf[32];

	if (read_small(path, buf, sizeof(buf)) < 0)
		return -1;
	return parse_uint(buf);
}

/*
 * The sysfs directory of a watchdog-core device, from its /dev name. /dev/watchdog is the
 * misc alias of core device 0 when that exists: watchdog_dev_register() gives id 0 only to
 * the device that owns the misc minor, and a legacy driver holding the minor pushes core
 * devices to ids >= 1.
 */
int wdarm_sysfs_name(const char *dev, char *name, size_t len)
{
	const char *base = strrchr(dev, '/');
	int n;

	base = base ? base + 1 : dev;
	if (strcmp(base, "watchdog") == 0)
		base = "watchdog0";
	else if (strncmp(base, "watchdog", 8) != 0 || parse_uint(base + 8) < 0)
		return -ENODEV;
	n = snprintf(name, len, "%s", base);
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

static bool sysfs_dir(const char *dev, char *dir, size_t len)
{
	char name[32], rel[96];
	struct stat st;

	if (wdarm_sysfs_name(dev, name, sizeof(name)) < 0)
		return false;
	join(rel, sizeof(rel), WDARM_CLASS_DIR "/", "", name);
	rooted(dir, len, rel);
	return stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
}

/* dev's keep_running_on_restart: the path to open (under wdarm_root) and the one to show;
 * false when dev has no sysfs name. */
static bool keep_paths(const char *dev, char *path, size_t len, char *shown, size_t slen)
{
	char name[32];

	path[0] = shown[0] = '\0';
	if (wdarm_sysfs_name(dev, name, sizeof(name)) < 0)
		return false;
	join(shown, slen, WDARM_CLASS_DIR "/", name, "/" WDARM_KEEP_ATTR);
	rooted(path, len, shown);
	return path[0] != '\0';
}

static int sysfs_attr(const char *dir, const char *attr, char *buf, size_t len)
{
	char path[256];

	join(path, sizeof(path), dir, "/", attr);
	return read_small(path, buf, len);
}

static int sysfs_uint(const char *dir, const char *attr)
{
	char path[256];

	join(path, sizeof(path), dir, "/", attr);
	return read_uint(path);
}

int wdarm_find_device(char *dev, size_t devlen, char *err, size_t errlen)
{
	static const char *const candidates[] = { "/dev/watchdog0", "/dev/watchdog" };
	char path[256];
	struct stat st;
	size_t i;

	for (i = 0; i < sizeof(candidates) / sizeof(candidates[0]); i++) {
		rooted(path, sizeof(path), candidates[i]);
		/* stat, never open: opening starts the timer. */
		if (stat(path, &st) == 0) {
			snprintf(dev, devlen, "%s", path);
			return 0;
		}
	}
	return fail(err, errlen, -ENOENT,
		    "unable to find a watchdog: no /dev/watchdog0 or /dev/watchdog "
		    "(is the driver loaded?)");
}

static void info_from_sysfs(const char *dev, struct wdarm_info *info)
{
	char dir[256];
	int bootstatus;

	memset(info, 0, sizeof(*info));
	snprintf(info->dev, sizeof(info->dev), "%s", dev);
	info->timeout = info->min_timeout = info->max_timeout = -1;
	info->nowayout = -1;

	if (!sysfs_dir(dev, dir, sizeof(dir)))
		return;
	info->core = true;
	if (sysfs_attr(dir, "identity", info->identity, sizeof(info->identity)) < 0)
		info->identity[0] = '\0';
	if (sysfs_attr(dir, "state", info->state, sizeof(info->state)) < 0)
		info->state[0] = '\0';
	info->timeout = sysfs_uint(dir, "timeout");
	info->min_timeout = sysfs_uint(dir, "min_timeout");
	info->max_timeout = sysfs_uint(dir, "max_timeout");
	info->nowayout = sysfs_uint(dir, "nowayout");
	if (info->nowayout > 1)
		info->nowayout = -1;
	bootstatus = sysfs_uint(dir, "bootstatus");
	if (bootstatus > 0)
		info->bootstatus = (unsigned int)bootstatus;
	if (sysfs_attr(dir, WDARM_KEEP_ATTR, info->keep, sizeof(info->keep)) < 0)
		info->keep[0] = '\0';
	info->keep_across_kexec = strcmp(info->keep, "1") == 0;
}

static bool was_active(const struct wdarm_info *info)
{
	return strcmp(info->state, "active") == 0;
}

static int xioctl(int fd, unsigned long req, void *arg)
{
	int rc;

	do
		rc = ioctl(fd, req, arg);
	while (rc < 0 && errno == EINTR);
	return rc < 0 ? -errno : 0;
}

static int write_byte(int fd, char c)
{
	ssize_t n;

	do
		n = write(fd, &c, 1);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	return n == 1 ? 0 : -EIO;
}

/* Close a device this module opened, leaving the timer as it found it: a timer that was
 * not running is stopped again by the magic close, a running one is left running. */
static void close_as_found(int fd, bool active_before)
{
	if (!active_before)
		write_byte(fd, 'V');
	close(fd);
}

/* Fill what only the open device can tell. */
static int query_open_fd(int fd, struct wdarm_info *info, char *err, size_t errlen)
{
	struct watchdog_info wi;
	int v, rc;

	memset(&wi, 0, sizeof(wi));
	rc = xioctl(fd, WDIOC_GETSUPPORT, &wi);
	if (rc < 0)
		return fail(err, errlen, rc, "unable to query %s (WDIOC_GETSUPPORT): %s",
			    info->dev, strerror(-rc));
	info->opened = true;
	info->options = wi.options;
	memcpy(info->identity, wi.identity, sizeof(wi.identity));
	info->identity[sizeof(wi.identity)] = '\0';
	v = 0;
	if (xioctl(fd, WDIOC_GETBOOTSTATUS, &v) == 0)
		info->bootstatus = (unsigned int)v;
	v = 0;
	if (xioctl(fd, WDIOC_GETTIMEOUT, &v) == 0 && v > 0)
		info->timeout = v;
	return 0;
}

static int open_dev(const char *dev, int *fd, char *err, size_t errlen)
{
	*fd = open(dev, O_WRONLY | O_CLOEXEC);
	if (*fd >= 0)
		return 0;
	if (errno == EBUSY)
		return fail(err, errlen, -EBUSY,
			    "unable to open %s: %s (another process holds it: a keepalive "
			    "or watchdog daemon?)", dev, strerror(EBUSY));
	return fail(err, errlen, -errno, "unable to open %s: %s", dev, strerror(errno));
}

int wdarm_query(const char *dev, bool may_open, struct wdarm_info *info,
		char *err, size_t errlen)
{
	struct stat st;
	int fd, rc;

	info_from_sysfs(dev, info);
	if (stat(dev, &st) < 0)
		return fail(err, errlen, -errno, "unable to query %s: %s", dev, strerror(errno));
	if (!may_open)
		return 0;
	rc = open_dev(dev, &fd, err, errlen);
	if (rc < 0)
		return rc;
	rc = query_open_fd(fd, info, err, errlen);
	/* A legacy driver cannot say whether it ran before we opened it: we stop it. */
	close_as_found(fd, was_active(info));
	return rc;
}

enum wdarm_close wdarm_close_semantics(const struct wdarm_info *info)
{
	if (info->options & WDIOF_MAGICCLOSE)
		return WDARM_CLOSE_KEEPS_RUNNING;
	if (info->nowayout == 1)
		return WDARM_CLOSE_KEEPS_RUNNING;
	return info->core ? WDARM_CLOSE_STOPS : WDARM_CLOSE_UNKNOWN;
}

void wdarm_describe_options(unsigned int options, char *buf, size_t buflen)
{
	static const struct {
		unsigned int bit;
		const char *name;
	} names[] = {
		{ WDIOF_OVERHEAT, "OVERHEAT" },       { WDIOF_FANFAULT, "FANFAULT" },
		{ WDIOF_EXTERN1, "EXTERN1" },         { WDIOF_EXTERN2, "EXTERN2" },
		{ WDIOF_POWERUNDER, "POWERUNDER" },   { WDIOF_CARDRESET, "CARDRESET" },
		{ WDIOF_POWEROVER, "POWEROVER" },     { WDIOF_SETTIMEOUT, "SETTIMEOUT" },
		{ WDIOF_MAGICCLOSE, "MAGICCLOSE" },   { WDIOF_PRETIMEOUT, "PRETIMEOUT" },
		{ WDIOF_ALARMONLY, "ALARMONLY" },     { WDIOF_KEEPALIVEPING, "KEEPALIVEPING" },
	};
	size_t i, used = 0;

	if (!buflen)
		return;
	buf[0] = '\0';
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		int n;

		if (!(options & names[i].bit))
			continue;
		n = snprintf(buf + used, buflen - used, "%s%s", used ? " " : "", names[i].name);
		if (n < 0 || (size_t)n >= buflen - used) {
			buf[used] = '\0';   /* whole names only */
			return;
		}
		used += (size_t)n;
	}
	if (!used)
		snprintf(buf, buflen, "none");
}

static int set_timeout(int fd, int timeout_s, struct wdarm_info *info,
		       char *err, size_t errlen)
{
	int v = timeout_s, rc;

	if (!(info->options & WDIOF_SETTIMEOUT)) {
		if (info->timeout == timeout_s)
			return 0;
		return fail(err, errlen, -EOPNOTSUPP,
			    "unable to set the timeout of %s: the driver has a fixed timeout "
			    "(%d s; no WDIOF_SETTIMEOUT)", info->dev, info->timeout);
	}
	rc = xioctl(fd, WDIOC_SETTIMEOUT, &v);
	if (rc < 0) {
		if (info->min_timeout > 0 && info->max_timeout > 0)
			return fail(err, errlen, rc,
				    "unable to set the timeout of %s to %d s: %s (driver range "
				    "%d..%d s)", info->dev, timeout_s, strerror(-rc),
				    info->min_timeout, info->max_timeout);
		return fail(err, errlen, rc, "unable to set the timeout of %s to %d s: %s",
			    info->dev, timeout_s, strerror(-rc));
	}
	/* The driver answers with what it really set (it may round). */
	info->timeout = v > 0 ? v : timeout_s;
	return 0;
}

static int check_timeout_range(const struct wdarm_info *info, int timeout_s,
			       char *err, size_t errlen)
{
	/* A stock kernel's ib700 accepts 0 and resets at once: never a sane request. */
	if (timeout_s < 1)
		return fail(err, errlen, -EINVAL,
			    "unable to arm %s: timeout %d s is too short (at least 1 s)",
			    info->dev, timeout_s);
	if (info->max_timeout > 0 && timeout_s > info->max_timeout)
		return fail(err, errlen, -EINVAL,
			    "unable to arm %s: timeout %d s is above the driver's maximum %d s",
			    info->dev, timeout_s, info->max_timeout);
	if (info->min_timeout > 0 && timeout_s < info->min_timeout)
		return fail(err, errlen, -EINVAL,
			    "unable to arm %s: timeout %d s is below the driver's minimum %d s",
			    info->dev, timeout_s, info->min_timeout);
	return 0;
}

int wdarm_pet(int fd, char *err, size_t errlen)
{
	int rc = write_byte(fd, '\0');

	if (rc < 0)
		return fail(err, errlen, rc, "unable to pet the watchdog: %s", strerror(-rc));
	return 0;
}

int wdarm_open_running(const char *dev, int timeout_s, int *fd, struct wdarm_info *info,
		       char *err, size_t errlen)
{
	bool active_before;
	int rc;

	*fd = -1;
	info_from_sysfs(dev, info);
	active_before = was_active(info);
	if (timeout_s > 0) {
		rc = check_timeout_range(info, timeout_s, err, errlen);
		if (rc < 0)
			return rc;
	}
	rc = open_dev(dev, fd, err, errlen);
	if (rc < 0)
		return rc;
	rc = query_open_fd(*fd, info, err, errlen);
	if (rc < 0)
		goto undo;
	switch (wdarm_close_semantics(info)) {
	case WDARM_CLOSE_KEEPS_RUNNING:
		break;
	case WDARM_CLOSE_STOPS:
		rc = fail(err, errlen, -EOPNOTSUPP,
			  "unable to arm %s: driver %s lacks WDIOF_MAGICCLOSE, so the kernel "
			  "stops it on close; set nowayout (echo 1 > /sys/class/watchdog/"
			  "<name>/nowayout, irreversible) to keep it running",
			  dev, info->identity);
		goto undo;
	case WDARM_CLOSE_UNKNOWN:
		rc = fail(err, errlen, -EOPNOTSUPP,
			  "unable to arm %s: legacy driver %s lacks WDIOF_MAGICCLOSE, so it "
			  "may stop on close", dev, info->identity);
		goto undo;
	}
	if (timeout_s > 0) {
		rc = set_timeout(*fd, timeout_s, info, err, errlen);
		if (rc < 0)
			goto undo;
	}
	rc = wdarm_pet(*fd, err, errlen);
	if (rc < 0)
		goto undo;
	return 0;
undo:
	close_as_found(*fd, active_before);
	*fd = -1;
	return rc;
}

static bool keep_value_ok(const char *v)
{
	return strcmp(v, "0") == 0 || strcmp(v, "1") == 0;
}

int wdarm_check_continuity(const char *dev, char *before, size_t beforelen,
			   char *err, size_t errlen)
{
	char name[32], dir[256], path[256], shown[128], value[16];
	int fd, rc;

	if (wdarm_sysfs_name(dev, name, sizeof(name)) < 0 ||
	    !keep_paths(dev, path, sizeof(path), shown, sizeof(shown)))
		return fail(err, errlen, -ENODEV,
			    "unable to keep %s running through kexec: only a /dev/watchdogN or "
			    "/dev/watchdog name leads to its " WDARM_CLASS_DIR "/watchdogN/"
			    WDARM_KEEP_ATTR "; name the device so", dev);
	if (!sysfs_dir(dev, dir, sizeof(dir)))
		return fail(err, errlen, -ENOENT,
			    "%s missing: %s is not a watchdog-core device (no " WDARM_CLASS_DIR
			    "/%s: a legacy driver?), so this kernel cannot keep it running "
			    "through kexec; its driver must be converted to the watchdog core",
			    shown, dev, name);
	rc = read_small(path, value, sizeof(value));
	if (rc == -ENOENT)
		return fail(err, errlen, rc,
			    "%s missing: this kernel cannot keep %s running through kexec; apply "
			    "kernel-patches/ (mainline or 6.12 series; CONFIG_WATCHDOG_SYSFS=y)",
			    shown, name);
	if (rc < 0)
		return fail(err, errlen, rc, "unable to read %s: %s", shown, strerror(-rc));
	/* Probe before anything changes: sysfs refuses a write open of a 0444 file even to
	 * root, and an unprivileged caller gets EACCES here rather than after arming. */
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		rc = -errno;
		return fail(err, errlen, rc, "unable to write %s: %s%s", shown, strerror(-rc),
			    rc == -EACCES ? " (run as root)" : "");
	}
	close(fd);
	if (!keep_value_ok(value))
		return fail(err, errlen, -EINVAL,
			    "unable to use %s: it reads '%s', not 0 or 1", shown, value);
	if (before)
		snprintf(before, beforelen, "%s", value);
	return 0;
}

int wdarm_arm_flags(const char *dev, int timeout_s, unsigned int flags,
		    struct wdarm_state *state, struct wdarm_info *info_out,
		    char *err, size_t errlen)
{
	bool continuity = !(flags & WDARM_NO_KEXEC_CONTINUITY);
	char keep[256], shown[128], before[16] = "", now[16] = "";
	struct wdarm_info info, after;
	int fd, rc;

	memset(state, 0, sizeof(*state));
	if (timeout_s < 1)
		return fail(err, errlen, -EINVAL,
			    "unable to arm %s: timeout %d s is too short (at least 1 s)",
			    dev, timeout_s);
	/* Every check before the device is opened: opening starts the timer. */
	if (continuity) {
		rc = wdarm_check_continuity(dev, before, sizeof(before), err, errlen);
		if (rc < 0)
			return rc;
		keep_paths(dev, keep, sizeof(keep), shown, sizeof(shown));
	}
	{
		struct wdarm_info pre;

		info_from_sysfs(dev, &pre);
		state->active_before = was_active(&pre);
		state->timeout_before = pre.timeout;
	}
	rc = wdarm_open_running(dev, timeout_s, &fd, &info, err, errlen);
	if (rc < 0)
		return rc;
	if (continuity) {
		rc = write_small(keep, "1");
		if (rc == 0)
			rc = read_small(keep, now, sizeof(now));
		if (rc < 0 || strcmp(now, "1") != 0) {
			/* Back as found: the attribute (best effort: a nowayout device refuses
			 * to clear it), and the timer stopped again if this call started it. */
			if (strcmp(before, "1") != 0)
				write_small(keep, before);
			close_as_found(fd, state->active_before);
			if (rc < 0)
				return fail(err, errlen, rc, "unable to write 1 to %s: %s", shown,
					    strerror(-rc));
			return fail(err, errlen, -EIO, "unable to keep %s running through kexec: "
				    "%s reads '%s' after writing 1", dev, shown, now);
		}
	}
	/* No 'V': the timer keeps running after this close (checked above). */
	close(fd);

	snprintf(state->dev, sizeof(state->dev), "%s", dev);
	snprintf(state->keep_before, sizeof(state->keep_before), "%s", before);
	state->armed = true;

	/* The core reports what close really did; believe it over the options. */
	info_from_sysfs(dev, &after);
	if (after.core && after.state[0] && !was_active(&after)) {
		wdarm_disarm(state, NULL, 0);
		return fail(err, errlen, -EIO,
			    "unable to arm %s: the kernel stopped it on close (sysfs state "
			    "'inactive')", dev);
	}
	if (info_out) {
		*info_out = info;
		memcpy(info_out->state, after.state, sizeof(after.state));
		memcpy(info_out->keep, after.keep, sizeof(after.keep));
		info_out->keep_across_kexec = after.keep_across_kexec;
	}
	return 0;
}

int wdarm_arm(const char *dev, int timeout_s, struct wdarm_state *state,
	      char *err, size_t errlen)
{
	return wdarm_arm_flags(dev, timeout_s, 0, state, NULL, err, errlen);
}

static int stop_device(const char *dev, char *err, size_t errlen)
{
	int opts = WDIOS_DISABLECARD, fd, rc, wrc;
	struct wdarm_info info;

	rc = open_dev(dev, &fd, err, errlen);
	if (rc < 0)
		return rc;
	/* The magic close stops every driver that can stop; DISABLECARD names a driver
	 * that refuses (nowayout answers EBUSY). */
	rc = xioctl(fd, WDIOC_SETOPTIONS, &opts);
	wrc = write_byte(fd, 'V');
	close(fd);
	if (rc == -EBUSY)
		return fail(err, errlen, -EPERM, "unable to stop %s: nowayout is set, the driver "
			    "refuses to stop; the board resets unless something pets it", dev);
	if (wrc < 0)
		return fail(err, errlen, wrc, "unable to stop %s: %s", dev, strerror(-wrc));
	info_from_sysfs(dev, &info);
	if (info.core && was_active(&info))
		return fail(err, errlen, -EPERM, "unable to stop %s: still active after the "
			    "magic close (nowayout?)", dev);
	return 0;
}

/* A watchdog that ran before arming: its old timeout back, one pet, no magic close. */
static int hand_back_running(const struct wdarm_state *state, char *err, size_t errlen)
{
	struct wdarm_info info;
	int fd, rc;

	rc = open_dev(state->dev, &fd, err, errlen);
	if (rc < 0)
		return rc;
	rc = query_open_fd(fd, &info, err, errlen);
	if (rc == 0 && state->timeout_before > 0 && info.timeout != state->timeout_before)
		rc = set_timeout(fd, state->timeout_before, &info, err, errlen);
	if (rc == 0)
		rc = wdarm_pet(fd, err, errlen);
	close(fd);
	return rc;
}

int wdarm_disarm(struct wdarm_state *state, char *err, size_t errlen)
{
	char keep[256], shown[128];
	int rc = 0, krc;

	if (state->armed && state->dev[0])
		rc = state->active_before ? hand_back_running(state, err, errlen)
					  : stop_device(state->dev, err, errlen);
	/* Put back even when the stop failed: nothing else asked for it. */
	if (state->keep_before[0]) {
		if (!keep_paths(state->dev, keep, sizeof(keep), shown, sizeof(shown)))
			krc = -ENODEV;
		else
			krc = write_small(keep, state->keep_before);
		if (krc == -EPERM) {
			/* nowayout: the kernel keeps the request until the next boot, as it
			 * keeps the timer running; nothing more to try. */
			state->keep_not_restored = true;
			state->keep_before[0] = '\0';
		} else if (krc < 0) {
			if (rc == 0)
				rc = fail(err, errlen, krc, "unable to restore %s to %s: %s",
					  shown[0] ? shown : state->dev, state->keep_before,
					  strerror(-krc));
		} else {
			state->keep_before[0] = '\0';
		}
	}
	if (rc == 0)
		state->armed = false;
	return rc;
}

/* ---- the save file: what arming changed, for a --disarm by a later process ---- */

void wdarm_save_path(const char *dev, char *path, size_t len)
{
	char name[32], rel[128];

	if (!len)
		return;
	path[0] = '\0';
	if (wdarm_sysfs_name(dev, name, sizeof(name)) < 0)
		return;
	join(rel, sizeof(rel), WDARM_SAVE_PREFIX, "", name);
	if (rel[0])
		rooted(path, len, rel);
}

int wdarm_load(const char *dev, struct wdarm_state *state, char *err, size_t errlen)
{
	char path[256], value[16];
	int rc;

	state->keep_before[0] = '\0';
	wdarm_save_path(dev, path, sizeof(path));
	if (!path[0])
		return fail(err, errlen, -ENOENT, "nothing saved for %s (no /dev/watchdogN name)",
			    dev);
	rc = read_small(path, value, sizeof(value));
	if (rc < 0)
		return fail(err, errlen, rc, "nothing saved in %s: %s", path, strerror(-rc));
	if (!keep_value_ok(value))
		return fail(err, errlen, -EINVAL, "%s holds '%s', not 0 or 1", path, value);
	snprintf(state->keep_before, sizeof(state->keep_before), "%s", value);
	return 0;
}

int wdarm_save(const struct wdarm_state *state, char *err, size_t errlen)
{
	struct wdarm_state older;
	char path[256], line[sizeof(state->keep_before) + 1];
	int rc;

	if (!state->keep_before[0])
		return 0;
	if (!keep_value_ok(state->keep_before))
		return fail(err, errlen, -EINVAL, "unable to save '%s': not 0 or 1",
			    state->keep_before);
	wdarm_save_path(state->dev, path, sizeof(path));
	if (!path[0])
		return fail(err, errlen, -ENODEV, "unable to save for %s: no /dev/watchdogN name",
			    state->dev);
	/* A second arming before --disarm found our own 1: the first one saved what the
	 * system had, and that is what --disarm must put back. */
	memset(&older, 0, sizeof(older));
	if (wdarm_load(state->dev, &older, NULL, 0) == 0)
		return 0;
	snprintf(line, sizeof(line), "%s\n", state->keep_before);
	rc = write_file(path, line, O_CREAT | O_TRUNC);
	if (rc < 0)
		return fail(err, errlen, rc, "unable to save the old %s in %s: %s",
			    WDARM_KEEP_ATTR, path, strerror(-rc));
	return 0;
}

void wdarm_forget(const char *dev)
{
	char path[256];

	wdarm_save_path(dev, path, sizeof(path));
	if (path[0])
		unlink(path);
}
