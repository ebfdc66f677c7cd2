/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>
#include <string.h>

#include "kexec_argv.h"

int kexec_argv_load(struct kexec_argv *a, const struct kexec_plan *p)
{
	int n1, n2, n3;
	unsigned i, k;

	memset(a, 0, sizeof(*a));
	if (p->nextra > KEXEC_EXTRA_MAPS)
		return -1;
	n1 = snprintf(a->dtb, sizeof(a->dtb), "--dtb=%s", p->dtb);
	n2 = snprintf(a->map[0], sizeof(a->map[0]), "--map-file=%s@%#llx", p->rootfs ? p->rootfs : "",
		      (unsigned long long)p->addr);
	for (i = 0; i < p->nextra; i++) {
		int n = snprintf(a->map[1 + i], sizeof(a->map[1 + i]), "--map-file=%s@%#llx",
				 p->extra[i].path, (unsigned long long)p->extra[i].addr);

		if (n < 0 || (size_t)n >= sizeof(a->map[1 + i]))
			return -1;
	}
	/* The command line also lives in the DTB's /chosen/bootargs; --append as well
	 * makes kexec-tools write the same into the blob it loads (stock on arm, our
	 * patch on mips), so either path gives the kernel the same line. */
	n3 = snprintf(a->append, sizeof(a->append), "--append=%s", p->bootargs);
	if (n1 < 0 || (size_t)n1 >= sizeof(a->dtb) || n2 < 0 || (size_t)n2 >= sizeof(a->map[0]) ||
	    n3 < 0 || (size_t)n3 >= sizeof(a->append))
		return -1;
	a->argv[0] = (char *)p->kexec;
	a->argv[1] = (char *)"-l";
	a->argv[2] = (char *)p->kernel;
	a->argv[3] = a->dtb;
	/* No rootfs: the root image is at its place already (a staging region). */
	k = 4;
	if (p->rootfs)
		a->argv[k++] = a->map[0];
	for (i = 0; i < p->nextra; i++)
		a->argv[k++] = a->map[1 + i];
	a->argv[k++] = a->append;
	a->argv[k] = NULL;
	return 0;
}

void kexec_argv_exec(struct kexec_argv *a, const char *kexec)
{
	memset(a, 0, sizeof(*a));
	a->argv[0] = (char *)kexec;
	a->argv[1] = (char *)"-e";
	a->argv[2] = NULL;
}

static int needs_quotes(const char *s)
{
	if (!*s)
		return 1;
	for (; *s; s++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
			    "-_./=:,@+%", *s))
			return 1;
	return 0;
}

int kexec_argv_quote(char *const *argv, char *buf, size_t buflen)
{
	size_t used = 0;

#define PUTC(c) do { if (used + 1 >= buflen) return -1; buf[used++] = (c); } while (0)
	if (!buflen)
		return -1;
	for (size_t i = 0; argv[i]; i++) {
		const char *s = argv[i];

		if (i)
			PUTC(' ');
		if (!needs_quotes(s)) {
			for (; *s; s++)
				PUTC(*s);
			continue;
		}
		/* Single quotes keep everything literal; a quote itself becomes '\''. */
		PUTC('\'');
		for (; *s; s++) {
			if (*s == '\'') {
				PUTC('\'');
				PUTC('\\');
				PUTC('\'');
			}
			PUTC(*s);
		}
		PUTC('\'');
	}
#undef PUTC
	buf[used] = '\0';
	return 0;
}
