/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>
#include <string.h>

#include "errbuf.h"
#include "tar.h"

/* An octal field, NUL- or space-terminated, or GNU's base-256 (high bit set) for sizes
 * past 8 GiB. */
static int field_number(const uint8_t *f, size_t n, uint64_t *out)
{
	uint64_t v = 0;
	size_t i = 0;

	if (f[0] & 0x80) {
		if (f[0] != 0x80)
			return -1;	/* negative, or more than 64 bits */
		for (i = 1; i < n; i++) {
			if (v >> 56)
				return -1;
			v = v << 8 | f[i];
		}
		*out = v;
		return 0;
	}
	while (i < n && f[i] == ' ')
		i++;
	if (i == n || f[i] < '0' || f[i] > '7')
		return -1;
	for (; i < n && f[i] >= '0' && f[i] <= '7'; i++) {
		if (v >> 61)
			return -1;
		v = v << 3 | (uint64_t)(f[i] - '0');
	}
	for (; i < n; i++)
		if (f[i] != ' ' && f[i] != '\0')
			return -1;
	*out = v;
	return 0;
}

int tar_header_parse(const uint8_t blk[TAR_BLOCK], struct tar_member *m, char *err, size_t errlen)
{
	uint64_t sum = 0, want;
	char name[101], prefix[156], full[258];
	const char *p;
	bool zero = true;

	memset(m, 0, sizeof(*m));
	for (size_t i = 0; i < TAR_BLOCK; i++)
		if (blk[i])
			zero = false;
	if (zero)
		return 1;
	/* The checksum counts its own field as blanks. */
	for (size_t i = 0; i < TAR_BLOCK; i++)
		sum += i >= 148 && i < 156 ? ' ' : blk[i];
	if (field_number(blk + 148, 8, &want) || want != sum)
		return seterr(err, errlen, "a tar header with a bad checksum (not a tar stream, or a corrupt one)");
	if (memcmp(blk + 257, "ustar", 5))
		return seterr(err, errlen, "a tar header that is not ustar (an old v7 tar)");
	switch (blk[156]) {
	case '0': case '\0': case '7':
		break;
	case '5':
		m->is_dir = true;
		break;
	case 'L': case 'K': case 'x': case 'g':
		return seterr(err, errlen, "a tar extension record (long name or pax header): the bundle's names need none; use plain tar -cf");
	default:
		return seterr(err, errlen, "a tar member of type '%c': only regular files belong in a bundle",
			      blk[156] >= ' ' && blk[156] < 0x7f ? blk[156] : '?');
	}
	if (field_number(blk + 124, 12, &m->size))
		return seterr(err, errlen, "a tar header with a bad size field");
	if (m->is_dir)
		m->size = 0;
	memcpy(name, blk, 100);
	name[100] = '\0';
	memcpy(prefix, blk + 345, 155);
	prefix[155] = '\0';
	/* The prefix field is ustar's only: GNU tar keeps other data there. */
	if (!memcmp(blk + 257, "ustar\0", 6) && prefix[0])
		snprintf(full, sizeof(full), "%s/%s", prefix, name);
	else
		snprintf(full, sizeof(full), "%s", name);
	p = full;
	while (p[0] == '.' && p[1] == '/')
		p += 2;
	snprintf(m->name, sizeof(m->name), "%s", p);
	/* "./" itself, or "dir/": the trailing slash is not part of the name. */
	if (m->is_dir && m->name[0] && m->name[strlen(m->name) - 1] == '/')
		m->name[strlen(m->name) - 1] = '\0';
	return 0;
}

uint64_t tar_data_blocks(uint64_t size)
{
	return size / TAR_BLOCK + (size % TAR_BLOCK != 0);
}
