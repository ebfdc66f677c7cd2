/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libfdt.h>

#include "errbuf.h"
#include "fdtcheck.h"
#include "fileio.h"
#include "hash.h"
#include "staging.h"

/* A number as phram's own parser takes it: decimal, 0x hex or 0 octal, with an optional
 * "ki", "Mi" or "Gi" (powers of 1024; phram refuses a bare "M"). */
static int parse_num(const char *s, size_t n, uint64_t *out)
{
	char buf[32], *end;
	unsigned long long v;
	unsigned shift = 0;

	if (!n || n >= sizeof(buf) || s[0] == '-' || s[0] == '+' || s[0] == ' ')
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (n > 2 && buf[n - 1] == 'i') {
		switch (buf[n - 2]) {
		case 'k': shift = 10; break;
		case 'M': shift = 20; break;
		case 'G': shift = 30; break;
		default: return -1;
		}
		buf[n - 2] = '\0';
	}
	errno = 0;
	v = strtoull(buf, &end, 0);
	if (errno || end == buf || *end || (shift && v > (~0ull >> shift)))
		return -1;
	*out = (uint64_t)v << shift;
	return 0;
}

int staging_from_cmdline(const char *cmdline, uint64_t *addr, uint64_t *size)
{
	static const char key[] = "phram.phram=" STAGING_NAME ",";
	const char *p = cmdline, *found = NULL;

	/* The last one wins, as the kernel's parameters do. */
	while ((p = strstr(p, key))) {
		if (p == cmdline || p[-1] == ' ')
			found = p + sizeof(key) - 1;
		p += sizeof(key) - 1;
	}
	if (!found)
		return 1;
	{
		size_t n = strcspn(found, ", \n"), m;

		if (found[n] != ',' || parse_num(found, n, addr))
			return -1;
		found += n + 1;
		m = strcspn(found, ", \n");
		if (parse_num(found, m, size) || !*size || *addr + *size < *addr)
			return -1;
	}
	return 0;
}

int staging_from_fdt(const void *fdt, size_t len, uint64_t *addr, uint64_t *size)
{
	char err[128];
	int parent, node, ac, sc, plen;
	const fdt32_t *reg;

	if (len < sizeof(struct fdt_header) || fdt_check_header(fdt) || fdt_totalsize(fdt) > len ||
	    fdt_strict_check(fdt, len, err, sizeof(err)))
		return -1;
	parent = fdt_path_offset(fdt, "/reserved-memory");
	if (parent < 0)
		return 1;
	ac = fdt_address_cells(fdt, parent);
	sc = fdt_size_cells(fdt, parent);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return -1;
	fdt_for_each_subnode(node, fdt, parent) {
		const char *label = fdt_getprop(fdt, node, "label", &plen);
		uint64_t v[2] = { 0, 0 };

		if (!label || plen < 1 || label[plen - 1] || strcmp(label, STAGING_NAME) ||
		    fdt_node_check_compatible(fdt, node, "phram"))
			continue;
		reg = fdt_getprop(fdt, node, "reg", &plen);
		if (!reg || plen != (ac + sc) * 4)
			return -1;
		for (int i = 0; i < ac + sc; i++) {
			int which = i < ac ? 0 : 1;

			v[which] = v[which] << 32 | fdt32_to_cpu(reg[i]);
		}
		if (!v[1] || v[0] + v[1] < v[0])
			return -1;
		*addr = v[0];
		*size = v[1];
		return 0;
	}
	return 1;
}

int staging_from_proc_mtd(const char *text, size_t len, unsigned *index, uint64_t *size)
{
	for (size_t off = 0; off < len;) {
		const char *s = text + off, *nl = memchr(s, '\n', len - off);
		size_t n = nl ? (size_t)(nl - s) : len - off;
		char line[256];
		unsigned idx;
		unsigned long long sz, es;
		char name[64];

		if (n < sizeof(line)) {
			memcpy(line, s, n);
			line[n] = '\0';
			if (sscanf(line, "mtd%u: %llx %llx \"%63[^\"]\"", &idx, &sz, &es, name) == 4 &&
			    !strcmp(name, STAGING_NAME)) {
				*index = idx;
				*size = sz;
				return 0;
			}
		}
		off += n + (nl ? 1 : 0);
	}
	return 1;
}

int staging_parse_header(const char *page, size_t len, struct staged *s)
{
	char text[256], hex[65];
	unsigned long long size;
	size_t n = sizeof(STAGING_MAGIC) - 1;

	memset(s, 0, sizeof(*s));
	if (len < n || memcmp(page, STAGING_MAGIC, n))
		return 1;
	len = len < sizeof(text) - 1 ? len : sizeof(text) - 1;
	memcpy(text, page, len);
	text[len] = '\0';
	if (sscanf(text + n, "id %16[0-9a-f]\nsize %llu\nsha256 %64[0-9a-f]\n", s->id, &size, hex) != 3 ||
	    strlen(s->id) != 16 || strlen(hex) != 64)
		return 1;
	s->size = size;
	for (int i = 0; i < 32; i++) {
		unsigned b;

		if (sscanf(hex + 2 * i, "%2x", &b) != 1)
			return 1;
		s->sha256[i] = (uint8_t)b;
	}
	return 0;
}

void staging_format_header(const struct staged *s, char page[STAGING_HEADER])
{
	char hex[65];

	for (int i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", s->sha256[i]);
	memset(page, 0, STAGING_HEADER);
	snprintf(page, STAGING_HEADER, STAGING_MAGIC "id %s\nsize %" PRIu64 "\nsha256 %s\n", s->id, s->size, hex);
}

int staging_find(struct staging *s, char *err, size_t errlen)
{
	char *text, e[256];
	size_t len;
	uint64_t mtd_size, size = 0;
	int r;

	memset(s, 0, sizeof(*s));
	if (read_file("/proc/mtd", 1u << 20, &text, &len, e, sizeof(e)))
		return seterr(err, errlen, "no /proc/mtd (%s)", e), 1;
	r = staging_from_proc_mtd(text, len, &s->index, &mtd_size);
	free(text);
	if (r)
		return seterr(err, errlen, "this board declares no staging region (no MTD named \"" STAGING_NAME "\")"), 1;
	snprintf(s->dev, sizeof(s->dev), "/dev/mtd%u", s->index);
	r = 1;
	if (read_file("/proc/cmdline", 64 * 1024, &text, &len, e, sizeof(e)) == 0) {
		r = staging_from_cmdline(text, &s->addr, &size);
		free(text);
		s->source = "phram.phram= on the command line";
	}
	if (r == 1 && read_file("/sys/firmware/fdt", 4u << 20, &text, &len, e, sizeof(e)) == 0) {
		r = staging_from_fdt(text, len, &s->addr, &size);
		free(text);
		s->source = "/reserved-memory in the DT";
	}
	if (r)
		return seterr(err, errlen, "MTD \"" STAGING_NAME "\" (%s) has %s physical address: neither phram.phram=" STAGING_NAME ",ADDR,SIZE on the command line nor a /reserved-memory phram node labelled " STAGING_NAME,
			      s->dev, r < 0 ? "a malformed" : "no declared");
	if (size != mtd_size)
		return seterr(err, errlen, "MTD \"" STAGING_NAME "\" is %#llx bytes, but %s says %#llx",
			      (unsigned long long)mtd_size, s->source, (unsigned long long)size);
	if (size <= STAGING_HEADER)
		return seterr(err, errlen, "the staging region is only %llu bytes", (unsigned long long)size);
	s->size = size;
	return 0;
}

static int open_region(const struct staging *s, bool writable, char *err, size_t errlen)
{
	int fd = open(s->dev, (writable ? O_RDWR : O_RDONLY) | O_CLOEXEC);

	if (fd < 0)
		return seterr(err, errlen, "unable to open %s: %s", s->dev, strerror(errno)), -1;
	return fd;
}

int staging_read(const struct staging *s, struct staged *st, char *err, size_t errlen)
{
	char page[STAGING_HEADER];
	int fd = open_region(s, false, err, errlen);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = pread(fd, page, sizeof(page), 0);
	close(fd);
	if (n != (ssize_t)sizeof(page))
		return seterr(err, errlen, "unable to read %s: %s", s->dev, n < 0 ? strerror(errno) : "short read");
	if (staging_parse_header(page, sizeof(page), st))
		return 1;
	if (st->size > s->size - STAGING_HEADER)
		return 1;
	return 0;
}

static int write_page(const struct staging *s, const char *page, char *err, size_t errlen)
{
	int fd = open_region(s, true, err, errlen), r = 0;

	if (fd < 0)
		return -1;
	if (pwrite(fd, page, STAGING_HEADER, 0) != (ssize_t)STAGING_HEADER)
		r = seterr(err, errlen, "unable to write %s: %s", s->dev, strerror(errno));
	close(fd);
	return r;
}

int staging_clear(const struct staging *s, char *err, size_t errlen)
{
	/* On the stack like staging_mark()'s page: a static const one is 4 KiB of zeros in
	 * the binary's read-only data. */
	char zero[STAGING_HEADER];

	memset(zero, 0, sizeof(zero));
	return write_page(s, zero, err, errlen);
}

int staging_mark(const struct staging *s, const struct staged *st, char *err, size_t errlen)
{
	char page[STAGING_HEADER];

	staging_format_header(st, page);
	return write_page(s, page, err, errlen);
}

int staging_verify(const struct staging *s, const struct staged *st, char *err, size_t errlen)
{
	uint8_t sum[32];
	char e[256];
	int fd = open_region(s, false, err, errlen), r;

	if (fd < 0)
		return -1;
	r = hash_range_sha256(fd, STAGING_HEADER, st->size, sum, e, sizeof(e));
	close(fd);
	if (r)
		return seterr(err, errlen, "unable to read the staged image: %s", e);
	if (memcmp(sum, st->sha256, 32))
		return seterr(err, errlen, "the staged image no longer hashes to what was received: something wrote to %s since",
			      s->dev);
	return 0;
}
