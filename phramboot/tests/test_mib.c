/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>

#include "testutil.h"
#include "mib.h"

/* MIB_FMT prints what "%.1f" printed of bytes / 1048576.0 before: at the edges of
 * rounding, ties (0.25 and 0.75 MiB are exact halves of a tenth), and large sizes. */
static void test_matches_printf(void **state)
{
	(void)state;
	static const uint64_t v[] = { 0, 1, 52428, 52429, 104857, 104858, 262144, 786432,
		1048575, 1048576, 1572864, 7340032, 10485761, 53 * 1048576ull + 1234,
		0x80000000ull, 0xfffffffffull, 1ull << 52 };
	char want[64], got[64];

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		snprintf(want, sizeof(want), "%.1f", (double)v[i] / (1024.0 * 1024.0));
		snprintf(got, sizeof(got), MIB_FMT, MIB_ARGS(v[i]));
		assert_string_equal(got, want);
	}
	/* Every byte count of the first 3 MiB. */
	for (uint64_t b = 0; b < 3 << 20; b += 7) {
		snprintf(want, sizeof(want), "%.1f", (double)b / (1024.0 * 1024.0));
		snprintf(got, sizeof(got), MIB_FMT, MIB_ARGS(b));
		assert_string_equal(got, want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matches_printf),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
