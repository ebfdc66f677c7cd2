/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "errbuf.h"
#include "iomem.h"

#define MAX_DEPTH 16

static int parse_hex(const char **p, const char *end, uint64_t *out)
{
	uint64_t v = 0;
	const char *s = *p;
	int digits = 0;

	for (; s < end; s++, digits++) {
		int d;

		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (*s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (*s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			break;
		if (digits == 16)
			return -1;
		v = v << 4 | (uint64_t)d;
	}
	if (!digits)
		return -1;
	*p = s;
	*out = v;
	return 0;
}

static int parse_line(const char *p, const char *eol, struct iomem_range *r)
{
	const char *s = p, *name;
	size_t indent, n;

	while (s < eol && *s == ' ')
		s++;
	indent = (size_t)(s - p);
	if (indent % 2 || indent / 2 >= MAX_DEPTH)
		return -1;
	r->depth = (unsigned)(indent / 2);
	if (parse_hex(&s, eol, &r->start) || s == eol || *s++ != '-' ||
	    parse_hex(&s, eol, &r->end) || r->end < r->start)
		return -1;
	if (eol - s < 3 || memcmp(s, " : ", 3))
		return -1;
	name = s + 3;
	n = (size_t)(eol - name);
	while (n && name[n - 1] == ' ')
		n--;
	if (n >= sizeof(r->name))
		n = sizeof(r->name) - 1;
	memcpy(r->name, name, n);
	r->name[n] = '\0';
	return 0;
}

int iomem_parse(const char *text, size_t len, struct iomem *out, char *err, size_t errlen)
{
	const char *p = text, *end = text + len;
	size_t cap = 0, parent[MAX_DEPTH];
	unsigned line = 0;

	out->r = NULL;
	out->n = 0;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		struct iomem_range *r;

		if (!eol)
			eol = end;
		line++;
		if (eol == p || (eol - p == 1 && *p == '\r')) {
			p = eol + 1;
			continue;
		}
		if (out->n == cap) {
			struct iomem_range *nr;

			cap = cap ? cap * 2 : 64;
			nr = realloc(out->r, cap * sizeof(*nr));
			if (!nr) {
				iomem_free(out);
				return seterr(err, errlen, "out of memory");
			}
			out->r = nr;
		}
		r = &out->r[out->n];
		if (parse_line(p, eol, r)) {
			iomem_free(out);
			return seterr(err, errlen, "line %u is not \"start-end : name\" with an even indent: \"%.*s\"",
				      line, (int)(eol - p > 60 ? 60 : eol - p), p);
		}
		/* A child must sit one level below a range that encloses it; the kernel's
		 * resource tree guarantees it, so anything else means a mangled file. */
		if (r->depth > 0) {
			const struct iomem_range *up;

			if (out->n == 0 || r->depth > out->r[out->n - 1].depth + 1) {
				iomem_free(out);
				return seterr(err, errlen, "line %u is indented deeper than its parent", line);
			}
			up = &out->r[parent[r->depth - 1]];
			if (r->start < up->start || r->end > up->end) {
				iomem_free(out);
				return seterr(err, errlen, "line %u lies outside its parent range", line);
			}
		}
		parent[r->depth] = out->n;
		out->n++;
		p = eol + 1;
	}
	return 0;
}

void iomem_free(struct iomem *io)
{
	free(io->r);
	io->r = NULL;
	io->n = 0;
}

bool iomem_is_system_ram(const struct iomem_range *r)
{
	return r->depth == 0 && !strcmp(r->name, "System RAM");
}
