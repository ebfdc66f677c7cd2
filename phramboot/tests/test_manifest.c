/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <elf.h>
#include <stdio.h>

#include "testutil.h"
#include "manifest.h"

#define H1 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define H2 "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"
#define GOOD \
	"phramboot-manifest 1\n" \
	"kernel kernel 6123456 " H1 "\n" \
	"dtb dtb 1234 " H2 "\n" \
	"rootfs rootfs 8388608 " H1 "\n" \
	"arch mips 32 little elf\n" \
	"append console=ttyS0,115200 foo=\"a b\"\n"

static struct manifest m;
static char err[256];

static int parse(const char *s)
{
	return manifest_parse(s, strlen(s), &m, err, sizeof(err));
}

/* GOOD with the first occurrence of from replaced by to. */
static int parse_edit(const char *from, const char *to)
{
	static char buf[4096];
	const char *p = strstr(GOOD, from);

	assert_non_null(p);
	snprintf(buf, sizeof(buf), "%.*s%s%s", (int)(p - GOOD), GOOD, to, p + strlen(from));
	return parse(buf);
}

static void test_good(void **state)
{
	(void)state;
	assert_int_equal(parse(GOOD), 0);
	assert_string_equal(m.file[MF_KERNEL].name, "kernel");
	assert_int_equal(m.file[MF_KERNEL].size, 6123456);
	assert_int_equal(m.file[MF_ROOTFS].size, 8388608);
	assert_int_equal(m.file[MF_DTB].sha256[0], 0xfe);
	assert_int_equal(m.file[MF_DTB].sha256[31], 0x10);
	assert_int_equal(m.arch.machine, EM_MIPS);
	assert_int_equal(m.arch.bits, 32);
	assert_false(m.arch.big_endian);
	assert_string_equal(m.append, "console=ttyS0,115200 foo=\"a b\"");
}

static void test_round_trip(void **state)
{
	char buf[MANIFEST_MAX];
	struct manifest m2;

	(void)state;
	assert_int_equal(parse(GOOD), 0);
	assert_int_equal(manifest_format(&m, buf, sizeof(buf)), (int)strlen(GOOD));
	assert_string_equal(buf, GOOD);
	assert_int_equal(manifest_parse(buf, strlen(buf), &m2, err, sizeof(err)), 0);
	assert_memory_equal(&m, &m2, sizeof(m));
	/* Too small a buffer is an error, not a truncated manifest. */
	assert_int_equal(manifest_format(&m, buf, 40), -1);
}

static void test_empty_append_and_order(void **state)
{
	(void)state;
	assert_int_equal(parse_edit("append console=ttyS0,115200 foo=\"a b\"\n", "append\n"), 0);
	assert_string_equal(m.append, "");
	assert_int_equal(parse("phramboot-manifest 1\n"
			       "append \n"
			       "arch arm 32 little zimage\n"
			       "rootfs r 4096 " H1 "\n"
			       "dtb d 1 " H1 "\n"
			       "kernel k 1 " H1 "\n"), 0);
	assert_int_equal(m.arch.format, KFMT_ZIMAGE);
}

static void test_malformed(void **state)
{
	(void)state;
	assert_int_equal(parse(""), -1);
	assert_int_equal(parse("\n"), -1);
	assert_int_equal(parse("hello\n"), -1);
	assert_err_has(err, "not a phramboot manifest");
	assert_int_equal(parse_edit("manifest 1", "manifest 3"), -1);
	assert_err_has(err, "version 3 is not supported");
	/* No final newline: truncated in transit. */
	assert_int_equal(manifest_parse(GOOD, strlen(GOOD) - 1, &m, err, sizeof(err)), -1);
	assert_err_has(err, "truncated");
	assert_int_equal(parse_edit("dtb dtb", "dtb d/tb"), -1);
	assert_int_equal(parse_edit("dtb dtb", "dtb .."), -1);
	assert_int_equal(parse_edit("dtb dtb 1234", "dtb dtb 12x4"), -1);
	assert_int_equal(parse_edit("dtb dtb 1234", "dtb dtb -1234"), -1);
	assert_int_equal(parse_edit("dtb dtb 1234", "dtb dtb 01234"), -1);
	assert_int_equal(parse_edit("dtb dtb 1234 fedc", "dtb dtb 1234 FEDC"), -1);
	assert_err_has(err, "lower-case hex");
	assert_int_equal(parse_edit("dtb dtb 1234 fedc", "dtb dtb 1234 fed"), -1);
	assert_int_equal(parse_edit(H2 "\n", H2 " extra\n"), -1);
	assert_int_equal(parse_edit("arch mips 32 little elf", "arch mips 32 little"), -1);
	assert_int_equal(parse_edit("arch mips 32", "arch vax 32"), -1);
	assert_int_equal(parse_edit("arch mips 32", "arch mips 16"), -1);
	assert_int_equal(parse_edit("little elf", "middle elf"), -1);
	assert_int_equal(parse_edit("little elf", "little coff"), -1);
	assert_int_equal(parse_edit("arch", "arch\t"), -1);
	assert_err_has(err, "control character");
	assert_int_equal(parse_edit("dtb dtb", "\ndtb dtb"), -1);
	assert_err_has(err, "empty line");
	assert_int_equal(manifest_parse("phramboot-manifest 1\n\0", 22, &m, err, sizeof(err)), -1);
	assert_err_has(err, "NUL");
}

static void test_missing_keys(void **state)
{
	static const char *const lines[] = { "kernel kernel", "dtb dtb", "rootfs rootfs", "arch", "append" };
	char buf[4096];

	(void)state;
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		const char *p = strstr(GOOD, lines[i]), *eol = strchr(p, '\n');

		snprintf(buf, sizeof(buf), "%.*s%s", (int)(p - GOOD), GOOD, eol + 1);
		assert_int_equal(parse(buf), -1);
		assert_err_has(err, "lacks");
	}
}

static void test_duplicate_and_unknown_keys(void **state)
{
	char buf[4096];

	(void)state;
	snprintf(buf, sizeof(buf), "%sdtb dtb 1234 " H2 "\n", GOOD);
	assert_int_equal(parse(buf), -1);
	assert_err_has(err, "duplicate key \"dtb\"");
	snprintf(buf, sizeof(buf), "%sappend more\n", GOOD);
	assert_int_equal(parse(buf), -1);
	assert_err_has(err, "duplicate");
	snprintf(buf, sizeof(buf), "%sinitrd x 1 " H1 "\n", GOOD);
	assert_int_equal(parse(buf), -1);
	assert_err_has(err, "unknown key \"initrd\"");
	/* Two entries naming one file. */
	assert_int_equal(parse_edit("dtb dtb", "dtb kernel"), -1);
	assert_err_has(err, "twice");
}

static void test_absurd_sizes(void **state)
{
	(void)state;
	assert_int_equal(parse_edit("rootfs rootfs 8388608", "rootfs rootfs 0"), -1);
	assert_err_has(err, "absurd");
	assert_int_equal(parse_edit("rootfs rootfs 8388608", "rootfs rootfs 2199023255552"), -1);
	assert_err_has(err, "absurd");
	assert_int_equal(parse_edit("rootfs rootfs 8388608", "rootfs rootfs 18446744073709551617"), -1);
	assert_int_equal(parse_edit("rootfs rootfs 8388608", "rootfs rootfs 1099511627776"), 0);
}

static void test_too_big(void **state)
{
	static char buf[MANIFEST_MAX + 2];

	(void)state;
	memset(buf, 'a', sizeof(buf) - 1);
	buf[sizeof(buf) - 2] = '\n';
	assert_int_equal(manifest_parse(buf, sizeof(buf) - 1, &m, err, sizeof(err)), -1);
	assert_err_has(err, "too big");
}

#define FLASH_K "flash kernel flash-kernel 3000000 " H2 "\n"
#define FLASH_R "flash rootfs rootfs 8388608 " H1 "\n"

static int parse_v2(const char *extra)
{
	static char buf[4096];
	const char *p = strstr(GOOD, "\n");

	snprintf(buf, sizeof(buf), "phramboot-manifest 2%s%s", p, extra);
	return parse(buf);
}

static void test_flash_lines(void **state)
{
	char buf[MANIFEST_MAX];
	struct manifest m2;

	(void)state;
	assert_int_equal(parse_v2(FLASH_K FLASH_R), 0);
	assert_int_equal(m.version, 2);
	assert_int_equal(m.nflash, 2);
	assert_string_equal(m.flash[0].target, "kernel");
	assert_string_equal(m.flash[0].f.name, "flash-kernel");
	assert_int_equal(m.flash[0].same_as, -1);
	assert_int_equal(m.flash[1].same_as, MF_ROOTFS);
	/* Round trip: a version-2 manifest is written back byte for byte. */
	assert_true(manifest_format(&m, buf, sizeof(buf)) > 0);
	assert_int_equal(manifest_parse(buf, strlen(buf), &m2, err, sizeof(err)), 0);
	assert_memory_equal(&m, &m2, sizeof(m));
	assert_non_null(strstr(buf, "phramboot-manifest 2\n"));
	/* Without flash lines, format writes version 1: old phramboots read it. */
	assert_int_equal(parse(GOOD), 0);
	assert_true(manifest_format(&m, buf, sizeof(buf)) > 0);
	assert_non_null(strstr(buf, "phramboot-manifest 1\n"));
}

static void test_flash_refusals(void **state)
{
	char buf[4096];

	(void)state;
	/* Flash lines need version 2, and version 2 needs them. */
	snprintf(buf, sizeof(buf), "%s" FLASH_K, GOOD);
	assert_int_equal(parse(buf), -1);
	assert_err_has(err, "need manifest version 2");
	assert_int_equal(parse_v2(""), -1);
	assert_err_has(err, "no flash, compatible or security-version line");
	assert_int_equal(parse_v2(FLASH_K FLASH_K), -1);
	assert_err_has(err, "twice");
	assert_int_equal(parse_v2("flash Kernel k 1 " H1 "\n"), -1);
	assert_err_has(err, "target name");
	assert_int_equal(parse_v2("flash kernel k/x 1 " H1 "\n"), -1);
	/* Naming the root image with another hash: not what the trial ran. */
	assert_int_equal(parse_v2("flash rootfs rootfs 8388608 " H2 "\n"), -1);
	assert_err_has(err, "another size or SHA-256");
	assert_int_equal(parse_v2("flash a x 1 " H1 "\nflash b x 1 " H1 "\n"), -1);
	assert_err_has(err, "name one file");
	snprintf(buf, sizeof(buf), "%s%s%s%s%s", FLASH_K, "flash a a 1 " H1 "\nflash b b 1 " H1 "\n",
		 "flash c c 1 " H1 "\nflash d d 1 " H1 "\nflash e e 1 " H1 "\n",
		 "flash f f 1 " H1 "\nflash g g 1 " H1 "\n", "flash h h 1 " H1 "\n");
	assert_int_equal(parse_v2(buf), -1);
	assert_err_has(err, "more than 8");
}

static void test_compatible_and_security_version(void **state)
{
	char buf[MANIFEST_MAX];
	struct manifest m2;

	(void)state;
	assert_int_equal(parse_v2("compatible tplink,archer-c7-v5 qca,ar9558\nsecurity-version 7\n"), 0);
	assert_int_equal(m.ncompatible, 2);
	assert_string_equal(m.compatible[1], "qca,ar9558");
	assert_true(m.has_security_version);
	assert_int_equal(m.security_version, 7);
	assert_true(manifest_format(&m, buf, sizeof(buf)) > 0);
	assert_int_equal(manifest_parse(buf, strlen(buf), &m2, err, sizeof(err)), 0);
	assert_memory_equal(&m, &m2, sizeof(m));
	/* Version 1 knows neither. */
	snprintf(buf, sizeof(buf), "%ssecurity-version 1\n", GOOD);
	assert_int_equal(parse(buf), -1);
	assert_err_has(err, "needs manifest version 2");
	assert_int_equal(parse_v2("compatible\n"), -1);
	assert_err_has(err, "names no board");
	assert_int_equal(parse_v2("security-version 4294967296\n"), -1);
	assert_int_equal(parse_v2("security-version 07\n"), -1);
	assert_int_equal(parse_v2("security-version 1 2\n"), -1);
	assert_int_equal(parse_v2("security-version 1\nsecurity-version 2\n"), -1);
	assert_err_has(err, "duplicate");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_empty_append_and_order),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_missing_keys),
		cmocka_unit_test(test_duplicate_and_unknown_keys),
		cmocka_unit_test(test_absurd_sizes),
		cmocka_unit_test(test_too_big),
		cmocka_unit_test(test_flash_lines),
		cmocka_unit_test(test_flash_refusals),
		cmocka_unit_test(test_compatible_and_security_version),
	};

	return cmocka_run_group_tests_name("manifest", tests, NULL, NULL);
}
