/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <elf.h>
#include <stdlib.h>

#include "testutil.h"
#include "elfarch.h"

static uint8_t img[4096];
static char err[256];

static void put(uint8_t *p, unsigned n, uint64_t v, bool be)
{
	for (unsigned i = 0; i < n; i++)
		p[be ? n - 1 - i : i] = (uint8_t)(v >> (8 * i));
}

/* A minimal ELF executable with one PT_LOAD at paddr, memsz bytes. */
static size_t make_elf(bool is64, bool be, uint16_t machine, uint64_t paddr, uint64_t memsz)
{
	size_t eh = is64 ? 64 : 52, ph = is64 ? 56 : 32;

	memset(img, 0, sizeof(img));
	memcpy(img, ELFMAG, SELFMAG);
	img[EI_CLASS] = is64 ? ELFCLASS64 : ELFCLASS32;
	img[EI_DATA] = be ? ELFDATA2MSB : ELFDATA2LSB;
	img[EI_VERSION] = EV_CURRENT;
	put(img + 16, 2, ET_EXEC, be);
	put(img + 18, 2, machine, be);
	if (is64) {
		put(img + 32, 8, eh, be);
		put(img + 54, 2, ph, be);
		put(img + 56, 2, 1, be);
		put(img + eh, 4, PT_LOAD, be);
		put(img + eh + 24, 8, paddr, be);
		put(img + eh + 40, 8, memsz, be);
	} else {
		put(img + 28, 4, eh, be);
		put(img + 42, 2, ph, be);
		put(img + 44, 2, 1, be);
		put(img + eh, 4, PT_LOAD, be);
		put(img + eh + 12, 4, paddr, be);
		put(img + eh + 20, 4, memsz, be);
	}
	return eh + ph;
}

static void test_mips32_both_endians(void **state)
{
	struct elfarch a;
	size_t n;

	(void)state;
	n = make_elf(false, false, EM_MIPS, 0x80100000, 0x600000);
	assert_int_equal(elfarch_detect(img, n, &a, err, sizeof(err)), 0);
	assert_int_equal(a.machine, EM_MIPS);
	assert_int_equal(a.bits, 32);
	assert_false(a.big_endian);
	assert_int_equal(a.format, KFMT_ELF);
	/* KSEG0 addresses become physical, as kexec-tools does. */
	assert_int_equal(a.load_lo, 0x100000);
	assert_int_equal(a.load_hi, 0x700000);
	n = make_elf(false, true, EM_MIPS, 0x80100000, 0x600000);
	assert_int_equal(elfarch_detect(img, n, &a, err, sizeof(err)), 0);
	assert_true(a.big_endian);
	assert_int_equal(a.load_lo, 0x100000);
}

static void test_64bit_both_endians(void **state)
{
	struct elfarch a;
	size_t n;

	(void)state;
	n = make_elf(true, true, EM_MIPS, 0xffffffff80100000ull, 0x1000);
	assert_int_equal(elfarch_detect(img, n, &a, err, sizeof(err)), 0);
	assert_int_equal(a.bits, 64);
	assert_true(a.big_endian);
	assert_int_equal(a.load_lo, 0x100000);
	/* Segments that add up past a terabyte: a crafted header, refused before any sum
	 * could wrap. */
	n = make_elf(true, false, EM_AARCH64, 0x1000000, 1ull << 41);
	assert_int_equal(elfarch_detect(img, n, &a, err, sizeof(err)), -1);
	assert_err_has(err, "add up to more than");
	n = make_elf(true, false, EM_X86_64, 0x1000000, 0x2000);
	assert_int_equal(elfarch_detect(img, n, &a, err, sizeof(err)), 0);
	assert_int_equal(a.machine, EM_X86_64);
	assert_false(a.big_endian);
	assert_int_equal(a.load_lo, 0x1000000);
}

static void test_zimage_and_arm64(void **state)
{
	struct elfarch a;

	(void)state;
	memset(img, 0, sizeof(img));
	put(img + 0x24, 4, 0x016f2818, false);
	put(img + 0x30, 4, 0x04030201, false);
	assert_int_equal(elfarch_detect(img, 0x40, &a, err, sizeof(err)), 0);
	assert_int_equal(a.machine, EM_ARM);
	assert_int_equal(a.format, KFMT_ZIMAGE);
	assert_false(a.big_endian);
	put(img + 0x30, 4, 0x04030201, true);
	assert_int_equal(elfarch_detect(img, 0x40, &a, err, sizeof(err)), 0);
	assert_true(a.big_endian);
	memset(img, 0, sizeof(img));
	memcpy(img + 0x38, "ARM\x64", 4);
	assert_int_equal(elfarch_detect(img, 0x40, &a, err, sizeof(err)), 0);
	assert_int_equal(a.machine, EM_AARCH64);
	assert_int_equal(a.bits, 64);
	/* No image_size: a pre-3.17 kernel, read as kexec-tools reads it. */
	assert_true(a.text_offset == 0x80000 && a.image_size == 16u << 20);
	/* The header's fields are little-endian on every host (booting.rst). */
	put(img + 0x08, 8, 0, false);
	put(img + 0x10, 8, 0x5c0000, false);
	assert_int_equal(elfarch_detect(img, 0x40, &a, err, sizeof(err)), 0);
	assert_true(a.text_offset == 0 && a.image_size == 0x5c0000);
	assert_false(a.big_endian);
}

static void test_malformed(void **state)
{
	struct elfarch a;
	size_t n;

	(void)state;
	n = make_elf(false, false, EM_MIPS, 0x80100000, 0x600000);
	assert_int_equal(elfarch_detect(img, 10, &a, err, sizeof(err)), -1);
	assert_int_equal(elfarch_detect(img, 40, &a, err, sizeof(err)), -1);
	assert_err_has(err, "truncated");
	assert_int_equal(elfarch_detect(img, n - 1, &a, err, sizeof(err)), -1);
	img[EI_CLASS] = 7;
	assert_int_equal(elfarch_detect(img, n, &a, err, sizeof(err)), -1);
	n = make_elf(false, false, EM_MIPS, 0x80100000, 0x600000);
	put(img + 16, 2, ET_DYN, false);
	assert_int_equal(elfarch_detect(img, n, &a, err, sizeof(err)), -1);
	memset(img, 0, sizeof(img));
	assert_int_equal(elfarch_detect(img, sizeof(img), &a, err, sizeof(err)), -1);
	assert_err_has(err, "not an ELF");
}

static void test_running_and_check(void **state)
{
	struct elfarch k, r;

	(void)state;
	make_elf(false, false, EM_MIPS, 0x80100000, 0x1000);
	elfarch_detect(img, 200, &k, err, sizeof(err));
	/* One character: nothing past its NUL may be read (ASan catches a read there). */
	{
		char *one = strdup("i");

		assert_int_equal(elfarch_running(one, false, &r, err, sizeof(err)), -1);
		free(one);
	}
	assert_int_equal(elfarch_running("mips", false, &r, err, sizeof(err)), 0);
	assert_int_equal(elfarch_check(&k, &r, err, sizeof(err)), 0);
	assert_int_equal(elfarch_running("mips", true, &r, err, sizeof(err)), 0);
	assert_int_equal(elfarch_check(&k, &r, err, sizeof(err)), -1);
	assert_err_has(err, "kernel is for mips 32-bit little-endian elf but this machine is mips 32-bit big-endian");
	assert_int_equal(elfarch_running("mips64", false, &r, err, sizeof(err)), 0);
	assert_int_equal(elfarch_check(&k, &r, err, sizeof(err)), -1);
	assert_int_equal(elfarch_running("armv7l", false, &r, err, sizeof(err)), 0);
	assert_int_equal(r.machine, EM_ARM);
	assert_int_equal(elfarch_check(&k, &r, err, sizeof(err)), -1);
	assert_int_equal(elfarch_running("pdp11", false, &r, err, sizeof(err)), -1);
	assert_int_equal(elfarch_cmdline_size(EM_MIPS), 4096);
	assert_int_equal(elfarch_cmdline_size(EM_ARM), 1024);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mips32_both_endians),
		cmocka_unit_test(test_64bit_both_endians),
		cmocka_unit_test(test_zimage_and_arm64),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_running_and_check),
	};

	return cmocka_run_group_tests_name("elfarch", tests, NULL, NULL);
}
