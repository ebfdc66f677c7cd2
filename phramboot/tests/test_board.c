/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "testutil.h"
#include "board.h"

static void test_parse_and_match(void **state)
{
	static const char prop[] = "tplink,archer-c7-v5\0qca,ar9558";
	struct board b;
	struct manifest m;
	char err[128], d[256];

	(void)state;
	assert_int_equal(board_parse(prop, sizeof(prop), &b, err, sizeof(err)), 0);
	assert_int_equal(b.n, 2);
	assert_string_equal(b.compatible[0], "tplink,archer-c7-v5");
	memset(&m, 0, sizeof(m));
	strcpy(m.compatible[0], "linux,dummy-virt");
	m.ncompatible = 1;
	assert_false(board_matches(&b, &m));
	/* Any string in common: a bundle for the SoC runs on every board with it. */
	strcpy(m.compatible[1], "qca,ar9558");
	m.ncompatible = 2;
	assert_true(board_matches(&b, &m));
	board_describe(m.compatible, m.ncompatible, d, sizeof(d));
	assert_string_equal(d, "linux,dummy-virt, qca,ar9558");
	/* Not a string list. */
	assert_int_equal(board_parse("abc", 3, &b, err, sizeof(err)), -1);
	assert_int_equal(board_parse("", 1, &b, err, sizeof(err)), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_and_match),
	};

	return cmocka_run_group_tests_name("board", tests, NULL, NULL);
}
