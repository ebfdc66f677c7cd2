/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer harness: the staging region's declarations (command line, DTB, /proc/mtd)
 * and its first page, parsed from the same bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "staging.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), page[STAGING_HEADER];
	uint64_t addr, len;
	unsigned idx;
	struct staged st, back;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (staging_from_cmdline(text, &addr, &len) == 0 && (!len || addr + len < addr))
		abort();
	(void)staging_from_proc_mtd(text, size, &idx, &len);
	if (staging_from_fdt(data, size, &addr, &len) == 0 && !len)
		abort();
	/* A header that parses formats back to one that parses the same. */
	if (staging_parse_header(text, size, &st) == 0) {
		staging_format_header(&st, page);
		if (staging_parse_header(page, sizeof(page), &back) || back.size != st.size ||
		    strcmp(back.id, st.id) || memcmp(back.sha256, st.sha256, 32))
			abort();
	}
	free(text);
	return 0;
}
