/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "dtb.h"
#include "errbuf.h"
#include "fdtcheck.h"


/* reg cells for one number; fails if it does not fit the node's cell count. */
static int put_cells(fdt32_t *cells, int n, uint64_t v)
{
	if (n == 1) {
		if (v > UINT32_MAX)
			return -1;
		cells[0] = cpu_to_fdt32((uint32_t)v);
	} else if (n == 2) {
		cells[0] = cpu_to_fdt32((uint32_t)(v >> 32));
		cells[1] = cpu_to_fdt32((uint32_t)v);
	} else {
		return -1;
	}
	return 0;
}

/* /reserved-memory, made if missing; its offset or a negative libfdt error. */
static int reserved_memory(void *fdt)
{
	int rm, ac, sc, r;

	rm = fdt_path_offset(fdt, "/reserved-memory");
	if (rm != -FDT_ERR_NOTFOUND)
		return rm;
	/* Devicetree spec: reserved-memory needs #address-cells and #size-cells equal to
	 * the root's, and an empty ranges. */
	ac = fdt_address_cells(fdt, 0);
	sc = fdt_size_cells(fdt, 0);
	rm = fdt_add_subnode(fdt, 0, "reserved-memory");
	if (rm < 0)
		return rm;
	if ((r = fdt_setprop_u32(fdt, rm, "#address-cells", (uint32_t)ac)) ||
	    (r = fdt_setprop_u32(fdt, rm, "#size-cells", (uint32_t)sc)) ||
	    (r = fdt_setprop_empty(fdt, rm, "ranges")))
		return r;
	return rm;
}

/* A /reserved-memory/NAME@ADDR child with compatible and reg; its offset in *node. */
static int add_region(void *fdt, const char *what, uint64_t addr, uint64_t size, int *node,
		      char *err, size_t errlen)
{
	fdt32_t reg[4];
	char name[32];
	int rm, ac, sc, r;

	rm = reserved_memory(fdt);
	if (rm < 0)
		goto fail;
	ac = fdt_address_cells(fdt, rm);
	sc = fdt_size_cells(fdt, rm);
	if (ac < 0 || sc < 0) {
		rm = ac < 0 ? ac : sc;
		goto fail;
	}
	if (put_cells(reg, ac, addr) || put_cells(reg + ac, sc, size))
		return seterr(err, errlen, "the %s region at %#llx (%#llx bytes) does not fit /reserved-memory's %d address and %d size cells",
			      what, (unsigned long long)addr, (unsigned long long)size, ac, sc);
	snprintf(name, sizeof(name), "%s@%llx", what, (unsigned long long)addr);
	*node = fdt_add_subnode(fdt, rm, name);
	if (*node < 0) {
		rm = *node;
		goto fail;
	}
	if ((r = fdt_setprop_string(fdt, *node, "compatible", what)) ||
	    (r = fdt_setprop(fdt, *node, "reg", reg, (int)sizeof(reg[0]) * (ac + sc)))) {
		rm = r;
		goto fail;
	}
	return 0;
fail:
	return seterr(err, errlen, "unable to add the %s node: %s", what, fdt_strerror(rm));
}

static int add_phram(void *fdt, uint64_t addr, uint64_t size, char *err, size_t errlen)
{
	int node, r;

	if (fdt_node_offset_by_compatible(fdt, -1, "phram") >= 0)
		return seterr(err, errlen, "the bundle's DTB already has a phram node; remove it, phramboot adds its own");
	/* No "no-map": the region stays in the linear map, so phram (drivers/mtd/devices/
	 * phram.c) memremap()s it cached instead of ioremap()ing it uncached. */
	if (add_region(fdt, "phram", addr, size, &node, err, errlen))
		return -1;
	r = fdt_setprop_string(fdt, node, "label", "rootfs");
	if (r)
		return seterr(err, errlen, "unable to label the phram node: %s", fdt_strerror(r));
	return 0;
}

/* The running system's ramoops region, as fs/pstore/ram.c's ramoops_parse_dt() reads
 * it. A ramoops node the bundle brought is dropped: the trial must log where the old
 * firmware will look after the rollback, not where the new image would on a cold boot. */
static int add_ramoops(void *fdt, const struct ramoops *ro, char *err, size_t errlen)
{
	const struct {
		const char *name;
		uint32_t value;
		bool set;	/* unset: the kernel's default, which is what the running one has */
	} props[] = {
		{ "record-size", ro->record_size, true },
		{ "console-size", ro->console_size, true },
		{ "ftrace-size", ro->ftrace_size, ro->ftrace_size },
		{ "pmsg-size", ro->pmsg_size, ro->pmsg_size },
		{ "mem-type", ro->mem_type, ro->mem_type },
		{ "ecc-size", ro->ecc, ro->ecc },
		{ "max-reason", (uint32_t)ro->max_reason, ro->max_reason >= 0 },
	};
	int node, r;

	while ((node = fdt_node_offset_by_compatible(fdt, -1, "ramoops")) >= 0)
		if ((r = fdt_del_node(fdt, node)))
			return seterr(err, errlen, "unable to drop the bundle's ramoops node: %s", fdt_strerror(r));
	if (add_region(fdt, "ramoops", ro->addr, ro->size, &node, err, errlen))
		return -1;
	for (size_t i = 0; i < sizeof(props) / sizeof(props[0]); i++) {
		if (!props[i].set)
			continue;
		r = fdt_setprop_u32(fdt, node, props[i].name, props[i].value);
		if (r)
			return seterr(err, errlen, "unable to set ramoops %s: %s", props[i].name, fdt_strerror(r));
	}
	return 0;
}

/* One memory@ADDR node for the board's banks, instead of whatever the bundle said. */
static int set_memory(void *fdt, const struct ram *ram, char *err, size_t errlen)
{
	fdt32_t reg[RAM_BANKS_MAX * 4];
	char name[32];
	int node, r, ac = fdt_address_cells(fdt, 0), sc = fdt_size_cells(fdt, 0), n = 0;

	if (!ram->n)
		return seterr(err, errlen, "no RAM banks to describe");
	while ((node = fdt_node_offset_by_prop_value(fdt, -1, "device_type", "memory",
						     sizeof("memory"))) >= 0)
		if ((r = fdt_del_node(fdt, node)))
			return seterr(err, errlen, "unable to drop the bundle's memory node: %s", fdt_strerror(r));
	for (size_t i = 0; i < ram->n; i++, n += ac + sc)
		if (put_cells(reg + n, ac, ram->bank[i].addr) || put_cells(reg + n + ac, sc, ram->bank[i].size))
			return seterr(err, errlen, "the RAM bank at %#llx does not fit the DTB's %d address and %d size cells",
				      (unsigned long long)ram->bank[i].addr, ac, sc);
	snprintf(name, sizeof(name), "memory@%llx", (unsigned long long)ram->bank[0].addr);
	node = fdt_add_subnode(fdt, 0, name);
	if (node < 0 || (r = fdt_setprop_string(fdt, node, "device_type", "memory")) ||
	    (r = fdt_setprop(fdt, node, "reg", reg, (int)sizeof(reg[0]) * n)))
		return seterr(err, errlen, "unable to add the memory node: %s",
			      fdt_strerror(node < 0 ? node : r));
	return 0;
}

/* A bundle's DTB may hold the random seeds a bootloader put in /chosen at one boot
 * (U-Boot's and QEMU's kaslr-seed and rng-seed, kept by whoever dumped the tree).
 * Handed to every trial they would seed it with the same bytes each time, and arm64's
 * kexec-tools refuses a kaslr-seed that is not zero ("setup_2nd_dtb failed"): a zero
 * one it fills from getrandom() at each load. So kaslr-seed becomes zero, and rng-seed
 * holds the caller's fresh bytes or goes. kexec_load() passes no seed of its own: a
 * trial without one waits at its first getrandom() until the kernel has gathered
 * entropy, seconds on a router without a hardware RNG (docs/platform-notes.md). */
static int set_seeds(void *fdt, int chosen, const struct dtb_edit *e, char *err, size_t errlen)
{
	int len, r = 0;

	if (fdt_getprop(fdt, chosen, "kaslr-seed", &len))
		r = len == 8 ? fdt_setprop_inplace_u64(fdt, chosen, "kaslr-seed", 0) :
			       fdt_delprop(fdt, chosen, "kaslr-seed");
	if (!r && e->rng_seed && e->rng_seed_len)
		r = fdt_setprop(fdt, chosen, "rng-seed", e->rng_seed, (int)e->rng_seed_len);
	else if (!r && fdt_getprop(fdt, chosen, "rng-seed", &len))
		r = fdt_delprop(fdt, chosen, "rng-seed");
	if (r)
		return seterr(err, errlen, "unable to set the DTB's boot seeds in /chosen: %s",
			      fdt_strerror(r));
	return 0;
}

int dtb_edit(const void *in, size_t inlen, const struct dtb_edit *e, void **out,
	     size_t *outlen, char *err, size_t errlen)
{
	size_t cap;
	void *fdt;
	char e2[160];
	int r, chosen;

	*out = NULL;
	if (inlen < sizeof(struct fdt_header) || inlen > DTB_MAX)
		return seterr(err, errlen, "DTB size %zu is not plausible", inlen);
	r = fdt_check_header(in);
	if (r)
		return seterr(err, errlen, "DTB is not a valid device tree blob: %s", fdt_strerror(r));
	if (fdt_totalsize(in) > inlen)
		return seterr(err, errlen, "DTB is truncated: header says %u bytes, file has %zu",
			      fdt_totalsize(in), inlen);
	/* The whole blob, not only the header: libfdt's editing functions trust it, and a
	 * signed bundle is no proof that its DTB is well formed (fdtcheck.h). */
	if (fdt_strict_check(in, inlen, e2, sizeof(e2)))
		return seterr(err, errlen, "%s", e2);
	cap = fdt_totalsize(in) + strlen(e->bootargs) + e->rng_seed_len + 4096;
	fdt = malloc(cap);
	if (!fdt)
		return seterr(err, errlen, "out of memory");
	r = fdt_open_into(in, fdt, (int)cap);
	if (r) {
		seterr(err, errlen, "DTB cannot be opened for editing: %s", fdt_strerror(r));
		goto fail;
	}
	if (e->phram_node && add_phram(fdt, e->addr, e->size, err, errlen))
		goto fail;
	if (e->ramoops && e->ramoops->size && add_ramoops(fdt, e->ramoops, err, errlen))
		goto fail;
	if (e->ram && set_memory(fdt, e->ram, err, errlen))
		goto fail;
	chosen = fdt_path_offset(fdt, "/chosen");
	if (chosen == -FDT_ERR_NOTFOUND)
		chosen = fdt_add_subnode(fdt, 0, "chosen");
	if (chosen < 0 || (r = fdt_setprop_string(fdt, chosen, "bootargs", e->bootargs))) {
		seterr(err, errlen, "unable to set /chosen/bootargs: %s",
		       fdt_strerror(chosen < 0 ? chosen : r));
		goto fail;
	}
	if (set_seeds(fdt, chosen, e, err, errlen))
		goto fail;
	fdt_pack(fdt);
	*out = fdt;
	*outlen = fdt_totalsize(fdt);
	return 0;
fail:
	free(fdt);
	return -1;
}

void dtb_zero_rng_seed(void *fdt)
{
	int len;
	void *seed = fdt_getprop_w(fdt, fdt_path_offset(fdt, "/chosen"), "rng-seed", &len);

	if (seed && len > 0)
		explicit_bzero(seed, (size_t)len);
}

bool dtb_has_memory_node(const void *fdt)
{
	int node = fdt_path_offset(fdt, "/memory");

	if (node >= 0)
		return true;
	/* Nodes named memory@ADDR are found by device_type. */
	return fdt_node_offset_by_prop_value(fdt, -1, "device_type", "memory",
					     sizeof("memory")) >= 0;
}
