/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "testutil.h"
#include "mtdcount.h"

static char err[256];

static int count(const char *s)
{
	return mtd_count(s, strlen(s), err, sizeof(err));
}

static void test_counts(void **state)
{
	(void)state;
	assert_int_equal(count(""), 0);
	assert_int_equal(count("dev:    size   erasesize  name\n"), 0);
	assert_int_equal(count("dev:    size   erasesize  name\n"
			       "mtd0: 04000000 00040000 \"u-boot\"\n"
			       "mtd1: 00040000 00040000 \"u-boot-env\"\n"
			       "mtd10: 01340000 00040000 \"data\"\n"), 3);
	/* No trailing newline. */
	assert_int_equal(count("dev:    size   erasesize  name\nmtd0: 1 2 \"a\""), 1);
}

static void test_malformed(void **state)
{
	(void)state;
	assert_int_equal(count("dev:    size   erasesize  name\nmtdX: 1 2 \"a\"\n"), -1);
	assert_err_has(err, "line 2");
	assert_int_equal(count("mtd: 1\n"), -1);
	assert_int_equal(count("garbage\n"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_malformed),
	};

	return cmocka_run_group_tests_name("mtdcount", tests, NULL, NULL);
}
