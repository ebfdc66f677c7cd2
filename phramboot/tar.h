/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The one tar dialect phramboot receive reads: what `tar -cf -` writes (GNU or POSIX
 * ustar headers, 512-byte blocks), regular files and directories only, names short
 * enough for the header itself (no GNU long-name or pax extension records).
 */
#ifndef TAR_H
#define TAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TAR_BLOCK 512

struct tar_member {
	char name[260];		/* prefix/name, without a leading "./" */
	uint64_t size;
	bool is_dir;
};

/* One header block: 0 and *m, 1 for a zero block (the end of the archive), -1 with err
 * for anything else (a bad checksum, a link, a device, an extension record). */
int tar_header_parse(const uint8_t blk[TAR_BLOCK], struct tar_member *m, char *err, size_t errlen);

/* Blocks a member of size bytes takes after its header. */
uint64_t tar_data_blocks(uint64_t size);

#endif
