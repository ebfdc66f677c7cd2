/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#include "errbuf.h"
#include "fdtcheck.h"
#include "mib.h"
#include "ram.h"

static int add_bank(struct ram *r, uint64_t addr, uint64_t size, char *err, size_t errlen)
{
	if (!size)
		return 0;
	if (addr + size < addr)
		return seterr(err, errlen, "a RAM bank at %#llx wraps around the address space",
			      (unsigned long long)addr);
	if (r->n && r->bank[r->n - 1].addr + r->bank[r->n - 1].size == addr) {
		r->bank[r->n - 1].size += size;
		return 0;
	}
	if (r->n == RAM_BANKS_MAX)
		return seterr(err, errlen, "more than %d RAM banks", RAM_BANKS_MAX);
	r->bank[r->n].addr = addr;
	r->bank[r->n].size = size;
	r->n++;
	return 0;
}

static uint64_t read_cells(const fdt32_t *p, int cells)
{
	uint64_t v = 0;

	for (int i = 0; i < cells; i++)
		v = (v << 32) | fdt32_to_cpu(p[i]);
	return v;
}

int ram_from_fdt(const void *fdt, size_t len, struct ram *out, char *err, size_t errlen)
{
	int ac, sc, node, plen, r;
	const fdt32_t *reg;

	memset(out, 0, sizeof(*out));
	if (len < sizeof(struct fdt_header) || (r = fdt_check_header(fdt)) != 0)
		return seterr(err, errlen, "not a device tree blob: %s",
			      len < sizeof(struct fdt_header) ? "too short" : fdt_strerror(r));
	if (fdt_totalsize(fdt) > len)
		return seterr(err, errlen, "truncated device tree blob");
	/* The walk below trusts the structure: check all of it first (fdtcheck.h). */
	if (fdt_strict_check(fdt, len, err, errlen))
		return -1;
	ac = fdt_address_cells(fdt, 0);
	sc = fdt_size_cells(fdt, 0);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return seterr(err, errlen, "root #address-cells %d / #size-cells %d not supported", ac, sc);
	for (node = fdt_node_offset_by_prop_value(fdt, -1, "device_type", "memory", sizeof("memory"));
	     node >= 0;
	     node = fdt_node_offset_by_prop_value(fdt, node, "device_type", "memory", sizeof("memory"))) {
		const char *status = fdt_getprop(fdt, node, "status", NULL);

		if (status && strcmp(status, "okay") && strcmp(status, "ok"))
			continue;
		reg = fdt_getprop(fdt, node, "reg", &plen);
		if (!reg)
			continue;
		if (plen < 0 || plen % (4 * (ac + sc)))
			return seterr(err, errlen, "memory node %s has a malformed reg",
				      fdt_get_name(fdt, node, NULL));
		for (int i = 0; i < plen / 4; i += ac + sc)
			if (add_bank(out, read_cells(reg + i, ac), read_cells(reg + i + ac, sc), err, errlen))
				return -1;
	}
	return out->n ? 0 : 1;
}

int ram_from_iomem(const struct iomem *io, struct ram *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < io->n; i++)
		if (iomem_is_system_ram(&io->r[i]) &&
		    add_bank(out, io->r[i].start, io->r[i].end - io->r[i].start + 1, err, errlen))
			return -1;
	if (!out->n)
		return seterr(err, errlen, "no top-level \"System RAM\" range in the memory map");
	return 0;
}

bool ram_covers(const struct iomem *io, uint64_t addr, uint64_t size)
{
	uint64_t lo = 0, hi = 0;	/* the current run of joined ranges, [lo, hi) */
	bool run = false;

	if (!size || addr + size < addr)
		return false;
	for (size_t i = 0; i < io->n; i++) {
		const struct iomem_range *r = &io->r[i];

		if (!iomem_is_system_ram(r) && (r->depth || strcmp(r->name, "reserved")))
			continue;
		if (run && r->start == hi) {
			hi = r->end + 1;
		} else {
			lo = r->start;
			hi = r->end + 1;
			run = true;
		}
		if (addr >= lo && addr + size <= hi)
			return true;
	}
	return false;
}

uint64_t ram_total(const struct ram *r)
{
	uint64_t t = 0;

	for (size_t i = 0; i < r->n; i++)
		t += r->bank[i].size;
	return t;
}

void ram_describe(const struct ram *r, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < r->n && used < len; i++) {
		int n = snprintf(buf + used, len - used, "%s%#llx+" MIB_FMT " MiB", i ? ", " : "",
				 (unsigned long long)r->bank[i].addr, MIB_ARGS(r->bank[i].size));
		if (n < 0)
			break;
		used += (size_t)n;
	}
}
