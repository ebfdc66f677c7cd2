/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>
#include <string.h>

#include "testutil.h"
#include "drill.h"
#include "drill_log.h"
#include "postmortem.h"

#define ID "0123456789abcdef"

static struct drill_rec start_rec(bool pstore)
{
	struct drill_rec r;

	memset(&r, 0, sizeof(r));
	strcpy(r.id, ID);
	r.step = 1;
	r.what = DRILL_STARTED;
	strcpy(r.kernel, "6.1.0-phramboot");
	strcpy(r.wd, "/dev/watchdog0");
	strcpy(r.driver, "i6300ESB_timer");
	r.timeout = 10;
	r.budget = 45;
	r.pstore = pstore;
	r.after = -1;
	return r;
}

static struct drill_rec res;
static char line[1024];

static void judge(const char *log, bool pstore)
{
	struct drill_rec s = start_rec(pstore);

	drill_judge(log, log ? strlen(log) : 0, &s, &res, NULL, 0);
	drill_describe(&res, line, sizeof(line));
}

#define DRILL_BOOT \
	"[    0.000000] Kernel command line: console=ttyAMA0 phramboot.trial=" ID " phramboot.drill=45\n" \
	"[    1.100000] " DRILL_LOG_STARTED ID " budget=45\n" \
	"[    1.100100] " DRILL_LOG_UP ID " up=1\n" \
	"[    2.100100] " DRILL_LOG_UP ID " up=2\n"

static void test_passed(void **state)
{
	(void)state;
	judge(DRILL_BOOT "[   17.100100] " DRILL_LOG_UP ID " up=17\n", true);
	assert_int_equal(res.what, DRILL_PASSED);
	assert_int_equal(res.step, 2);
	/* The reset came within the second after the last line. */
	assert_int_equal(res.after, 18);
	assert_err_has(line, "passed: the watchdog reset the board 18 s into drill " ID " (timeout 10 s)");
	assert_err_has(line, "kernel 6.1.0-phramboot, watchdog /dev/watchdog0 (i6300ESB_timer)");
	/* A log cut off in the middle of a line by the reset. */
	judge(DRILL_BOOT "[   3.1] " DRILL_LOG_UP ID " up=3", true);
	assert_int_equal(res.what, DRILL_PASSED);
	assert_int_equal(res.after, 4);
}

static void test_wd_stopped(void **state)
{
	(void)state;
	judge(DRILL_BOOT "[   45.0] " DRILL_LOG_GAVE_UP ID " up=45: rebooting\n"
	      "[   45.1] reboot: Restarting system\n", true);
	assert_int_equal(res.what, DRILL_WD_STOPPED);
	assert_err_has(line, "failed: the watchdog was stopped across kexec");
	assert_err_has(line, "waited 46 s");
	assert_err_has(line, "kernel-patches/");
	/* The advice names the device's own request, not a global knob. */
	assert_err_has(line, "1 to /sys/class/watchdog/watchdog0/keep_running_on_restart");
}

static void test_no_pstore(void **state)
{
	(void)state;
	/* Nothing survived, though a region was shared: RAM was cleared. */
	judge(NULL, true);
	assert_int_equal(res.what, DRILL_NO_PSTORE);
	assert_err_has(line, "failed: no pstore: the board came back");
	assert_err_has(line, "clears that RAM");
	/* No region was shared: what pstore holds is older than the drill. */
	judge("[ 1.0] " POSTMORTEM_STARTING_DRILL ID "\n[ 1.1] kexec_core: Starting new kernel\n", false);
	assert_int_equal(res.what, DRILL_NO_PSTORE);
	assert_err_has(line, "it has no ramoops region");
	judge(NULL, false);
	assert_int_equal(res.what, DRILL_NO_PSTORE);
}

static void test_no_start(void **state)
{
	(void)state;
	/* The launcher's own log: the payload's kernel never took the region over. */
	judge("[ 9.0] " POSTMORTEM_STARTING_DRILL ID "\n[ 9.1] kexec_core: Starting new kernel\n", true);
	assert_int_equal(res.what, DRILL_NO_START);
	assert_err_has(line, "failed: kexec did not start the drill payload " ID);
	/* Its kernel panicked before init ran. */
	judge("[ 0.0] Kernel command line: phramboot.trial=" ID "\n"
	      "[ 2.0] Kernel panic - not syncing: VFS: Unable to mount root fs\n", true);
	assert_int_equal(res.what, DRILL_NO_START);
}

static void test_panic_and_lost(void **state)
{
	(void)state;
	judge(DRILL_BOOT "[ 3.0] Kernel panic - not syncing: Oops\n", true);
	assert_int_equal(res.what, DRILL_PANIC);
	/* Another drill's lines, or another boot: not this drill's log. */
	judge("[ 1.1] " DRILL_LOG_STARTED "fedcba9876543210 budget=45\n"
	      "[ 1.2] " DRILL_LOG_UP "fedcba9876543210 up=5\n", true);
	assert_int_equal(res.what, DRILL_LOST);
	assert_err_has(line, "the board was rebooted since");
	/* An id that only starts like this one's. */
	judge("[ 1.1] " DRILL_LOG_UP ID "00 up=5\n", true);
	assert_int_equal(res.what, DRILL_LOST);
}

static void test_record_round_trip(void **state)
{
	struct drill_rec r = start_rec(true), back;
	char head[64], detail[512], text[600];

	(void)state;
	assert_int_equal(drill_rec_format(&r, head, sizeof(head), detail, sizeof(detail)), 0);
	assert_string_equal(head, "drill " ID " - 1/2");
	snprintf(text, sizeof(text), "%s sv=3 %s", head, detail);
	assert_int_equal(drill_rec_parse(text, &back), 0);
	assert_int_equal(back.what, DRILL_STARTED);
	assert_string_equal(back.kernel, "6.1.0-phramboot");
	assert_string_equal(back.wd, "/dev/watchdog0");
	assert_string_equal(back.driver, "i6300ESB_timer");
	assert_int_equal(back.timeout, 10);
	assert_int_equal(back.budget, 45);
	assert_true(back.pstore);
	assert_int_equal(back.after, -1);
	/* Blanks in a driver name would split the record: they become '_'. */
	strcpy(r.driver, "IB700 WDT");
	r.what = DRILL_PASSED;
	r.after = 12;
	assert_int_equal(drill_rec_format(&r, head, sizeof(head), detail, sizeof(detail)), 0);
	assert_string_equal(head, "drill " ID " - 2/2");
	snprintf(text, sizeof(text), "%s sv=0 %s", head, detail);
	assert_int_equal(drill_rec_parse(text, &back), 0);
	assert_string_equal(back.driver, "IB700_WDT");
	assert_int_equal(back.after, 12);
	assert_int_equal(back.what, DRILL_PASSED);
}

static void test_record_refusals(void **state)
{
	struct drill_rec r;

	(void)state;
	/* Commit records, and drill records that make no sense. */
	assert_int_equal(drill_rec_parse("done " ID " a 5/5 sv=2 new=2", &r), -1);
	assert_int_equal(drill_rec_parse("drill " ID " - 1/2 sv=0 passed kernel=x", &r), -1);
	assert_int_equal(drill_rec_parse("drill " ID " - 2/2 sv=0 started kernel=x", &r), -1);
	assert_int_equal(drill_rec_parse("drill " ID " - 3/2 sv=0 passed", &r), -1);
	assert_int_equal(drill_rec_parse("drill " ID " - 2/2 sv=0 exploded", &r), -1);
	assert_int_equal(drill_rec_parse("drill " ID " - 2/2 sv=0 passed after=12x", &r), -1);
	assert_int_equal(drill_rec_parse("drill " ID " - 2/2 sv=0 passed after=99999999999", &r), -1);
	assert_int_equal(drill_rec_parse("drill " ID " - 2/2 sv=0 passed noequals", &r), -1);
	/* A later phramboot's key is ignored. */
	assert_int_equal(drill_rec_parse("drill " ID " - 2/2 sv=0 passed future=1 after=3", &r), 0);
	assert_int_equal(r.after, 3);
	assert_string_equal(r.kernel, "-");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_passed),
		cmocka_unit_test(test_wd_stopped),
		cmocka_unit_test(test_no_pstore),
		cmocka_unit_test(test_no_start),
		cmocka_unit_test(test_panic_and_lost),
		cmocka_unit_test(test_record_round_trip),
		cmocka_unit_test(test_record_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
