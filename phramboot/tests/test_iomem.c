/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "testutil.h"
#include "iomem.h"

static char err[256];

/* From a malta guest (256 MiB), trimmed. */
static const char malta[] =
	"00000000-0fffffff : System RAM\n"
	"  00100000-0062ffff : Kernel code\n"
	"  00630000-0073ffff : Kernel data\n"
	"  00780000-007a7fff : Kernel bss\n"
	"10000000-17ffffff : GT-64120 PCI MEM\n"
	"  10000000-10ffffff : 0000:00:12.0\n"
	"    10000000-10ffffff : cirrusfb\n"
	"1be00000-1bffffff : Flash\n";

static void test_nested(void **state)
{
	struct iomem io;

	(void)state;
	assert_int_equal(iomem_parse(malta, sizeof(malta) - 1, &io, err, sizeof(err)), 0);
	assert_int_equal(io.n, 8);
	assert_int_equal(io.r[0].start, 0);
	assert_int_equal(io.r[0].end, 0x0fffffff);
	assert_int_equal(io.r[0].depth, 0);
	assert_string_equal(io.r[0].name, "System RAM");
	assert_int_equal(io.r[2].depth, 1);
	assert_string_equal(io.r[2].name, "Kernel data");
	assert_int_equal(io.r[6].depth, 2);
	assert_string_equal(io.r[6].name, "cirrusfb");
	iomem_free(&io);
}

static void test_highmem_and_odd_names(void **state)
{
	static const char text[] =
		"00000000-00000fff : Reserved\n"
		"00001000-0009ffff : System RAM\n"
		"100000000-47fffffff : System RAM\n"
		"  3fee00000-3ffffffff : Crash kernel\n"
		"fed00000-fed003ff : HPET 0 : with colon\n"
		"FEE00000-FEE00FFF : Local APIC\n"
		"\n"
		"ffffffffffff0000-ffffffffffffffff : top\n";
	struct iomem io;

	(void)state;
	assert_int_equal(iomem_parse(text, sizeof(text) - 1, &io, err, sizeof(err)), 0);
	assert_int_equal(io.n, 7);
	assert_int_equal(io.r[2].start, 0x100000000ull);
	assert_int_equal(io.r[2].end, 0x47fffffffull);
	assert_int_equal(io.r[3].start, 0x3fee00000ull);
	assert_string_equal(io.r[4].name, "HPET 0 : with colon");
	assert_int_equal(io.r[5].start, 0xfee00000);
	assert_int_equal(io.r[6].end, UINT64_MAX);
	iomem_free(&io);
}

static void test_no_trailing_newline_and_long_name(void **state)
{
	static const char text[] =
		"00000000-0fffffff : System RAM with a very long name that goes on and on and on";
	struct iomem io;

	(void)state;
	assert_int_equal(iomem_parse(text, sizeof(text) - 1, &io, err, sizeof(err)), 0);
	assert_int_equal(io.n, 1);
	assert_int_equal(strlen(io.r[0].name), sizeof(io.r[0].name) - 1);
	iomem_free(&io);
	assert_int_equal(iomem_parse("", 0, &io, err, sizeof(err)), 0);
	assert_int_equal(io.n, 0);
}

static void expect_bad(const char *text, const char *needle)
{
	struct iomem io;

	assert_int_equal(iomem_parse(text, strlen(text), &io, err, sizeof(err)), -1);
	assert_err_has(err, needle);
	assert_null(io.r);
}

static void test_malformed(void **state)
{
	(void)state;
	expect_bad("hello\n", "line 1");
	expect_bad("00000000-0fffffff System RAM\n", "line 1");
	expect_bad("00000000 : System RAM\n", "line 1");
	expect_bad("0fffffff-00000000 : backwards\n", "line 1");
	expect_bad("00000000-0fffffff : System RAM\n   00100000-0062ffff : odd indent\n", "line 2");
	expect_bad("00000000-0fffffff : System RAM\n    00100000-0062ffff : too deep\n", "deeper");
	expect_bad("  00100000-0062ffff : orphan\n", "deeper");
	expect_bad("00000000-0fffffff : System RAM\n  10000000-1000ffff : outside\n", "outside");
	expect_bad("00000000-10000000000000000 : too many digits\n", "line 1");
	expect_bad("00000000-0fffffff : System RAM\n\t00100000-0062ffff : tab\n", "line 2");
	expect_bad("0x0-0xfff : prefixed\n", "line 1");
}

static void test_zeroed_for_non_root(void **state)
{
	static const char text[] =
		"00000000-00000000 : System RAM\n"
		"  00000000-00000000 : Kernel code\n";
	struct iomem io;

	(void)state;
	/* Parses; placement is what refuses it (test_placement). */
	assert_int_equal(iomem_parse(text, sizeof(text) - 1, &io, err, sizeof(err)), 0);
	assert_int_equal(io.n, 2);
	iomem_free(&io);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nested),
		cmocka_unit_test(test_highmem_and_odd_names),
		cmocka_unit_test(test_no_trailing_newline_and_long_name),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_zeroed_for_non_root),
	};

	return cmocka_run_group_tests_name("iomem", tests, NULL, NULL);
}
