/* SPDX-License-Identifier: GPL-2.0-or-later */
/* phramboot: safe RAM-only trial boots. The command-line front end. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boot.h"
#include "commit.h"
#include "drill.h"
#include "exitcodes.h"
#include "fileio.h"
#include "layout.h"
#include "report.h"
#include "postmortem.h"
#include "pstore.h"
#include "ramoops.h"
#include "receive.h"
#include "status.h"
#include "verbs.h"
#include "wdarm.h"

#define PROG "phramboot"

const char usage_text[] =
	"usage: phramboot [options] DIR          boot the bundle in DIR as a RAM-only trial\n"
	"       phramboot pack --kernel FILE --dtb FILE --rootfs FILE [--append ARGS]\n"
	"                      [--flash TARGET=FILE|@rootfs|@kernel|@dtb]... [--compatible BOARD]...\n"
	"                      [--security-version N] --key SECRET.sec --out DIR\n"
	"       phramboot keygen --pub FILE.pub --sec FILE.sec [--comment TEXT]\n"
	"       phramboot status [--watchdog DEV] [--log] [--pstore DIR] [--layout FILE]\n"
	"       phramboot commit [--dry-run] [--layout FILE] [--key PATH] [--insecure] [--quiet]\n"
	"                        [--allow-downgrade]\n"
	"       phramboot confirm [--layout FILE]\n"
	"       phramboot drill [options] DIR     prove that a hung trial rolls back (DIR: a drill bundle)\n"
	"       phramboot drill --result [--layout FILE] [--pstore DIR]\n"
	"       phramboot receive [--dir DIR] [--no-staging] [--key PATH] [--insecure]\n"
	"                         [--boot [options]]   a bundle from stdin (tar: manifest first)\n"
	"\n"
	"options for booting:\n"
	"  --key PATH          trusted public key file or directory (default /etc/phramboot/keys)\n"
	"  --insecure          accept a bundle without manifest.sig\n"
	"  --dry-run           print the plan (placement, bootargs, kexec argv); change nothing\n"
	"  --timeout SECONDS   watchdog timeout for the trial (default 30)\n"
	"  --open-timeout SEC  watchdog.open_timeout= for the trial kernel (default 60)\n"
	"  --panic SECONDS     panic= for the trial kernel (default 5)\n"
	"  --watchdog DEV      watchdog device (default: the first found)\n"
	"  --no-watchdog       boot without a watchdog: a hung trial will not roll back\n"
	"  --describe dt|cmdline  tell the kernel about the image in the DTB (default) or\n"
	"                      with memmap=/mem= and phram.phram= on the command line\n"
	"  --append ARGS       more kernel arguments, after the bundle's own\n"
	"  --erase-size BYTES  phram erase size to align to (default: page size)\n"
	"  --limit ADDR        the image must end below ADDR (default: the kernel's lowmem)\n"
	"  --iomem FILE        memory map to use instead of /proc/iomem\n"
	"  --ram running|bundle  the trial's memory node: this board's RAM as the running\n"
	"                      system got it from the bootloader (/sys/firmware/fdt, else\n"
	"                      the memory map; the default), or the bundle DTB's own\n"
	"  --root-mtd N        the trial's root is /dev/mtdblockN (default: the number of\n"
	"                      MTD devices in /proc/mtd, which register before phram)\n"
	"  --memtotal BYTES    RAM the kernel manages, for kexec's half-of-RAM rule\n"
	"                      (default: /proc/meminfo, or estimated from --iomem)\n"
	"  --machine NAME[:big|:little]  pretend to run on NAME (uname -m) for the arch check\n"
	"  --kexec PATH        kexec binary (default /sbin/kexec, then /usr/sbin/kexec)\n"
	"  --workdir DIR       where the edited DTB goes if the kernel has no memfds (/tmp)\n"
	"  --save-dtb FILE     also write the edited DTB to FILE\n"
	"  --force-compatible  boot a bundle made for other boards (its compatible line)\n"
	"  --allow-downgrade   boot a bundle below this board's security version\n"
	"  --layout FILE       the flash layout, whose journal holds that version\n"
	"                      (default /etc/phramboot/layout)\n"
	"  --ramoops DIR|none  ramoops parameters to share with the trial, so its console\n"
	"                      log survives the rollback (default " RAMOOPS_PARAMS ")\n"
	"  --require-drill     refuse unless a drill passed for this kernel and watchdog\n"
	"\n"
	"receive reads a tar stream on stdin: manifest, manifest.sig, then the manifest's\n"
	"files, each hashed as it streams; the root image goes to the board's staging region\n"
	"if it has one (MTD \"staging\"), else with the rest into DIR:\n"
	"  tar -C result -cf - manifest manifest.sig kernel dtb rootfs | ssh router phramboot receive\n"
	"  --dir DIR           where the bundle goes (default " RECEIVE_DIR_DEFAULT ")\n"
	"  --no-staging        keep the root image in DIR even if there is a staging region\n"
	"  --boot              then boot it, with the options for booting\n"
	"\n"
	"drill (on the old firmware) arms the watchdog as for a trial and kexecs into the drill\n"
	"bundle DIR, whose payload never pets it; the board must come back by a watchdog reset.\n"
	"It takes the options for booting (--timeout default 10, --open-timeout default 5).\n"
	"The next status (or drill --result) judges it from pstore and keeps the result in the\n"
	"layout's journal.\n"
	"\n"
	"commit (in a trial that proved itself) writes the bundle's flash payloads, carried\n"
	"in RAM, to the partitions the layout file names (default /etc/phramboot/layout):\n"
	"  --dry-run           verify, and list every step; write nothing\n"
	"  --layout FILE       the flash layout (see phramboot(8))\n"
	"  --key PATH          trusted keys for the carried manifest (default the trial's)\n"
	"  --insecure          write a trial booted from an unsigned bundle\n"
	"  --quiet             no per-block progress on a terminal\n"
	"  --allow-downgrade   write a bundle below the board's security version\n"
	"confirm (on an A/B board, in the slot that booted once) makes it the default.\n"
	"\n"
	"options for status:\n"
	"  --log               print the whole console log of the last boot (from pstore)\n"
	"  --pstore DIR        where pstore is mounted (default " PSTORE_DIR ")\n"
	"\n"
	"exit codes: 0 ok, 1 usage, 2 bundle refused, 3 no room, 4 watchdog (or a failed\n"
	"            drill), 5 kexec failed, 6 system error, 7 flash write failed.\n"
	"            See phramboot(8).\n";

int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, PROG ": fatal: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "; see phramboot --help\n");
	return EXIT_USAGE;
}

/* Decimal or 0x hex, with an optional K, M or G (binary) suffix. */
static int parse_u64(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;
	unsigned shift = 0;
	bool hex;

	/* strtoull would skip white space, take a sign, and read "010" as octal 8. */
	if (!*s || *s == '-' || *s == '+' || isspace((unsigned char)*s))
		return -1;
	errno = 0;
	hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
	v = strtoull(hex ? s + 2 : s, &end, hex ? 16 : 10);
	if (hex && (!s[2] || isspace((unsigned char)s[2]) || s[2] == '-' || s[2] == '+'))
		return -1;
	if (errno || end == s)
		return -1;
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	}
	if (*end || (shift && v > (~0ull >> shift)))
		return -1;
	*out = v << shift;
	return 0;
}

static int parse_int(const char *s, int max, int *out)
{
	uint64_t v;

	if (parse_u64(s, &v) || v > (uint64_t)max)
		return -1;
	*out = (int)v;
	return 0;
}

enum {
	O_KEY = 256, O_INSECURE, O_DRY_RUN, O_TIMEOUT, O_OPEN_TIMEOUT, O_PANIC, O_WATCHDOG,
	O_NO_WATCHDOG, O_DESCRIBE, O_APPEND, O_ERASE, O_LIMIT, O_IOMEM, O_MEMTOTAL, O_MACHINE,
	O_KEXEC, O_WORKDIR, O_SAVE_DTB, O_RAMOOPS, O_LOG, O_PSTORE, O_HELP, O_RAM, O_ROOT_MTD,
	O_LAYOUT, O_QUIET, O_ALLOW_DOWNGRADE, O_FORCE_COMPAT, O_REQUIRE_DRILL, O_RESULT,
	O_DIR, O_NO_STAGING, O_BOOT,
};

static const struct option boot_options[] = {
	{ "key", required_argument, NULL, O_KEY },
	{ "insecure", no_argument, NULL, O_INSECURE },
	{ "dry-run", no_argument, NULL, O_DRY_RUN },
	{ "timeout", required_argument, NULL, O_TIMEOUT },
	{ "open-timeout", required_argument, NULL, O_OPEN_TIMEOUT },
	{ "panic", required_argument, NULL, O_PANIC },
	{ "watchdog", required_argument, NULL, O_WATCHDOG },
	{ "no-watchdog", no_argument, NULL, O_NO_WATCHDOG },
	{ "describe", required_argument, NULL, O_DESCRIBE },
	{ "append", required_argument, NULL, O_APPEND },
	{ "erase-size", required_argument, NULL, O_ERASE },
	{ "limit", required_argument, NULL, O_LIMIT },
	{ "iomem", required_argument, NULL, O_IOMEM },
	{ "memtotal", required_argument, NULL, O_MEMTOTAL },
	{ "machine", required_argument, NULL, O_MACHINE },
	{ "kexec", required_argument, NULL, O_KEXEC },
	{ "workdir", required_argument, NULL, O_WORKDIR },
	{ "save-dtb", required_argument, NULL, O_SAVE_DTB },
	{ "ramoops", required_argument, NULL, O_RAMOOPS },
	{ "ram", required_argument, NULL, O_RAM },
	{ "root-mtd", required_argument, NULL, O_ROOT_MTD },
	{ "layout", required_argument, NULL, O_LAYOUT },
	{ "force-compatible", no_argument, NULL, O_FORCE_COMPAT },
	{ "allow-downgrade", no_argument, NULL, O_ALLOW_DOWNGRADE },
	{ "require-drill", no_argument, NULL, O_REQUIRE_DRILL },
	{ "result", no_argument, NULL, O_RESULT },
	{ "pstore", required_argument, NULL, O_PSTORE },
	{ "dir", required_argument, NULL, O_DIR },
	{ "no-staging", no_argument, NULL, O_NO_STAGING },
	{ "boot", no_argument, NULL, O_BOOT },
	{ "help", no_argument, NULL, O_HELP },
	{ NULL, 0, NULL, 0 },
};

enum verb { V_BOOT, V_DRILL, V_RECEIVE };

/* phramboot DIR, phramboot drill DIR (drill.h), phramboot receive [--boot] (receive.h):
 * the same checks and steps. */
static int cmd_boot(int argc, char **argv, enum verb verb)
{
	bool drill = verb == V_DRILL, then_boot = false;
	struct receive_opts ro = { 0 };
	struct boot_opts o = {
		.timeout = drill ? 10 : 30, .open_timeout = drill ? 5 : 60, .panic = 5,
		.describe = DESCRIBE_DT, .root_mtd = -1, .drill = drill,
	};
	const char *pstore = PSTORE_DIR;
	bool result = false, pstore_given = false;
	int c;

	while ((c = getopt_long(argc, argv, "h", boot_options, NULL)) != -1) {
		switch (c) {
		case O_KEY: o.keys = optarg; break;
		case O_INSECURE: o.insecure = true; break;
		case O_DRY_RUN: o.dry_run = true; break;
		case O_TIMEOUT:
			if (parse_int(optarg, 3600, &o.timeout) || o.timeout < 1)
				return usage_error("unable to use --timeout %s: want seconds, 1 to 3600", optarg);
			break;
		case O_OPEN_TIMEOUT:
			if (parse_int(optarg, 86400, &o.open_timeout))
				return usage_error("unable to use --open-timeout %s: want seconds", optarg);
			break;
		case O_PANIC:
			if (parse_int(optarg, 3600, &o.panic) || o.panic < 1)
				return usage_error("unable to use --panic %s: want seconds, 1 to 3600 (0 would hang instead of rolling back)",
						   optarg);
			break;
		case O_WATCHDOG: o.watchdog = optarg; break;
		case O_NO_WATCHDOG: o.no_watchdog = true; break;
		case O_DESCRIBE:
			if (!strcmp(optarg, "dt"))
				o.describe = DESCRIBE_DT;
			else if (!strcmp(optarg, "cmdline"))
				o.describe = DESCRIBE_CMDLINE;
			else
				return usage_error("unable to use --describe %s: want dt or cmdline", optarg);
			break;
		case O_APPEND: {
			char e[256];

			if (bootargs_check(optarg, e, sizeof(e)))
				return usage_error("unable to use --append: %s", e);
			o.append = optarg;
			break;
		}
		case O_ERASE:
			if (parse_u64(optarg, &o.erase_size) || !o.erase_size ||
			    (o.erase_size & (o.erase_size - 1)) || o.erase_size > (1u << 30))
				return usage_error("unable to use --erase-size %s: want a power of two", optarg);
			break;
		case O_LIMIT:
			if (parse_u64(optarg, &o.limit) || !o.limit)
				return usage_error("unable to use --limit %s: want an address", optarg);
			break;
		case O_IOMEM: o.iomem = optarg; break;
		case O_MEMTOTAL:
			if (parse_u64(optarg, &o.memtotal) || !o.memtotal)
				return usage_error("unable to use --memtotal %s: want bytes", optarg);
			break;
		case O_MACHINE: o.machine = optarg; break;
		case O_KEXEC: o.kexec = optarg; break;
		case O_WORKDIR: o.workdir = optarg; break;
		case O_SAVE_DTB: o.save_dtb = optarg; break;
		case O_RAMOOPS: o.ramoops = optarg; break;
		case O_RAM:
			if (!strcmp(optarg, "running") || !strcmp(optarg, "bundle"))
				o.ram_from_bundle = !strcmp(optarg, "bundle");
			else
				return usage_error("unable to use --ram %s: want running or bundle", optarg);
			break;
		case O_ROOT_MTD:
			if (parse_int(optarg, 255, &o.root_mtd))
				return usage_error("unable to use --root-mtd %s: want an MTD number, 0 to 255", optarg);
			break;
		case O_LAYOUT: o.layout = optarg; break;
		case O_FORCE_COMPAT: o.force_compatible = true; break;
		case O_ALLOW_DOWNGRADE: o.allow_downgrade = true; break;
		case O_REQUIRE_DRILL: o.require_drill = true; break;
		case O_RESULT: result = true; break;
		case O_PSTORE: pstore = optarg; pstore_given = true; break;
		case O_DIR: ro.dir = optarg; break;
		case O_NO_STAGING: ro.no_staging = true; break;
		case O_BOOT: then_boot = true; break;
		case 'h':
		case O_HELP: fputs(usage_text, stdout); return EXIT_OK;
		default: return usage_error("unable to parse the command line%s", "");
		}
	}
	if (verb != V_RECEIVE && (ro.dir || ro.no_staging || then_boot))
		return usage_error("unable to %s: --dir, --no-staging and --boot are for phramboot receive",
				   drill ? "drill" : "boot");
	if (verb == V_RECEIVE) {
		int code;

		if (optind != argc)
			return usage_error("unable to receive: unexpected argument %s (the bundle comes on standard input)",
					   argv[optind]);
		if (result || pstore_given || o.require_drill)
			return usage_error("unable to receive: %s", "--result, --pstore and --require-drill are not receive's");
		ro.keys = o.keys;
		ro.insecure = o.insecure;
		code = receive_run(&ro, 0);
		if (code || !then_boot)
			return code;
		o.dir = ro.dir ? ro.dir : RECEIVE_DIR_DEFAULT;
		return boot(&o);
	}
	if (!drill && (result || pstore_given))
		return usage_error("unable to boot: %s", result ? "--result is for phramboot drill" : "--pstore is for status and drill --result");
	if (drill && o.require_drill)
		return usage_error("unable to drill: %s", "--require-drill is for trials; a drill is what it requires");
	if (drill && o.no_watchdog)
		return usage_error("unable to drill: %s", "--no-watchdog: the watchdog is what a drill proves");
	/* The trial kernel's watchdog core pets a running timer until user space opens it or
	 * the open timeout ends; 0 is "never ends", and the board would never reset. */
	if (drill && o.open_timeout < 1)
		return usage_error("unable to drill: %s", "--open-timeout 0 means the trial kernel pets the watchdog forever; give 1 or more seconds");
	if (result) {
		char err[512];
		uint8_t *region;
		size_t nrec;
		int r;

		if (optind != argc)
			return usage_error("unable to report the drill: unexpected argument %s", argv[optind]);
		r = commit_journal_load(o.layout, &region, &nrec, err, sizeof(err));
		if (r > 0)
			return fatal(EXIT_SYSTEM, "unable to report the drill: no layout file " LAYOUT_DEFAULT ", so no journal that keeps drills; pass --layout FILE");
		if (r < 0)
			return fatal(EXIT_SYSTEM, "unable to report the drill: the journal cannot be read: %s", err);
		free(region);
		r = drill_status(stdout, o.layout, pstore);
		/* 0 passed; 4 failed (trials on this board may not roll back); 6 none yet. */
		return r == 0 ? EXIT_OK : r == 1 ? EXIT_WATCHDOG : EXIT_SYSTEM;
	}
	if (optind != argc - 1)
		return usage_error(drill ? "unable to drill: %s" : "unable to boot: %s",
				   optind == argc ? (drill ? "no drill bundle directory given" : "no bundle directory given") :
				   "more than one bundle directory given");
	o.dir = argv[optind];
	return boot(&o);
}

static const struct option status_options[] = {
	{ "layout", required_argument, NULL, O_LAYOUT },
	{ "watchdog", required_argument, NULL, O_WATCHDOG },
	{ "log", no_argument, NULL, O_LOG },
	{ "pstore", required_argument, NULL, O_PSTORE },
	{ "help", no_argument, NULL, O_HELP },
	{ NULL, 0, NULL, 0 },
};

#define TAIL_LINES 15

/* The post-mortem part of the status: what the last boot's console log says. */
static void print_last_boot(const char *pstore, const char *cmdline)
{
	struct postmortem pm;
	char err[256], line[512], this_id[64], *log;
	size_t len;
	int r;

	r = pstore_console_log(pstore, &log, &len, err, sizeof(err));
	if (r) {
		printf("last boot: unknown (%s)\n", err);
		return;
	}
	postmortem_judge(log, len, status_trial_id(cmdline, this_id, sizeof(this_id)) ? this_id : NULL,
			 TAIL_LINES, &pm);
	postmortem_describe(&pm, line, sizeof(line));
	fputs("last boot: ", stdout);
	status_put_escaped(stdout, line, strlen(line));
	fputc('\n', stdout);
	if (pm.verdict == PM_TRIAL_PANIC || pm.verdict == PM_TRIAL_NO_END) {
		printf("trial log, last %zu of %zu lines (phramboot status --log prints all):\n",
		       pm.tail_lines, pm.lines);
		for (const char *p = log + pm.tail_off, *end = log + len; p < end;) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			int n = (int)(nl ? nl - p : end - p);

			fputs("| ", stdout);
			status_put_escaped(stdout, p, (size_t)n);
			fputc('\n', stdout);
			p += n + 1;
		}
	}
	free(log);
}

static int cmd_status(int argc, char **argv)
{
	struct wdarm_info info;
	const char *dev = NULL, *pstore = PSTORE_DIR, *layout = NULL;
	char devbuf[64], err[256] = "", *cmdline = NULL, out[1024], *log;
	size_t len;
	bool have = false, show_log = false;
	int c;

	while ((c = getopt_long(argc, argv, "h", status_options, NULL)) != -1) {
		switch (c) {
		case O_WATCHDOG: dev = optarg; break;
		case O_LOG: show_log = true; break;
		case O_PSTORE: pstore = optarg; break;
		case O_LAYOUT: layout = optarg; break;
		case 'h':
		case O_HELP: fputs(usage_text, stdout); return EXIT_OK;
		default: return usage_error("unable to parse the command line%s", "");
		}
	}
	if (optind != argc)
		return usage_error("unable to report status: unexpected argument %s", argv[optind]);
	if (show_log) {
		int r = pstore_console_log(pstore, &log, &len, err, sizeof(err));

		if (r) {
			fprintf(stderr, PROG ": fatal: unable to show the last boot's log: %s\n", err);
			return EXIT_SYSTEM;
		}
		status_put_escaped(stdout, log, len);
		free(log);
		return EXIT_OK;
	}
	if (read_file("/proc/cmdline", 64 * 1024, &cmdline, &len, err, sizeof(err))) {
		fprintf(stderr, PROG ": fatal: unable to read /proc/cmdline: %s\n", err);
		return EXIT_SYSTEM;
	}
	memset(&info, 0, sizeof(info));
	if (!dev && wdarm_find_device(devbuf, sizeof(devbuf), err, sizeof(err)) == 0)
		dev = devbuf;
	/* Never open the device here: opening starts most watchdogs. */
	if (dev && wdarm_query(dev, false, &info, err, sizeof(err)) == 0)
		have = true;
	status_format(cmdline, have ? &info : NULL, err, out, sizeof(out));
	fputs(out, stdout);
	commit_status(stdout, layout, cmdline);
	drill_status(stdout, layout, pstore);
	print_last_boot(pstore, cmdline);
	free(cmdline);
	return EXIT_OK;
}

static const struct option commit_options[] = {
	{ "dry-run", no_argument, NULL, O_DRY_RUN },
	{ "layout", required_argument, NULL, O_LAYOUT },
	{ "key", required_argument, NULL, O_KEY },
	{ "insecure", no_argument, NULL, O_INSECURE },
	{ "quiet", no_argument, NULL, O_QUIET },
	{ "allow-downgrade", no_argument, NULL, O_ALLOW_DOWNGRADE },
	{ "help", no_argument, NULL, O_HELP },
	{ NULL, 0, NULL, 0 },
};

static int cmd_commit(int argc, char **argv, bool confirm)
{
	struct commit_opts o = { 0 };
	int c;

	while ((c = getopt_long(argc, argv, "h", commit_options, NULL)) != -1) {
		switch (c) {
		case O_DRY_RUN: o.dry_run = true; break;
		case O_LAYOUT: o.layout = optarg; break;
		case O_KEY: o.keys = optarg; break;
		case O_INSECURE: o.insecure = true; break;
		case O_QUIET: o.quiet = true; break;
		case O_ALLOW_DOWNGRADE: o.allow_downgrade = true; break;
		case 'h':
		case O_HELP: fputs(usage_text, stdout); return EXIT_OK;
		default: return usage_error("unable to parse the command line%s", "");
		}
	}
	if (optind != argc)
		return usage_error("unable to commit: unexpected argument %s", argv[optind]);
	if (confirm && (o.dry_run || o.keys || o.insecure || o.quiet || o.allow_downgrade))
		return usage_error("unable to confirm: %s", "confirm takes only --layout");
	return confirm ? commit_confirm(o.layout) : commit_run(&o);
}

int main(int argc, char **argv)
{
	if (argc >= 2) {
		if (!strcmp(argv[1], "pack"))
			return cmd_pack(argc - 1, argv + 1);
		if (!strcmp(argv[1], "keygen"))
			return cmd_keygen(argc - 1, argv + 1);
		if (!strcmp(argv[1], "status"))
			return cmd_status(argc - 1, argv + 1);
		if (!strcmp(argv[1], "commit"))
			return cmd_commit(argc - 1, argv + 1, false);
		if (!strcmp(argv[1], "confirm"))
			return cmd_commit(argc - 1, argv + 1, true);
		if (!strcmp(argv[1], "drill"))
			return cmd_boot(argc - 1, argv + 1, V_DRILL);
		if (!strcmp(argv[1], "receive"))
			return cmd_boot(argc - 1, argv + 1, V_RECEIVE);
	}
	return cmd_boot(argc, argv, V_BOOT);
}
