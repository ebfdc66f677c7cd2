/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>

#include <libfdt.h>

#include "testutil.h"
#include "dtb.h"
#include "ram.h"

static char err[256];
static uint8_t blob[4096];

/* A tree with root cells ac/sc and memory nodes; reg values given as (addr, size) pairs. */
static void make_tree(int ac, int sc, const uint64_t *reg, int nreg, bool second_node)
{
	fdt32_t cells[16];
	int n = 0;

	for (int i = 0; i < nreg * 2; i++) {
		int c = i % 2 ? sc : ac;

		if (c == 2)
			cells[n++] = cpu_to_fdt32((uint32_t)(reg[i] >> 32));
		cells[n++] = cpu_to_fdt32((uint32_t)reg[i]);
	}
	assert_int_equal(fdt_create(blob, sizeof(blob)), 0);
	assert_int_equal(fdt_finish_reservemap(blob), 0);
	assert_int_equal(fdt_begin_node(blob, ""), 0);
	fdt_property_u32(blob, "#address-cells", (uint32_t)ac);
	fdt_property_u32(blob, "#size-cells", (uint32_t)sc);
	fdt_begin_node(blob, "memory@40000000");
	fdt_property_string(blob, "device_type", "memory");
	fdt_property(blob, "reg", cells, (int)sizeof(cells[0]) * n);
	fdt_end_node(blob);
	if (second_node) {
		fdt_begin_node(blob, "memory@90000000");
		fdt_property_string(blob, "device_type", "memory");
		fdt_property_string(blob, "status", "disabled");
		fdt_property(blob, "reg", cells, (int)sizeof(cells[0]) * n);
		fdt_end_node(blob);
	}
	assert_int_equal(fdt_end_node(blob), 0);
	assert_int_equal(fdt_finish(blob), 0);
}

static void test_from_fdt(void **state)
{
	struct ram r;
	char d[128];
	const uint64_t two[] = { 0x40000000, 0x10000000, 0x100000000ull, 0x40000000 };
	const uint64_t one[] = { 0x0, 0x8000000 };

	(void)state;
	make_tree(2, 2, two, 2, true);
	assert_int_equal(ram_from_fdt(blob, sizeof(blob), &r, err, sizeof(err)), 0);
	/* The disabled node does not count. */
	assert_int_equal(r.n, 2);
	assert_true(r.bank[1].addr == 0x100000000ull && r.bank[1].size == 0x40000000);
	assert_true(ram_total(&r) == 0x50000000);
	ram_describe(&r, d, sizeof(d));
	assert_string_equal(d, "0x40000000+256.0 MiB, 0x100000000+1024.0 MiB");

	make_tree(1, 1, one, 1, false);
	assert_int_equal(ram_from_fdt(blob, sizeof(blob), &r, err, sizeof(err)), 0);
	assert_true(r.n == 1 && r.bank[0].addr == 0 && r.bank[0].size == 0x8000000);
	/* Garbage and truncation are refused. */
	assert_int_equal(ram_from_fdt(blob, 8, &r, err, sizeof(err)), -1);
	assert_int_equal(ram_from_fdt(blob, fdt_totalsize(blob) - 1, &r, err, sizeof(err)), -1);
	assert_err_has(err, "truncated");
}

static void test_from_iomem(void **state)
{
	static const char text[] =
		"00000000-0bffffff : System RAM\n"
		"  00100000-0067ffff : Kernel code\n"
		"0c000000-0c0fffff : System RAM\n"
		"0c100000-0fffffff : System RAM\n"
		"1e000000-1e3fffff : flash\n";
	struct iomem io;
	struct ram r;

	(void)state;
	assert_int_equal(iomem_parse(text, sizeof(text) - 1, &io, err, sizeof(err)), 0);
	assert_int_equal(ram_from_iomem(&io, &r, err, sizeof(err)), 0);
	/* Adjacent ranges (memmap= splits them) are one bank again. */
	assert_true(r.n == 1 && r.bank[0].addr == 0 && r.bank[0].size == 0x10000000);
	/* ramoops regions: inside RAM, across two joined ranges, or in no-map "reserved". */
	assert_true(ram_covers(&io, 0x0c000000, 0x100000));
	assert_true(ram_covers(&io, 0x0bf00000, 0x200000));
	assert_false(ram_covers(&io, 0x0ff00000, 0x200000));
	assert_false(ram_covers(&io, 0x1e000000, 0x1000));
	assert_false(ram_covers(&io, ~0ull - 10, 0x100));
	iomem_free(&io);
	assert_int_equal(iomem_parse("40000000-4bffffff : System RAM\n4c000000-4c0fffff : reserved\n", 60, &io, err, sizeof(err)), 0);
	assert_true(ram_covers(&io, 0x4c000000, 0x100000));
	iomem_free(&io);
	assert_int_equal(iomem_parse("1e000000-1e3fffff : flash\n", 26, &io, err, sizeof(err)), 0);
	assert_int_equal(ram_from_iomem(&io, &r, err, sizeof(err)), -1);
	assert_err_has(err, "System RAM");
	iomem_free(&io);
}

/* The trial's DTB gets exactly the board's banks, in the root's cells. */
static void test_dtb_memory_replaced(void **state)
{
	const uint64_t small[] = { 0x40000000, 0x8000000 };
	struct ram board = { .bank = { { 0x40000000, 0x10000000 } }, .n = 1 }, got;
	struct dtb_edit e = { .bootargs = "x", .ram = &board };
	void *out;
	size_t len;

	(void)state;
	make_tree(2, 2, small, 1, false);
	assert_int_equal(dtb_edit(blob, sizeof(blob), &e, &out, &len, err, sizeof(err)), 0);
	assert_int_equal(ram_from_fdt(out, len, &got, err, sizeof(err)), 0);
	assert_true(got.n == 1 && got.bank[0].addr == 0x40000000 && got.bank[0].size == 0x10000000);
	assert_true(fdt_path_offset(out, "/memory@40000000") >= 0);
	free(out);
	/* A bank above 4 GiB does not fit one address cell: refused, not truncated. */
	make_tree(1, 1, small, 1, false);
	board.bank[0].addr = 0x100000000ull;
	assert_int_equal(dtb_edit(blob, sizeof(blob), &e, &out, &len, err, sizeof(err)), -1);
	assert_err_has(err, "does not fit");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_from_fdt),
		cmocka_unit_test(test_from_iomem),
		cmocka_unit_test(test_dtb_memory_replaced),
	};

	return cmocka_run_group_tests_name("ram", tests, NULL, NULL);
}
