/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer harness: journal_decode() and journal_newest() over a journal region read from flash. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "journal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512];

	char text[JOURNAL_TEXT_MAX + 1];
	uint32_t seq;

	(void)err;
	if (size >= JOURNAL_RECORD)
		journal_decode(data, &seq, text);
	journal_newest(data, size / JOURNAL_RECORD, &seq, text);
	return 0;
}
