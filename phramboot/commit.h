/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * phramboot commit, confirm, and the flash part of status: making a proven trial
 * permanent (layout.h says where things go, journal.h how each step is recorded).
 */
#ifndef COMMIT_H
#define COMMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct commit_opts {
	const char *layout;	/* --layout FILE (default LAYOUT_DEFAULT) */
	const char *keys;	/* --key: trusted keys (default: the trial's own) */
	bool insecure;		/* accept a trial booted from an unsigned bundle */
	bool dry_run;		/* say what would be written, write nothing */
	bool quiet;		/* no per-block progress */
	bool allow_downgrade;	/* write a bundle below the board's security version */
};

/* Prints its own messages; returns an exit code. */
int commit_run(const struct commit_opts *o);

/* On an A/B board booted from a slot that is not yet the default: make it the default. */
int commit_confirm(const char *layout_path);

/* The board's security version from the journal: 0 with *floor set (0 when nothing was
 * committed yet), 1 when there is no layout file (so no journal), -1 on error. */
int commit_security_floor(const char *layout_path, uint32_t *floor, char *err, size_t errlen);

/* "flash: ..." lines for phramboot status: what the journal says the flash holds. */
void commit_status(FILE *out, const char *layout_path, const char *cmdline);

/* Other records in the same journal (drill.c): they carry the security floor on but are
 * never the commit's state, and never push the newest commit record out of the ring. */
#define JOURNAL_DRILL_VERB "drill"

/* The board's whole journal into *region (malloc'd, nrec records): 0, 1 when there is
 * no layout file, -1 on error. */
int commit_journal_load(const char *layout_path, uint8_t **region, size_t *nrec, char *err,
			size_t errlen);
/* Appends "HEAD sv=FLOOR DETAIL". 0, or -1 with err. */
int commit_journal_add(const char *layout_path, const char *head, const char *detail, char *err,
		       size_t errlen);

#endif
