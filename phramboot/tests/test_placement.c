/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <elf.h>

#include "testutil.h"
#include "placement.h"

#define MiB (1024ull * 1024)

static char err[512];
static struct iomem io;

static void load(const char *text)
{
	iomem_free(&io);
	assert_int_equal(iomem_parse(text, strlen(text), &io, err, sizeof(err)), 0);
}

static int teardown(void **state)
{
	(void)state;
	iomem_free(&io);
	return 0;
}

static const char malta256[] =
	"00000000-0fffffff : System RAM\n"
	"  00100000-0062ffff : Kernel code\n"
	"  00630000-0073ffff : Kernel data\n"
	"  00780000-007a7fff : Kernel bss\n"
	"10000000-17ffffff : GT-64120 PCI MEM\n";

static struct placement_req req(uint64_t size)
{
	return (struct placement_req){
		.image_size = size, .align = 4096, .limit = 0x20000000,
		.keep_lo = 0x100000, .keep_hi = 0x800000, .other_segments = 7 * MiB,
	};
}

static void test_prefers_high(void **state)
{
	struct placement_req r = req(10 * MiB + 1);
	struct placement p;

	(void)state;
	load(malta256);
	assert_int_equal(place_image(&io, &r, &p, err, sizeof(err)), 0);
	assert_int_equal(p.size, 10 * MiB + 4096);
	assert_int_equal(p.addr + p.size, 0x10000000);
	assert_int_equal(p.addr % 4096, 0);
	assert_int_equal(p.ram_base, 0);
}

static void test_alignment(void **state)
{
	struct placement_req r = req(3 * MiB);
	struct placement p;

	(void)state;
	/* RAM ends off a 64 KiB boundary: the start and the size both round. */
	load("00000000-0ffeefff : System RAM\n");
	r.align = 65536;
	r.image_size = 3 * MiB + 100;
	assert_int_equal(place_image(&io, &r, &p, err, sizeof(err)), 0);
	assert_int_equal(p.addr % 65536, 0);
	assert_int_equal(p.size, 3 * MiB + 65536);
	assert_true(p.addr + p.size <= 0x0ffef000);
	assert_int_equal(p.addr, 0x0ffe0000 - p.size);
	r.align = 3000;
	assert_int_equal(place_image(&io, &r, &p, err, sizeof(err)), -1);
	assert_err_has(err, "power of two");
}

static void test_mips_lowmem_limit(void **state)
{
	struct placement_req r = req(16 * MiB);
	struct placement p;
	struct elfarch kernel = { .machine = EM_MIPS, .bits = 32 };

	(void)state;
	/* 1 GiB in two banks as on some MIPS boards; the image must stay below 512 MiB. */
	load("00000000-0fffffff : System RAM\n"
	     "  00100000-0062ffff : Kernel code\n"
	     "20000000-3fffffff : System RAM\n"
	     "90000000-cfffffff : System RAM\n");
	r.limit = placement_lowmem_limit(&kernel, 0);
	assert_int_equal(r.limit, 0x20000000);
	assert_int_equal(place_image(&io, &r, &p, err, sizeof(err)), 0);
	assert_int_equal(p.addr + p.size, 0x10000000);
	/* Nothing below the limit: the error says so, with the largest block. */
	load("00000000-00ffffff : System RAM\n"
	     "20000000-3fffffff : System RAM\n");
	r.memtotal = 512 * MiB;
	assert_int_equal(place_image(&io, &r, &p, err, sizeof(err)), -1);
	assert_err_has(err, "needs 16.0 MiB");
	assert_err_has(err, "below 0x20000000");
	assert_err_has(err, "largest free block there is 8.0 MiB");
	/* 64-bit kernels have no such limit. */
	kernel.bits = 64;
	assert_int_equal(placement_lowmem_limit(&kernel, 0), 0);
}

static void test_fragmented(void **state)
{
	struct placement_req r = req(6 * MiB);
	struct placement p;

	(void)state;
	/* Reserved holes leave 4, 5 and 7 MiB: only the 7 MiB block fits, and it is low. */
	load("00000000-01ffffff : System RAM\n"
	     "  00000000-008fffff : Kernel code\n"
	     "  01000000-013fffff : reserved\n"
	     "  01900000-01bfffff : reserved\n"
	     "  01c00000-01ffffff : Crash kernel\n");
	r.keep_lo = r.keep_hi = 0;
	r.memtotal = 64 * MiB;
	assert_int_equal(place_image(&io, &r, &p, err, sizeof(err)), 0);
	assert_int_equal(p.addr, 0x00900000 + 1 * MiB);
	assert_int_equal(p.addr + p.size, 0x01000000);
	r.image_size = 8 * MiB;
	assert_int_equal(place_image(&io, &r, &p, err, sizeof(err)), -1);
	assert_err_has(err, "largest free block there is 7.0 MiB");
}

static void test_avoids_ramoops(void **state)
{
	struct placement_req r = req(8 * MiB);
	struct placement p;

	(void)state;
	/* Without the region the image would end at the top of RAM, over the last MiB. */
	load("00000000-0fffffff : System RAM\n");
	r.keep_lo = r.keep_hi = 0;
	r.memtotal = 256 * MiB;
	r.avoid_lo = 0x0ff00000;
	r.avoid_hi = 0x10000000;
	assert_int_equal(place_image(&io, &r, &p, err, sizeof(err)), 0);
	assert_int_equal(p.addr + p.size, 0x0ff00000);
	/* A region in the middle splits RAM; the image still takes the highest fit. */
	r.avoid_lo = 0x08000000;
	r.avoid_hi = 0x0fff0000;
	assert_int_equal(place_image(&io, &r, &p, err, sizeof(err)), 0);
	assert_int_equal(p.addr + p.size, 0x08000000);
}

static void test_keeps_kernel_room(void **state)
{
	struct placement_req r = req(8 * MiB);
	struct placement p;

	(void)state;
	load("00000000-01ffffff : System RAM\n");
	/* The new kernel and DTB take 4..28 MiB: only 0..4 and 28..32 MiB remain. */
	r.keep_lo = 4 * MiB;
	r.keep_hi = 28 * MiB;
	r.other_segments = 1 * MiB;
	r.memtotal = 64 * MiB;
	assert_int_equal(place_image(&io, &r, &p, err, sizeof(err)), -1);
	r.image_size = 4 * MiB;
	assert_int_equal(place_image(&io, &r, &p, err, sizeof(err)), 0);
	assert_int_equal(p.addr, 28 * MiB);
}

static void test_half_ram_rule(void **state)
{
	struct placement_req r = req(100 * MiB);
	struct placement p;

	(void)state;
	load(malta256);
	/* 100 + 7 MiB fits under half of 250 MiB... */
	r.memtotal = 250 * MiB;
	assert_int_equal(place_image(&io, &r, &p, err, sizeof(err)), 0);
	/* ...but not of 200 MiB, however much free space there is. */
	r.memtotal = 200 * MiB;
	assert_int_equal(place_image(&io, &r, &p, err, sizeof(err)), -1);
	assert_err_has(err, "half of RAM, 100.0 MiB");
	assert_err_has(err, "need 107.0 MiB");
	/* Estimated from iomem when MemTotal is unknown: 256 MiB minus the kernel, 249.6 MiB. */
	r.memtotal = 0;
	r.image_size = 116 * MiB;
	assert_int_equal(place_image(&io, &r, &p, err, sizeof(err)), 0);
	r.image_size = 120 * MiB;
	assert_int_equal(place_image(&io, &r, &p, err, sizeof(err)), -1);
}

static void test_no_ram_or_not_root(void **state)
{
	struct placement_req r = req(MiB);
	struct placement p;

	(void)state;
	load("00000000-00000000 : System RAM\n"
	     "  00000000-00000000 : Kernel code\n"
	     "00000000-00000000 : PCI MEM\n");
	assert_int_equal(place_image(&io, &r, &p, err, sizeof(err)), -1);
	assert_err_has(err, "run as root");
	load("10000000-17ffffff : PCI MEM\n");
	assert_int_equal(place_image(&io, &r, &p, err, sizeof(err)), -1);
	assert_err_has(err, "no top-level \"System RAM\"");
	/* Nested System RAM (as under some bridges) does not count as top level. */
	load("00000000-0fffffff : Bus\n  00000000-0fffffff : System RAM\n");
	assert_int_equal(place_image(&io, &r, &p, err, sizeof(err)), -1);
}

static void test_arm_highmem_limit_and_span(void **state)
{
	struct elfarch arm = { .machine = EM_ARM, .bits = 32, .format = KFMT_ZIMAGE };
	struct placement_req r = req(8 * MiB);
	struct placement p;
	uint64_t lo, hi, seg;

	(void)state;
	load("40000000-7fffffff : System RAM\n"
	     "  40008000-40ffffff : Kernel code\n"
	     "80000000-bfffffff : System RAM\n");
	r.limit = placement_lowmem_limit(&arm, 0x40000000);
	assert_int_equal(r.limit, 0x70000000);
	placement_kernel_span(&arm, 3 * MiB, 64 * 1024, 0x40000000, &lo, &hi, &seg);
	assert_int_equal(lo, 0x40000000);
	assert_true(hi >= 0x40000000 + 0x8000 + 15 * MiB);
	assert_int_equal(seg, 3 * MiB + 64 * 1024);
	r.keep_lo = lo;
	r.keep_hi = hi;
	r.other_segments = seg;
	r.memtotal = 0;
	assert_int_equal(place_image(&io, &r, &p, err, sizeof(err)), 0);
	assert_int_equal(p.addr + p.size, 0x70000000);
	assert_int_equal(p.ram_base, 0x40000000);
}

/* arm64: the Image's 2 MiB-aligned base and its header's size decide, not its file
 * size. */
static void test_arm64_image_span(void **state)
{
	struct elfarch img = { .machine = EM_AARCH64, .bits = 64, .format = KFMT_ARM64_IMAGE,
			       .text_offset = 0, .image_size = 0x5c0000 };
	uint64_t lo, hi, seg;

	(void)state;
	placement_kernel_span(&img, 5697544, 64 * 1024, 0x40000000, &lo, &hi, &seg);
	assert_true(lo == 0x40000000);
	assert_true(hi == 0x40000000 + 0x5c0000 + 64 * 1024 + MiB);
	assert_true(seg == 0x5c0000 + 64 * 1024);
	/* RAM that starts off a 2 MiB boundary; an old kernel's text_offset. */
	img.text_offset = 0x80000;
	placement_kernel_span(&img, 5697544, 64 * 1024, 0x40100000, &lo, &hi, &seg);
	assert_true(lo == 0x40200000);
	assert_true(hi == 0x40200000 + 0x80000 + 0x5c0000 + 64 * 1024 + MiB);
	img.image_size = UINT64_MAX - 10;
	placement_kernel_span(&img, 4096, 64 * 1024, 0x40000000, &lo, &hi, &seg);
	assert_true(hi == UINT64_MAX && seg == UINT64_MAX);
	placement_kernel_span(&img, 4096, 64 * 1024, UINT64_MAX - 0x1000, &lo, &hi, &seg);
	assert_true(lo == UINT64_MAX && hi == UINT64_MAX);
}

/* Hostile or absurd numbers must not wrap into small ones that pass the checks. */
static void test_no_wraparound(void **state)
{
	struct elfarch elf = { .machine = EM_MIPS, .bits = 64, .format = KFMT_ELF,
			       .load_lo = 0x100000, .load_hi = UINT64_MAX - 16, .load_total = 4096 };
	struct elfarch zimage = { .machine = EM_ARM, .bits = 32, .format = KFMT_ZIMAGE };
	struct placement_req r = req(60 * MiB);
	struct placement p;
	uint64_t lo, hi, seg;

	(void)state;
	/* Children that claim more than the RAM they sit in (three times the low half):
	 * the estimate is "nothing free", not 2^64 minus something. */
	load("00000000-0fffffff : System RAM\n"
	     "  00000000-07ffffff : reserved\n"
	     "  00000000-07ffffff : reserved\n"
	     "  00000000-07ffffff : reserved\n");
	r.keep_lo = r.keep_hi = 0;
	r.memtotal = 0;
	assert_int_equal(place_image(&io, &r, &p, err, sizeof(err)), -1);
	assert_err_has(err, "half of RAM, 0.0 MiB");
	/* Segments so large that the image plus them would wrap. */
	load(malta256);
	r = req(10 * MiB);
	r.other_segments = UINT64_MAX - MiB;
	assert_int_equal(place_image(&io, &r, &p, err, sizeof(err)), -1);
	assert_err_has(err, "half of RAM");
	/* Kernel spans saturate at the top of the address space. */
	placement_kernel_span(&elf, 4096, 1 << 20, 0, &lo, &hi, &seg);
	assert_true(hi == UINT64_MAX);
	elf.load_total = UINT64_MAX - 100;
	placement_kernel_span(&elf, 4096, 1 << 20, 0, &lo, &hi, &seg);
	assert_true(seg == UINT64_MAX);
	placement_kernel_span(&zimage, UINT64_MAX / 4, 1 << 20, 0xffff0000ull, &lo, &hi, &seg);
	assert_true(hi == UINT64_MAX);
	placement_kernel_span(&zimage, 1 << 20, 1 << 20, UINT64_MAX - 0x1000, &lo, &hi, &seg);
	assert_true(hi == UINT64_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_prefers_high, teardown),
		cmocka_unit_test(test_arm64_image_span),
		cmocka_unit_test_teardown(test_alignment, teardown),
		cmocka_unit_test_teardown(test_mips_lowmem_limit, teardown),
		cmocka_unit_test_teardown(test_fragmented, teardown),
		cmocka_unit_test_teardown(test_keeps_kernel_room, teardown),
		cmocka_unit_test_teardown(test_half_ram_rule, teardown),
		cmocka_unit_test_teardown(test_avoids_ramoops, teardown),
		cmocka_unit_test_teardown(test_no_ram_or_not_root, teardown),
		cmocka_unit_test_teardown(test_arm_highmem_limit_and_span, teardown),
		cmocka_unit_test_teardown(test_no_wraparound, teardown),
	};

	return cmocka_run_group_tests_name("placement", tests, NULL, NULL);
}
