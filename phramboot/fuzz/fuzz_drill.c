/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer harness: the drill's record parser and its judge of a pstore console log. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drill.h"
#include "journal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[JOURNAL_TEXT_MAX + 1], head[64], detail[JOURNAL_TEXT_MAX + 1], line[1024];
	char again[2 * JOURNAL_TEXT_MAX];
	struct drill_rec r, res, back;
	size_t n = size < JOURNAL_TEXT_MAX ? size : JOURNAL_TEXT_MAX;

	/* A record's text as the journal gives it: NUL-free, at most JOURNAL_TEXT_MAX. */
	memcpy(text, data, n);
	text[n] = '\0';
	if (drill_rec_parse(text, &r) == 0) {
		drill_describe(&r, line, sizeof(line));
		/* What was parsed formats, and parses back the same. */
		if (drill_rec_format(&r, head, sizeof(head), detail, sizeof(detail)))
			abort();
		snprintf(again, sizeof(again), "%s sv=0 %s", head, detail);
		if (drill_rec_parse(again, &back) || back.what != r.what || back.after != r.after ||
		    back.timeout != r.timeout || back.budget != r.budget || back.pstore != r.pstore ||
		    strcmp(back.kernel, r.kernel) || strcmp(back.wd, r.wd) || strcmp(back.driver, r.driver) ||
		    strcmp(back.id, r.id))
			abort();
	}
	/* The same bytes as a console log, judged for a drill of a fixed id. */
	memset(&r, 0, sizeof(r));
	strcpy(r.id, "0123456789abcdef");
	r.pstore = size & 1;
	drill_judge((const char *)data, size, &r, &res, line, sizeof(line));
	drill_describe(&res, line, sizeof(line));
	if (res.what >= DRILL_WHAT_COUNT)
		abort();
	return 0;
}
