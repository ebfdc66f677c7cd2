/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <elf.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "bootargs.h"
#include "errbuf.h"

int bootargs_check(const char *s, char *err, size_t errlen)
{
	bool quoted = false;

	for (const char *c = s; *c; c++) {
		if (*c == '"')
			quoted = !quoted;
		else if ((unsigned char)*c < ' ' || (unsigned char)*c > '~')
			return seterr(err, errlen, "extra command line has a non-printable character at offset %zu",
				      (size_t)(c - s));
	}
	if (quoted)
		return seterr(err, errlen, "extra command line has an unbalanced double quote");
	/* The kernel hands everything after a bare "--" to init: phramboot's root=, panic=
	 * and watchdog.open_timeout=, which come after the extra arguments, would stop being
	 * kernel parameters, and a hung trial might never roll back. */
	for (const char *c = s; *c; c++) {
		if (*c == '"')
			quoted = !quoted;
		else if (!quoted && c[0] == '-' && c[1] == '-' && (c == s || c[-1] == ' ') &&
			 (c[2] == ' ' || c[2] == '\0'))
			return seterr(err, errlen, "extra command line has a bare \"--\" at offset %zu, after which the kernel would pass phramboot's own parameters to init; remove it",
				      (size_t)(c - s));
	}
	return 0;
}

struct out {
	char *buf;
	size_t len, used;
	bool overflow;
};

__attribute__((format(printf, 2, 3)))
static void add(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->used && !o->overflow) {
		if (o->used + 1 >= o->len)
			o->overflow = true;
		else
			o->buf[o->used++] = ' ';
	}
	if (o->overflow)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->used, o->len - o->used, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= o->len - o->used)
		o->overflow = true;
	else
		o->used += (size_t)n;
}

int bootargs_build(const struct bootargs_req *r, char *buf, size_t buflen, char *err,
		   size_t errlen)
{
	struct out o = { buf, buflen, 0, false };
	unsigned long long addr = r->addr, size = r->size;
	const char *extra = r->extra ? r->extra : "";

	if (!buflen)
		return seterr(err, errlen, "no room for the command line");
	buf[0] = '\0';
	if (bootargs_check(extra, err, errlen))
		return -1;
	if (strspn(r->trial_id, "0123456789abcdef") != strlen(r->trial_id) || !*r->trial_id)
		return seterr(err, errlen, "trial id \"%s\" is not lower-case hex", r->trial_id);
	while (*extra == ' ')
		extra++;
	if (*extra) {
		add(&o, "%s", extra);
		while (o.used && buf[o.used - 1] == ' ')
			buf[--o.used] = '\0';
	}
	if (r->describe == DESCRIBE_CMDLINE) {
		/* MIPS honours memmap=SIZE$ADDR (add and reserve); ARM has no memmap=, so
		 * RAM is cut short below the image with mem=SIZE@BASE instead
		 * (docs/platform-notes.md). */
		if (r->machine == EM_MIPS)
			add(&o, "memmap=%#llx$%#llx", size, addr);
		else if (r->machine == EM_ARM && addr > r->ram_base)
			add(&o, "mem=%#llx@%#llx", addr - (unsigned long long)r->ram_base,
			    (unsigned long long)r->ram_base);
		else
			return seterr(err, errlen, "describing the image on the command line works on mips and arm only; use the device tree");
		add(&o, "phram.phram=phram0,%#llx,%#llx mtdparts=phram0:%#llx(rootfs)", addr, size, size);
	}
	add(&o, "root=/dev/mtdblock%u rootfstype=squashfs", r->root_mtd);
	if (r->open_timeout >= 0)
		add(&o, "watchdog.open_timeout=%d", r->open_timeout);
	add(&o, "panic=%d", r->panic);
	add(&o, "phramboot.trial=%s", r->trial_id);
	if (r->carry_off)
		add(&o, "phramboot.carry=%#llx", (unsigned long long)r->carry_off);
	if (o.overflow || o.used + 1 > r->limit) {
		size_t need = o.used + 1;

		if (o.overflow)
			need = strlen(extra) + 256;
		return seterr(err, errlen, "the command line needs about %zu bytes but the kernel accepts at most %zu; shorten the extra arguments",
			      need, r->limit);
	}
	return 0;
}
