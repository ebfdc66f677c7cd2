/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * phramboot drill: proof, on the board itself, that a hung trial rolls back. The drill
 * arms the watchdog as a trial would and kexecs into a payload that never pets it
 * (drill_init.c); after the reset, the payload's log in pstore says what happened.
 *
 * Two records in the commit journal (commit.h) keep the drill: one just before kexec,
 * with what the result depends on (the running kernel release, the watchdog device and
 * its driver), and one with the result, written by the first status (or drill --result)
 * after the board is back, since pstore holds the drill's log only until the next boot.
 * Their text after "drill ID - K/2 sv=FLOOR" is
 *
 *   WHAT kernel=RELEASE wd=DEVICE driver=NAME timeout=T budget=B pstore=yes|no after=N
 *
 * where WHAT is "started" (K 1) or a result (K 2): passed, wd-stopped, no-pstore,
 * no-start, panic, lost, aborted; after is how long the payload's kernel was up when the
 * board reset (-1: unknown).
 */
#ifndef DRILL_H
#define DRILL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum drill_what {
	DRILL_STARTED,		/* the payload was started; no result yet */
	DRILL_PASSED,		/* the watchdog reset the board, pstore kept the log */
	DRILL_WD_STOPPED,	/* the payload outlived its budget and rebooted the board */
	DRILL_NO_PSTORE,	/* the board came back, but no log survived */
	DRILL_NO_START,		/* the log is the launcher's: the payload never ran */
	DRILL_PANIC,		/* the payload's kernel panicked */
	DRILL_LOST,		/* the last boot's log is not the drill's (a reboot since) */
	DRILL_ABORTED,		/* phramboot drill failed after the first record */
	DRILL_WHAT_COUNT,
};

struct drill_rec {
	char id[17];
	unsigned step;		/* 1: started, 2: the result */
	enum drill_what what;
	char kernel[65], wd[64], driver[64];
	int timeout, budget, after;
	bool pstore;
};

/* A journal record's whole text into r: 0, or -1 if it is not a drill record. */
int drill_rec_parse(const char *text, struct drill_rec *r);
/* The record's head ("drill ID - K/2") and detail (after sv=FLOOR). */
int drill_rec_format(const struct drill_rec *r, char *head, size_t headlen, char *detail,
		     size_t detaillen);

/* The result of the drill started as start, from the last boot's console log (log NULL:
 * pstore has none). panic (may be NULL) gets the panic message, if any. */
void drill_judge(const char *log, size_t len, const struct drill_rec *start, struct drill_rec *result,
		 char *panic, size_t paniclen);

/* One line: the verdict, its likely cause and what to change. */
void drill_describe(const struct drill_rec *r, char *buf, size_t buflen);

/* A name for the watchdog's driver, stable across boots and known without opening the
 * device (which would start it): the watchdog core's identity, else the name of the
 * driver bound to the device in sysfs, else (a legacy misc device, such as ib700's) the
 * bound platform driver whose name says watchdog, else "unknown". Spaces become '_'. */
void drill_driver_name(const char *dev, char *buf, size_t buflen);

/* ---- with the journal (I/O) ---- */

/* Settles a drill that has only its first record (judging pstore in pstore_dir, and
 * writing the result), then prints "drill: ..." for the newest drill. Quiet when the
 * board has no layout. Returns 0 passed, 1 failed, 2 no drill, -1 no journal. */
int drill_status(FILE *out, const char *layout_path, const char *pstore_dir);

/* Has a drill passed on this board for this kernel release, watchdog and driver?
 * 1 yes, 0 no, -1 the journal cannot be read (err says why). */
int drill_passed_for(const char *layout_path, const char *kernel, const char *wd,
		     const char *driver, char *err, size_t errlen);

/* Appends r to the journal. 0, or -1 with err. */
int drill_record(const char *layout_path, const struct drill_rec *r, char *err, size_t errlen);

#endif
