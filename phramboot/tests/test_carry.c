/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>

#include "testutil.h"
#include "carry.h"
#include "manifest.h"

static struct manifest m;
static char err[256];

static void two_payloads(void)
{
	memset(&m, 0, sizeof(m));
	m.file[MF_ROOTFS].size = 10000;
	m.nflash = 2;
	strcpy(m.flash[0].target, "kernel");
	m.flash[0].f.size = 5000;
	m.flash[0].same_as = -1;
	strcpy(m.flash[1].target, "rootfs");
	m.flash[1].f.size = 10000;
	m.flash[1].same_as = MF_ROOTFS;
}

static void test_plan(void **state)
{
	struct carry_layout l;

	(void)state;
	two_payloads();
	assert_int_equal(carry_plan(&m, 4096, 2000, NULL, &l, err, sizeof(err)), 0);
	/* Root image first, the index on the next page, then the kernel payload. */
	assert_int_equal(l.index_off, 12288);
	assert_int_equal(l.flash_off[0], 16384);
	assert_int_equal(l.flash_off[1], 0);
	assert_int_equal(l.total, 16384 + 8192);
	/* No flash lines: the region is the root image alone, as before. */
	m.nflash = 0;
	assert_int_equal(carry_plan(&m, 4096, 0, NULL, &l, err, sizeof(err)), 0);
	assert_int_equal(l.total, 12288);
	assert_int_equal(l.index_off, 0);
	assert_int_equal(carry_plan(&m, 3000, 0, NULL, &l, err, sizeof(err)), -1);
	m.nflash = 2;
	m.flash[0].f.size = UINT64_MAX - 100;
	assert_int_equal(carry_plan(&m, 4096, 2000, NULL, &l, err, sizeof(err)), -1);
}

/* A payload that starts like a DTB gets a header page before it (carry.h says why). */
static void test_plan_wrapped(void **state)
{
	struct carry_layout l;
	bool fdt[MANIFEST_FLASH_MAX] = { true, false };

	(void)state;
	two_payloads();
	assert_int_equal(carry_plan(&m, 4096, 2000, fdt, &l, err, sizeof(err)), 0);
	assert_true(l.wrapped[0]);
	assert_false(l.wrapped[1]);
	assert_int_equal(l.flash_off[0], 16384 + 4096);
	assert_int_equal(l.total, 16384 + 4096 + 8192);
}

static void test_index_round_trip(void **state)
{
	struct carry_layout l;
	struct carry_index ci;
	char buf[4096];
	int n;

	(void)state;
	two_payloads();
	assert_int_equal(carry_plan(&m, 4096, 2000, NULL, &l, err, sizeof(err)), 0);
	n = carry_format_index(&m, &l, "MANIFEST\n", 9, "SIG\n", 4, buf, sizeof(buf));
	assert_true(n > 0);
	assert_int_equal(carry_parse_index(buf, (size_t)n, &ci, err, sizeof(err)), 0);
	assert_int_equal(ci.nflash, 2);
	assert_string_equal(ci.target[0], "kernel");
	assert_int_equal(ci.offset[0], 16384);
	assert_int_equal(ci.offset[1], 0);
	assert_int_equal(ci.manifest_len, 9);
	assert_memory_equal(ci.manifest, "MANIFEST\n", 9);
	assert_int_equal(ci.sig_len, 4);
	assert_memory_equal(ci.sig, "SIG\n", 4);
	/* An unsigned (--insecure) trial carries no signature. */
	n = carry_format_index(&m, &l, "MANIFEST\n", 9, NULL, 0, buf, sizeof(buf));
	assert_int_equal(carry_parse_index(buf, (size_t)n, &ci, err, sizeof(err)), 0);
	assert_null(ci.sig);
	/* Cut short: the manifest would run past what was read. */
	assert_int_equal(carry_parse_index(buf, (size_t)n - 1, &ci, err, sizeof(err)), -1);
	assert_int_equal(carry_format_index(&m, &l, "MANIFEST\n", 9, NULL, 0, buf, 20), -1);
}

static void test_index_malformed(void **state)
{
	static const char *const bad[] = {
		"",
		"phramboot-carry 2\n",
		"phramboot-carry 1\nmanifest x\nsig 0\nend\n",
		"phramboot-carry 1\nmanifest 99999999\nsig 0\nend\n",
		"phramboot-carry 1\nmanifest 0\nsig 0\nflash K 0\nend\n",
		"phramboot-carry 1\nmanifest 0\nsig 0\nflash k -1\nend\n",
		"phramboot-carry 1\nmanifest 0\nsig 0\nflash k 0\n",
		"phramboot-carry 1\nmanifest 0\nsig 0\nbogus\nend\n",
	};
	struct carry_index ci;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(carry_parse_index(bad[i], strlen(bad[i]), &ci, err, sizeof(err)), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plan),
		cmocka_unit_test(test_plan_wrapped),
		cmocka_unit_test(test_index_round_trip),
		cmocka_unit_test(test_index_malformed),
	};

	return cmocka_run_group_tests_name("carry", tests, NULL, NULL);
}
