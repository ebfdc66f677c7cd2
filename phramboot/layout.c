/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errbuf.h"
#include "layout.h"

#define MAX_WORDS 12

static int plain(const char *s, size_t max)
{
	if (!*s || strlen(s) >= max)
		return 0;
	for (; *s; s++)
		if (*s <= ' ' || *s > '~' || *s == '/' || *s == '=')
			return 0;
	return 1;
}

static int parse_num(const char *s, uint64_t *out)
{
	char *e;
	int hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');

	if (!*s || *s == '-' || *s == '+' || (hex && !s[2]))
		return -1;
	*out = strtoull(hex ? s + 2 : s, &e, hex ? 16 : 10);
	return *e ? -1 : 0;
}

static int parse_dev(const char *s, struct layout_dev *d, unsigned line, char *err, size_t errlen)
{
	memset(d, 0, sizeof(*d));
	if (!strncmp(s, "mtd:", 4)) {
		d->kind = DEV_MTD;
		if (!plain(s + 4, sizeof(d->name)))
			return seterr(err, errlen, "layout line %u: \"%s\": want mtd:NAME", line, s);
		strcpy(d->name, s + 4);
	} else if (!strncmp(s, "ubi:", 4)) {
		const char *slash = strchr(s + 4, '/');

		d->kind = DEV_UBI;
		if (!slash || (size_t)(slash - s - 4) >= sizeof(d->name))
			return seterr(err, errlen, "layout line %u: \"%s\": want ubi:MTD/VOLUME", line, s);
		memcpy(d->name, s + 4, (size_t)(slash - s - 4));
		if (!plain(d->name, sizeof(d->name)) || !plain(slash + 1, sizeof(d->volume)))
			return seterr(err, errlen, "layout line %u: \"%s\": want ubi:MTD/VOLUME", line, s);
		strcpy(d->volume, slash + 1);
	} else if (!strncmp(s, "block:/", 7)) {
		const char *at = strchr(s, '@');
		size_t n = at ? (size_t)(at - s - 6) : strlen(s + 6);

		d->kind = DEV_BLOCK;
		if (n >= sizeof(d->name))
			return seterr(err, errlen, "layout line %u: block device path too long", line);
		memcpy(d->name, s + 6, n);
		if (at) {
			char num[32];
			const char *plus = strchr(at, '+');

			if (!plus || (size_t)(plus - at - 1) >= sizeof(num))
				return seterr(err, errlen, "layout line %u: \"%s\": want block:PATH@OFFSET+SIZE", line, s);
			memcpy(num, at + 1, (size_t)(plus - at - 1));
			num[plus - at - 1] = '\0';
			if (parse_num(num, &d->offset) || parse_num(plus + 1, &d->size) || !d->size ||
			    d->offset % 512 || d->size % 512)
				return seterr(err, errlen, "layout line %u: \"%s\": offset and size must be numbers, multiples of 512",
					      line, s);
		}
	} else {
		return seterr(err, errlen, "layout line %u: \"%s\": a device is mtd:NAME, ubi:MTD/VOLUME or block:/PATH",
			      line, s);
	}
	return 0;
}

static int add_role(struct layout_set *set, const char *role, const char *dev, unsigned line,
		    char *err, size_t errlen)
{
	if (set->n == LAYOUT_ROLES)
		return seterr(err, errlen, "layout line %u: more than %d targets", line, LAYOUT_ROLES);
	if (!plain(role, sizeof(set->role[0])))
		return seterr(err, errlen, "layout line %u: bad target name \"%s\"", line, role);
	for (unsigned i = 0; i < set->n; i++)
		if (!strcmp(set->role[i], role))
			return seterr(err, errlen, "layout line %u: target %s given twice", line, role);
	strcpy(set->role[set->n], role);
	if (parse_dev(dev, &set->dev[set->n], line, err, errlen))
		return -1;
	set->n++;
	return 0;
}

int layout_parse(const char *text, size_t len, struct layout *l, char *err, size_t errlen)
{
	const char *p = text, *end = text + len;
	bool have_layout = false;
	unsigned line = 0;

	memset(l, 0, sizeof(*l));
	strcpy(l->var_boot, "boot_slot");
	strcpy(l->var_try, "try_slot");
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		char buf[512], *w[MAX_WORDS], *save;
		size_t n = (size_t)((eol ? eol : end) - p);
		unsigned nw = 0;

		line++;
		if (n >= sizeof(buf))
			return seterr(err, errlen, "layout line %u: too long", line);
		memcpy(buf, p, n);
		buf[n] = '\0';
		p = eol ? eol + 1 : end;
		if (strchr(buf, '#'))
			*strchr(buf, '#') = '\0';
		for (char *t = strtok_r(buf, " \t\r", &save); t; t = strtok_r(NULL, " \t\r", &save)) {
			if (nw == MAX_WORDS)
				return seterr(err, errlen, "layout line %u: too many words", line);
			w[nw++] = t;
		}
		if (!nw)
			continue;
		if (!strcmp(w[0], "layout") && nw == 2 && (!strcmp(w[1], "ab") || !strcmp(w[1], "single"))) {
			if (have_layout)
				return seterr(err, errlen, "layout line %u: a second layout line", line);
			have_layout = true;
			l->ab = !strcmp(w[1], "ab");
		} else if (!strcmp(w[0], "slot") && nw >= 3) {
			struct layout_set *set;

			if (l->nslots == 2)
				return seterr(err, errlen, "layout line %u: more than two slots", line);
			set = &l->slot[l->nslots++];
			if (!plain(w[1], sizeof(set->name)))
				return seterr(err, errlen, "layout line %u: bad slot name \"%s\"", line, w[1]);
			strcpy(set->name, w[1]);
			for (unsigned i = 2; i < nw; i++) {
				char *eq = strchr(w[i], '=');

				if (!eq)
					return seterr(err, errlen, "layout line %u: \"%s\": want ROLE=DEVICE", line, w[i]);
				*eq = '\0';
				if (add_role(set, w[i], eq + 1, line, err, errlen))
					return -1;
			}
		} else if (!strcmp(w[0], "target") && nw == 3) {
			if (add_role(&l->shared, w[1], w[2], line, err, errlen))
				return -1;
		} else if (!strcmp(w[0], "env") && nw == 3) {
			if (!plain(w[1], sizeof(l->var_boot)) || !plain(w[2], sizeof(l->var_try)))
				return seterr(err, errlen, "layout line %u: bad variable name", line);
			strcpy(l->var_boot, w[1]);
			strcpy(l->var_try, w[2]);
		} else if (!strcmp(w[0], "journal") && nw == 2) {
			if (l->has_journal)
				return seterr(err, errlen, "layout line %u: a second journal", line);
			if (parse_dev(w[1], &l->journal, line, err, errlen))
				return -1;
			if (l->journal.kind == DEV_UBI)
				return seterr(err, errlen, "layout line %u: the journal must be mtd: or block:", line);
			l->has_journal = true;
		} else {
			return seterr(err, errlen, "layout line %u: unknown or malformed directive \"%s\"", line, w[0]);
		}
	}
	if (!have_layout)
		return seterr(err, errlen, "layout has no \"layout ab|single\" line");
	if (l->nslots != (l->ab ? 2u : 1u))
		return seterr(err, errlen, "an %s layout needs %s slot line%s, this one has %u",
			      l->ab ? "ab" : "single", l->ab ? "two" : "one", l->ab ? "s" : "", l->nslots);
	if (l->ab && !strcmp(l->slot[0].name, l->slot[1].name))
		return seterr(err, errlen, "the two slots have one name");
	if (!l->has_journal)
		return seterr(err, errlen, "layout has no journal line; commit records its steps there");
	for (unsigned s = 0; s < l->nslots; s++)
		for (unsigned i = 0; i < l->slot[s].n; i++)
			if (layout_find(l, NULL, l->slot[s].role[i]))
				return seterr(err, errlen, "target %s is both in a slot and shared", l->slot[s].role[i]);
	if (l->ab) {
		/* Both slots must offer the same roles, or a commit to one differs from the other. */
		for (unsigned i = 0; i < l->slot[0].n; i++)
			if (!layout_find(l, &l->slot[1], l->slot[0].role[i]) || l->slot[0].n != l->slot[1].n)
				return seterr(err, errlen, "slots %s and %s have different targets", l->slot[0].name,
					      l->slot[1].name);
	}
	return 0;
}

const struct layout_dev *layout_find(const struct layout *l, const struct layout_set *slot,
				     const char *role)
{
	const struct layout_set *sets[2] = { slot, &l->shared };

	for (int s = 0; s < 2; s++)
		for (unsigned i = 0; sets[s] && i < sets[s]->n; i++)
			if (!strcmp(sets[s]->role[i], role))
				return &sets[s]->dev[i];
	return NULL;
}

void layout_dev_describe(const struct layout_dev *d, char *buf, size_t len)
{
	switch (d->kind) {
	case DEV_MTD: snprintf(buf, len, "mtd:%s", d->name); break;
	case DEV_UBI: snprintf(buf, len, "ubi:%s/%s", d->name, d->volume); break;
	case DEV_BLOCK:
		if (d->size)
			snprintf(buf, len, "block:%s@%#llx+%#llx", d->name, (unsigned long long)d->offset,
				 (unsigned long long)d->size);
		else
			snprintf(buf, len, "block:%s", d->name);
		break;
	}
}
