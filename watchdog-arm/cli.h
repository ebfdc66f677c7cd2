/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The watchdog-arm command line, parsed without side effects (so tests can drive it). */
#ifndef WDARM_CLI_H
#define WDARM_CLI_H

#include <stdbool.h>
#include <stddef.h>

enum cli_mode { CLI_ARM, CLI_DISARM, CLI_KEEPALIVE, CLI_QUERY, CLI_HELP, CLI_VERSION };

struct cli_args {
	enum cli_mode mode;
	const char *dev;          /* NULL: the first watchdog found */
	int timeout;              /* seconds, -1 if not given */
	int interval;             /* seconds, -1 if not given */
	const char *health;       /* shell command, NULL if none */
	const char *then;         /* --then: shell command run once when healthy long enough */
	int healthy_for;          /* --healthy-for seconds, -1 if not given */
	bool no_continuity;       /* --no-kexec-continuity */
	bool open;                /* --query --open */
};

/* 0, or -1 with a one-line reason in err (bad usage). */
int cli_parse(int argc, char *const argv[], struct cli_args *args, char *err, size_t errlen);

extern const char cli_usage[];

#endif
