/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdint.h>
#include <string.h>

#include "errbuf.h"
#include "fdtcheck.h"

#define MAGIC 0xd00dfeedu
#define HEADER_SIZE 40u
#define T_BEGIN_NODE 1u
#define T_END_NODE 2u
#define T_PROP 3u
#define T_NOP 4u
#define T_END 9u

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t be64(const uint8_t *p)
{
	return (uint64_t)be32(p) << 32 | be32(p + 4);
}

static uint32_t pad4(uint32_t n)
{
	return (n + 3) & ~3u;
}

/* The structure block, token by token. */
static int check_struct(const uint8_t *s, uint32_t size, const uint8_t *strings, uint32_t strsize,
			char *err, size_t errlen)
{
	uint32_t p = 0, depth = 0;
	int roots = 0;

	while (p < size) {
		uint32_t tok, at = p;

		if (size - p < 4)
			return seterr(err, errlen, "DTB structure ends inside a token");
		tok = be32(s + p);
		p += 4;
		switch (tok) {
		case T_BEGIN_NODE: {
			const uint8_t *nul = memchr(s + p, '\0', size - p);
			uint32_t n;

			if (!nul)
				return seterr(err, errlen, "DTB node name at %#x runs past the structure", at);
			n = (uint32_t)(nul - (s + p)) + 1;
			if (depth == 0 && (roots++ || n != 1))
				return seterr(err, errlen, "DTB has %s at %#x", roots > 1 ? "a second root node" : "a named root node", at);
			if (pad4(n) > size - p)
				return seterr(err, errlen, "DTB node name at %#x runs past the structure", at);
			p += pad4(n);
			if (++depth > FDTCHECK_DEPTH)
				return seterr(err, errlen, "DTB nodes nest deeper than %d", FDTCHECK_DEPTH);
			break;
		}
		case T_END_NODE:
			if (!depth)
				return seterr(err, errlen, "DTB ends a node it never began at %#x", at);
			depth--;
			break;
		case T_PROP: {
			uint32_t len, nameoff;

			if (!depth)
				return seterr(err, errlen, "DTB property outside any node at %#x", at);
			if (size - p < 8)
				return seterr(err, errlen, "DTB property header at %#x runs past the structure", at);
			len = be32(s + p);
			nameoff = be32(s + p + 4);
			p += 8;
			if (len > size - p || pad4(len) > size - p)
				return seterr(err, errlen, "DTB property at %#x runs past the structure", at);
			if (nameoff >= strsize || !memchr(strings + nameoff, '\0', strsize - nameoff))
				return seterr(err, errlen, "DTB property at %#x has its name outside the strings", at);
			p += pad4(len);
			break;
		}
		case T_NOP:
			break;
		case T_END:
			if (depth || !roots)
				return seterr(err, errlen, "DTB structure ends with %s", roots ? "nodes still open" : "no root node");
			if (p != size)
				return seterr(err, errlen, "DTB structure goes on after its end token");
			return 0;
		default:
			return seterr(err, errlen, "DTB structure has an unknown token %#x at %#x", tok, at);
		}
	}
	return seterr(err, errlen, "DTB structure has no end token");
}

int fdt_strict_check(const void *blob, size_t len, char *err, size_t errlen)
{
	const uint8_t *b = blob;
	uint32_t total, off_struct, off_strings, off_rsv, version, last_comp, size_strings, size_struct;

	if (len < HEADER_SIZE || be32(b) != MAGIC)
		return seterr(err, errlen, "not a device tree blob (no FDT magic)");
	total = be32(b + 4);
	off_struct = be32(b + 8);
	off_strings = be32(b + 12);
	off_rsv = be32(b + 16);
	version = be32(b + 20);
	last_comp = be32(b + 24);
	size_strings = be32(b + 32);
	size_struct = be32(b + 36);
	if (version < 17 || last_comp > 17)
		return seterr(err, errlen, "DTB version %u (compatible with %u) is not 17", version, last_comp);
	if (total > len || total < HEADER_SIZE)
		return seterr(err, errlen, "DTB header says %u bytes, the blob has %zu", total, len);
	if (off_rsv % 8 || off_rsv < HEADER_SIZE || off_struct % 4 || size_struct % 4 ||
	    off_struct < off_rsv || off_struct - off_rsv < 16 || off_struct > total ||
	    size_struct > total - off_struct || off_strings < off_struct + size_struct ||
	    off_strings > total || size_strings > total - off_strings)
		return seterr(err, errlen, "DTB blocks are out of order, misaligned or outside the blob");
	/* The memory reservation block: 16-byte entries up to a zero one, before the structure. */
	for (uint32_t p = off_rsv;; p += 16) {
		if (off_struct - p < 16)
			return seterr(err, errlen, "DTB memory reservation block has no end entry");
		if (!be64(b + p) && !be64(b + p + 8))
			break;
	}
	return check_struct(b + off_struct, size_struct, b + off_strings, size_strings, err, errlen);
}
