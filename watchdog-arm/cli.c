// SPDX-License-Identifier: GPL-2.0-or-later
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char cli_usage[] =
	"usage: watchdog-arm [-d DEV] -t SECONDS [--no-kexec-continuity]\n"
	"       watchdog-arm [-d DEV] --disarm\n"
	"       watchdog-arm [-d DEV] --keepalive [-t SECONDS] [--health CMD] [--interval N]\n"
	"                    [--healthy-for SECONDS --then CMD]\n"
	"       watchdog-arm [-d DEV] --query [--open]\n"
	"\n"
	"  -t, --timeout SECONDS   set the timeout, pet once, keep running through kexec,\n"
	"                          close without the magic 'V' (the timer keeps running)\n"
	"      --no-kexec-continuity  arm only; leave keep_running_on_restart alone\n"
	"      --disarm            stop the watchdog and restore keep_running_on_restart\n"
	"      --keepalive         pet the watchdog while CMD keeps succeeding\n"
	"      --health CMD        run through /bin/sh -c before each pet (default: none)\n"
	"      --interval N        seconds between pets (default: timeout / 3)\n"
	"      --healthy-for SECONDS  once every check has passed for this long, run\n"
	"      --then CMD          CMD once (through /bin/sh -c), e.g. 'phramboot commit'\n"
	"      --query             report the device and what its driver supports\n"
	"      --open              let --query open the device (starts the timer, see man)\n"
	"  -d, --dev DEV           device (default: /dev/watchdog0, else /dev/watchdog)\n"
	"  -h, --help              this text;  --version  the version\n";

static int usage_error(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int usage_error(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/* Seconds: a plain decimal 1..86400 (a day is beyond every watchdog's range). */
static int parse_seconds(const char *s, int *out)
{
	char *end;
	long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < 1 || v > 86400)
		return -1;
	*out = (int)v;
	return 0;
}

/* Match "--name" or "--name=value"; *value is set for the second form. */
static bool long_opt(const char *arg, const char *name, const char **value)
{
	size_t n = strlen(name);

	*value = NULL;
	if (strncmp(arg, name, n) != 0)
		return false;
	if (arg[n] == '=') {
		*value = arg + n + 1;
		return true;
	}
	return arg[n] == '\0';
}

int cli_parse(int argc, char *const argv[], struct cli_args *a, char *err, size_t errlen)
{
	bool disarm = false, keepalive = false, query = false;
	int i;

	memset(a, 0, sizeof(*a));
	a->timeout = a->interval = a->healthy_for = -1;
	for (i = 1; i < argc; i++) {
		const char *arg = argv[i], *val = NULL;
		const char **target = NULL;
		int *seconds = NULL;

		if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			a->mode = CLI_HELP;
			return 0;
		} else if (!strcmp(arg, "--version")) {
			a->mode = CLI_VERSION;
			return 0;
		} else if (!strcmp(arg, "-d") || long_opt(arg, "--dev", &val)) {
			target = &a->dev;
		} else if (!strcmp(arg, "-t") || long_opt(arg, "--timeout", &val)) {
			seconds = &a->timeout;
		} else if (long_opt(arg, "--interval", &val)) {
			seconds = &a->interval;
		} else if (long_opt(arg, "--health", &val)) {
			target = &a->health;
		} else if (long_opt(arg, "--then", &val)) {
			target = &a->then;
		} else if (long_opt(arg, "--healthy-for", &val)) {
			seconds = &a->healthy_for;
		} else if (!strcmp(arg, "--disarm")) {
			disarm = true;
			continue;
		} else if (!strcmp(arg, "--keepalive")) {
			keepalive = true;
			continue;
		} else if (!strcmp(arg, "--query")) {
			query = true;
			continue;
		} else if (!strcmp(arg, "--open")) {
			a->open = true;
			continue;
		} else if (!strcmp(arg, "--no-kexec-continuity")) {
			a->no_continuity = true;
			continue;
		} else {
			return usage_error(err, errlen, "unknown argument '%s' (see --help)", arg);
		}
		if (arg[1] != '-')
			val = NULL;
		if (!val) {
			if (i + 1 >= argc)
				return usage_error(err, errlen, "option %s needs a value", arg);
			val = argv[++i];
		}
		if (target) {
			if (!*val)
				return usage_error(err, errlen, "option %s needs a non-empty value",
						   arg);
			*target = val;
		} else if (parse_seconds(val, seconds) < 0) {
			return usage_error(err, errlen, "bad %s value '%s': want whole seconds "
					   "from 1 to 86400", arg, val);
		}
	}

	if (disarm + keepalive + query > 1)
		return usage_error(err, errlen,
				   "--disarm, --keepalive and --query exclude each other");
	if (disarm)
		a->mode = CLI_DISARM;
	else if (keepalive)
		a->mode = CLI_KEEPALIVE;
	else if (query)
		a->mode = CLI_QUERY;
	else if (a->timeout > 0)
		a->mode = CLI_ARM;
	else
		return usage_error(err, errlen, "nothing to do: pass -t SECONDS, --disarm, "
				   "--keepalive or --query (see --help)");

	if ((a->health || a->interval > 0) && a->mode != CLI_KEEPALIVE)
		return usage_error(err, errlen, "--health and --interval need --keepalive");
	if ((a->then || a->healthy_for > 0) && a->mode != CLI_KEEPALIVE)
		return usage_error(err, errlen, "--healthy-for and --then need --keepalive");
	if (!a->then != !(a->healthy_for > 0))
		return usage_error(err, errlen, "--healthy-for and --then go together");
	if (a->no_continuity && a->mode != CLI_ARM)
		return usage_error(err, errlen, "--no-kexec-continuity only applies to arming");
	if (a->open && a->mode != CLI_QUERY)
		return usage_error(err, errlen, "--open only applies to --query");
	if (a->timeout > 0 && (a->mode == CLI_DISARM || a->mode == CLI_QUERY))
		return usage_error(err, errlen, "-t does not apply to --disarm or --query");
	if (a->mode == CLI_KEEPALIVE && a->timeout > 0 && a->interval >= a->timeout)
		return usage_error(err, errlen, "--interval %d must be shorter than the "
				   "timeout %d s", a->interval, a->timeout);
	return 0;
}
