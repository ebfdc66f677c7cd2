/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The build-host verbs: pack and keygen. */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "exitcodes.h"
#include "keygen.h"
#include "pack.h"
#include "verbs.h"

#define PROG "phramboot"

enum { V_KERNEL = 256, V_DTB, V_ROOTFS, V_APPEND, V_KEY, V_OUT, V_HELP, V_PUB, V_SEC, V_COMMENT, V_FLASH, V_COMPAT, V_SECVER };

static const struct option pack_options[] = {
	{ "kernel", required_argument, NULL, V_KERNEL },
	{ "dtb", required_argument, NULL, V_DTB },
	{ "rootfs", required_argument, NULL, V_ROOTFS },
	{ "append", required_argument, NULL, V_APPEND },
	{ "key", required_argument, NULL, V_KEY },
	{ "out", required_argument, NULL, V_OUT },
	{ "flash", required_argument, NULL, V_FLASH },
	{ "compatible", required_argument, NULL, V_COMPAT },
	{ "security-version", required_argument, NULL, V_SECVER },
	{ "help", no_argument, NULL, V_HELP },
	{ NULL, 0, NULL, 0 },
};

/* --flash TARGET=FILE: checked here, so that nothing is copied for a bad one. */
static int add_flash_opt(struct pack_opts *o, char *arg)
{
	char *eq = strchr(arg, '=');

	if (!eq || !eq[1])
		return usage_error("unable to use --flash %s: want TARGET=FILE (or TARGET=@rootfs)", arg);
	if (!manifest_valid_target(arg, (size_t)(eq - arg)))
		return usage_error("unable to use --flash %s: the target name wants a-z, 0-9, _ and -, at most 31 characters",
				   arg);
	if (o->nflash == MANIFEST_FLASH_MAX)
		return usage_error("unable to use --flash %s: at most 8 flash payloads", arg);
	*eq = '\0';
	for (unsigned i = 0; i < o->nflash; i++)
		if (!strcmp(o->flash[i].target, arg)) {
			*eq = '=';
			return usage_error("unable to use --flash %s: that target is given twice", arg);
		}
	o->flash[o->nflash].target = arg;
	o->flash[o->nflash++].src = eq + 1;
	return 0;
}

int cmd_pack(int argc, char **argv)
{
	struct pack_opts o = { 0 };
	char err[512];
	int c, code;

	while ((c = getopt_long(argc, argv, "h", pack_options, NULL)) != -1) {
		switch (c) {
		case V_KERNEL: o.kernel = optarg; break;
		case V_DTB: o.dtb = optarg; break;
		case V_ROOTFS: o.rootfs = optarg; break;
		case V_APPEND: o.append = optarg; break;
		case V_KEY: o.key = optarg; break;
		case V_OUT: o.out = optarg; break;
		case V_FLASH:
			if (add_flash_opt(&o, optarg))
				return EXIT_USAGE;
			break;
		case V_COMPAT:
			if (!manifest_valid_compatible(optarg, strlen(optarg)))
				return usage_error("unable to use --compatible %s: want a device tree compatible string (printable, no spaces, at most 63 characters)",
						   optarg);
			if (o.ncompatible == MANIFEST_COMPAT_MAX)
				return usage_error("unable to use --compatible %s: at most 8 boards", optarg);
			o.compatible[o.ncompatible++] = optarg;
			break;
		case V_SECVER: {
			char *end;
			unsigned long long v;

			errno = 0;
			v = strtoull(optarg, &end, 10);
			if (!*optarg || *optarg == '-' || *optarg == '+' || *end || errno || v > UINT32_MAX ||
			    (optarg[0] == '0' && optarg[1]))
				return usage_error("unable to use --security-version %s: want a number, 0 to 4294967295", optarg);
			o.has_security_version = true;
			o.security_version = (uint32_t)v;
			break;
		}
		case 'h':
		case V_HELP: fputs(usage_text, stdout); return EXIT_OK;
		default: return usage_error("unable to parse the command line%s", "");
		}
	}
	if (optind != argc)
		return usage_error("unable to pack: unexpected argument %s", argv[optind]);
	if (!o.kernel || !o.dtb || !o.rootfs || !o.key || !o.out)
		return usage_error("unable to pack: %s", "--kernel, --dtb, --rootfs, --key and --out are all required");
	code = pack_bundle(&o, err, sizeof(err));
	if (code)
		fprintf(stderr, PROG ": fatal: %s\n", err);
	return code;
}

static const struct option keygen_options[] = {
	{ "pub", required_argument, NULL, V_PUB },
	{ "sec", required_argument, NULL, V_SEC },
	{ "comment", required_argument, NULL, V_COMMENT },
	{ "help", no_argument, NULL, V_HELP },
	{ NULL, 0, NULL, 0 },
};

int cmd_keygen(int argc, char **argv)
{
	const char *pub = NULL, *sec = NULL, *comment = "phramboot";
	char err[512];
	int c, code;

	while ((c = getopt_long(argc, argv, "h", keygen_options, NULL)) != -1) {
		switch (c) {
		case V_PUB: pub = optarg; break;
		case V_SEC: sec = optarg; break;
		case V_COMMENT:
			if (strpbrk(optarg, "\r\n"))
				return usage_error("unable to use --comment: %s", "it has a line break, and a key file's comment is one line");
			comment = optarg;
			break;
		case 'h':
		case V_HELP: fputs(usage_text, stdout); return EXIT_OK;
		default: return usage_error("unable to parse the command line%s", "");
		}
	}
	if (optind != argc || !pub || !sec)
		return usage_error("unable to make keys: %s", "--pub and --sec are required");
	code = keygen(pub, sec, comment, err, sizeof(err));
	if (code)
		fprintf(stderr, PROG ": fatal: %s\n", err);
	return code;
}

