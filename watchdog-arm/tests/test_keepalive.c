// SPDX-License-Identifier: GPL-2.0-or-later
/* The keepalive's decisions; the loop itself runs in QEMU (qemu-tests/). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>
#include <cmocka.h>

#include "keepalive.h"

/* Not called here; keepalive.c links the module, whose ioctl is wrapped for all tests. */
int __wrap_ioctl(int fd, unsigned long req, ...);
int __wrap_ioctl(int fd, unsigned long req, ...)
{
	(void)fd;
	(void)req;
	return -1;
}

#define EXITED(code) ((code) << 8)
#define KILLED(sig) (sig)

static void pets_while_healthy(void **s)
{
	bool failed = false;

	(void)s;
	assert_int_equal(ka_decide(&failed, EXITED(0)), KA_PET);
	assert_int_equal(ka_decide(&failed, EXITED(0)), KA_PET);
	assert_false(failed);
}

static void stops_on_failure_and_stays_stopped(void **s)
{
	bool failed = false;

	(void)s;
	assert_int_equal(ka_decide(&failed, EXITED(1)), KA_STOP);
	assert_true(failed);
	/* A recovered check must not bring the petting back: the reset is the point. */
	assert_int_equal(ka_decide(&failed, EXITED(0)), KA_STOP);
}

static void stops_when_check_killed_or_missing(void **s)
{
	bool failed = false;

	(void)s;
	assert_true(WIFSIGNALED(KILLED(9)));
	assert_int_equal(ka_decide(&failed, KILLED(9)), KA_STOP);
	failed = false;
	assert_int_equal(ka_decide(&failed, EXITED(127)), KA_STOP);
}

static void intervals(void **s)
{
	(void)s;
	assert_int_equal(ka_interval(30, -1), 10);
	assert_int_equal(ka_interval(10, -1), 3);
	assert_int_equal(ka_interval(2, -1), 1);
	assert_int_equal(ka_interval(1, -1), 1);
	assert_int_equal(ka_interval(-1, -1), 1);
	assert_int_equal(ka_interval(30, 5), 5);
	assert_int_equal(ka_interval(30, 30), -1);
	assert_int_equal(ka_interval(-1, 7), 7);
}

static void describes_status(void **s)
{
	char buf[48];

	(void)s;
	ka_describe_status(EXITED(1), buf, sizeof(buf));
	assert_string_equal(buf, "exit 1");
	ka_describe_status(KILLED(9), buf, sizeof(buf));
	assert_string_equal(buf, "killed by signal 9");
}

static void test_then_due(void **state)
{
	(void)state;
	assert_false(ka_then_due(false, false, 29999, 30));
	assert_true(ka_then_due(false, false, 30000, 30));
	/* Once only, never after a failed check, never without --healthy-for. */
	assert_false(ka_then_due(false, true, 60000, 30));
	assert_false(ka_then_due(true, false, 60000, 30));
	assert_false(ka_then_due(false, false, 60000, -1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_then_due),
		cmocka_unit_test(pets_while_healthy),
		cmocka_unit_test(stops_on_failure_and_stays_stopped),
		cmocka_unit_test(stops_when_check_killed_or_missing),
		cmocka_unit_test(intervals), cmocka_unit_test(describes_status),
	};

	return cmocka_run_group_tests_name("keepalive", tests, NULL, NULL);
}
