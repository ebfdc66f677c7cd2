/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the static musl build (only) links in place of glibc's or musl's own.
 *
 * Debian's libsodium.a is built against glibc with _FORTIFY_SOURCE, so sodium_memzero()
 * calls glibc's checked variant of explicit_bzero(). musl has the function but not the
 * checked entry point; this supplies it.
 *
 * __floatscan() is musl's reader of a floating-point number, called by vfscanf() for
 * %a %e %f %g and by the strtod() family; its object and the long double helpers it pulls
 * in are 8.8 KiB on mipsel, 5.3 KiB on armhf, for sscanf(), which phramboot calls with
 * integer and string conversions only. This one reads nothing, which vfscanf() takes as
 * a failed match, so a floating-point conversion added to a format would fail to parse
 * (and show in the guests' tests) rather than crash. The strtod() family would read no
 * number either: the Makefile stops a link that brings in any of it (NOFLOATSCAN).
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

void __explicit_bzero_chk(void *p, size_t len, size_t destlen);
long double __floatscan(FILE *f, int prec, int pok);

void __explicit_bzero_chk(void *p, size_t len, size_t destlen)
{
	if (len > destlen)
		__builtin_trap();	/* what glibc's __chk_fail would end in */
	explicit_bzero(p, len);
}

long double __floatscan(FILE *f, int prec, int pok)
{
	(void)f;
	(void)prec;
	(void)pok;
	return 0;
}
