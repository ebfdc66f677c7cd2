/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer harness: tar_header_parse() of what phramboot receive reads from the network. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tar.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t blk[TAR_BLOCK] = { 0 };
	struct tar_member m;
	char err[256];
	int r;

	memcpy(blk, data, size < TAR_BLOCK ? size : TAR_BLOCK);
	r = tar_header_parse(blk, &m, err, sizeof(err));
	if (r == 0) {
		/* The name is a C string without the "./" prefix, and a directory has no data. */
		if (memchr(m.name, '\0', sizeof(m.name)) == NULL || (m.is_dir && m.size) ||
		    (m.name[0] == '.' && m.name[1] == '/'))
			abort();
		(void)tar_data_blocks(m.size);
	}
	return 0;
}
