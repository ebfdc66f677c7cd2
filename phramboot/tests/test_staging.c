/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>
#include <string.h>

#include <libfdt.h>

#include "testutil.h"
#include "staging.h"

static void test_cmdline(void **state)
{
	uint64_t addr, size;

	(void)state;
	assert_int_equal(staging_from_cmdline("console=ttyS0 memmap=0x8800000$0x02000000 phram.phram=staging,0x02000000,0x8800000 panic=5",
					      &addr, &size), 0);
	assert_int_equal(addr, 0x02000000);
	assert_int_equal(size, 0x8800000);
	/* phram's suffixes, an erase size after the length, and the last one winning. */
	assert_int_equal(staging_from_cmdline("phram.phram=staging,1Mi,2Mi phram.phram=staging,32Mi,136Mi,4096", &addr, &size), 0);
	assert_int_equal(addr, 32u << 20);
	assert_int_equal(size, 136u << 20);
	/* phram takes no bare "M": neither do we (the kernel made no MTD of it). */
	assert_int_equal(staging_from_cmdline("phram.phram=staging,32M,136M", &addr, &size), -1);
	assert_int_equal(staging_from_cmdline("phram.phram=rootfs,0x1000,0x1000", &addr, &size), 1);
	assert_int_equal(staging_from_cmdline("xphram.phram=staging,0x1000,0x1000", &addr, &size), 1);
	assert_int_equal(staging_from_cmdline("phram.phram=staging,0x1000", &addr, &size), -1);
	assert_int_equal(staging_from_cmdline("phram.phram=staging,0x1000,0", &addr, &size), -1);
	assert_int_equal(staging_from_cmdline("phram.phram=staging,0xffffffffffffffff,0x2000", &addr, &size), -1);
}

static void test_proc_mtd(void **state)
{
	const char *t = "dev:    size   erasesize  name\nmtd0: 00400000 00040000 \"u-boot\"\nmtd1: 08800000 00001000 \"staging\"\n";
	unsigned idx;
	uint64_t size;

	(void)state;
	assert_int_equal(staging_from_proc_mtd(t, strlen(t), &idx, &size), 0);
	assert_int_equal(idx, 1);
	assert_int_equal(size, 0x8800000);
	assert_int_equal(staging_from_proc_mtd(t, 60, &idx, &size), 1);
}

static void test_fdt(void **state)
{
	static char fdt[4096];
	fdt32_t reg[4] = { cpu_to_fdt32(0), cpu_to_fdt32(0x42000000), cpu_to_fdt32(0), cpu_to_fdt32(0x8800000) };
	uint64_t addr, size;

	(void)state;
	assert_int_equal(fdt_create_empty_tree(fdt, sizeof(fdt)), 0);
	{
		int rm = fdt_add_subnode(fdt, 0, "reserved-memory"), n;

		assert_true(rm >= 0);
		fdt_setprop_u32(fdt, rm, "#address-cells", 2);
		fdt_setprop_u32(fdt, rm, "#size-cells", 2);
		n = fdt_add_subnode(fdt, rm, "ramoops@4c000000");
		fdt_setprop_string(fdt, n, "compatible", "ramoops");
		assert_int_equal(staging_from_fdt(fdt, sizeof(fdt), &addr, &size), 1);
		n = fdt_add_subnode(fdt, rm, "staging@42000000");
		fdt_setprop_string(fdt, n, "compatible", "phram");
		fdt_setprop_string(fdt, n, "label", "staging");
		fdt_setprop(fdt, n, "reg", reg, sizeof(reg));
	}
	assert_int_equal(staging_from_fdt(fdt, sizeof(fdt), &addr, &size), 0);
	assert_int_equal(addr, 0x42000000);
	assert_int_equal(size, 0x8800000);
	/* Not a DTB at all. */
	assert_int_equal(staging_from_fdt("hello", 5, &addr, &size), -1);
}

static void test_header(void **state)
{
	char page[STAGING_HEADER];
	struct staged st = { .id = "0123456789abcdef", .size = 136314880 }, back;

	(void)state;
	for (int i = 0; i < 32; i++)
		st.sha256[i] = (uint8_t)(i * 7);
	staging_format_header(&st, page);
	assert_int_equal(staging_parse_header(page, sizeof(page), &back), 0);
	assert_string_equal(back.id, st.id);
	assert_int_equal(back.size, st.size);
	assert_memory_equal(back.sha256, st.sha256, 32);
	/* A region receive emptied (zeros), or any other first page, holds nothing. */
	memset(page, 0, sizeof(page));
	assert_int_equal(staging_parse_header(page, sizeof(page), &back), 1);
	snprintf(page, sizeof(page), STAGING_MAGIC "id 0123\nsize 1\nsha256 00\n");
	assert_int_equal(staging_parse_header(page, sizeof(page), &back), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cmdline),
		cmocka_unit_test(test_proc_mtd),
		cmocka_unit_test(test_fdt),
		cmocka_unit_test(test_header),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
