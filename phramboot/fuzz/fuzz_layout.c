/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer harness: layout_parse() of the device's /etc/phramboot/layout. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512];

	static struct layout l;
	char d[256];

	if (layout_parse((const char *)data, size, &l, err, sizeof(err)))
		return 0;
	for (unsigned s = 0; s < l.nslots; s++)
		for (unsigned i = 0; i < l.slot[s].n; i++) {
			layout_dev_describe(&l.slot[s].dev[i], d, sizeof(d));
			layout_find(&l, &l.slot[s], l.slot[s].role[i]);
		}
	layout_dev_describe(&l.journal, d, sizeof(d));
	return 0;
}
