/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The device build: pack and keygen are left out (see verbs.h). */
#include <stdio.h>

#include "exitcodes.h"
#include "verbs.h"

static int host_only(const char *verb)
{
	fprintf(stderr, "phramboot: fatal: unable to run %s: this is the device build of phramboot; run phramboot %s on the build host\n",
		verb, verb);
	return EXIT_USAGE;
}

int cmd_pack(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return host_only("pack");
}

int cmd_keygen(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return host_only("keygen");
}
