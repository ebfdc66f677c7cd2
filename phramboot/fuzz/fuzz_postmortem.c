/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer harness: postmortem_judge() of a console log from pstore. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "postmortem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512];

	struct postmortem pm;
	char line[512];

	(void)err;
	postmortem_judge((const char *)data, size, "0123456789abcdef", 15, &pm);
	postmortem_describe(&pm, line, sizeof(line));
	if (pm.tail_off > size)
		abort();
	return 0;
}
