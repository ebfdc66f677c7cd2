// SPDX-License-Identifier: GPL-2.0-or-later
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "cli.h"

static struct cli_args a;
static char err[256];

#define PARSE(...) parse((char *const[]){ "watchdog-arm", __VA_ARGS__, NULL })

static int parse(char *const argv[])
{
	int argc = 0;

	while (argv[argc])
		argc++;
	err[0] = '\0';
	return cli_parse(argc, argv, &a, err, sizeof(err));
}

static void arm_short_and_long(void **s)
{
	(void)s;
	assert_int_equal(PARSE("-t", "10"), 0);
	assert_int_equal(a.mode, CLI_ARM);
	assert_int_equal(a.timeout, 10);
	assert_null(a.dev);
	assert_false(a.no_continuity);
	assert_int_equal(PARSE("--timeout=12", "--dev", "/dev/watchdog1",
			       "--no-kexec-continuity"), 0);
	assert_int_equal(a.timeout, 12);
	assert_string_equal(a.dev, "/dev/watchdog1");
	assert_true(a.no_continuity);
	assert_int_equal(PARSE("-d", "/dev/watchdog", "--timeout", "5"), 0);
	assert_string_equal(a.dev, "/dev/watchdog");
}

static void bad_numbers(void **s)
{
	(void)s;
	assert_int_equal(PARSE("-t", "abc"), -1);
	assert_string_equal(err, "bad -t value 'abc': want whole seconds from 1 to 86400");
	assert_int_equal(PARSE("-t", "0"), -1);
	assert_int_equal(PARSE("-t", "-5"), -1);
	assert_int_equal(PARSE("-t", "10s"), -1);
	assert_int_equal(PARSE("-t", "99999999999999999999"), -1);
	assert_int_equal(PARSE("--timeout="), -1);
	assert_int_equal(PARSE("-t"), -1);
	assert_string_equal(err, "option -t needs a value");
}

static void nothing_to_do(void **s)
{
	(void)s;
	assert_int_equal(parse((char *const[]){ "watchdog-arm", NULL }), -1);
	assert_non_null(strstr(err, "nothing to do"));
	assert_int_equal(PARSE("-d", "/dev/watchdog"), -1);
}

static void unknown_argument(void **s)
{
	(void)s;
	assert_int_equal(PARSE("-t", "10", "--frobnicate"), -1);
	assert_string_equal(err, "unknown argument '--frobnicate' (see --help)");
	assert_int_equal(PARSE("--timeoutx=3"), -1);
}

static void modes(void **s)
{
	(void)s;
	assert_int_equal(PARSE("--disarm"), 0);
	assert_int_equal(a.mode, CLI_DISARM);
	assert_int_equal(PARSE("--query", "--open"), 0);
	assert_int_equal(a.mode, CLI_QUERY);
	assert_true(a.open);
	assert_int_equal(PARSE("--keepalive", "--health", "test -e /ok", "--interval=3"), 0);
	assert_int_equal(a.mode, CLI_KEEPALIVE);
	assert_string_equal(a.health, "test -e /ok");
	assert_int_equal(a.interval, 3);
	assert_int_equal(a.timeout, -1);
	assert_int_equal(PARSE("--keepalive", "-t", "30"), 0);
	assert_int_equal(a.timeout, 30);
	assert_int_equal(PARSE("-t", "3", "--help"), 0);
	assert_int_equal(a.mode, CLI_HELP);
	assert_int_equal(PARSE("--version"), 0);
	assert_int_equal(a.mode, CLI_VERSION);
}

static void conflicts(void **s)
{
	(void)s;
	assert_int_equal(PARSE("--disarm", "--keepalive"), -1);
	assert_non_null(strstr(err, "exclude each other"));
	assert_int_equal(PARSE("-t", "10", "--health", "true"), -1);
	assert_string_equal(err, "--health and --interval need --keepalive");
	assert_int_equal(PARSE("--disarm", "--no-kexec-continuity"), -1);
	assert_int_equal(PARSE("-t", "10", "--open"), -1);
	assert_int_equal(PARSE("--disarm", "-t", "10"), -1);
	assert_int_equal(PARSE("--keepalive", "-t", "9", "--interval", "9"), -1);
	assert_string_equal(err, "--interval 9 must be shorter than the timeout 9 s");
	assert_int_equal(PARSE("--keepalive", "--health", ""), -1);
}

static void healthy_for_then(void **s)
{
	(void)s;
	assert_int_equal(PARSE("--keepalive", "--health", "true", "--healthy-for", "30",
			       "--then", "phramboot commit"), 0);
	assert_int_equal(a.healthy_for, 30);
	assert_string_equal(a.then, "phramboot commit");
	assert_int_equal(PARSE("--keepalive", "--then", "phramboot commit"), -1);
	assert_non_null(strstr(err, "go together"));
	assert_int_equal(PARSE("--keepalive", "--healthy-for", "30"), -1);
	assert_int_equal(PARSE("-t", "10", "--healthy-for", "30", "--then", "x"), -1);
	assert_non_null(strstr(err, "need --keepalive"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(healthy_for_then),
		cmocka_unit_test(arm_short_and_long), cmocka_unit_test(bad_numbers),
		cmocka_unit_test(nothing_to_do), cmocka_unit_test(unknown_argument),
		cmocka_unit_test(modes), cmocka_unit_test(conflicts),
	};

	return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
