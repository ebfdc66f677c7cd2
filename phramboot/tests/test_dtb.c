/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "testutil.h"
#include "dtb.h"

static char err[256];
static uint8_t blob[4096];

/* A tree with the given root cells, built with libfdt's sequential writer. */
static void make_tree(int ac, int sc, bool chosen, bool reserved, int rac, int rsc)
{
	assert_int_equal(fdt_create(blob, sizeof(blob)), 0);
	assert_int_equal(fdt_finish_reservemap(blob), 0);
	assert_int_equal(fdt_begin_node(blob, ""), 0);
	if (ac)
		fdt_property_u32(blob, "#address-cells", (uint32_t)ac);
	if (sc)
		fdt_property_u32(blob, "#size-cells", (uint32_t)sc);
	fdt_property_string(blob, "compatible", "test,board");
	fdt_begin_node(blob, "memory@0");
	fdt_property_string(blob, "device_type", "memory");
	fdt_end_node(blob);
	if (chosen) {
		fdt_begin_node(blob, "chosen");
		fdt_property_string(blob, "bootargs", "old args");
		fdt_end_node(blob);
	}
	if (reserved) {
		fdt_begin_node(blob, "reserved-memory");
		fdt_property_u32(blob, "#address-cells", (uint32_t)rac);
		fdt_property_u32(blob, "#size-cells", (uint32_t)rsc);
		fdt_property(blob, "ranges", NULL, 0);
		fdt_end_node(blob);
	}
	assert_int_equal(fdt_end_node(blob), 0);
	assert_int_equal(fdt_finish(blob), 0);
}

static void *edit(const char *bootargs, bool node, uint64_t addr, uint64_t size, int expect)
{
	struct dtb_edit e = { bootargs, node, addr, size, NULL, NULL, NULL, 0 };
	void *out = NULL;
	size_t len = 0;

	assert_int_equal(dtb_edit(blob, fdt_totalsize(blob), &e, &out, &len, err, sizeof(err)), expect);
	if (!expect) {
		assert_int_equal(fdt_check_header(out), 0);
		assert_int_equal(len, fdt_totalsize(out));
	}
	return out;
}

/* The seeds QEMU's and U-Boot's /chosen carry: kaslr-seed is zeroed for kexec to fill,
 * rng-seed dropped, the rest of /chosen kept. */
static void test_boot_seeds_cleared(void **state)
{
	static const uint8_t rng[32] = { 1, 2, 3 };
	const void *seed;
	fdt64_t v;
	void *out;
	int len;

	(void)state;
	assert_int_equal(fdt_create(blob, sizeof(blob)), 0);
	assert_int_equal(fdt_finish_reservemap(blob), 0);
	assert_int_equal(fdt_begin_node(blob, ""), 0);
	fdt_property_u32(blob, "#address-cells", 2);
	fdt_property_u32(blob, "#size-cells", 2);
	fdt_begin_node(blob, "chosen");
	fdt_property_u64(blob, "kaslr-seed", 0x1122334455667788ull);
	fdt_property(blob, "rng-seed", rng, sizeof(rng));
	fdt_property_string(blob, "stdout-path", "/pl011@9000000");
	fdt_end_node(blob);
	assert_int_equal(fdt_end_node(blob), 0);
	assert_int_equal(fdt_finish(blob), 0);

	out = edit("console=ttyAMA0", false, 0, 0, 0);
	int chosen = fdt_path_offset(out, "/chosen");
	seed = fdt_getprop(out, chosen, "kaslr-seed", &len);
	assert_non_null(seed);
	assert_int_equal(len, 8);
	memcpy(&v, seed, sizeof(v));	/* properties are only 4-byte aligned */
	assert_true(fdt64_to_cpu(v) == 0);
	assert_null(fdt_getprop(out, chosen, "rng-seed", &len));
	assert_string_equal(fdt_getprop(out, chosen, "stdout-path", NULL), "/pl011@9000000");
	assert_string_equal(fdt_getprop(out, chosen, "bootargs", NULL), "console=ttyAMA0");
	free(out);

	/* A kaslr-seed of another size is no seed kexec can fill: it goes. */
	assert_int_equal(fdt_create(blob, sizeof(blob)), 0);
	assert_int_equal(fdt_finish_reservemap(blob), 0);
	assert_int_equal(fdt_begin_node(blob, ""), 0);
	fdt_begin_node(blob, "chosen");
	fdt_property_u32(blob, "kaslr-seed", 7);
	fdt_end_node(blob);
	assert_int_equal(fdt_end_node(blob), 0);
	assert_int_equal(fdt_finish(blob), 0);
	out = edit("x", false, 0, 0, 0);
	assert_null(fdt_getprop(out, fdt_path_offset(out, "/chosen"), "kaslr-seed", &len));
	free(out);
}

/* Fresh bytes from the caller replace the tree's old rng-seed, or become the first one
 * (a /chosen made for the purpose). */
static void test_fresh_rng_seed(void **state)
{
	static const uint8_t old[32] = { 1, 2, 3 };
	uint8_t fresh[DTB_RNG_SEED_LEN];
	const void *got;
	void *out;
	size_t outlen;
	int len;

	(void)state;
	for (size_t i = 0; i < sizeof(fresh); i++)
		fresh[i] = (uint8_t)(0xa0 ^ i);
	for (int with_chosen = 0; with_chosen < 2; with_chosen++) {
		struct dtb_edit e = { .bootargs = "x", .rng_seed = fresh, .rng_seed_len = sizeof(fresh) };

		assert_int_equal(fdt_create(blob, sizeof(blob)), 0);
		assert_int_equal(fdt_finish_reservemap(blob), 0);
		assert_int_equal(fdt_begin_node(blob, ""), 0);
		if (with_chosen) {
			fdt_begin_node(blob, "chosen");
			fdt_property(blob, "rng-seed", old, sizeof(old));
			fdt_end_node(blob);
		}
		assert_int_equal(fdt_end_node(blob), 0);
		assert_int_equal(fdt_finish(blob), 0);
		assert_int_equal(dtb_edit(blob, fdt_totalsize(blob), &e, &out, &outlen, err, sizeof(err)), 0);
		got = fdt_getprop(out, fdt_path_offset(out, "/chosen"), "rng-seed", &len);
		assert_non_null(got);
		assert_int_equal(len, sizeof(fresh));
		assert_memory_equal(got, fresh, sizeof(fresh));
		/* --save-dtb's copy: the same tree, the seed zeroed. */
		dtb_zero_rng_seed(out);
		got = fdt_getprop(out, fdt_path_offset(out, "/chosen"), "rng-seed", &len);
		assert_int_equal(len, sizeof(fresh));
		for (int i = 0; i < len; i++)
			assert_int_equal(((const uint8_t *)got)[i], 0);
		free(out);
	}
}

static void check_reg(const void *fdt, const char *path, const uint32_t *cells, int n)
{
	int node = fdt_path_offset(fdt, path), len;
	const fdt32_t *reg;

	assert_true(node >= 0);
	reg = fdt_getprop(fdt, node, "reg", &len);
	assert_non_null(reg);
	assert_int_equal(len, n * 4);
	for (int i = 0; i < n; i++)
		assert_int_equal(fdt32_to_cpu(reg[i]), cells[i]);
	assert_string_equal(fdt_getprop(fdt, node, "compatible", NULL), "phram");
	assert_null(fdt_getprop(fdt, node, "no-map", NULL));
}

static void test_one_cell(void **state)
{
	static const uint32_t want[] = { 0x0f000000, 0x00800000 };
	void *out;
	int rm;

	(void)state;
	make_tree(1, 1, false, false, 0, 0);
	out = edit("root=/dev/mtdblock0 foo=\"a b\"", true, 0x0f000000, 0x800000, 0);
	check_reg(out, "/reserved-memory/phram@f000000", want, 2);
	rm = fdt_path_offset(out, "/reserved-memory");
	assert_int_equal(fdt32_to_cpu(*(const fdt32_t *)fdt_getprop(out, rm, "#address-cells", NULL)), 1);
	assert_non_null(fdt_getprop(out, rm, "ranges", NULL));
	assert_string_equal(fdt_getprop(out, fdt_path_offset(out, "/chosen"), "bootargs", NULL),
			    "root=/dev/mtdblock0 foo=\"a b\"");
	assert_true(dtb_has_memory_node(out));
	free(out);
}

static void test_two_cells_and_defaults(void **state)
{
	static const uint32_t want[] = { 0x1, 0x00000000, 0x0, 0x01000000 };
	static const uint32_t want_default[] = { 0x0, 0x20000000, 0x01000000 };
	void *out;

	(void)state;
	make_tree(2, 2, true, false, 0, 0);
	out = edit("x", true, 0x100000000ull, 0x1000000, 0);
	check_reg(out, "/reserved-memory/phram@100000000", want, 4);
	/* An existing /chosen keeps its node; bootargs is replaced. */
	assert_string_equal(fdt_getprop(out, fdt_path_offset(out, "/chosen"), "bootargs", NULL), "x");
	free(out);
	/* No cells on the root: the spec's defaults, 2 address and 1 size. */
	make_tree(0, 0, false, false, 0, 0);
	out = edit("x", true, 0x20000000, 0x1000000, 0);
	check_reg(out, "/reserved-memory/phram@20000000", want_default, 3);
	free(out);
}

static void test_existing_reserved_memory(void **state)
{
	static const uint32_t want[] = { 0x0f000000, 0x0, 0x00800000 };
	void *out;

	(void)state;
	/* The existing node's own cells rule, not the root's. */
	make_tree(2, 2, false, true, 1, 2);
	out = edit("x", true, 0x0f000000, 0x800000, 0);
	check_reg(out, "/reserved-memory/phram@f000000", want, 3);
	free(out);
	/* An address above 4 GiB cannot go in one cell. */
	edit("x", true, 0x100000000ull, 0x800000, -1);
	assert_err_has(err, "does not fit");
}

static uint32_t u32prop(const void *fdt, int node, const char *name)
{
	const fdt32_t *v = fdt_getprop(fdt, node, name, NULL);

	assert_non_null(v);
	return fdt32_to_cpu(*v);
}

static void test_ramoops_node(void **state)
{
	struct ramoops ro = { .addr = 0x0ff00000, .size = 0x100000, .record_size = 0x20000,
			      .console_size = 0x80000, .max_reason = -1 };
	struct dtb_edit e = { "x", true, 0x0f000000, 0x800000, &ro, NULL, NULL, 0 };
	void *out = NULL, *again = NULL;
	size_t len;
	int rm, node, n = 0;

	(void)state;
	make_tree(1, 1, false, false, 0, 0);
	assert_int_equal(dtb_edit(blob, fdt_totalsize(blob), &e, &out, &len, err, sizeof(err)), 0);
	rm = fdt_path_offset(out, "/reserved-memory");
	node = fdt_path_offset(out, "/reserved-memory/ramoops@ff00000");
	assert_true(rm >= 0 && node >= 0);
	assert_string_equal(fdt_getprop(out, node, "compatible", NULL), "ramoops");
	assert_int_equal(fdt32_to_cpu(((const fdt32_t *)fdt_getprop(out, node, "reg", NULL))[0]), 0x0ff00000);
	assert_int_equal(fdt32_to_cpu(((const fdt32_t *)fdt_getprop(out, node, "reg", NULL))[1]), 0x100000);
	assert_int_equal(u32prop(out, node, "record-size"), 0x20000);
	assert_int_equal(u32prop(out, node, "console-size"), 0x80000);
	/* Zero sizes and the kernel's default max_reason are left to the kernel. */
	assert_null(fdt_getprop(out, node, "pmsg-size", NULL));
	assert_null(fdt_getprop(out, node, "max-reason", NULL));
	/* Both regions share the one /reserved-memory. */
	assert_true(fdt_path_offset(out, "/reserved-memory/phram@f000000") >= 0);

	/* A bundle DTB with its own ramoops node gets the running system's instead. */
	ro.addr = 0x0fe00000;
	ro.max_reason = 2;
	e.phram_node = false;
	assert_int_equal(dtb_edit(out, fdt_totalsize(out), &e, &again, &len, err, sizeof(err)), 0);
	for (node = fdt_node_offset_by_compatible(again, -1, "ramoops"); node >= 0;
	     node = fdt_node_offset_by_compatible(again, node, "ramoops"))
		n++;
	assert_int_equal(n, 1);
	node = fdt_path_offset(again, "/reserved-memory/ramoops@fe00000");
	assert_true(node >= 0);
	assert_int_equal(u32prop(again, node, "max-reason"), 2);
	free(again);
	free(out);
}

static void test_cmdline_mode_and_refusals(void **state)
{
	void *out;

	(void)state;
	make_tree(1, 1, false, false, 0, 0);
	out = edit("only args", false, 0, 0, 0);
	assert_true(fdt_path_offset(out, "/reserved-memory") < 0);
	assert_string_equal(fdt_getprop(out, fdt_path_offset(out, "/chosen"), "bootargs", NULL), "only args");
	/* Editing twice would mean two phram devices: refused. */
	{
		struct dtb_edit e = { "x", true, 0x1000000, 0x1000, NULL, NULL, NULL, 0 };
		void *again;
		size_t len;

		free(out);
		out = edit("x", true, 0x0f000000, 0x800000, 0);
		assert_int_equal(dtb_edit(out, fdt_totalsize(out), &e, &again, &len, err, sizeof(err)), -1);
		assert_err_has(err, "already has a phram node");
	}
	free(out);
	/* Garbage and truncation. */
	{
		struct dtb_edit e = { "x", true, 0, 0x1000, NULL, NULL, NULL, 0 };
		void *o;
		size_t len;

		make_tree(1, 1, false, false, 0, 0);
		assert_int_equal(dtb_edit(blob, 20, &e, &o, &len, err, sizeof(err)), -1);
		assert_int_equal(dtb_edit(blob, fdt_totalsize(blob) - 1, &e, &o, &len, err, sizeof(err)), -1);
		assert_err_has(err, "truncated");
		memset(blob, 0x5a, 64);
		assert_int_equal(dtb_edit(blob, sizeof(blob), &e, &o, &len, err, sizeof(err)), -1);
		assert_err_has(err, "not a valid device tree");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boot_seeds_cleared),
		cmocka_unit_test(test_fresh_rng_seed),
		cmocka_unit_test(test_one_cell),
		cmocka_unit_test(test_two_cells_and_defaults),
		cmocka_unit_test(test_existing_reserved_memory),
		cmocka_unit_test(test_ramoops_node),
		cmocka_unit_test(test_cmdline_mode_and_refusals),
	};

	return cmocka_run_group_tests_name("dtb", tests, NULL, NULL);
}
