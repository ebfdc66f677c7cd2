/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <linux/watchdog.h>

#include "testutil.h"
#include "status.h"

static void test_trial_id(void **state)
{
	char id[32];

	(void)state;
	assert_false(status_trial_id("console=ttyS0 root=/dev/sda1\n", id, sizeof(id)));
	assert_true(status_trial_id("root=/dev/mtdblock0 phramboot.trial=0123abcd panic=5\n", id, sizeof(id)));
	assert_string_equal(id, "0123abcd");
	assert_true(status_trial_id("phramboot.trial=aa\n", id, sizeof(id)));
	assert_string_equal(id, "aa");
	/* Not a parameter of its own: xphramboot.trial= does not count. */
	assert_false(status_trial_id("xphramboot.trial=aa", id, sizeof(id)));
	/* The last one wins, as in the kernel. */
	assert_true(status_trial_id("phramboot.trial=aa phramboot.trial=bb", id, sizeof(id)));
	assert_string_equal(id, "bb");
	assert_true(status_trial_id("phramboot.trial=0123456789abcdef0123", id, 8));
	assert_string_equal(id, "0123456");
}

static void test_format(void **state)
{
	struct wdarm_info info = { .dev = "/dev/watchdog0", .identity = "i6300ESB timer",
				   .bootstatus = WDIOF_CARDRESET, .timeout = 30, .core = true,
				   .state = "inactive", .keep = "0" };
	char out[1024];

	(void)state;
	status_format("root=/dev/sda1", &info, NULL, out, sizeof(out));
	assert_err_has(out, "trial: no\n");
	assert_err_has(out, "watchdog: /dev/watchdog0 (i6300ESB timer)\n");
	assert_err_has(out, "watchdog state: inactive, timeout 30 s\n");
	assert_err_has(out, "keep across kexec: no\n");
	assert_err_has(out, "last reset: watchdog (bootstatus 0x20): a trial was rolled back\n");
	info.bootstatus = 0;
	info.keep_across_kexec = true;
	info.keep[0] = '1';
	status_format("phramboot.trial=abc", &info, NULL, out, sizeof(out));
	assert_err_has(out, "trial: yes, bundle abc\n");
	assert_err_has(out, "keep across kexec: yes\n");
	assert_err_has(out, "last reset: not by the watchdog");
	status_format("", NULL, "no watchdog device", out, sizeof(out));
	assert_err_has(out, "watchdog: none (no watchdog device)\n");
	info.core = false;
	info.keep_across_kexec = false;
	info.keep[0] = '\0';
	status_format("", &info, NULL, out, sizeof(out));
	assert_err_has(out, "keep across kexec: unsupported (no keep_running_on_restart: ");
	assert_err_has(out, "does not report boot status");
	/* A short buffer truncates but stays a string. */
	status_format("", &info, NULL, out, 20);
	assert_true(strlen(out) < 20);
}

/* A trial's log reaches the operator's terminal: no control sequence may pass. */
static void test_escape(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(status_escape("ok\tline\n", 8, out, sizeof(out)), 8);
	assert_string_equal(out, "ok\tline\n");
	status_escape("\x1b]0;owned\x07\rX\x7f\\", 14, out, sizeof(out));
	assert_string_equal(out, "\\x1b]0;owned\\x07\\x0dX\\x7f\\\\");
	/* Bytes of UTF-8 pass as they are. */
	status_escape("caf\xc3\xa9", 5, out, sizeof(out));
	assert_string_equal(out, "caf\xc3\xa9");
	/* A full buffer stops at a whole escape and stays terminated. */
	assert_int_equal(status_escape("\x1b\x1b", 2, out, 6), 4);
	assert_string_equal(out, "\\x1b");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_trial_id),
		cmocka_unit_test(test_format),
	};

	return cmocka_run_group_tests_name("status", tests, NULL, NULL);
}
