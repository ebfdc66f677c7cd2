/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <inttypes.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "base64.h"
#include "bundle.h"
#include "carry.h"
#include "commit.h"
#include "errbuf.h"
#include "exitcodes.h"
#include "fileio.h"
#include "flashdev.h"
#include "hash.h"
#include "journal.h"
#include "layout.h"
#include "manifest.h"
#include "report.h"
#include "status.h"
#include "subproc.h"

#define PROG "phramboot"
/* More than any journal needs; a bigger region is used up to this. */
#define JOURNAL_REGION_MAX (1u << 20)

static const char *const fw_printenv_paths[] = {
	"/usr/bin/fw_printenv", "/usr/sbin/fw_printenv", "/bin/fw_printenv", "/sbin/fw_printenv", NULL,
};
static const char *const fw_setenv_paths[] = {
	"/usr/bin/fw_setenv", "/usr/sbin/fw_setenv", "/bin/fw_setenv", "/sbin/fw_setenv", NULL,
};

struct job {
	const struct manifest_flash *fl;
	uint64_t src_off;		/* where its bytes are in the trial's root MTD */
	const struct layout_dev *dev;
	struct flashdev fd;
};

struct commit {
	const struct commit_opts *o;
	char id[17];
	struct manifest m;
	struct layout l;
	const struct layout_set *slot;	/* the slot written */
	char active[16];		/* ab: the slot the bootloader boots now */
	int src;			/* the trial's root MTD, read-only */
	struct job job[MANIFEST_FLASH_MAX];
	unsigned njobs;
	struct flashdev journal;
	bool journal_open;
	const struct job *current;	/* the one being written, for messages */
	unsigned step, cut;		/* I/O actions so far; PHRAMBOOT_TEST_CUT */
	unsigned lstep, lsteps;		/* the journal's steps: this one, how many */
	uint32_t floor;			/* the board's security version (anti-rollback) */
	bool tty;
};

/* ---- the journal ---- */

/* Test hook (qemu-tests powercut-*): stop for good just before I/O action number cut, so
 * that the harness can cut the power exactly there. With PHRAMBOOT_TEST_TORN=1 a journal
 * record is first written up to half its text, as a cut in the middle of it would. */
static void maybe_cut(struct commit *c, const char *what)
{
	if (!c->cut || c->step != c->cut)
		return;
	printf(PROG ": test cut point %u (before %s): stopping for the power cut\n", c->step, what);
	fflush(stdout);
	sync();
	for (;;)
		pause();
}

static int journal_read(struct flashdev *j, uint8_t **region, size_t *nrec, char *err, size_t errlen)
{
	size_t len = j->size < JOURNAL_REGION_MAX ? (size_t)j->size : JOURNAL_REGION_MAX;

	if (j->spec.kind == DEV_MTD && len / j->unit < 2)
		return seterr(err, errlen, "journal %s is smaller than two erase blocks", j->spec.name);
	len -= len % (j->spec.kind == DEV_MTD ? j->unit : JOURNAL_RECORD);
	*region = malloc(len);
	if (!*region)
		return seterr(err, errlen, "out of memory");
	if (flashdev_pread(j, *region, len, 0, err, errlen)) {
		free(*region);
		return -1;
	}
	*nrec = len / JOURNAL_RECORD;
	return 0;
}

/* Records that are the commit's state; drill records (drill.h) share the ring but not
 * the state. */
static int is_state_record(const char *text)
{
	return strncmp(text, JOURNAL_DRILL_VERB " ", sizeof(JOURNAL_DRILL_VERB)) != 0;
}

static int journal_append(struct commit *c, const char *text, char *err, size_t errlen)
{
	struct flashdev *j = &c->journal;
	uint8_t *region, rec[JOURNAL_RECORD], back[JOURNAL_RECORD];
	size_t nrec, at;
	uint32_t seq = 0;
	long newest, slot;
	bool need_erase = false;

	if (journal_read(j, &region, &nrec, err, errlen))
		return -1;
	newest = journal_newest(region, nrec, &seq, NULL);
	slot = journal_next_slot(region, nrec, j->spec.kind == DEV_MTD ? j->unit / JOURNAL_RECORD : 0,
				 is_state_record, &need_erase);
	free(region);
	if (slot < 0)
		return seterr(err, errlen, "journal %s has no room and no block to erase (drill records fill what the last commit record leaves)",
			      j->spec.name);
	at = (size_t)slot;
	/* One step, erase included, so that a dry run numbers the steps as the real one. */
	c->step++;
	journal_encode(newest < 0 ? 1 : seq + 1, text, rec);
	if (c->cut && c->step == c->cut && getenv("PHRAMBOOT_TEST_TORN")) {
		/* The header and half the text: the rest stays erased, as a cut leaves it. */
		if ((!need_erase || flashdev_erase(j, at * JOURNAL_RECORD, err, errlen) == 0) &&
		    flashdev_pwrite(j, rec, 14 + strlen(text) / 2, at * JOURNAL_RECORD, err, errlen) == 0)
			maybe_cut(c, "the second half of a journal record");
		return -1;
	}
	maybe_cut(c, "a journal record");
	if (need_erase && flashdev_erase(j, at * JOURNAL_RECORD, err, errlen))
		return -1;
	if (flashdev_pwrite(j, rec, JOURNAL_RECORD, at * JOURNAL_RECORD, err, errlen) ||
	    flashdev_pread(j, back, JOURNAL_RECORD, at * JOURNAL_RECORD, err, errlen))
		return -1;
	if (memcmp(rec, back, sizeof(rec)))
		return seterr(err, errlen, "journal %s does not read back its record", j->spec.name);
	return 0;
}

/* A record's text: "VERB ID SLOT K/N sv=FLOOR DETAIL". FLOOR is the board's security
 * version after the record (anti-rollback): the highest of the firmware committed and
 * running so far. */
struct jrec {
	char verb[16], id[17], slot[16], detail[JOURNAL_TEXT_MAX + 1];
	unsigned k, n;
	uint32_t floor;
};

static int jrec_parse(const char *text, struct jrec *r)
{
	memset(r, 0, sizeof(*r));
	return sscanf(text, "%15s %16s %15s %u/%u sv=%" SCNu32 " %498[^\n]", r->verb, r->id, r->slot,
		      &r->k, &r->n, &r->floor, r->detail) >= 6 ? 0 : -1;
}

/* The "new=N" of a record's detail: the committed bundle's security version. */
static uint32_t jrec_new_version(const struct jrec *r)
{
	const char *p = strstr(r->detail, "new=");

	return p ? (uint32_t)strtoul(p + 4, NULL, 10) : 0;
}

/* "verb id slot k/n sv=floor detail" into the journal, counting the commit's own steps. */
__attribute__((format(printf, 3, 4)))
static int record(struct commit *c, const char *verb, const char *fmt, ...)
{
	char text[JOURNAL_TEXT_MAX + 1], detail[300], err[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	c->lstep++;
	snprintf(text, sizeof(text), "%s %s %s %u/%u sv=%" PRIu32 " %s", verb, c->id,
		 c->l.ab ? c->slot->name : "-", c->lstep, c->lsteps, c->floor, detail);
	if (c->o->dry_run) {
		printf("  step %u: journal %s\n", ++c->step, text);
		return 0;
	}
	if (journal_append(c, text, err, sizeof(err)))
		return fatal(EXIT_FLASH, "unable to write the commit journal: %s", err);
	return 0;
}

/* The bytes a write of size bytes touches on d: whole erase blocks on MTD, the payload on
 * a disk, no further than the device. Commit hashes them before writing (the old
 * firmware), status after a cut. */
static uint64_t touched_bytes(const struct flashdev *d, uint64_t size)
{
	if (d->spec.kind == DEV_MTD)
		size = (size + d->unit - 1) / d->unit * d->unit;
	return size < d->size ? size : d->size;
}

/* ---- the bootloader's environment ---- */

static int env_get(const char *var, char *val, size_t len, char *err, size_t errlen)
{
	const char *tool = subproc_find(fw_printenv_paths);
	char *argv[] = { (char *)tool, (char *)"-n", (char *)var, NULL };

	if (!tool)
		return seterr(err, errlen, "fw_printenv not found (libubootenv-tool)");
	if (subproc_run(argv, val, len, err, errlen)) {
		/* fw_printenv fails on an unset variable: that is an empty value. */
		if (strstr(err, "not defined") || strstr(err, "status 1")) {
			val[0] = '\0';
			return 0;
		}
		return -1;
	}
	val[strcspn(val, "\n")] = '\0';
	return 0;
}

static int env_set(const char *var, const char *val, char *err, size_t errlen)
{
	const char *tool = subproc_find(fw_setenv_paths);
	char *argv[] = { (char *)tool, (char *)var, (char *)val, NULL };

	if (!tool)
		return seterr(err, errlen, "fw_setenv not found (libubootenv-tool)");
	return subproc_run(argv, NULL, 0, err, errlen);
}

static int newest_record(const struct layout *l, struct jrec *r, char *err, size_t errlen);

/* ---- verification: nothing below writes ---- */

static int load_layout(const char *path, struct layout *l, char *err, size_t errlen)
{
	char *text, e[256];
	size_t len;
	int r;

	if (read_file(path ? path : LAYOUT_DEFAULT, 64 * 1024, &text, &len, e, sizeof(e)))
		return seterr(err, errlen, "unable to read the layout file %s: %s", path ? path : LAYOUT_DEFAULT, e);
	r = layout_parse(text, len, l, e, sizeof(e));
	free(text);
	if (r)
		return seterr(err, errlen, "%s: %s", path ? path : LAYOUT_DEFAULT, e);
	return 0;
}

/* The trial's carried manifest: read, signature, id, payload hashes. */
static int verify_carry(struct commit *c, const char *cmdline)
{
	char val[64], rootdev[64], err[512], keynum[17], *end;
	uint8_t sum[32], *buf;
	struct carry_index ci;
	uint64_t carry_off;
	off_t end_off;
	ssize_t n;

	if (!status_trial_id(cmdline, c->id, sizeof(c->id)) || !c->id[0])
		return fatal(EXIT_BAD_BUNDLE, "unable to commit: this system is not a phramboot trial (no phramboot.trial= on the kernel command line); boot the bundle with phramboot first");
	if (!status_cmdline_arg(cmdline, "phramboot.carry", val, sizeof(val)))
		return fatal(EXIT_BAD_BUNDLE, "unable to commit: trial %s carries no flash payloads (its bundle has no --flash lines, or it was booted by an older phramboot); pack the bundle with --flash",
			     c->id);
	errno = 0;
	carry_off = strtoull(val, &end, 0);
	if (errno || *end || !carry_off)
		return fatal(EXIT_BAD_BUNDLE, "unable to commit: phramboot.carry=%s is not an offset", val);
	if (!status_cmdline_arg(cmdline, "root", val, sizeof(val)) || strncmp(val, "/dev/mtdblock", 13) ||
	    !val[13] || strspn(val + 13, "0123456789") != strlen(val + 13))
		return fatal(EXIT_BAD_BUNDLE, "unable to commit: the trial's root=%s is not its phram device", val);
	snprintf(rootdev, sizeof(rootdev), "/dev/mtd%s", val + 13);
	c->src = open(rootdev, O_RDONLY | O_CLOEXEC);
	if (c->src < 0)
		return fatal(EXIT_SYSTEM, "unable to open the trial's RAM image %s: %s", rootdev, strerror(errno));
	buf = malloc(CARRY_INDEX_MAX);
	if (!buf)
		return fatal(EXIT_SYSTEM, "out of memory");
	n = pread(c->src, buf, CARRY_INDEX_MAX, (off_t)carry_off);
	if (n <= 0 || carry_parse_index((char *)buf, (size_t)n, &ci, err, sizeof(err))) {
		free(buf);
		return fatal(EXIT_BAD_BUNDLE, "unable to commit: no carried manifest at %#llx of %s: %s",
			     (unsigned long long)carry_off, rootdev, n <= 0 ? strerror(errno) : err);
	}
	if (!ci.sig && !c->o->insecure) {
		free(buf);
		return fatal(EXIT_BAD_BUNDLE, "unable to commit: trial %s was booted from an unsigned bundle; pass --insecure to write it anyway",
			     c->id);
	}
	if (ci.sig && bundle_verify_text(ci.manifest, ci.manifest_len, ci.sig, ci.sig_len, c->o->keys,
					 keynum, err, sizeof(err))) {
		free(buf);
		return fatal(EXIT_BAD_BUNDLE, "unable to commit: the carried manifest does not verify with this trial's keys: %s",
			     err);
	}
	crypto_hash_sha256(sum, (const uint8_t *)ci.manifest, ci.manifest_len);
	hex_encode(sum, 8, val);
	if (strcmp(val, c->id)) {
		free(buf);
		return fatal(EXIT_BAD_BUNDLE, "unable to commit: the carried manifest is %s, not the %s this trial booted",
			     val, c->id);
	}
	if (manifest_parse(ci.manifest, ci.manifest_len, &c->m, err, sizeof(err))) {
		free(buf);
		return fatal(EXIT_BAD_BUNDLE, "unable to commit: carried manifest: %s", err);
	}
	free(buf);
	if (ci.nflash != c->m.nflash)
		return fatal(EXIT_BAD_BUNDLE, "unable to commit: the carried index lists %u payloads, the manifest %u",
			     ci.nflash, c->m.nflash);
	end_off = lseek(c->src, 0, SEEK_END);
	for (unsigned i = 0; i < c->m.nflash; i++) {
		struct job *jb = &c->job[i];

		if (strcmp(ci.target[i], c->m.flash[i].target))
			return fatal(EXIT_BAD_BUNDLE, "unable to commit: the carried index and the manifest disagree on payload %u",
				     i + 1);
		jb->fl = &c->m.flash[i];
		jb->src_off = ci.offset[i];
		if (end_off < 0 || jb->src_off > (uint64_t)end_off || jb->fl->f.size > (uint64_t)end_off - jb->src_off)
			return fatal(EXIT_BAD_BUNDLE, "unable to commit: payload %s runs past the end of %s",
				     jb->fl->target, rootdev);
		if (hash_range_sha256(c->src, jb->src_off, jb->fl->f.size, sum, err, sizeof(err)))
			return fatal(EXIT_SYSTEM, "unable to read payload %s from %s: %s", jb->fl->target, rootdev, err);
		if (memcmp(sum, jb->fl->f.sha256, 32))
			return fatal(EXIT_BAD_BUNDLE, "unable to commit: payload %s in RAM does not match its SHA-256 in the signed manifest (memory corrupted or altered); nothing was written",
				     jb->fl->target);
	}
	c->njobs = c->m.nflash;
	return 0;
}

/* Which slot to write, and where each payload goes; every device opened and sized. */
static int resolve(struct commit *c)
{
	char err[512], d[128];

	if (load_layout(c->o->layout, &c->l, err, sizeof(err)))
		return fatal(EXIT_BAD_BUNDLE, "unable to commit: %s", err);
	if (c->l.ab) {
		if (env_get(c->l.var_boot, c->active, sizeof(c->active), err, sizeof(err)))
			return fatal(EXIT_SYSTEM, "unable to read U-Boot variable %s: %s", c->l.var_boot, err);
		if (strcmp(c->active, c->l.slot[0].name) && strcmp(c->active, c->l.slot[1].name))
			return fatal(EXIT_BAD_BUNDLE, "unable to commit: U-Boot variable %s is \"%s\", not slot %s or %s of the layout",
				     c->l.var_boot, c->active, c->l.slot[0].name, c->l.slot[1].name);
		/* The inactive slot: the one the bootloader does not boot by default. */
		c->slot = strcmp(c->active, c->l.slot[0].name) ? &c->l.slot[0] : &c->l.slot[1];
		for (unsigned i = 0; i < c->slot->n; i++) {
			bool have = false;

			for (unsigned k = 0; k < c->m.nflash; k++)
				have |= !strcmp(c->m.flash[k].target, c->slot->role[i]);
			if (!have)
				return fatal(EXIT_BAD_BUNDLE, "unable to commit: the bundle has no flash payload for %s, and slot %s needs one (its old %s would stay)",
					     c->slot->role[i], c->slot->name, c->slot->role[i]);
		}
	} else {
		c->slot = &c->l.slot[0];
	}
	for (unsigned i = 0; i < c->njobs; i++) {
		struct job *jb = &c->job[i];

		jb->dev = layout_find(&c->l, c->slot, jb->fl->target);
		if (!jb->dev)
			return fatal(EXIT_BAD_BUNDLE, "unable to commit: the layout file has no target %s (the bundle's flash payload %s); add it to %s",
				     jb->fl->target, jb->fl->target, c->o->layout ? c->o->layout : LAYOUT_DEFAULT);
		layout_dev_describe(jb->dev, d, sizeof(d));
		if (flashdev_open(jb->dev, !c->o->dry_run, &jb->fd, err, sizeof(err)))
			return fatal(EXIT_BAD_BUNDLE, "unable to commit %s to %s: %s", jb->fl->target, d, err);
		if (flashdev_fits(&jb->fd, jb->fl->f.size, err, sizeof(err)))
			return fatal(EXIT_NO_ROOM, "unable to commit %s to %s: %s", jb->fl->target, d, err);
		for (unsigned k = 0; k < i; k++)
			if (!strcmp(jb->fd.path, c->job[k].fd.path) && jb->dev->offset == c->job[k].dev->offset)
				return fatal(EXIT_BAD_BUNDLE, "unable to commit: %s and %s would both go to %s",
					     c->job[k].fl->target, jb->fl->target, d);
	}
	/* The slot's own payloads first, shared targets (data volumes no boot needs) after:
	 * on a single-slot board that keeps them out of the risk window. */
	{
		struct job sorted[MANIFEST_FLASH_MAX];
		unsigned n = 0;

		for (int pass = 0; pass < 2; pass++)
			for (unsigned i = 0; i < c->njobs; i++)
				if ((layout_find(&c->l, NULL, c->job[i].fl->target) == NULL) == (pass == 0))
					sorted[n++] = c->job[i];
		memcpy(c->job, sorted, n * sizeof(sorted[0]));
	}
	layout_dev_describe(&c->l.journal, d, sizeof(d));
	if (flashdev_open(&c->l.journal, !c->o->dry_run, &c->journal, err, sizeof(err)))
		return fatal(EXIT_BAD_BUNDLE, "unable to open the commit journal %s: %s", d, err);
	c->journal_open = true;
	{
		struct jrec last;
		int rc = newest_record(&c->l, &last, err, sizeof(err));

		if (rc < 0)
			return fatal(EXIT_SYSTEM, "unable to read the commit journal %s: %s", d, err);
		c->floor = rc == 0 ? last.floor : 0;
	}
	if (c->m.security_version < c->floor && !c->o->allow_downgrade)
		return fatal(EXIT_BAD_BUNDLE, "unable to commit: trial %s has security version %" PRIu32 ", below this board's %" PRIu32 " (anti-rollback); pass --allow-downgrade to write it anyway",
			     c->id, c->m.security_version, c->floor);
	/* begin, write + written per payload, (ab) switch, done */
	c->lsteps = 2 + 2 * c->njobs + (c->l.ab ? 1 : 0);
	return 0;
}

static int on_step(void *ctx, const char *what, uint64_t block)
{
	struct commit *c = ctx;
	char d[128];

	c->step++;
	layout_dev_describe(c->current->dev, d, sizeof(d));
	if (c->o->dry_run) {
		printf("  step %u: %s %s block %llu\n", c->step, what, d, (unsigned long long)block);
		return 0;
	}
	{
		char w[160];

		snprintf(w, sizeof(w), "%s of %s block %llu", what, d, (unsigned long long)block);
		maybe_cut(c, w);
	}
	if (c->tty && !c->o->quiet)
		fprintf(stderr, "\r" PROG ": %s: %s block %llu ", c->current->fl->target, what,
			(unsigned long long)block);
	return 0;
}


static int execute(struct commit *c)
{
	char err[512], d[128];
	uint8_t sum[32];
	int r;

	if (c->o->dry_run)
		printf(PROG ": commit of trial %s%s%s (dry run: nothing is written):\n", c->id,
		       c->l.ab ? " to slot " : "", c->l.ab ? c->slot->name : "");
	{
		/* The slot's payloads, "role:size:hash" with 64 bits of each SHA-256: after a
		 * cut, status can tell a complete slot by its bytes (the journal lags the flash
		 * by a record). */
		char roles[JOURNAL_TEXT_MAX] = "", hex[65], oldhex[65], e[256];

		for (unsigned i = 0; i < c->njobs; i++) {
			struct job *jb = &c->job[i];
			uint8_t old[32];

			if (layout_find(&c->l, NULL, jb->fl->target))
				continue;
			/* And what the blocks the write will touch hold now: the old firmware. */
			if (flashdev_sha256(&jb->fd, touched_bytes(&jb->fd, jb->fl->f.size), old, e, sizeof(e)))
				return fatal(EXIT_FLASH, "unable to read %s before writing it: %s", jb->fl->target, e);
			hex_encode(jb->fl->f.sha256, 8, hex);
			hex_encode(old, 8, oldhex);
			snprintf(roles + strlen(roles), sizeof(roles) - strlen(roles), "%s%s:%llu:%s:%s",
				 roles[0] ? "," : "", jb->fl->target, (unsigned long long)jb->fl->f.size, hex, oldhex);
		}
		if ((r = record(c, "begin", "%s new=%" PRIu32 " slot=%s", c->l.ab ? "ab" : "single",
				c->m.security_version, roles)))
			return r;
	}
	for (unsigned i = 0; i < c->njobs; i++) {
		struct job *jb = &c->job[i];
		struct flashdev_stats st;

		c->current = jb;
		layout_dev_describe(jb->dev, d, sizeof(d));
		if ((r = record(c, "write", "%s %s", jb->fl->target, d)))
			return r;
		if (flashdev_write(&jb->fd, c->src, jb->src_off, jb->fl->f.size, c->o->dry_run, on_step, c,
				   &st, err, sizeof(err)) < 0)
			return fatal(EXIT_FLASH, "unable to write %s to %s: %s; the journal records where the commit stopped",
				     jb->fl->target, d, err);
		if (c->tty && !c->o->quiet && !c->o->dry_run)
			fputc('\n', stderr);
		printf(PROG ": %s -> %s: %llu bytes, %u unit%s, %u written, %u already held these bytes%s%s\n",
		       jb->fl->target, d, (unsigned long long)jb->fl->f.size, st.blocks, st.blocks == 1 ? "" : "s",
		       st.written, st.skipped, st.bad ? ", bad blocks skipped: " : "", st.bad ? "yes" : "");
		if (!c->o->dry_run) {
			if (flashdev_sha256(&jb->fd, jb->fl->f.size, sum, err, sizeof(err)))
				return fatal(EXIT_FLASH, "unable to verify %s on %s: %s", jb->fl->target, d, err);
			if (memcmp(sum, jb->fl->f.sha256, 32))
				return fatal(EXIT_FLASH, "%s on %s does not hash to the manifest's SHA-256 after writing; the journal records the failed commit",
					     jb->fl->target, d);
		}
		if ((r = record(c, "written", "%s %s", jb->fl->target, d)))
			return r;
	}
	if (c->l.ab) {
		if ((r = record(c, "switch", "%s=%s", c->l.var_try, c->slot->name)))
			return r;
		char now[16] = "";

		/* Already so (a repeated commit): writing it again would only erase the
		 * environment's sector once more. */
		if (env_get(c->l.var_try, now, sizeof(now), err, sizeof(err)) == 0 &&
		    !strcmp(now, c->slot->name)) {
			printf(PROG ": the environment already boots slot %s next (%s=%s): not written again\n",
			       c->slot->name, c->l.var_try, now);
		} else if (c->o->dry_run) {
			c->step++;
			printf("  step %u: fw_setenv %s %s (one redundant-environment write)\n", c->step,
			       c->l.var_try, c->slot->name);
		} else {
			c->step++;
			maybe_cut(c, "the environment switch");
			if (env_set(c->l.var_try, c->slot->name, err, sizeof(err)))
				return fatal(EXIT_SYSTEM, "unable to switch the bootloader to slot %s: %s; slot %s is written but slot %s still boots",
					     c->slot->name, err, c->slot->name, c->active);
		}
	}
	/* Single slot: what is on flash now runs from the next boot; A/B: only once the
	 * slot has booted and confirmed itself. */
	if (!c->l.ab && c->m.security_version > c->floor)
		c->floor = c->m.security_version;
	if ((r = record(c, "done", "%s new=%" PRIu32, c->l.ab ? "switched" : "written", c->m.security_version)))
		return r;
	if (c->o->dry_run)
		return EXIT_OK;
	if (c->l.ab)
		printf(PROG ": committed trial %s to slot %s: it boots once at the next reset; `phramboot confirm` there makes it the default, and if it fails to boot slot %s comes back\n",
		       c->id, c->slot->name, c->active);
	else
		printf(PROG ": committed trial %s: the flash holds it; it runs from flash at the next reset\n", c->id);
	return EXIT_OK;
}

int commit_run(const struct commit_opts *o)
{
	static struct commit c;
	char *cmdline, err[256], *cut;
	size_t len;
	int code;

	memset(&c, 0, sizeof(c));
	c.o = o;
	c.src = -1;
	c.tty = isatty(2);
	signal(SIGPIPE, SIG_IGN);
	cut = getenv("PHRAMBOOT_TEST_CUT");
	if (cut)
		c.cut = (unsigned)strtoul(cut, NULL, 10);
	if (read_file("/proc/cmdline", 64 * 1024, &cmdline, &len, err, sizeof(err)))
		return fatal(EXIT_SYSTEM, "unable to read /proc/cmdline: %s", err);
	code = verify_carry(&c, cmdline);
	free(cmdline);
	if (!code)
		code = resolve(&c);
	if (!code) {
		/* From here on the flash changes: a ^C or a dropped ssh session must not stop
		 * a commit half way (the journal would say where, but why risk it). */
		sigset_t block;

		sigemptyset(&block);
		sigaddset(&block, SIGINT);
		sigaddset(&block, SIGTERM);
		sigaddset(&block, SIGHUP);
		sigaddset(&block, SIGQUIT);
		if (!o->dry_run)
			sigprocmask(SIG_BLOCK, &block, NULL);
		code = execute(&c);
	}
	for (unsigned i = 0; i < MANIFEST_FLASH_MAX; i++)
		if (c.job[i].fl)
			flashdev_close(&c.job[i].fd);
	if (c.journal_open)
		flashdev_close(&c.journal);
	if (c.src >= 0)
		close(c.src);
	return code;
}

/* ---- after a reset: confirm and status ---- */

/* The whole journal of layout l, read once into *region (malloc'd). */
static int journal_load(const struct layout *l, uint8_t **region, size_t *nrec, char *err, size_t errlen)
{
	struct flashdev j;
	int r;

	if (flashdev_open(&l->journal, false, &j, err, errlen))
		return -1;
	r = journal_read(&j, region, nrec, err, errlen);
	flashdev_close(&j);
	return r;
}

/* The newest valid record of a loaded journal: 0, 1 when there is none, -1 unreadable. */
static int newest_in(const uint8_t *region, size_t nrec, struct jrec *r, char *err, size_t errlen)
{
	char text[JOURNAL_TEXT_MAX + 1];

	if (journal_newest_where(region, nrec, is_state_record, NULL, text) < 0)
		return 1;
	if (jrec_parse(text, r))
		return seterr(err, errlen, "unreadable journal record \"%.60s\"", text);
	return 0;
}

static int newest_record(const struct layout *l, struct jrec *r, char *err, size_t errlen)
{
	uint8_t *region;
	size_t nrec;
	int rc;

	if (journal_load(l, &region, &nrec, err, errlen))
		return -1;
	rc = newest_in(region, nrec, r, err, errlen);
	free(region);
	return rc;
}

int commit_confirm(const char *layout_path)
{
	static struct commit c;
	struct commit_opts o = { .layout = layout_path };
	char *cmdline, err[512], running[16], def[16];
	struct jrec r;
	size_t len;
	int code;

	memset(&c, 0, sizeof(c));
	c.o = &o;
	if (load_layout(layout_path, &c.l, err, sizeof(err)))
		return fatal(EXIT_USAGE, "unable to confirm: %s", err);
	if (!c.l.ab) {
		printf(PROG ": nothing to confirm: a single-slot layout has no fallback to give up\n");
		return EXIT_OK;
	}
	if (read_file("/proc/cmdline", 64 * 1024, &cmdline, &len, err, sizeof(err)))
		return fatal(EXIT_SYSTEM, "unable to read /proc/cmdline: %s", err);
	if (!status_cmdline_arg(cmdline, "phramboot.slot", running, sizeof(running))) {
		free(cmdline);
		return fatal(EXIT_USAGE, "unable to confirm: this boot names no slot (no phramboot.slot= on the kernel command line; the bootloader sets it)");
	}
	free(cmdline);
	if (strcmp(running, c.l.slot[0].name) && strcmp(running, c.l.slot[1].name))
		return fatal(EXIT_USAGE, "unable to confirm: phramboot.slot=%s is not a slot of the layout", running);
	if (env_get(c.l.var_boot, def, sizeof(def), err, sizeof(err)))
		return fatal(EXIT_SYSTEM, "unable to read U-Boot variable %s: %s", c.l.var_boot, err);
	if (!strcmp(def, running)) {
		printf(PROG ": slot %s is already the default\n", running);
		return EXIT_OK;
	}
	if (env_set(c.l.var_boot, running, err, sizeof(err)))
		return fatal(EXIT_SYSTEM, "unable to make slot %s the default: %s", running, err);
	c.slot = !strcmp(running, c.l.slot[0].name) ? &c.l.slot[0] : &c.l.slot[1];
	strcpy(c.id, "-");
	code = newest_record(&c.l, &r, err, sizeof(err));
	if (code == 0)
		c.floor = r.floor;
	if (code == 0 && !strcmp(r.slot, running)) {
		snprintf(c.id, sizeof(c.id), "%s", r.id);
		if (!strcmp(r.verb, "done") && jrec_new_version(&r) > c.floor)
			c.floor = jrec_new_version(&r);
	}
	/* The environment already says it; the journal entry is for status. */
	if (flashdev_open(&c.l.journal, true, &c.journal, err, sizeof(err)) == 0) {
		char text[JOURNAL_TEXT_MAX + 1];

		snprintf(text, sizeof(text), "confirmed %s %s 1/1 sv=%" PRIu32 " %s=%s", c.id, running, c.floor,
			 c.l.var_boot, running);
		if (journal_append(&c, text, err, sizeof(err)))
			fprintf(stderr, PROG ": warning: slot %s is the default, but the journal could not say so: %s\n",
				running, err);
		flashdev_close(&c.journal);
	}
	printf(PROG ": slot %s confirmed: it boots by default from now on\n", running);
	return EXIT_OK;
}

/* The layout of a board that commits: 0, 1 when the default file is absent (this board
 * does not commit; a --layout that names a missing file is an error), -1 on error. */
static int board_layout(const char *layout_path, struct layout *l, char *err, size_t errlen)
{
	if (!layout_path && access(LAYOUT_DEFAULT, F_OK))
		return 1;
	return load_layout(layout_path, l, err, errlen);
}

int commit_security_floor(const char *layout_path, uint32_t *floor, char *err, size_t errlen)
{
	struct layout l;
	struct jrec r;
	int rc;

	*floor = 0;
	rc = board_layout(layout_path, &l, err, errlen);
	if (rc)
		return rc;
	rc = newest_record(&l, &r, err, errlen);
	if (rc < 0)
		return -1;
	if (rc == 0)
		*floor = r.floor;
	return 0;
}

/* After a cut in a single-slot commit: does the slot hold the new firmware complete (1),
 * the old one untouched (2), or neither (0, which names a payload that is neither)? The
 * commit's begin record lists role:size:new:old, 64 bits of the SHA-256 of the payload and
 * of what the blocks it touches held before. */
static int slot_state(const struct layout *l, const uint8_t *region, size_t nrec,
		      const struct jrec *newest, char *which, size_t len)
{
	struct flashdev d;
	uint8_t sum[32];
	char text[JOURNAL_TEXT_MAX + 1], roles[JOURNAL_TEXT_MAX + 1] = "", err[256], *save;
	bool all_new = true, all_old = true;

	which[0] = '\0';
	for (size_t i = 0; i < nrec; i++) {
		struct jrec r;
		uint32_t seq;
		const char *p;

		if (journal_decode(region + i * JOURNAL_RECORD, &seq, text) == 0 && jrec_parse(text, &r) == 0 &&
		    !strcmp(r.id, newest->id) && !strcmp(r.verb, "begin") && (p = strstr(r.detail, "slot=")))
			snprintf(roles, sizeof(roles), "%s", p + 5);
	}
	roles[strcspn(roles, " ")] = '\0';
	if (!roles[0])
		return 0;
	for (char *item = strtok_r(roles, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		char role[64], want[17], was[17], got[65];
		unsigned long long size, touched;
		const struct layout_dev *ld;
		bool new_ok = false, old_ok = false;

		if (sscanf(item, "%63[^:]:%llu:%16[0-9a-f]:%16[0-9a-f]", role, &size, want, was) != 4)
			return 0;
		ld = layout_find(l, &l->slot[0], role);
		if (!ld || flashdev_open(ld, false, &d, err, sizeof(err)))
			return 0;
		touched = touched_bytes(&d, size);
		if (flashdev_sha256(&d, size, sum, err, sizeof(err)) == 0) {
			hex_encode(sum, 8, got);
			new_ok = !strcmp(got, want);
		}
		if (flashdev_sha256(&d, touched, sum, err, sizeof(err)) == 0) {
			hex_encode(sum, 8, got);
			old_ok = !strcmp(got, was);
		}
		flashdev_close(&d);
		/* A payload equal to what was there already is both. */
		all_new &= new_ok;
		all_old &= old_ok;
		if (!new_ok && !old_ok && !which[0])
			snprintf(which, len, "%s", role);
	}
	return all_new ? 1 : all_old ? 2 : 0;
}

static const char *other_slot(const struct layout *l, const char *slot)
{
	return !strcmp(slot, l->slot[0].name) ? l->slot[1].name : l->slot[0].name;
}

/* The flash: line for the newest record r of the loaded journal (region, nrec). */
static void describe_flash(FILE *out, const struct layout *l, const uint8_t *region, size_t nrec,
			   const struct jrec *r, const char *running, bool in_trial)
{
	char err[512], tryv[16] = "";

	if (l->ab && (!strcmp(r->verb, "switch") || !strcmp(r->verb, "done")))
		env_get(l->var_try, tryv, sizeof(tryv), err, sizeof(err));
	if (!strcmp(r->verb, "confirmed") || !strcmp(r->verb, "done")) {
		if (!l->ab) {
			if (in_trial)
				fprintf(out, "flash: holds %s, committed from trial %s\n", r->id, r->id);
			else
				fprintf(out, "flash: running %s, committed from trial %s\n", r->id, r->id);
		} else if (!strcmp(running, r->slot) && !in_trial) {
			fprintf(out, "flash: running %s from slot %s, committed from trial %s%s\n", r->id, r->slot,
				r->id, strcmp(r->verb, "confirmed") ? "; not confirmed yet (phramboot confirm)" : "");
		} else if (!strcmp(tryv, r->slot)) {
			fprintf(out, "flash: slot %s holds %s, committed from trial %s; it boots once at the next reset\n",
				r->slot, r->id, r->id);
		} else if (!strcmp(r->verb, "done") && running[0] && !in_trial) {
			fprintf(out, "flash: slot %s holds %s (committed from trial %s) but its boot did not confirm it: slot %s boots\n",
				r->slot, r->id, r->id, running);
		} else {
			fprintf(out, "flash: slot %s holds %s, committed from trial %s\n", r->slot, r->id, r->id);
		}
		return;
	}
	if (!l->ab) {
		char missing[64], what[600];
		int state = slot_state(l, region, nrec, r, missing, sizeof(missing));

		/* The begin record's list of hashes is for this function, not for people. */
		if (!strcmp(r->verb, "begin"))
			snprintf(what, sizeof(what), "begin");
		else
			snprintf(what, sizeof(what), "%s %s", r->verb, r->detail);
		if (state == 1)
			fprintf(out, "flash: commit of %s interrupted at step %u/%u (%s): the slot holds %s complete, every payload checked on flash\n",
				r->id, r->k, r->n, what, r->id);
		else if (state == 2)
			fprintf(out, "flash: commit of %s interrupted at step %u/%u (%s): the slot still holds the old firmware, untouched\n",
				r->id, r->k, r->n, what);
		else
			fprintf(out, "flash: commit of %s interrupted at step %u/%u (%s): %s is neither the old nor the new one, the flash holds a mix of the two\n",
				r->id, r->k, r->n, what, missing[0] ? missing : "the slot");
		return;
	}
	if (!strcmp(r->verb, "switch")) {
		fprintf(out, "flash: commit of %s interrupted at step %u/%u (switch %s): slot %s is complete; slot %s boots\n",
			r->id, r->k, r->n, r->detail, r->slot, !strcmp(tryv, r->slot) ? r->slot : other_slot(l, r->slot));
		return;
	}
	fprintf(out, "flash: commit of %s interrupted at step %u/%u (%s %s): slot %s invalid, slot %s boots\n",
		r->id, r->k, r->n, r->verb, r->detail, r->slot, other_slot(l, r->slot));
}

void commit_status(FILE *out, const char *layout_path, const char *cmdline)
{
	struct layout l;
	struct jrec r;
	uint8_t *region;
	size_t nrec;
	char err[512], running[16] = "", trial[64];
	bool in_trial = status_trial_id(cmdline, trial, sizeof(trial));
	int rc = board_layout(layout_path, &l, err, sizeof(err));

	if (rc > 0)
		return;	/* no layout: this board does not commit */
	if (rc < 0) {
		fprintf(out, "flash: unknown (%s)\n", err);
		return;
	}
	status_cmdline_arg(cmdline, "phramboot.slot", running, sizeof(running));
	if (l.ab)
		fprintf(out, "flash layout: ab, slots %s and %s%s%s%s\n", l.slot[0].name, l.slot[1].name,
			running[0] ? ", this boot from slot " : "", running, in_trial ? " (a trial, from RAM)" : "");
	else
		fprintf(out, "flash layout: single slot%s\n", in_trial ? " (this boot: a trial, from RAM)" : "");
	/* Read once: the newest record, and on a single-slot board the commit's first. */
	if (journal_load(&l, &region, &nrec, err, sizeof(err))) {
		fprintf(out, "flash: unknown (journal: %s)\n", err);
		return;
	}
	rc = newest_in(region, nrec, &r, err, sizeof(err));
	if (rc < 0) {
		fprintf(out, "flash: unknown (journal: %s)\n", err);
	} else if (rc > 0) {
		fprintf(out, "flash: as installed: no commit in the journal\n");
	} else {
		fprintf(out, "security version: %" PRIu32 " (bundles below it are refused without --allow-downgrade)\n",
			r.floor);
		describe_flash(out, &l, region, nrec, &r, running, in_trial);
	}
	free(region);
}

/* ---- the journal for other records (drill.c) ---- */

int commit_journal_load(const char *layout_path, uint8_t **region, size_t *nrec, char *err, size_t errlen)
{
	struct layout l;
	int rc = board_layout(layout_path, &l, err, errlen);

	if (rc)
		return rc;
	return journal_load(&l, region, nrec, err, errlen);
}

int commit_journal_add(const char *layout_path, const char *head, const char *detail, char *err,
		       size_t errlen)
{
	static struct commit c;
	struct commit_opts o = { .layout = layout_path };
	char text[JOURNAL_TEXT_MAX + 1];
	struct jrec r;
	int rc;

	memset(&c, 0, sizeof(c));
	c.o = &o;
	rc = board_layout(layout_path, &c.l, err, errlen);
	if (rc)
		return rc > 0 ? seterr(err, errlen, "no layout file %s, so no journal", LAYOUT_DEFAULT) : -1;
	/* The security floor goes on, as in every record. */
	rc = newest_record(&c.l, &r, err, errlen);
	if (rc < 0)
		return -1;
	if (snprintf(text, sizeof(text), "%s sv=%" PRIu32 " %s", head, rc ? 0 : r.floor, detail) >= (int)sizeof(text))
		return seterr(err, errlen, "journal record too long");
	if (flashdev_open(&c.l.journal, true, &c.journal, err, errlen))
		return -1;
	rc = journal_append(&c, text, err, errlen);
	flashdev_close(&c.journal);
	return rc;
}
