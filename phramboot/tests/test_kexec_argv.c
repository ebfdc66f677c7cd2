/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "testutil.h"
#include "kexec_argv.h"

static void test_load_argv(void **state)
{
	struct kexec_plan p = { .kexec = "/sbin/kexec", .kernel = "/proc/self/fd/3",
				.dtb = "/tmp/phramboot-ab.dtb", .rootfs = "/proc/self/fd/5",
				.addr = 0x0f000000, .bootargs = "root=/dev/mtdblock0 foo=\"a b\"" };
	struct kexec_argv a;

	(void)state;
	assert_int_equal(kexec_argv_load(&a, &p), 0);
	assert_string_equal(a.argv[0], "/sbin/kexec");
	assert_string_equal(a.argv[1], "-l");
	assert_string_equal(a.argv[2], "/proc/self/fd/3");
	assert_string_equal(a.argv[3], "--dtb=/tmp/phramboot-ab.dtb");
	assert_string_equal(a.argv[4], "--map-file=/proc/self/fd/5@0xf000000");
	/* One argv word, quotes and all: no shell in between. */
	assert_string_equal(a.argv[5], "--append=root=/dev/mtdblock0 foo=\"a b\"");
	assert_null(a.argv[6]);
	kexec_argv_exec(&a, "/sbin/kexec");
	assert_string_equal(a.argv[1], "-e");
	assert_null(a.argv[2]);
}

static void test_too_long(void **state)
{
	static char big[5000];
	struct kexec_plan p = { .kexec = "/sbin/kexec", .kernel = "k", .dtb = "d", .rootfs = "r",
				.bootargs = big };
	struct kexec_argv a;

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	assert_int_equal(kexec_argv_load(&a, &p), -1);
}

/* The carry index and flash payloads: more --map-file words, before --append. */
static void test_extra_maps(void **state)
{
	struct kexec_plan p = { .kexec = "/sbin/kexec", .kernel = "k", .dtb = "d", .rootfs = "r",
				.addr = 0x10000000, .bootargs = "x", .nextra = 2,
				.extra = { { "/tmp/i.carry", 0x10400000 }, { "/proc/self/fd/7", 0x10401000 } } };
	struct kexec_argv a;

	(void)state;
	assert_int_equal(kexec_argv_load(&a, &p), 0);
	assert_string_equal(a.argv[4], "--map-file=r@0x10000000");
	assert_string_equal(a.argv[5], "--map-file=/tmp/i.carry@0x10400000");
	assert_string_equal(a.argv[6], "--map-file=/proc/self/fd/7@0x10401000");
	assert_string_equal(a.argv[7], "--append=x");
	assert_null(a.argv[8]);
	p.nextra = KEXEC_EXTRA_MAPS + 1;
	assert_int_equal(kexec_argv_load(&a, &p), -1);
}

static void test_quote(void **state)
{
	char *argv[] = { (char *)"/sbin/kexec", (char *)"--append=a \"b c\" it's", (char *)"", (char *)"x$y", NULL };
	char buf[256];

	(void)state;
	assert_int_equal(kexec_argv_quote(argv, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "/sbin/kexec '--append=a \"b c\" it'\\''s' '' 'x$y'");
	assert_int_equal(kexec_argv_quote(argv, buf, 10), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_argv),
		cmocka_unit_test(test_too_long),
		cmocka_unit_test(test_extra_maps),
		cmocka_unit_test(test_quote),
	};

	return cmocka_run_group_tests_name("kexec_argv", tests, NULL, NULL);
}
