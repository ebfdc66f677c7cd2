/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <string.h>

#include "testutil.h"
#include "postmortem.h"

static struct postmortem pm;
static char line[512];

static void judge(const char *log, const char *this_trial, size_t tail)
{
	postmortem_judge(log, strlen(log), this_trial, tail, &pm);
	postmortem_describe(&pm, line, sizeof(line));
}

#define TRIAL_BOOT \
	"[    0.000000] Linux version 6.1.0\n" \
	"[    0.000000] Kernel command line: console=ttyS0 root=/dev/mtdblock0 phramboot.trial=0123abcd panic=5\n" \
	"[    1.200000] pstore: Registered ramoops as persistent store backend\n"

static void test_trial_panic(void **state)
{
	(void)state;
	judge(TRIAL_BOOT
	      "[    2.000000] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(31,0)\n"
	      "[    2.000100] CPU: 0 PID: 1 Comm: swapper Not tainted 6.1.0\n"
	      "[    2.000200] ---[ end Kernel panic - not syncing: VFS: Unable to mount root fs ]---\n",
	      NULL, 2);
	assert_int_equal(pm.verdict, PM_TRIAL_PANIC);
	assert_string_equal(pm.trial_id, "0123abcd");
	assert_string_equal(pm.panic, "VFS: Unable to mount root fs on unknown-block(31,0)");
	assert_err_has(line, "trial 0123abcd failed: kernel panic: VFS: Unable to mount root fs");
	assert_int_equal(pm.lines, 6);
	assert_int_equal(pm.tail_lines, 2);
}

static void test_trial_hang_and_tail(void **state)
{
	const char *log = TRIAL_BOOT "@@ trial: hanging now, never petting\n";

	(void)state;
	judge(log, NULL, 15);
	assert_int_equal(pm.verdict, PM_TRIAL_NO_END);
	assert_err_has(line, "trial 0123abcd failed: it never shut down");
	/* Fewer lines than asked: the tail is the whole log. */
	assert_int_equal(pm.tail_lines, 4);
	assert_int_equal(pm.tail_off, 0);
	judge(log, NULL, 1);
	assert_int_equal(pm.tail_lines, 1);
	assert_string_equal(log + pm.tail_off, "@@ trial: hanging now, never petting\n");
	/* No final newline (a log cut off by the reset) still ends a line. */
	judge(TRIAL_BOOT "half a li", NULL, 1);
	assert_int_equal(pm.verdict, PM_TRIAL_NO_END);
	assert_int_equal(pm.lines, 4);
	assert_string_equal(TRIAL_BOOT "half a li" + pm.tail_off, "half a li");
	judge(TRIAL_BOOT, NULL, 0);
	assert_int_equal(pm.tail_lines, 0);
}

static void test_trial_clean(void **state)
{
	(void)state;
	judge(TRIAL_BOOT "@@ trial ok\n[   40.0] reboot: Restarting system\n", NULL, 15);
	assert_int_equal(pm.verdict, PM_TRIAL_CLEAN);
	assert_string_equal(line, "trial 0123abcd ended cleanly (reboot: Restarting system)");
	judge(TRIAL_BOOT "[   40.0] reboot: Power down\n", NULL, 15);
	assert_int_equal(pm.verdict, PM_TRIAL_CLEAN);
	/* A panic wins over a clean line printed before it. */
	judge(TRIAL_BOOT "reboot: Restarting system\nKernel panic - not syncing: oops\n", NULL, 15);
	assert_int_equal(pm.verdict, PM_TRIAL_PANIC);
}

#define OLD_BOOT \
	"[    0.000000] Kernel command line: console=ttyS0 mem=255M\n" \
	"[    5.000000] random: crng init done\n"

static void test_not_a_trial(void **state)
{
	(void)state;
	judge(OLD_BOOT "[   60.0] reboot: Restarting system\n", NULL, 15);
	assert_int_equal(pm.verdict, PM_NOT_TRIAL);
	assert_string_equal(line, "not a trial");
	judge(OLD_BOOT "Kernel panic - not syncing: Attempted to kill init!\n", NULL, 15);
	assert_int_equal(pm.verdict, PM_NOT_TRIAL);
	assert_string_equal(line, "not a trial; it panicked: Attempted to kill init!");
	judge("", NULL, 15);
	assert_int_equal(pm.verdict, PM_NOT_TRIAL);
	assert_int_equal(pm.lines, 0);
	assert_int_equal(pm.tail_lines, 0);
	/* The marker must be a parameter of its own. */
	judge("Kernel command line: xphramboot.trial=1\n", NULL, 15);
	assert_int_equal(pm.verdict, PM_NOT_TRIAL);
}

static void test_launcher_and_silent_trial(void **state)
{
	const char *log = OLD_BOOT "[   9.0] " POSTMORTEM_STARTING "0123abcd\n"
			  "[   9.5] kexec_core: Starting new kernel\n";

	(void)state;
	/* Seen from the old firmware after the reset: the trial never logged a line. */
	judge(log, NULL, 15);
	assert_int_equal(pm.verdict, PM_TRIAL_NO_LOG);
	assert_string_equal(pm.trial_id, "0123abcd");
	assert_err_has(line, "trial 0123abcd failed before its kernel started pstore");
	/* Seen from inside that trial: the log is its launcher's. */
	judge(log, "0123abcd", 15);
	assert_int_equal(pm.verdict, PM_LAUNCHER);
	/* kexec -e failed and the old system went on: nothing was started. */
	judge(OLD_BOOT POSTMORTEM_STARTING "0123abcd\nphramboot: fatal: unable to execute\n", NULL, 15);
	assert_int_equal(pm.verdict, PM_NOT_TRIAL);
}

static void test_drill_boot(void **state)
{
	(void)state;
	/* A drill's payload never shuts down either; drill.c judges it, not this. */
	judge("[0.0] Kernel command line: console=ttyS0 phramboot.trial=0123abcd phramboot.drill=45\n"
	      "[1.0] phramboot-drill: started 0123abcd budget=45\n", NULL, 15);
	assert_int_equal(pm.verdict, PM_DRILL);
	assert_err_has(line, "drill 0123abcd (the drill: line says how it went)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_drill_boot),
		cmocka_unit_test(test_trial_panic),
		cmocka_unit_test(test_trial_hang_and_tail),
		cmocka_unit_test(test_trial_clean),
		cmocka_unit_test(test_not_a_trial),
		cmocka_unit_test(test_launcher_and_silent_trial),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
