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

/* The kernel's run-time knob (kernel-patches/): writing "0" asks every watchdog to keep
 * running through the next reboot or kexec. */
#define WDARM_STOP_ON_REBOOT_KNOB "/sys/module/watchdog/parameters/stop_on_reboot"

struct wdarm_info {
	char dev[64];             /* device path used, e.g. /dev/watchdog0 */
	char identity[33];        /* WDIOC_GETSUPPORT identity */
	unsigned int options;     /* WDIOC_GETSUPPORT options (WDIOF_*) */
	unsigned int bootstatus;  /* WDIOC_GETBOOTSTATUS, 0 if unsupported */
	int timeout;              /* seconds, -1 if unknown */
	bool keep_across_kexec;   /* the knob says keep running */
	/* Added after the first contract; all filled by wdarm_query(). */
	bool core;                /* a watchdog-core device with /sys/class/watchdog/<name> */
	bool opened;              /* the device was opened: options and identity are real */
	int nowayout;             /* 1, 0, or -1 if unknown (legacy drivers) */
	int min_timeout;          /* seconds, -1 if unknown */
	int max_timeout;          /* seconds, -1 if unknown */
	char state[16];           /* "active", "inactive", or "" if unknown */
	char knob[16];            /* the knob's value, "" if the kernel has none */
};

struct wdarm_state {
	/* What arming changed, so that disarm can put it back. */
	char dev[64];
	char knob_before[16];     /* the knob's value before arming; "" if untouched */
	bool armed;
	/* A watchdog already running before arming (a bootloader, or the old firmware's own
	 * daemon that let go of it) is handed back running, with its timeout, not stopped. */
	bool active_before;
	int timeout_before;       /* seconds, -1 if unknown */
};

/* Find the first watchdog device (/dev/watchdog0, then /dev/watchdog); 0 or -ENOENT. */
int wdarm_find_device(char *dev, size_t devlen, char *err, size_t errlen);

/* Query without starting: fills info. Opening a watchdog starts it on most drivers, so
 * this reads sysfs (/sys/class/watchdog) where it can and opens the device only if asked. */
int wdarm_query(const char *dev, bool may_open, struct wdarm_info *info,
		char *err, size_t errlen);

/* Set the timeout, pet once, request kexec continuity through the knob, and close
 * without the magic 'V' so the timer keeps running. Fills state for wdarm_disarm(). */
int wdarm_arm(const char *dev, int timeout_s, struct wdarm_state *state,
	      char *err, size_t errlen);

/* Put the watchdog back as arming found it and restore the knob: stopped (magic close),
 * or, if it was running before, running with its old timeout (petted once, closed
 * without the magic 'V'). Safe to call when nothing was armed. */
int wdarm_disarm(struct wdarm_state *state, char *err, size_t errlen);

/* ---- Additions to the first contract (all additive) ---- */

/* Prefix for every /sys and /dev path the module builds (never for a caller's dev path):
 * "" on a device; unit tests point it at a temporary directory. */
extern const char *wdarm_root;

/* wdarm_arm_flags() flags. */
#define WDARM_NO_KEXEC_CONTINUITY 1u  /* plain arming: leave the knob alone */

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

#endif
