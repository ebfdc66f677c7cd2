/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Debian's libsodium.a is built against glibc with _FORTIFY_SOURCE, so sodium_memzero()
 * calls glibc's checked variant of explicit_bzero(). musl has the function but not the
 * checked entry point; this supplies it for the static musl build only.
 */
#include <stddef.h>
#include <string.h>

void __explicit_bzero_chk(void *p, size_t len, size_t destlen);

void __explicit_bzero_chk(void *p, size_t len, size_t destlen)
{
	if (len > destlen)
		__builtin_trap();	/* what glibc's __chk_fail would end in */
	explicit_bzero(p, len);
}
