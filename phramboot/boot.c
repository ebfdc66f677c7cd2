/* SPDX-License-Identifier: GPL-2.0-or-later */
#define _GNU_SOURCE	/* memfd_create, F_ADD_SEALS */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "boot.h"
#include "board.h"
#include "bundle.h"
#include "carry.h"
#include "commit.h"
#include "drill.h"
#include "drill_log.h"
#include "dtb.h"
#include "errbuf.h"
#include "exitcodes.h"
#include "fileio.h"
#include "iomem.h"
#include "kexec_argv.h"
#include "layout.h"
#include "placement.h"
#include "mtdcount.h"
#include "postmortem.h"
#include "ram.h"
#include "ramoops.h"
#include "staging.h"
#include "report.h"
#include "wdarm.h"
#include "mib.h"

#define PROG "phramboot"

static int running_arch(const char *override, struct elfarch *out, char *err, size_t errlen)
{
	bool be = __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__;
	struct utsname u;
	char name[sizeof(((struct utsname *)0)->machine) + 1];

	if (override) {
		const char *colon = strchr(override, ':');

		snprintf(name, sizeof(name), "%.*s", colon ? (int)(colon - override) : (int)strlen(override),
			 override);
		if (colon && strcmp(colon + 1, "big") && strcmp(colon + 1, "little"))
			return seterr(err, errlen, "--machine byte order must be big or little");
		if (colon)
			be = colon[1] == 'b';
	} else {
		if (uname(&u))
			return seterr(err, errlen, "uname: %s", strerror(errno));
		snprintf(name, sizeof(name), "%s", u.machine);
	}
	return elfarch_running(name, be, out, err, errlen);
}

static uint64_t read_memtotal(void)
{
	char *text, e[64];
	size_t len;
	unsigned long long kb = 0;
	const char *p;

	if (read_file("/proc/meminfo", 64 * 1024, &text, &len, e, sizeof(e)))
		return 0;
	p = strstr(text, "MemTotal:");
	if (p)
		kb = strtoull(p + 9, NULL, 10);
	free(text);
	return kb * 1024;
}

static const char *find_kexec(const char *given)
{
	static const char *const candidates[] = { "/sbin/kexec", "/usr/sbin/kexec" };

	if (given)
		return access(given, X_OK) == 0 ? given : NULL;
	for (size_t i = 0; i < sizeof(candidates) / sizeof(candidates[0]); i++)
		if (access(candidates[i], X_OK) == 0)
			return candidates[i];
	return NULL;
}

/* fork + execv, never a shell; the child gets the default signal mask back. */
static int run(char *const *argv, char *err, size_t errlen)
{
	sigset_t none;
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return seterr(err, errlen, "fork: %s", strerror(errno));
	if (pid == 0) {
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		signal(SIGPIPE, SIG_DFL);
		execv(argv[0], argv);
		fprintf(stderr, PROG ": fatal: unable to run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return seterr(err, errlen, "waitpid: %s", strerror(errno));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status))
		return seterr(err, errlen, "%s %s exited with status %d", argv[0], argv[1],
			      WEXITSTATUS(status));
	return seterr(err, errlen, "%s %s was killed by signal %d", argv[0], argv[1],
		      WTERMSIG(status));
}

/* One line per step of the real run on stdout, so a user (or a log) sees how far it got. */
__attribute__((format(printf, 1, 2)))
static void progress(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs(PROG ": ", stdout);
	vprintf(fmt, ap);
	fputc('\n', stdout);
	va_end(ap);
}

/* Leave the trial's id in the kernel log, which pstore keeps: if the trial dies before
 * its own kernel logs anything, the old firmware's log still says which one it was. */
static void note_kmsg(const char *id, bool drill)
{
	char line[128];
	int fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC), n;

	if (fd < 0)
		return;
	n = snprintf(line, sizeof(line), "%s%s\n", drill ? POSTMORTEM_STARTING_DRILL : POSTMORTEM_STARTING, id);
	if (n > 0 && write(fd, line, (size_t)n) < 0)
		fprintf(stderr, PROG ": warning: unable to note the trial in /dev/kmsg: %s\n", strerror(errno));
	close(fd);
}

/* What phramboot writes for kexec to read: a sealed memfd, named /proc/self/fd/N, so
 * that no other process can change it before kexec reads it; where memfds or /proc are
 * missing, a new file in the workdir. */
struct temp {
	char path[PATH_MAX];
	int fd;			/* the memfd, or -1: path is a file of ours, or nothing */
};

static void temp_drop(struct temp *t)
{
	if (t->fd >= 0)
		close(t->fd);
	else if (t->path[0])
		unlink(t->path);
	t->fd = -1;
	t->path[0] = '\0';
}

struct plan {
	struct bundle b;
	struct elfarch running;
	struct iomem io;
	struct placement_req req;
	struct placement pl;
	uint64_t kernel_lo, kernel_hi;
	struct ramoops ramoops;	/* size 0: not shared */
	struct ram ram, bundle_ram;	/* the board's RAM; what the bundle's DTB said */
	struct board board;	/* n 0: unknown */
	uint32_t floor;		/* the board's security version */
	int floor_known;	/* commit_security_floor(): 0 known, 1 no journal */
	const char *ram_source;	/* where ram came from; NULL: the bundle's DTB is kept */
	unsigned root_mtd;
	const char *root_mtd_source;
	char bootargs[4096];
	void *dtb;
	size_t dtb_len;
	const char *kexec;
	char wd_dev[64];
	char kernel_path[PATH_MAX], rootfs_path[PATH_MAX];
	struct temp dtb_tmp, index_tmp;	/* the edited DTB and the carry index, for kexec */
	struct temp wrap_tmp[MANIFEST_FLASH_MAX];	/* wrapped payloads (carry.h) */
	int flash_src[MANIFEST_FLASH_MAX];	/* each payload's verified descriptor */
	/* Flash payloads carried for commit (carry.h); nothing when the bundle has none. */
	struct carry_layout carry;
	char *carry_index;
	size_t carry_index_len;
	char flash_path[MANIFEST_FLASH_MAX][PATH_MAX];
	/* The root image already in the board's staging region (phramboot receive). */
	struct staging region;
	struct staged staged;
	/* The drill this run is (o->drill), or the one a trial's board has passed. */
	struct drill_rec drill;
	int drill_passed;	/* 1 passed, 0 none for this kernel and watchdog, -1 unknown */
	char drill_err[256];
};

/* Is word one of the blank-separated words of s? */
static bool has_word(const char *s, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = s; (p = strstr(p, word)); p += n)
		if ((p == s || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return true;
	return false;
}

/* How long the drill payload waits for the reset before it reboots the board itself:
 * the open timeout (the trial kernel pets a running timer until then), three timeouts
 * (the i6300esb's second stage doubles one), and 10 s for the kernel to boot. */
static int drill_budget(const struct boot_opts *o)
{
	return o->open_timeout + 3 * o->timeout + 10;
}

/* What a drill depends on, the running kernel and the watchdog, and whether one passed
 * for them (a drill run fills p->drill for its first record). */
static int check_drill(const struct boot_opts *o, struct plan *p)
{
	struct utsname u;
	int r;

	memset(&p->drill, 0, sizeof(p->drill));
	snprintf(p->drill.id, sizeof(p->drill.id), "%s", p->b.id);
	p->drill.step = 1;
	p->drill.what = DRILL_STARTED;
	snprintf(p->drill.kernel, sizeof(p->drill.kernel), "%s", uname(&u) ? "unknown" : u.release);
	snprintf(p->drill.wd, sizeof(p->drill.wd), "%s", p->wd_dev);
	drill_driver_name(p->wd_dev, p->drill.driver, sizeof(p->drill.driver));
	p->drill.timeout = o->timeout;
	p->drill.budget = drill_budget(o);
	p->drill.pstore = p->ramoops.size != 0;
	p->drill.after = -1;
	r = drill_passed_for(o->layout, p->drill.kernel, p->drill.wd, p->drill.driver, p->drill_err,
			     sizeof(p->drill_err));
	p->drill_passed = r;
	if (o->drill) {
		uint8_t *region;
		size_t nrec;
		char err[512];

		/* The result has to be kept somewhere: refuse now rather than after the reset. */
		r = commit_journal_load(o->layout, &region, &nrec, err, sizeof(err));
		if (r > 0)
			return fatal(EXIT_SYSTEM, "unable to drill: no layout file %s, so no journal to keep the result in; give the board a layout with a journal line (phramboot(8)) or pass --layout FILE",
				     o->layout ? o->layout : LAYOUT_DEFAULT);
		if (r < 0)
			return fatal(EXIT_SYSTEM, "unable to drill: the journal, where the result goes, cannot be read: %s",
				     err);
		free(region);
		return 0;
	}
	if (o->require_drill && r != 1)
		return fatal(EXIT_WATCHDOG, "unable to boot bundle %s: %s for kernel %s and watchdog %s (%s), and --require-drill is given; run phramboot drill on this board first (phramboot(8))",
			     o->dir, r < 0 ? "this board's drills cannot be read" : "no drill has passed on this board",
			     p->drill.kernel, p->drill.wd, p->drill.driver);
	return 0;
}

#define RUNNING_FDT "/sys/firmware/fdt"

/* The board's RAM: what the bootloader told the running kernel this boot (its DTB, after
 * the bootloader's fixups), else the kernel's memory map. */
static int board_ram(const struct boot_opts *o, struct plan *p, char *err, size_t errlen)
{
	char *blob, e[256];
	size_t len;

	if (!o->iomem && read_file(RUNNING_FDT, 4u << 20, &blob, &len, e, sizeof(e)) == 0) {
		int r = ram_from_fdt(blob, len, &p->ram, e, sizeof(e));

		free(blob);
		if (r == 0) {
			p->ram_source = RUNNING_FDT;
			return 0;
		}
	}
	p->ram_source = o->iomem ? o->iomem : "/proc/iomem";
	return ram_from_iomem(&p->io, &p->ram, err, errlen);
}

/* Which mtdblock the trial's phram root will be (mtdcount.h explains the rule). */
static int trial_root_mtd(const struct boot_opts *o, struct plan *p, char *err, size_t errlen)
{
	char *text, e[128];
	size_t len;
	int n;

	if (o->root_mtd >= 0) {
		p->root_mtd = (unsigned)o->root_mtd;
		p->root_mtd_source = "--root-mtd";
		return 0;
	}
	p->root_mtd_source = "/proc/mtd";
	if (read_file("/proc/mtd", 1u << 20, &text, &len, e, sizeof(e))) {
		/* No MTD support here: the trial's phram is its first MTD device too. */
		p->root_mtd = 0;
		return 0;
	}
	n = mtd_count(text, len, err, errlen);
	{
		unsigned idx;
		uint64_t sz;

		/* The staging region is the old firmware's own phram, which the trial lacks. */
		if (n > 0 && staging_from_proc_mtd(text, len, &idx, &sz) == 0)
			n--;
	}
	free(text);
	if (n < 0)
		return -1;
	p->root_mtd = (unsigned)n;
	return 0;
}

/* Board binding and anti-rollback: is the bundle for this board, and not older than
 * what the board committed last? */
static int check_board_and_version(const struct boot_opts *o, struct plan *p)
{
	const struct manifest *m = &p->b.m;
	char err[512], want[600], have[600];
	int r;

	if (board_read(&p->board, err, sizeof(err)))
		p->board.n = 0;
	board_describe(m->compatible, m->ncompatible, want, sizeof(want));
	board_describe(p->board.compatible, p->board.n, have, sizeof(have));
	if (!m->ncompatible)
		fprintf(stderr, PROG ": warning: bundle %s names no board (no compatible line: an older pack); booting it on any board\n",
			o->dir);
	else if (!p->board.n && !o->force_compatible)
		return fatal(EXIT_BAD_BUNDLE, "unable to boot bundle %s: it is for %s, and this board's own compatible cannot be read (%s); pass --force-compatible to boot it anyway",
			     o->dir, want, err);
	else if (p->board.n && !board_matches(&p->board, m) && !o->force_compatible)
		return fatal(EXIT_BAD_BUNDLE, "unable to boot bundle %s: it is for %s, and this board is %s; pass --force-compatible to boot it anyway",
			     o->dir, want, have);
	r = commit_security_floor(o->layout, &p->floor, err, sizeof(err));
	if (r < 0)
		return fatal(EXIT_SYSTEM, "unable to read this board's security version from its commit journal: %s; pass --layout FILE",
			     err);
	p->floor_known = r;
	if (!m->has_security_version)
		fprintf(stderr, PROG ": warning: bundle %s has no security version (an older pack); taken as 0\n", o->dir);
	if (m->security_version < p->floor && !o->allow_downgrade)
		return fatal(EXIT_BAD_BUNDLE, "unable to boot bundle %s: its security version %u is below this board's %u (anti-rollback: an older image may have known holes); pass --allow-downgrade to boot it anyway",
			     o->dir, (unsigned)m->security_version, (unsigned)p->floor);
	return 0;
}

/* A bundle directory without its root image: phramboot receive put the image in the
 * staging region, whose first page must name this very bundle. */
static int check_staged(const struct boot_opts *o, struct plan *p)
{
	const struct manifest_file_entry *f = &p->b.m.file[MF_ROOTFS];
	char err[512];
	int r = staging_find(&p->region, err, sizeof(err));

	if (r)
		return fatal(EXIT_BAD_BUNDLE, "unable to verify bundle %s: it has no root image file (%s), and %s",
			     o->dir, f->name, err);
	r = staging_read(&p->region, &p->staged, err, sizeof(err));
	if (r < 0)
		return fatal(EXIT_SYSTEM, "unable to read the staging region: %s", err);
	if (r > 0)
		return fatal(EXIT_BAD_BUNDLE, "unable to boot bundle %s: its root image is not in the staging region %s, which is empty (a receive was cut or refused); receive the bundle again",
			     o->dir, p->region.dev);
	if (strcmp(p->staged.id, p->b.id))
		return fatal(EXIT_BAD_BUNDLE, "unable to boot bundle %s (%s): the staging region %s holds bundle %s; receive this one again",
			     o->dir, p->b.id, p->region.dev, p->staged.id);
	if (p->staged.size != f->size || memcmp(p->staged.sha256, f->sha256, 32))
		return fatal(EXIT_BAD_BUNDLE, "unable to boot bundle %s: the staging region's image is not the manifest's rootfs; receive the bundle again",
			     o->dir);
	if (p->b.m.nflash)
		return fatal(EXIT_BAD_BUNDLE, "unable to boot bundle %s: its flash payloads are carried only with a root image in the bundle directory; receive it with --no-staging",
			     o->dir);
	return 0;
}

/* Fresh bytes for the trial's /chosen/rng-seed (dtb.h), or 0 if the running kernel's
 * pool is not ready yet: then the trial gathers its own entropy, as it would with no
 * seed. Never wait here for a pool that a router without a hardware RNG fills slowly. */
static size_t trial_rng_seed(uint8_t *buf, size_t len)
{
	ssize_t n;

	do
		n = getrandom(buf, len, GRND_NONBLOCK);
	while (n < 0 && errno == EINTR);
	return n == (ssize_t)len ? len : 0;
}

static int make_plan(const struct boot_opts *o, struct plan *p)
{
	struct bundle_opts bo = { o->keys, o->insecure, isatty(2), true };
	char err[512], extra[MANIFEST_APPEND_MAX * 2 + 40], *text;
	bool fdt[MANIFEST_FLASH_MAX] = { false };
	struct bootargs_req br;
	struct dtb_edit de;
	uint8_t seed[DTB_RNG_SEED_LEN];
	size_t len;
	long page = sysconf(_SC_PAGESIZE);
	int r;

	/* 1-3: signature, files, architecture (the big hashes wait for placement). */
	if (bundle_open(&p->b, o->dir, &bo, err, sizeof(err)))
		return fatal(EXIT_BAD_BUNDLE, "unable to verify bundle %s: %s", o->dir, err);
	if (!p->b.signed_ok)
		fprintf(stderr, PROG ": warning: bundle %s is not signed; booting it because of --insecure\n", o->dir);
	if (running_arch(o->machine, &p->running, err, sizeof(err)))
		return fatal(EXIT_SYSTEM, "unable to identify this machine: %s", err);
	if (elfarch_check(&p->b.kernel, &p->running, err, sizeof(err)))
		return fatal(EXIT_BAD_BUNDLE, "unable to boot bundle %s: %s", o->dir, err);
	r = check_board_and_version(o, p);
	if (r)
		return r;
	if (p->b.rootfs_staged) {
		r = check_staged(o, p);
		if (r)
			return r;
	}
	if (o->drill && !has_word(p->b.m.append, DRILL_PAYLOAD_WORD))
		return fatal(EXIT_BAD_BUNDLE, "unable to drill with bundle %s: it is not a drill payload (its command line lacks " DRILL_PAYLOAD_WORD "), and a firmware would pet the watchdog; give the drill bundle the build made (scripts/mkdrill.sh)",
			     o->dir);

	/* 4: placement. */
	r = o->iomem ? read_file_nofollow(o->iomem, 1u << 20, &text, &len, err, sizeof(err))
		     : read_file("/proc/iomem", 1u << 20, &text, &len, err, sizeof(err));
	if (r)
		return fatal(EXIT_SYSTEM, "unable to read %s: %s", o->iomem ? o->iomem : "/proc/iomem", err);
	r = iomem_parse(text, len, &p->io, err, sizeof(err));
	free(text);
	if (r)
		return fatal(EXIT_SYSTEM, "unable to parse %s: %s", o->iomem ? o->iomem : "/proc/iomem", err);
	if (placement_ram_base(&p->io, &p->pl.ram_base, err, sizeof(err)))
		return fatal(EXIT_SYSTEM, "unable to read the memory map: %s", err);
	p->req.align = page > 0 ? (uint64_t)page : 4096;
	if (o->erase_size > p->req.align)
		p->req.align = o->erase_size;
	/* The flash payloads ride in the same region, after the root image. The index's
	 * length bounds its header lines: "flash <31 chars> <20 digits>" each. */
	for (unsigned i = 0; i < p->b.m.nflash; i++) {
		int same = p->b.m.flash[i].same_as;
		uint8_t head[4] = { 0 };

		p->flash_src[i] = same >= 0 ? p->b.fd[same] : p->b.flash_fd[i];
		fdt[i] = pread(p->flash_src[i], head, sizeof(head), 0) == (ssize_t)sizeof(head) &&
			 !memcmp(head, "\xd0\x0d\xfe\xed", 4);
	}
	if (carry_plan(&p->b.m, p->req.align, p->b.m.nflash ? p->b.manifest_len + p->b.sig_len + 1024 : 0,
		       fdt, &p->carry, err, sizeof(err)))
		return fatal(EXIT_BAD_BUNDLE, "unable to lay out the flash payloads: %s", err);
	if (p->b.m.nflash) {
		int n;

		p->carry_index = malloc(p->carry.index_len);
		if (!p->carry_index)
			return fatal(EXIT_SYSTEM, "unable to lay out the flash payloads: out of memory");
		n = carry_format_index(&p->b.m, &p->carry, p->b.manifest_text, p->b.manifest_len,
				       p->b.signed_ok ? p->b.sig_text : NULL, p->b.sig_len,
				       p->carry_index, p->carry.index_len);
		if (n < 0)
			return fatal(EXIT_BAD_BUNDLE, "unable to lay out the flash payloads: the index does not fit");
		p->carry_index_len = (size_t)n;
	}
	p->req.image_size = p->carry.total;
	p->req.limit = o->limit ? o->limit : placement_lowmem_limit(&p->b.kernel, p->pl.ram_base);
	/* Room for a DTB that grows by the bootargs and the phram node. */
	placement_kernel_span(&p->b.kernel, p->b.m.file[MF_KERNEL].size, p->b.dtb_len + 8192,
			      p->pl.ram_base, &p->req.keep_lo, &p->req.keep_hi,
			      &p->req.other_segments);
	p->kernel_lo = p->req.keep_lo;
	p->kernel_hi = p->req.keep_hi;
	p->req.memtotal = o->memtotal ? o->memtotal : o->iomem ? 0 : read_memtotal();
	if (!o->ramoops || strcmp(o->ramoops, "none")) {
		r = ramoops_read(o->ramoops ? o->ramoops : RAMOOPS_PARAMS, &p->ramoops, err, sizeof(err));
		if (r < 0)
			return fatal(EXIT_SYSTEM, "unable to share the pstore/ramoops region with the trial: %s; pass --ramoops none to boot without it",
				     err);
		if (r > 0)
			memset(&p->ramoops, 0, sizeof(p->ramoops));
		/* The trial would write its log there: a region outside RAM (a typo, a stale
		 * parameter) could be a device's registers. */
		if (p->ramoops.size && !ram_covers(&p->io, p->ramoops.addr, p->ramoops.size))
			return fatal(EXIT_SYSTEM, "unable to share the pstore/ramoops region %#llx-%#llx with the trial: it is not in RAM by %s; fix the ramoops parameters or pass --ramoops none",
				     (unsigned long long)p->ramoops.addr,
				     (unsigned long long)(p->ramoops.addr + p->ramoops.size - 1),
				     o->iomem ? o->iomem : "/proc/iomem");
		p->req.avoid_lo = p->ramoops.addr;
		p->req.avoid_hi = p->ramoops.addr + p->ramoops.size;
	}
	if (p->b.rootfs_staged) {
		/* Where it is already: no kexec segment, so no half-of-RAM rule for it. */
		p->pl.addr = p->region.addr + STAGING_HEADER;
		p->pl.size = (p->staged.size + p->req.align - 1) / p->req.align * p->req.align;
		p->pl.memtotal = p->req.memtotal;
		if (p->pl.size > p->region.size - STAGING_HEADER || p->pl.addr % p->req.align)
			return fatal(EXIT_NO_ROOM, "unable to boot from the staging region %#llx+%#llx: the image, aligned to %llu, does not fit in it",
				     (unsigned long long)p->region.addr, (unsigned long long)p->region.size,
				     (unsigned long long)p->req.align);
		if (p->kernel_lo < p->region.addr + p->region.size && p->region.addr < p->kernel_hi)
			return fatal(EXIT_NO_ROOM, "unable to boot from the staging region %#llx+%#llx: the trial kernel loads at %#llx-%#llx, inside it; move the region",
				     (unsigned long long)p->region.addr, (unsigned long long)p->region.size,
				     (unsigned long long)p->kernel_lo, (unsigned long long)p->kernel_hi);
	} else if (place_image(&p->io, &p->req, &p->pl, err, sizeof(err))) {
		return fatal(EXIT_NO_ROOM, "unable to place the root image: %s", err);
	}
	/* Only now the big hashes: an image that cannot be placed is refused at once. */
	if (bundle_verify_contents(&p->b, o->dir, &bo, err, sizeof(err)))
		return fatal(EXIT_BAD_BUNDLE, "unable to verify bundle %s: %s", o->dir, err);
	if (p->b.rootfs_staged && staging_verify(&p->region, &p->staged, err, sizeof(err)))
		return fatal(EXIT_BAD_BUNDLE, "unable to verify bundle %s: %s; receive it again", o->dir, err);
	if (!o->ram_from_bundle && board_ram(o, p, err, sizeof(err)))
		return fatal(EXIT_SYSTEM, "unable to tell the trial this board's RAM: %s; pass --ram bundle to keep the bundle's memory node",
			     err);
	if (ram_from_fdt(p->b.dtb, p->b.dtb_len, &p->bundle_ram, err, sizeof(err)) < 0)
		memset(&p->bundle_ram, 0, sizeof(p->bundle_ram));
	if (trial_root_mtd(o, p, err, sizeof(err)))
		return fatal(EXIT_SYSTEM, "unable to tell which MTD device the trial's root will be: %s; pass --root-mtd N",
			     err);

	/* 5: describe it. */
	snprintf(extra, sizeof(extra), "%s%s%s", p->b.m.append,
		 p->b.m.append[0] && o->append && o->append[0] ? " " : "", o->append ? o->append : "");
	if (o->drill) {
		size_t used = strlen(extra);

		snprintf(extra + used, sizeof(extra) - used, "%s" DRILL_BUDGET_PARAM "=%d", used ? " " : "",
			 drill_budget(o));
	}
	br = (struct bootargs_req){
		.extra = extra, .describe = o->describe, .machine = p->b.kernel.machine,
		.addr = p->pl.addr, .size = p->pl.size, .ram_base = p->pl.ram_base,
		.open_timeout = o->no_watchdog ? -1 : o->open_timeout, .panic = o->panic,
		.root_mtd = p->root_mtd, .trial_id = p->b.id, .limit = elfarch_cmdline_size(p->b.kernel.machine),
		.carry_off = p->carry.index_off,
	};
	if (bootargs_build(&br, p->bootargs, sizeof(p->bootargs), err, sizeof(err)))
		return fatal(EXIT_NO_ROOM, "unable to build the kernel command line: %s", err);
	de = (struct dtb_edit){ p->bootargs, o->describe == DESCRIBE_DT, p->pl.addr, p->pl.size,
				p->ramoops.size ? &p->ramoops : NULL, p->ram_source ? &p->ram : NULL,
				seed, trial_rng_seed(seed, sizeof(seed)) };
	r = dtb_edit(p->b.dtb, p->b.dtb_len, &de, &p->dtb, &p->dtb_len, err, sizeof(err));
	explicit_bzero(seed, sizeof(seed));
	if (r)
		return fatal(EXIT_NO_ROOM, "unable to edit the DTB: %s", err);
	if (!dtb_has_memory_node(p->dtb))
		fprintf(stderr, PROG ": warning: the DTB has no memory node; a kexec'd kernel may not find its RAM\n");

	/* Everything that can refuse does so before anything is armed or loaded. */
	p->kexec = find_kexec(o->kexec);
	if (!p->kexec)
		return fatal(EXIT_KEXEC, "unable to find kexec: %s; pass --kexec PATH",
			     o->kexec ? o->kexec : "neither /sbin/kexec nor /usr/sbin/kexec is executable");
	if (!o->no_watchdog) {
		struct wdarm_info info;

		if (o->watchdog && strlen(o->watchdog) >= sizeof(p->wd_dev))
			return fatal(EXIT_USAGE, "unable to use --watchdog %.40s...: longer than %zu characters; name the device by a shorter path",
				     o->watchdog, sizeof(p->wd_dev) - 1);
		if (o->watchdog)
			snprintf(p->wd_dev, sizeof(p->wd_dev), "%s", o->watchdog);
		else if (wdarm_find_device(p->wd_dev, sizeof(p->wd_dev), err, sizeof(err)) < 0)
			return fatal(EXIT_WATCHDOG, "%s; without one a hung trial never rolls back (pass --no-watchdog to boot anyway)",
				     err);
		if (access(p->wd_dev, W_OK))
			return fatal(EXIT_WATCHDOG, "unable to use watchdog %s: %s", p->wd_dev, strerror(errno));
		/* sysfs only (opening would start it): catch a timeout the driver cannot do
		 * here, where a dry run sees it too. */
		memset(&info, 0, sizeof(info));
		if (wdarm_query(p->wd_dev, false, &info, err, sizeof(err)) == 0 &&
		    ((info.max_timeout > 0 && o->timeout > info.max_timeout) ||
		     (info.min_timeout > 0 && o->timeout < info.min_timeout)))
			return fatal(EXIT_WATCHDOG, "unable to use watchdog %s: --timeout %d is outside the driver's range %d..%d s",
				     p->wd_dev, o->timeout, info.min_timeout, info.max_timeout);
		/* The kernel must be able to keep it running through kexec: its
		 * keep_running_on_restart exists and is writable (a dry run sees it too). */
		if (wdarm_check_continuity(p->wd_dev, NULL, 0, err, sizeof(err)) < 0)
			return fatal(EXIT_WATCHDOG, "%s", err);
	}
	if (!o->no_watchdog && (r = check_drill(o, p)))
		return r;
	bundle_file_path(&p->b, o->dir, MF_KERNEL, p->kernel_path, sizeof(p->kernel_path));
	if (!p->b.rootfs_staged)
		bundle_file_path(&p->b, o->dir, MF_ROOTFS, p->rootfs_path, sizeof(p->rootfs_path));
	for (unsigned i = 0; i < p->b.m.nflash; i++) {
		int same = p->b.m.flash[i].same_as;

		if (same >= 0)
			bundle_file_path(&p->b, o->dir, same, p->flash_path[i], sizeof(p->flash_path[i]));
		else
			bundle_flash_path(&p->b, o->dir, i, p->flash_path[i], sizeof(p->flash_path[i]));
	}
	return EXIT_OK;
}

static void print_plan(const struct boot_opts *o, const struct plan *p, char *const *load,
		       char *const *exec)
{
	char line[8400], d[64];

	printf("bundle: %s (id %s, %s%s)\n", o->dir, p->b.id,
	       p->b.signed_ok ? "signed by key " : "unsigned", p->b.signed_ok ? p->b.keynum : "");
	elfarch_describe(&p->b.kernel, d, sizeof(d));
	{
		char want[600], have[600];

		board_describe(p->b.m.compatible, p->b.m.ncompatible, want, sizeof(want));
		board_describe(p->board.compatible, p->board.n, have, sizeof(have));
		printf("board: %s; the bundle is for %s%s\n", p->board.n ? have : "unknown",
		       p->b.m.ncompatible ? want : "any board (no compatible line)",
		       o->force_compatible ? " (--force-compatible)" : "");
		if (p->floor_known)
			printf("security version: %u; this board has no commit journal, so no floor\n",
			       (unsigned)p->b.m.security_version);
		else
			printf("security version: %u, this board's floor %u%s\n", (unsigned)p->b.m.security_version,
			       (unsigned)p->floor, o->allow_downgrade ? " (--allow-downgrade)" : "");
	}
	printf("kernel: %s, %llu bytes, %s, keep %#llx-%#llx free for it and the DTB\n",
	       p->b.m.file[MF_KERNEL].name, (unsigned long long)p->b.m.file[MF_KERNEL].size, d,
	       (unsigned long long)p->kernel_lo, (unsigned long long)p->kernel_hi);
	printf("dtb: %s, %zu bytes, %zu after editing\n", p->b.m.file[MF_DTB].name, p->b.dtb_len,
	       p->dtb_len);
	printf("rootfs: %s, %llu bytes\n", p->b.m.file[MF_ROOTFS].name,
	       (unsigned long long)p->b.m.file[MF_ROOTFS].size);
	if (p->b.m.nflash) {
		printf("carry: index at +%#llx (%zu bytes), phramboot.carry=%#llx; %u flash payload%s for commit:\n",
		       (unsigned long long)p->carry.index_off, p->carry_index_len,
		       (unsigned long long)p->carry.index_off, p->b.m.nflash, p->b.m.nflash == 1 ? "" : "s");
		for (unsigned i = 0; i < p->b.m.nflash; i++)
			printf("  flash %s: %s, %llu bytes at +%#llx%s\n", p->b.m.flash[i].target,
			       p->b.m.flash[i].f.name, (unsigned long long)p->b.m.flash[i].f.size,
			       (unsigned long long)p->carry.flash_off[i],
			       p->b.m.flash[i].same_as == MF_ROOTFS ? " (the root image itself)" :
			       p->carry.wrapped[i] ? " (after a header page: it starts like a DTB)" : "");
	}
	printf("memory: RAM from %#llx, " MIB_FMT " MiB managed (segments may use half), image limit %#llx\n",
	       (unsigned long long)p->pl.ram_base, MIB_ARGS(p->pl.memtotal),
	       (unsigned long long)p->req.limit);
	if (p->b.rootfs_staged)
		printf("path: staging region %s, %#llx+%#llx (%s): the root image is in place, kexec loads only the kernel and DTB; budget %llu bytes\n",
		       p->region.dev, (unsigned long long)p->region.addr, (unsigned long long)p->region.size,
		       p->region.source, (unsigned long long)(p->region.size - STAGING_HEADER));
	else
		printf("path: bundle directory, kexec loads the root image too; budget %llu bytes (half of the RAM the kernel manages, for all kexec segments)\n",
		       (unsigned long long)(p->pl.memtotal / 2));
	printf("placement: %#llx-%#llx (%llu bytes, aligned to %llu)\n",
	       (unsigned long long)p->pl.addr, (unsigned long long)(p->pl.addr + p->pl.size - 1),
	       (unsigned long long)p->pl.size, (unsigned long long)p->req.align);
	if (p->ram_source) {
		char now[256], was[256];

		ram_describe(&p->ram, now, sizeof(now));
		ram_describe(&p->bundle_ram, was, sizeof(was));
		printf("ram: %s from %s, into the trial's memory node (the bundle's DTB said %s)\n",
		       now, p->ram_source, p->bundle_ram.n ? was : "nothing");
	} else {
		printf("ram: the bundle's DTB memory node, kept (--ram bundle)\n");
	}
	printf("root: /dev/mtdblock%u (%s: the trial's phram registers after this board's %u MTD devices)\n",
	       p->root_mtd, p->root_mtd_source, p->root_mtd);
	if (o->describe == DESCRIBE_DT)
		printf("describe: device tree, /reserved-memory/phram@%llx\n", (unsigned long long)p->pl.addr);
	else
		printf("describe: command line\n");
	printf("bootargs: %s\n", p->bootargs);
	if (p->ramoops.size)
		printf("ramoops: %#llx-%#llx shared with the trial (console %u bytes, records %u bytes): its log survives a rollback\n",
		       (unsigned long long)p->ramoops.addr,
		       (unsigned long long)(p->ramoops.addr + p->ramoops.size - 1),
		       p->ramoops.console_size, p->ramoops.record_size);
	else
		printf("ramoops: none: a failed trial's log will not survive the rollback\n");
	if (o->drill)
		printf("drill: payload %s waits %d s for the reset, then reboots the board itself; the result goes to the journal (kernel %s, watchdog %s, driver %s)\n",
		       p->b.id, drill_budget(o), p->drill.kernel, p->drill.wd, p->drill.driver);
	else if (!o->no_watchdog)
		printf("drill: %s for kernel %s, watchdog %s (%s)%s\n",
		       p->drill_passed == 1 ? "passed" : p->drill_passed == 0 ? "none passed on this board" : "unknown",
		       p->drill.kernel, p->drill.wd, p->drill.driver,
		       p->drill_passed == 1 ? "" : o->require_drill ? "" : "; phramboot drill proves the rollback");
	if (o->no_watchdog)
		printf("watchdog: none (--no-watchdog): a hung trial will not roll back\n");
	else
		printf("watchdog: %s, timeout %d s, kept running through kexec\n", p->wd_dev, o->timeout);
	if (kexec_argv_quote(load, line, sizeof(line)) == 0)
		printf("load: %s\n", line);
	if (kexec_argv_quote(exec, line, sizeof(line)) == 0)
		printf("exec: %s\n", line);
}

/* buf into t: a sealed memfd if the kernel has them, else a new file in the workdir. */
static int write_temp(const struct boot_opts *o, const char *suffix, const void *buf, size_t len,
		      struct temp *t, char *err, size_t errlen)
{
	char name[64];
	int fd, r;

	t->fd = -1;
	t->path[0] = '\0';
	snprintf(name, sizeof(name), "phramboot%s", suffix);
	/* Not close-on-exec: kexec opens it as /proc/self/fd/N, its inherited copy. */
	fd = access("/proc/self/fd", X_OK) == 0 ? memfd_create(name, MFD_ALLOW_SEALING) : -1;
	if (fd >= 0) {
		r = write_all(fd, buf, len);
		if (r == 0 && fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL))
			r = -errno;
		if (r) {
			close(fd);
			return seterr(err, errlen, "%s", strerror(-r));
		}
		t->fd = fd;
		snprintf(t->path, sizeof(t->path), "/proc/self/fd/%d", fd);
		return 0;
	}
	snprintf(name, sizeof(name), "phramboot-XXXXXX%s", suffix);
	if (path_join(t->path, sizeof(t->path), o->workdir ? o->workdir : "/tmp", name))
		return seterr(err, errlen, "workdir path too long");
	fd = mkstemps(t->path, (int)strlen(suffix));
	if (fd < 0) {
		t->path[0] = '\0';
		return seterr(err, errlen, "%s", strerror(errno));
	}
	r = write_all(fd, buf, len);
	if (close(fd) && !r)
		r = -errno;
	if (r) {
		temp_drop(t);
		return seterr(err, errlen, "%s", strerror(-r));
	}
	return 0;
}

/* A wrapped payload: a header page, then the payload's verified bytes (under its lease). */
static int write_wrapped(const struct boot_opts *o, struct plan *p, unsigned i, char *err, size_t errlen)
{
	size_t align = (size_t)p->req.align, len = (size_t)p->b.m.flash[i].f.size;
	char *buf;
	int r;

	if (len > SIZE_MAX - align || !(buf = calloc(1, align + len)))
		return seterr(err, errlen, "out of memory for flash payload %s", p->b.m.flash[i].target);
	snprintf(buf, align, CARRY_WRAP_MAGIC "%s\n", p->b.m.flash[i].target);
	for (size_t done = 0; done < len;) {
		ssize_t n = pread(p->flash_src[i], buf + align + done, len - done, (off_t)done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			free(buf);
			return seterr(err, errlen, "unable to read flash payload %s: %s", p->b.m.flash[i].target,
				      n < 0 ? strerror(errno) : "short read");
		}
		done += (size_t)n;
	}
	r = write_temp(o, ".payload", buf, align + len, &p->wrap_tmp[i], err, errlen);
	free(buf);
	return r;
}

static void drop_temps(struct plan *p)
{
	temp_drop(&p->dtb_tmp);
	temp_drop(&p->index_tmp);
	for (unsigned i = 0; i < MANIFEST_FLASH_MAX; i++)
		temp_drop(&p->wrap_tmp[i]);
}

static int write_dtb(const struct boot_opts *o, struct plan *p, char *err, size_t errlen)
{
	if (write_temp(o, ".dtb", p->dtb, p->dtb_len, &p->dtb_tmp, err, errlen))
		return -1;
	if (p->carry_index &&
	    write_temp(o, ".carry", p->carry_index, p->carry_index_len, &p->index_tmp, err, errlen)) {
		drop_temps(p);
		return -1;
	}
	for (unsigned i = 0; i < p->b.m.nflash; i++)
		if (p->carry.wrapped[i] && write_wrapped(o, p, i, err, errlen)) {
			drop_temps(p);
			return -1;
		}
	return 0;
}

static void carry_maps(struct plan *p, struct kexec_plan *kp)
{
	if (!p->b.m.nflash)
		return;
	kp->extra[kp->nextra++] = (struct kexec_map){ p->index_tmp.path, p->pl.addr + p->carry.index_off };
	for (unsigned i = 0; i < p->b.m.nflash; i++) {
		if (p->b.m.flash[i].same_as == MF_ROOTFS)
			continue;
		if (p->carry.wrapped[i])
			kp->extra[kp->nextra++] = (struct kexec_map){ p->wrap_tmp[i].path,
				p->pl.addr + p->carry.flash_off[i] - p->req.align };
		else
			kp->extra[kp->nextra++] = (struct kexec_map){ p->flash_path[i],
				p->pl.addr + p->carry.flash_off[i] };
	}
}

/* --save-dtb: the edited DTB as the trial gets it, but with its rng-seed zeroed: the
 * file is world-readable, and the seed is the trial's secret. */
static int save_dtb(const char *path, const struct plan *p, char *err, size_t errlen)
{
	void *copy = malloc(p->dtb_len);
	int r;

	if (!copy)
		return seterr(err, errlen, "out of memory");
	memcpy(copy, p->dtb, p->dtb_len);
	dtb_zero_rng_seed(copy);
	r = write_new_file(path, copy, p->dtb_len, 0644, err, errlen);
	free(copy);
	return r;
}

/* A drill that stopped before kexec: its result, so that status does not judge it. */
static void drill_abort(const struct boot_opts *o, struct plan *p)
{
	char err[256];

	if (!o->drill)
		return;
	p->drill.step = 2;
	p->drill.what = DRILL_ABORTED;
	if (drill_record(o->layout, &p->drill, err, sizeof(err)))
		fprintf(stderr, PROG ": warning: unable to record the stopped drill: %s\n", err);
}

int boot(const struct boot_opts *o)
{
	static struct plan p;
	struct kexec_argv load, exec;
	struct kexec_plan kp;
	struct wdarm_state wd = { 0 };
	char err[512], e2[256], failure[700];
	sigset_t block, old;
	bool loaded = false;
	int code, disarm_rc, fail_code = EXIT_KEXEC;

	memset(&p, 0, sizeof(p));
	p.dtb_tmp.fd = p.index_tmp.fd = -1;
	for (unsigned i = 0; i < MANIFEST_FLASH_MAX; i++)
		p.wrap_tmp[i].fd = -1;
	/* `ssh router phramboot DIR` whose connection drops: writes to stdout then fail
	 * with EPIPE instead of killing phramboot with the watchdog armed. */
	signal(SIGPIPE, SIG_IGN);
	code = make_plan(o, &p);
	if (code)
		goto out;
	if (o->save_dtb && save_dtb(o->save_dtb, &p, err, sizeof(err))) {
		code = fatal(EXIT_SYSTEM, "unable to write %s: %s", o->save_dtb, err);
		goto out;
	}
	if (o->dry_run) {
		/* What a real run passes: sealed memfds (or files in the workdir). */
		snprintf(p.dtb_tmp.path, sizeof(p.dtb_tmp.path), "/proc/self/fd/DTB");
		snprintf(p.index_tmp.path, sizeof(p.index_tmp.path), "/proc/self/fd/CARRY");
		for (unsigned i = 0; i < p.b.m.nflash; i++)
			snprintf(p.wrap_tmp[i].path, sizeof(p.wrap_tmp[i].path), "/proc/self/fd/PAYLOAD%u", i);
	} else if (write_dtb(o, &p, err, sizeof(err))) {
		code = fatal(EXIT_SYSTEM, "unable to write the edited DTB in %s: %s",
			     o->workdir ? o->workdir : "/tmp", err);
		goto out;
	}
	kp = (struct kexec_plan){ .kexec = p.kexec, .kernel = p.kernel_path, .dtb = p.dtb_tmp.path,
				  .rootfs = p.b.rootfs_staged ? NULL : p.rootfs_path, .addr = p.pl.addr,
				  .bootargs = p.bootargs };
	carry_maps(&p, &kp);
	if (kexec_argv_load(&load, &kp)) {
		code = fatal(EXIT_KEXEC, "unable to build the kexec command: a path is too long");
		goto out;
	}
	kexec_argv_exec(&exec, p.kexec);
	if (o->dry_run) {
		print_plan(o, &p, load.argv, exec.argv);
		p.dtb_tmp.path[0] = '\0';
		p.index_tmp.path[0] = '\0';
		goto out;
	}

	progress("bundle %s verified (id %s); the image goes to %#llx-%#llx", o->dir, p.b.id,
		 (unsigned long long)p.pl.addr, (unsigned long long)(p.pl.addr + p.pl.size - 1));
	if (!o->drill && !o->no_watchdog && p.drill_passed != 1)
		progress("note: %s for kernel %s and watchdog %s (%s): a hung trial may not roll back; phramboot drill proves it on this board",
			 p.drill_passed ? "this board's drills cannot be read" : "no drill has passed on this board",
			 p.drill.kernel, p.drill.wd, p.drill.driver);
	/* The drill's first record: after the reset, only it says that a drill ran. */
	if (o->drill) {
		if (drill_record(o->layout, &p.drill, err, sizeof(err))) {
			code = fatal(EXIT_SYSTEM, "unable to drill: the journal does not take the drill's record: %s",
				     err);
			goto out;
		}
		progress("drill %s recorded in the journal; it waits up to %d s for the watchdog", p.b.id,
			 drill_budget(o));
	}

	/* From arming on, an interrupted phramboot would leave a watchdog counting down
	 * under the old system: hold the usual signals until we either kexec or disarm. */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGQUIT);
	sigprocmask(SIG_BLOCK, &block, &old);

	/* 6: watchdog. */
	if (!o->no_watchdog && wdarm_arm(p.wd_dev, o->timeout, &wd, err, sizeof(err)) < 0) {
		wdarm_disarm(&wd, e2, sizeof(e2));
		sigprocmask(SIG_SETMASK, &old, NULL);
		drill_abort(o, &p);
		code = fatal(EXIT_WATCHDOG, "%s", err);
		goto out;
	}
	if (!o->no_watchdog)
		progress("armed %s: %d s, kept running through kexec", p.wd_dev, o->timeout);
	/* 7: load, then execute. */
	progress("loading the kernel and the %llu-byte image at %#llx",
		 (unsigned long long)p.pl.size, (unsigned long long)p.pl.addr);
	if (run(load.argv, err, sizeof(err))) {
		snprintf(failure, sizeof(failure), "unable to load the trial kernel: %s", err);
		goto undo;
	}
	if (bundle_lease_broken()) {
		snprintf(failure, sizeof(failure), "unable to boot bundle %s: one of its files was opened for writing while kexec loaded it, so what was loaded may not be what was verified; nothing was booted",
			 o->dir);
		loaded = true;
		fail_code = EXIT_BAD_BUNDLE;
		goto undo;
	}
	drop_temps(&p);
	progress("starting trial %s", p.b.id);
	note_kmsg(p.b.id, o->drill);
	fflush(NULL);
	if (run(exec.argv, err, sizeof(err)))
		snprintf(failure, sizeof(failure), "unable to execute the trial kernel: %s", err);
	else	/* success without rebooting: nothing to roll back to, and still loaded */
		snprintf(failure, sizeof(failure), "unable to execute the trial kernel: kexec -e returned");
	loaded = true;
undo:
	/* Put everything back before saying anything: the message may go to a terminal or
	 * an ssh session that is gone, and nothing may stay armed or loaded meanwhile. */
	if (loaded) {
		char *unload[] = { (char *)p.kexec, (char *)"-u", NULL };

		run(unload, e2, sizeof(e2));
	}
	disarm_rc = wd.armed ? wdarm_disarm(&wd, e2, sizeof(e2)) : 1;
	sigprocmask(SIG_SETMASK, &old, NULL);
	drill_abort(o, &p);
	code = fatal(fail_code, "%s%s", failure, disarm_rc != 0 ? "" : wd.active_before ?
		     "; the watchdog, running before, runs on with its own timeout" : "; watchdog disarmed");
	if (disarm_rc < 0)
		fprintf(stderr, PROG ": warning: %s; the system will reset when it expires\n", e2);
	else if (wd.keep_not_restored)
		fprintf(stderr, PROG ": warning: the kernel refused to clear keep_running_on_restart of %s again (nowayout): it keeps running through the next restart or kexec\n",
			p.wd_dev);
out:
	if (!o->dry_run)
		drop_temps(&p);
	free(p.dtb);
	free(p.carry_index);
	iomem_free(&p.io);
	bundle_close(&p.b);
	return code;
}
