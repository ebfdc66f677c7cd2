/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>
#include <string.h>

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

static int not_drill(const char *text)
{
	return strncmp(text, "drill ", 6) != 0;
}

static void test_next_slot(void **state)
{
	static uint8_t region[8 * JOURNAL_RECORD];
	char text[JOURNAL_TEXT_MAX + 1];
	uint32_t seq;
	bool erase;

	(void)state;
	/* Empty: the first slot, no erase. */
	memset(region, 0xff, sizeof(region));
	assert_int_equal(journal_next_slot(region, 8, 4, not_drill, &erase), 0);
	assert_false(erase);
	/* Two erase blocks of four records. The commit record in block 0, drill records
	 * after it up to the end of block 1: the ring would wrap into block 0, which holds
	 * the board's commit state, so there is no room. */
	journal_encode(1, "done 0123456789abcdef a 5/5 sv=2 new=2", region);
	for (uint32_t i = 1; i < 8; i++)
		journal_encode(1 + i, "drill 0123456789abcdef - 2/2 sv=2 passed", region + i * JOURNAL_RECORD);
	assert_int_equal(journal_next_slot(region, 8, 4, not_drill, &erase), -1);
	assert_int_equal(journal_newest_where(region, 8, not_drill, &seq, text), 0);
	assert_string_equal(text, "done 0123456789abcdef a 5/5 sv=2 new=2");
	/* Without the state rule block 0 would be erased: what protects the commit. */
	assert_int_equal(journal_next_slot(region, 8, 4, NULL, &erase), 0);
	assert_true(erase);
	/* The commit record in block 1 instead: block 0 may be erased. */
	journal_encode(9, "drill x - 1/2 sv=2 started", region);
	journal_encode(6, "confirmed 0123456789abcdef a 1/1 sv=2 boot_slot=a", region + 5 * JOURNAL_RECORD);
	memset(region + 1 * JOURNAL_RECORD, 0xff, 3 * JOURNAL_RECORD);
	/* Newest is slot 0 (seq 9), the next erased one is slot 1. */
	assert_int_equal(journal_next_slot(region, 8, 4, not_drill, &erase), 1);
	assert_false(erase);
	/* A block device (per_unit 0) rewrites the next slot, but never the state record. */
	memset(region, 0xff, sizeof(region));
	journal_encode(1, "drill x - 2/2 sv=0 passed", region + 6 * JOURNAL_RECORD);
	journal_encode(2, "done 0123456789abcdef a 5/5 sv=2 new=2", region + 0 * JOURNAL_RECORD);
	journal_encode(3, "drill x - 1/2 sv=2 started", region + 7 * JOURNAL_RECORD);
	assert_int_equal(journal_next_slot(region, 8, 0, not_drill, &erase), 1);
	assert_int_equal(journal_next_slot(region, 8, 0, NULL, &erase), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crc32),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_newest_and_torn),
		cmocka_unit_test(test_next_slot),
	};

	return cmocka_run_group_tests_name("journal", tests, NULL, NULL);
}
