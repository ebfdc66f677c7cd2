/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdarg.h>
#include <stdio.h>

#include "report.h"

int fatal(int code, const char *fmt, ...)
{
	va_list ap;

	/* Progress lines first: a log then reads in the order things happened. */
	fflush(stdout);
	fputs("phramboot: fatal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}
