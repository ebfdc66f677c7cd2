/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>

#include <libfdt.h>

#include "testutil.h"
#include "fdtcheck.h"

static uint8_t blob[4096], bad[4096];
static char err[256];

/* A small canonical tree: /, /chosen with a property, one reservation entry. */
static void make_blob(void)
{
	assert_int_equal(fdt_create(blob, sizeof(blob)), 0);
	assert_int_equal(fdt_add_reservemap_entry(blob, 0x1000, 0x1000), 0);
	assert_int_equal(fdt_finish_reservemap(blob), 0);
	assert_int_equal(fdt_begin_node(blob, ""), 0);
	assert_int_equal(fdt_property_u32(blob, "#address-cells", 1), 0);
	assert_int_equal(fdt_begin_node(blob, "chosen"), 0);
	assert_int_equal(fdt_property_string(blob, "bootargs", "console=ttyS0"), 0);
	assert_int_equal(fdt_end_node(blob), 0);
	assert_int_equal(fdt_end_node(blob), 0);
	assert_int_equal(fdt_finish(blob), 0);
	memcpy(bad, blob, sizeof(blob));
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static int check(const uint8_t *b)
{
	return fdt_strict_check(b, fdt_totalsize(blob), err, sizeof(err));
}

static void test_good(void **state)
{
	(void)state;
	make_blob();
	assert_int_equal(check(blob), 0);
	/* Shorter than its header says. */
	assert_int_equal(fdt_strict_check(blob, fdt_totalsize(blob) - 1, err, sizeof(err)), -1);
	assert_err_has(err, "header says");
}

static void test_header(void **state)
{
	(void)state;
	make_blob();
	put32(bad, 0xd00dfeee);
	assert_int_equal(check(bad), -1);
	assert_err_has(err, "no FDT magic");
	memcpy(bad, blob, sizeof(blob));
	put32(bad + 20, 16);
	assert_int_equal(check(bad), -1);
	assert_err_has(err, "version 16");
	/* The strings block moved in front of the structure. */
	memcpy(bad, blob, sizeof(blob));
	put32(bad + 12, fdt_off_dt_struct(blob));
	assert_int_equal(check(bad), -1);
	assert_err_has(err, "out of order");
}

/* The reservation block's end entry overwritten: libfdt 1.6.1 then corrupts the heap
 * in fdt_open_into(). */
static void test_reservemap_without_end(void **state)
{
	uint32_t rsv;

	(void)state;
	make_blob();
	rsv = fdt_off_mem_rsvmap(blob);
	memset(bad + rsv + 16, 0xab, 16);
	assert_int_equal(check(bad), -1);
	assert_err_has(err, "no end entry");
}

static void test_structure(void **state)
{
	uint32_t s;

	(void)state;
	make_blob();
	s = fdt_off_dt_struct(blob);
	/* The root's first token changed to an unknown one. */
	put32(bad + s, 7);
	assert_int_equal(check(bad), -1);
	assert_err_has(err, "unknown token");
	/* A property whose name offset points past the strings. */
	memcpy(bad, blob, sizeof(blob));
	put32(bad + s + 8 + 8, 0x7fffffff);
	assert_int_equal(check(bad), -1);
	assert_err_has(err, "name outside the strings");
	/* A property whose length runs past the structure. */
	memcpy(bad, blob, sizeof(blob));
	put32(bad + s + 8 + 4, 0x10000);
	assert_int_equal(check(bad), -1);
	assert_err_has(err, "runs past the structure");
	/* The end token replaced by a NOP: no end. */
	memcpy(bad, blob, sizeof(blob));
	put32(bad + s + fdt_size_dt_struct(blob) - 4, 4);
	assert_int_equal(check(bad), -1);
	assert_err_has(err, "no end token");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_reservemap_without_end),
		cmocka_unit_test(test_structure),
	};

	return cmocka_run_group_tests_name("fdtcheck", tests, NULL, NULL);
}
