/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>
#include <string.h>

#include "testutil.h"
#include "tar.h"

/* A ustar header as GNU tar writes it (magic "ustar  "), checksum filled in. */
static void header(uint8_t blk[TAR_BLOCK], const char *name, unsigned long long size, char type, bool posix)
{
	unsigned sum = 0;

	memset(blk, 0, TAR_BLOCK);
	snprintf((char *)blk, 100, "%s", name);
	snprintf((char *)blk + 100, 8, "0000644");
	snprintf((char *)blk + 124, 12, "%011llo", size);
	blk[156] = (uint8_t)type;
	memcpy(blk + 257, posix ? "ustar\00000" : "ustar  ", posix ? 8 : 8);
	memset(blk + 148, ' ', 8);
	for (int i = 0; i < TAR_BLOCK; i++)
		sum += blk[i];
	snprintf((char *)blk + 148, 8, "%06o", sum);
}

static void test_members(void **state)
{
	uint8_t blk[TAR_BLOCK];
	struct tar_member m;
	char err[256];

	(void)state;
	header(blk, "./manifest", 534, '0', false);
	assert_int_equal(tar_header_parse(blk, &m, err, sizeof(err)), 0);
	assert_string_equal(m.name, "manifest");
	assert_int_equal(m.size, 534);
	assert_false(m.is_dir);
	assert_int_equal(tar_data_blocks(534), 2);
	assert_int_equal(tar_data_blocks(1024), 2);
	assert_int_equal(tar_data_blocks(0), 0);
	header(blk, "./", 0, '5', true);
	assert_int_equal(tar_header_parse(blk, &m, err, sizeof(err)), 0);
	assert_true(m.is_dir);
	assert_string_equal(m.name, "");
	/* 130 MiB, octal. */
	header(blk, "rootfs", 136314880ull, '0', true);
	assert_int_equal(tar_header_parse(blk, &m, err, sizeof(err)), 0);
	assert_int_equal(m.size, 136314880ull);
	memset(blk, 0, sizeof(blk));
	assert_int_equal(tar_header_parse(blk, &m, err, sizeof(err)), 1);
}

static void test_refusals(void **state)
{
	uint8_t blk[TAR_BLOCK];
	struct tar_member m;
	char err[256];

	(void)state;
	header(blk, "rootfs", 10, '0', false);
	blk[0] ^= 1;	/* the checksum no longer matches */
	assert_int_equal(tar_header_parse(blk, &m, err, sizeof(err)), -1);
	assert_err_has(err, "bad checksum");
	header(blk, "rootfs", 0, '2', false);
	assert_int_equal(tar_header_parse(blk, &m, err, sizeof(err)), -1);
	assert_err_has(err, "of type '2'");
	header(blk, "././@LongLink", 300, 'L', false);
	assert_int_equal(tar_header_parse(blk, &m, err, sizeof(err)), -1);
	assert_err_has(err, "extension record");
	header(blk, "rootfs", 10, '0', false);
	memcpy(blk + 257, "xxxxx", 5);
	/* Fix the checksum for the new magic: still refused, for the magic. */
	{
		unsigned sum = 0;

		memset(blk + 148, ' ', 8);
		for (int i = 0; i < TAR_BLOCK; i++)
			sum += blk[i];
		snprintf((char *)blk + 148, 8, "%06o", sum);
	}
	assert_int_equal(tar_header_parse(blk, &m, err, sizeof(err)), -1);
	assert_err_has(err, "not ustar");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_members),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
