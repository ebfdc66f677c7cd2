/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <elf.h>

#include "testutil.h"
#include "bootargs.h"

static char err[256], out[8192];

static struct bootargs_req base(void)
{
	return (struct bootargs_req){
		.extra = "console=ttyS0,115200", .describe = DESCRIBE_DT, .machine = EM_MIPS,
		.addr = 0x0f000000, .size = 0x800000, .open_timeout = 60, .panic = 5,
		.trial_id = "0123456789abcdef", .limit = 4096,
	};
}

static void test_dt_mode(void **state)
{
	struct bootargs_req r = base();

	(void)state;
	assert_int_equal(bootargs_build(&r, out, sizeof(out), err, sizeof(err)), 0);
	assert_string_equal(out, "console=ttyS0,115200 root=/dev/mtdblock0 rootfstype=squashfs "
			    "watchdog.open_timeout=60 panic=5 phramboot.trial=0123456789abcdef");
	r.extra = NULL;
	r.open_timeout = -1;
	assert_int_equal(bootargs_build(&r, out, sizeof(out), err, sizeof(err)), 0);
	assert_string_equal(out, "root=/dev/mtdblock0 rootfstype=squashfs panic=5 phramboot.trial=0123456789abcdef");
	r.extra = "   spaced   ";
	assert_int_equal(bootargs_build(&r, out, sizeof(out), err, sizeof(err)), 0);
	assert_true(!strncmp(out, "spaced root=", 12));
	/* A board whose flash is mtd0..mtd8: the trial's phram is mtd9. */
	r.extra = NULL;
	r.root_mtd = 9;
	assert_int_equal(bootargs_build(&r, out, sizeof(out), err, sizeof(err)), 0);
	assert_string_equal(out, "root=/dev/mtdblock9 rootfstype=squashfs panic=5 phramboot.trial=0123456789abcdef");
}

static void test_cmdline_mode(void **state)
{
	struct bootargs_req r = base();

	(void)state;
	r.describe = DESCRIBE_CMDLINE;
	r.extra = "";
	assert_int_equal(bootargs_build(&r, out, sizeof(out), err, sizeof(err)), 0);
	assert_string_equal(out, "memmap=0x800000$0xf000000 phram.phram=phram0,0xf000000,0x800000 "
			    "mtdparts=phram0:0x800000(rootfs) root=/dev/mtdblock0 rootfstype=squashfs "
			    "watchdog.open_timeout=60 panic=5 phramboot.trial=0123456789abcdef");
	r.machine = EM_ARM;
	r.ram_base = 0x40000000;
	r.addr = 0x6f800000;
	assert_int_equal(bootargs_build(&r, out, sizeof(out), err, sizeof(err)), 0);
	assert_true(!strncmp(out, "mem=0x2f800000@0x40000000 phram.phram=phram0,0x6f800000,", 56));
	r.machine = EM_X86_64;
	assert_int_equal(bootargs_build(&r, out, sizeof(out), err, sizeof(err)), -1);
	assert_err_has(err, "mips and arm only");
}

static void test_quoting(void **state)
{
	struct bootargs_req r = base();

	(void)state;
	/* Quoted values with spaces pass through untouched: the kernel parses them. */
	r.extra = "init=/bin/sh foo=\"a b c\" \"bar=x y\"";
	assert_int_equal(bootargs_build(&r, out, sizeof(out), err, sizeof(err)), 0);
	assert_true(!strncmp(out, "init=/bin/sh foo=\"a b c\" \"bar=x y\" root=", 40));
	/* An open quote would swallow root= and the trial marker. */
	r.extra = "foo=\"a b";
	assert_int_equal(bootargs_build(&r, out, sizeof(out), err, sizeof(err)), -1);
	assert_err_has(err, "unbalanced double quote");
	r.extra = "a\nb";
	assert_int_equal(bootargs_build(&r, out, sizeof(out), err, sizeof(err)), -1);
	assert_err_has(err, "non-printable");
	r.extra = "caf\xc3\xa9";
	assert_int_equal(bootargs_build(&r, out, sizeof(out), err, sizeof(err)), -1);
	assert_int_equal(bootargs_check("a 'b' \"c d\"", err, sizeof(err)), 0);
	/* A bare "--" hands what follows, phramboot's own parameters, to init. */
	r.extra = "console=ttyS0 -- single";
	assert_int_equal(bootargs_build(&r, out, sizeof(out), err, sizeof(err)), -1);
	assert_err_has(err, "bare \"--\" at offset 14");
	assert_int_equal(bootargs_check("--", err, sizeof(err)), -1);
	assert_int_equal(bootargs_check("a --", err, sizeof(err)), -1);
	/* Not bare: part of a word, or inside quotes. */
	assert_int_equal(bootargs_check("a --b c-- x=\"-- y\"", err, sizeof(err)), 0);
	r = base();
	r.trial_id = "ABC; rm";
	assert_int_equal(bootargs_build(&r, out, sizeof(out), err, sizeof(err)), -1);
}

static void test_length_limit(void **state)
{
	static char big[5000];
	struct bootargs_req r = base();
	size_t fixed;

	(void)state;
	r.extra = "";
	assert_int_equal(bootargs_build(&r, out, sizeof(out), err, sizeof(err)), 0);
	fixed = strlen(out) + 1;	/* the separating space */
	/* Exactly COMMAND_LINE_SIZE - 1 characters fit; one more does not. */
	memset(big, 'x', sizeof(big));
	big[1024 - 1 - fixed] = '\0';
	r.extra = big;
	r.machine = EM_ARM;
	r.limit = 1024;
	assert_int_equal(bootargs_build(&r, out, sizeof(out), err, sizeof(err)), 0);
	assert_int_equal(strlen(out), 1023);
	big[1024 - 1 - fixed] = 'x';
	big[1024 - fixed] = '\0';
	assert_int_equal(bootargs_build(&r, out, sizeof(out), err, sizeof(err)), -1);
	assert_err_has(err, "needs about 1025 bytes but the kernel accepts at most 1024");
	/* Longer than the output buffer itself: still one clear error. */
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(bootargs_build(&r, out, 2048, err, sizeof(err)), -1);
	assert_err_has(err, "at most 1024");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dt_mode),
		cmocka_unit_test(test_cmdline_mode),
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_length_limit),
	};

	return cmocka_run_group_tests_name("bootargs", tests, NULL, NULL);
}
