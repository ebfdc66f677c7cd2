/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "testutil.h"
#include "kexec_argv.h"

static void test_load_argv(void **state)
{
	struct kexec_plan p = { "/sbin/kexec", "/proc/self/fd/3", "/tmp/phramboot-ab.dtb",
				"/proc/self/fd/5", 0x0f000000, "root=/dev/mtdblock0 foo=\"a b\"" };
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
	struct kexec_plan p = { "/sbin/kexec", "k", "d", "r", 0, big };
	struct kexec_argv a;

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
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
		cmocka_unit_test(test_quote),
	};

	return cmocka_run_group_tests_name("kexec_argv", tests, NULL, NULL);
}
