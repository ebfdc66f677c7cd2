/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>

#include "testutil.h"
#include "journal.h"

static void test_crc32(void **state)
{
	(void)state;
	/* The standard check value of CRC-32 (IEEE 802.3). */
	assert_int_equal(journal_crc32(0, "123456789", 9), 0xcbf43926);
}

static void test_round_trip(void **state)
{
	uint8_t rec[JOURNAL_RECORD];
	char text[JOURNAL_TEXT_MAX + 1];
	uint32_t seq;

	(void)state;
	journal_encode(7, "write 0123456789abcdef b 2/7 kernel mtd:kernel_b", rec);
	assert_int_equal(journal_decode(rec, &seq, text), 0);
	assert_int_equal(seq, 7);
	assert_string_equal(text, "write 0123456789abcdef b 2/7 kernel mtd:kernel_b");
	/* The unused tail stays as erased NOR reads, so a later write needs no erase. */
	assert_int_equal(rec[JOURNAL_RECORD - 1], 0xff);
	/* Any flipped byte fails the CRC. */
	for (size_t i = 4; i < 14 + 10; i++) {
		rec[i] ^= 0x10;
		assert_int_equal(journal_decode(rec, &seq, text), -1);
		rec[i] ^= 0x10;
	}
}

static void test_newest_and_torn(void **state)
{
	static uint8_t region[8 * JOURNAL_RECORD];
	char text[JOURNAL_TEXT_MAX + 1];
	uint32_t seq;

	(void)state;
	memset(region, 0xff, sizeof(region));
	assert_int_equal(journal_newest(region, 8, &seq, text), -1);
	journal_encode(5, "five", region + 6 * JOURNAL_RECORD);
	journal_encode(6, "six", region + 7 * JOURNAL_RECORD);
	journal_encode(7, "seven", region + 0 * JOURNAL_RECORD);	/* wrapped */
	assert_int_equal(journal_newest(region, 8, &seq, text), 0);
	assert_int_equal(seq, 7);
	assert_string_equal(text, "seven");
	/* A record torn by a power cut (its second half never written): the one before
	 * it stands. */
	journal_encode(8, "eight, torn", region + 1 * JOURNAL_RECORD);
	memset(region + 1 * JOURNAL_RECORD + 8, 0xff, JOURNAL_RECORD - 8);
	assert_int_equal(journal_newest(region, 8, &seq, text), 0);
	assert_string_equal(text, "seven");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crc32),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_newest_and_torn),
	};

	return cmocka_run_group_tests_name("journal", tests, NULL, NULL);
}
