/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "errbuf.h"
#include "fileio.h"

int board_parse(const char *prop, size_t len, struct board *b, char *err, size_t errlen)
{
	const char *p = prop, *end = prop + len;

	memset(b, 0, sizeof(*b));
	if (!len || prop[len - 1] != '\0')
		return seterr(err, errlen, "the compatible property is not a list of strings");
	while (p < end) {
		size_t n = strlen(p);

		if (b->n < MANIFEST_COMPAT_MAX && manifest_valid_compatible(p, n))
			strcpy(b->compatible[b->n++], p);
		p += n + 1;
	}
	if (!b->n)
		return seterr(err, errlen, "the compatible property names no board");
	return 0;
}

int board_read(struct board *b, char *err, size_t errlen)
{
	static const char *const paths[] = BOARD_COMPAT_PATHS;
	char *text, e[160] = "";
	size_t len;
	int r;

	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		if (read_file(paths[i], 4096, &text, &len, e, sizeof(e)))
			continue;
		r = board_parse(text, len, b, err, errlen);
		free(text);
		return r;
	}
	return seterr(err, errlen, "no device tree compatible (%s: %s)", paths[0], e);
}

bool board_matches(const struct board *b, const struct manifest *m)
{
	for (unsigned i = 0; i < m->ncompatible; i++)
		for (unsigned j = 0; j < b->n; j++)
			if (!strcmp(m->compatible[i], b->compatible[j]))
				return true;
	return false;
}

void board_describe(const char (*list)[MANIFEST_COMPAT_LEN], unsigned n, char *buf, size_t len)
{
	size_t used = 0;

	if (len)
		buf[0] = '\0';
	for (unsigned i = 0; i < n && used < len; i++) {
		int w = snprintf(buf + used, len - used, "%s%s", i ? ", " : "", list[i]);

		if (w < 0)
			return;
		used += (size_t)w;
	}
}
