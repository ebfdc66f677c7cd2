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
	assert_int_equal(parse_edit("manifest 1", "manifest 2"), -1);
	assert_err_has(err, "version 2");
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
	};

	return cmocka_run_group_tests_name("manifest", tests, NULL, NULL);
}
