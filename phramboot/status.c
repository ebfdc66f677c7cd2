/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>
#include <string.h>

#include <linux/watchdog.h>

#include "errbuf.h"
#include "status.h"

bool status_cmdline_arg(const char *cmdline, const char *key, char *val, size_t vallen)
{
	const char *p = cmdline;
	size_t klen = strlen(key);
	bool found = false;

	/* The kernel lets the last of repeated parameters win; do the same. */
	while ((p = strstr(p, key))) {
		if ((p == cmdline || p[-1] == ' ') && p[klen] == '=') {
			size_t n = strcspn(p + klen + 1, " \n");

			if (n >= vallen)
				n = vallen - 1;
			memcpy(val, p + klen + 1, n);
			val[n] = '\0';
			found = true;
		}
		p += klen;
	}
	return found;
}

bool status_trial_id(const char *cmdline, char *id, size_t idlen)
{
	return status_cmdline_arg(cmdline, "phramboot.trial", id, idlen);
}

void status_format(const char *cmdline, const struct wdarm_info *info, const char *wd_err,
		   char *buf, size_t buflen)
{
	char id[64];
	size_t used = 0;

#define PUT(...) do { if (bufprintf(buf, buflen, &used, __VA_ARGS__)) return; } while (0)

	if (!buflen)
		return;
	buf[0] = '\0';
	if (status_trial_id(cmdline, id, sizeof(id)))
		PUT("trial: yes, bundle %s\n", id);
	else
		PUT("trial: no\n");
	if (!info) {
		PUT("watchdog: none (%s)\n", wd_err && *wd_err ? wd_err : "not found");
		PUT("last reset: unknown (no watchdog)\n");
		return;
	}
	PUT("watchdog: %s%s%s%s\n", info->dev, info->identity[0] ? " (" : "", info->identity,
	    info->identity[0] ? ")" : "");
	PUT("watchdog state: %s", info->state[0] ? info->state : "unknown");
	if (info->timeout >= 0)
		PUT(", timeout %d s", info->timeout);
	PUT("\n");
	PUT("keep across kexec: %s\n", !info->keep[0] ? "unsupported (no " WDARM_KEEP_ATTR
	    ": a kernel without kernel-patches/, or not a watchdog-core driver)" :
	    info->keep_across_kexec ? "yes" : "no");
	/* Only drivers that latch the reset cause can tell; say so rather than guess. */
	if (info->bootstatus & WDIOF_CARDRESET)
		PUT("last reset: watchdog (bootstatus %#x)%s\n", info->bootstatus,
		    status_trial_id(cmdline, id, sizeof(id)) ? "" : ": a trial was rolled back");
	else if (info->opened || info->core)
		PUT("last reset: not by the watchdog (bootstatus %#x)\n", info->bootstatus);
	else
		PUT("last reset: unknown (the driver does not report boot status)\n");
#undef PUT
}

static size_t escape_one(unsigned char c, char out[5])
{
	if (c == '\\') {
		out[0] = out[1] = '\\';
		return 2;
	}
	if ((c < ' ' && c != '\n' && c != '\t') || c == 0x7f) {
		snprintf(out, 5, "\\x%02x", c);
		return 4;
	}
	out[0] = (char)c;
	return 1;
}

size_t status_escape(const char *in, size_t inlen, char *out, size_t outlen)
{
	size_t used = 0;

	for (size_t i = 0; i < inlen; i++) {
		char e[5];
		size_t n = escape_one((unsigned char)in[i], e);

		if (used + n + 1 > outlen)
			break;
		memcpy(out + used, e, n);
		used += n;
	}
	if (outlen)
		out[used] = '\0';
	return used;
}

void status_put_escaped(FILE *f, const char *in, size_t inlen)
{
	for (size_t i = 0; i < inlen; i++) {
		char e[5];

		fwrite(e, 1, escape_one((unsigned char)in[i], e), f);
	}
}
