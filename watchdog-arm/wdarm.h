/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The watchdog-arm module: arm a hardware watchdog so that it keeps running through
 * kexec, disarm it, and query it. Linked by the watchdog-arm tool and by phramboot.
 *
 * Every function returns 0 on success or a negative errno, and on failure writes a
 * one-line reason (no trailing newline, no program name) into err[errlen].
 */
#ifndef WDARM_H
#define WDARM_H

#include <stdbool.h>
#include <stddef.h>

/* The kernel's per-device request (kernel-patches/, the watchdog series for mainline and
 * 6.12): WDARM_CLASS_DIR/watchdogN/WDARM_KEEP_ATTR reads "0" or "1"; writing 1 keeps a
 * running watchdog running through a restart, which kexec is (SYS_RESTART), never through
 * halt or power off. Other values are refused (EINVAL), and so is clearing it once set on
 * a device with nowayout (EPERM). Absent on kernels without the series, and for drivers
 * outside the watchdog core. */
#define WDARM_CLASS_DIR "/sys/class/watchdog"
#define WDARM_KEEP_ATTR "keep_running_on_restart"

struct wdarm_info {
	char dev[64];             /* device path used, e.g. /dev/watchdog0 */
	char identity[33];        /* WDIOC_GETSUPPORT identity */
	unsigned int options;     /* WDIOC_GETSUPPORT options (WDIOF_*) */
	unsigned int bootstatus;  /* WDIOC_GETBOOTSTATUS, 0 if unsupported */
	int timeout;              /* seconds, -1 if unknown */
	bool keep_across_kexec;   /* keep_running_on_restart reads 1 */
	/* Added after the first contract; all filled by wdarm_query(). */
	bool core;                /* a watchdog-core device with /sys/class/watchdog/<name> */
	bool opened;              /* the device was opened: options and identity are real */
	int nowayout;             /* 1, 0, or -1 if unknown (legacy drivers) */
	int min_timeout;          /* seconds, -1 if unknown */
	int max_timeout;          /* seconds, -1 if unknown */
	char state[16];           /* "active", "inactive", or "" if unknown */
	char keep[16];            /* keep_running_on_restart, "" if the device has none */
};

struct wdarm_state {
	/* What arming changed, so that disarm can put it back. */
	char dev[64];
	char keep_before[16];     /* keep_running_on_restart before arming; "" if untouched */
	bool armed;
	/* A watchdog already running before arming (a bootloader, or the old firmware's own
	 * daemon that let go of it) is handed back running, with its timeout, not stopped. */
	bool active_before;
	int timeout_before;       /* seconds, -1 if unknown */
	/* Set by wdarm_disarm() when the kernel refused to put keep_running_on_restart back
	 * (EPERM: nowayout is set, so it cannot be cleared). Not a failure of the disarm:
	 * the watchdog then keeps running through the next restart or kexec. */
	bool keep_not_restored;
};

/* Find the first watchdog device (/dev/watchdog0, then /dev/watchdog); 0 or -ENOENT. */
int wdarm_find_device(char *dev, size_t devlen, char *err, size_t errlen);

/* Query without starting: fills info. Opening a watchdog starts it on most drivers, so
 * this reads sysfs (/sys/class/watchdog) where it can and opens the device only if asked. */
int wdarm_query(const char *dev, bool may_open, struct wdarm_info *info,
		char *err, size_t errlen);

/* Set the timeout, pet once, request kexec continuity (keep_running_on_restart = 1), and
 * close without the magic 'V' so the timer keeps running. Fills state for wdarm_disarm().
 * Nothing is armed unless every check passed (the attribute among them); a step that
 * fails after the device was opened puts the timer and the attribute back as found. */
int wdarm_arm(const char *dev, int timeout_s, struct wdarm_state *state,
	      char *err, size_t errlen);

/* Put the watchdog back as arming found it and restore keep_running_on_restart: stopped
 * (magic close), or, if it was running before, running with its old timeout (petted once,
 * closed without the magic 'V'). Safe to call when nothing was armed. A refused restore
 * of the attribute (EPERM, nowayout) sets state->keep_not_restored and is not an error. */
int wdarm_disarm(struct wdarm_state *state, char *err, size_t errlen);

/* ---- Additions to the first contract (all additive) ---- */

/* Prefix for every /sys and /dev path the module builds (never for a caller's dev path):
 * "" on a device; unit tests point it at a temporary directory. */
extern const char *wdarm_root;

/* wdarm_arm_flags() flags. */
#define WDARM_NO_KEXEC_CONTINUITY 1u  /* plain arming: leave keep_running_on_restart alone */

/* wdarm_arm() with flags, and what it found out about the device in info (may be NULL).
 * wdarm_arm(d, t, s, e, l) is wdarm_arm_flags(d, t, 0, s, NULL, e, l). */
int wdarm_arm_flags(const char *dev, int timeout_s, unsigned int flags,
		    struct wdarm_state *state, struct wdarm_info *info,
		    char *err, size_t errlen);

/* Open dev for petting: query it, refuse a driver that would stop when this process
 * exits (no WDIOF_MAGICCLOSE and no nowayout), set the timeout when timeout_s > 0, pet
 * once. On success *fd is open (close-on-exec) and info describes the device; on failure
 * nothing stays open and a timer this call started is stopped again. */
int wdarm_open_running(const char *dev, int timeout_s, int *fd, struct wdarm_info *info,
		       char *err, size_t errlen);

/* One keepalive ping (a write without 'V': works on drivers without KEEPALIVEPING too). */
int wdarm_pet(int fd, char *err, size_t errlen);

/* What closing the device without the magic 'V' does (Linux 6.1 watchdog_release()). */
enum wdarm_close {
	WDARM_CLOSE_KEEPS_RUNNING,
	WDARM_CLOSE_STOPS,        /* watchdog core, no WDIOF_MAGICCLOSE, no nowayout */
	WDARM_CLOSE_UNKNOWN,      /* legacy driver without WDIOF_MAGICCLOSE */
};
enum wdarm_close wdarm_close_semantics(const struct wdarm_info *info);

/* The WDIOF_* option names set in options, space-separated ("none" if no bit is set). */
void wdarm_describe_options(unsigned int options, char *buf, size_t buflen);

/* ---- kexec continuity through keep_running_on_restart ---- */

/* dev's name in WDARM_CLASS_DIR: "watchdogN" for /dev/watchdogN, "watchdog0" for
 * /dev/watchdog (the misc alias of core device 0). 0, or -ENODEV for any other name. */
int wdarm_sysfs_name(const char *dev, char *name, size_t len);

/* What arming checks before it opens anything: dev's keep_running_on_restart exists,
 * reads 0 or 1, and opens for writing. 0 (its value in before[beforelen] if before is not
 * NULL), or a negative errno with a one-line reason: -ENOENT when the kernel or the driver
 * cannot keep dev running through kexec. Changes nothing. */
int wdarm_check_continuity(const char *dev, char *before, size_t beforelen,
			   char *err, size_t errlen);

/* Where watchdog-arm keeps what arming changed, for a --disarm by a later process: one
 * file per device, on tmpfs so that it never outlives the boot it describes. */
#define WDARM_SAVE_PREFIX "/run/watchdog-arm." WDARM_KEEP_ATTR "."

/* The save file of dev (under wdarm_root): WDARM_SAVE_PREFIX "watchdogN"; "" when dev
 * has no sysfs name. */
void wdarm_save_path(const char *dev, char *path, size_t len);

/* Save state->keep_before for state->dev (nothing to save: 0, and no file). */
int wdarm_save(const struct wdarm_state *state, char *err, size_t errlen);

/* Load what arming saved for dev into state->keep_before: 0, -ENOENT if nothing was
 * saved, -EINVAL if the file holds anything but 0 or 1 (then keep_before stays ""). */
int wdarm_load(const char *dev, struct wdarm_state *state, char *err, size_t errlen);

/* Remove dev's save file (after a restore, or when there is nothing left to restore). */
void wdarm_forget(const char *dev);

#endif
