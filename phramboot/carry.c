/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carry.h"
#include "errbuf.h"

#define MAGIC "phramboot-carry 1\n"

static int align_up(uint64_t v, uint64_t align, uint64_t *out)
{
	if (v > UINT64_MAX - (align - 1))
		return -1;
	*out = (v + align - 1) & ~(align - 1);
	return 0;
}

int carry_plan(const struct manifest *m, uint64_t align, uint64_t index_len, const bool *fdt,
	       struct carry_layout *l, char *err, size_t errlen)
{
	uint64_t at;

	memset(l, 0, sizeof(*l));
	if (!align || (align & (align - 1)))
		return seterr(err, errlen, "alignment %llu is not a power of two", (unsigned long long)align);
	if (align_up(m->file[MF_ROOTFS].size, align, &at))
		return seterr(err, errlen, "root image size overflows");
	if (!m->nflash) {
		l->total = at;
		return 0;
	}
	l->index_off = at;
	l->index_len = index_len;
	if (index_len > CARRY_INDEX_MAX || align_up(at + index_len, align, &at))
		return seterr(err, errlen, "carry index too big");
	for (unsigned i = 0; i < m->nflash; i++) {
		const struct manifest_flash *fl = &m->flash[i];

		if (fl->same_as == MF_ROOTFS) {
			l->flash_off[i] = 0;
			continue;
		}
		if (fdt && fdt[i]) {
			l->wrapped[i] = true;
			if (at > UINT64_MAX - align)
				return seterr(err, errlen, "flash payloads too big");
			at += align;	/* the header page */
		}
		l->flash_off[i] = at;
		if (fl->f.size > MANIFEST_SIZE_MAX || align_up(at + fl->f.size, align, &at))
			return seterr(err, errlen, "flash payloads too big");
	}
	l->total = at;
	return 0;
}

int carry_format_index(const struct manifest *m, const struct carry_layout *l,
		       const char *manifest, size_t manifest_len, const char *sig, size_t sig_len,
		       char *buf, size_t buflen)
{
	size_t used = 0;

#define PUT(...) do { if (bufprintf(buf, buflen, &used, __VA_ARGS__)) return -1; } while (0)
	PUT(MAGIC "manifest %zu\nsig %zu\n", manifest_len, sig ? sig_len : 0);
	for (unsigned i = 0; i < m->nflash; i++)
		PUT("flash %s %llu\n", m->flash[i].target, (unsigned long long)l->flash_off[i]);
	PUT("end\n");
#undef PUT
	if (manifest_len > buflen - used || (sig && sig_len > buflen - used - manifest_len))
		return -1;
	memcpy(buf + used, manifest, manifest_len);
	used += manifest_len;
	if (sig) {
		memcpy(buf + used, sig, sig_len);
		used += sig_len;
	}
	return (int)used;
}

/* One "KEY VALUE..." line at *p; returns a pointer past its newline or NULL. */
static const char *next_line(const char *p, const char *end, char *line, size_t linelen)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	if (!nl || (size_t)(nl - p) >= linelen)
		return NULL;
	memcpy(line, p, (size_t)(nl - p));
	line[nl - p] = '\0';
	return nl + 1;
}

static int parse_num(const char *s, uint64_t *out)
{
	char *e;

	if (*s < '0' || *s > '9' || (s[0] == '0' && s[1]))
		return -1;
	*out = strtoull(s, &e, 10);
	return *e || *out > MANIFEST_SIZE_MAX ? -1 : 0;
}

int carry_parse_index(const char *buf, size_t len, struct carry_index *c, char *err,
		      size_t errlen)
{
	const char *p = buf, *end = buf + (len > CARRY_INDEX_MAX ? CARRY_INDEX_MAX : len);
	char line[128], *sp;
	uint64_t ml, sl;

	memset(c, 0, sizeof(*c));
	if ((size_t)(end - p) < sizeof(MAGIC) - 1 || memcmp(p, MAGIC, sizeof(MAGIC) - 1))
		return seterr(err, errlen, "no phramboot carry index there");
	p += sizeof(MAGIC) - 1;
	if (!(p = next_line(p, end, line, sizeof(line))) || strncmp(line, "manifest ", 9) ||
	    parse_num(line + 9, &ml) || ml > MANIFEST_MAX)
		return seterr(err, errlen, "carry index: bad manifest line");
	if (!(p = next_line(p, end, line, sizeof(line))) || strncmp(line, "sig ", 4) ||
	    parse_num(line + 4, &sl) || sl > 4096)
		return seterr(err, errlen, "carry index: bad sig line");
	for (;;) {
		if (!(p = next_line(p, end, line, sizeof(line))))
			return seterr(err, errlen, "carry index: truncated");
		if (!strcmp(line, "end"))
			break;
		sp = strchr(line + 6, ' ');
		if (strncmp(line, "flash ", 6) || !sp || c->nflash == MANIFEST_FLASH_MAX ||
		    !manifest_valid_target(line + 6, (size_t)(sp - line - 6)) ||
		    parse_num(sp + 1, &c->offset[c->nflash]))
			return seterr(err, errlen, "carry index: bad flash line \"%.40s\"", line);
		memcpy(c->target[c->nflash], line + 6, (size_t)(sp - line - 6));
		c->target[c->nflash][sp - line - 6] = '\0';
		c->nflash++;
	}
	if ((uint64_t)(end - p) < ml + sl)
		return seterr(err, errlen, "carry index: manifest and signature run past its end");
	c->manifest = p;
	c->manifest_len = (size_t)ml;
	c->sig = sl ? p + ml : NULL;
	c->sig_len = (size_t)sl;
	return 0;
}
