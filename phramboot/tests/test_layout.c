/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>

#include "testutil.h"
#include "layout.h"

static struct layout l;
static char err[256];

#define AB \
	"# the emulated virt router\n" \
	"layout ab\n" \
	"slot a kernel=mtd:kernel_a dtb=mtd:dtb_a rootfs=mtd:rootfs_a\n" \
	"slot b kernel=mtd:kernel_b dtb=mtd:dtb_b rootfs=mtd:rootfs_b\n" \
	"target appdata ubi:ubi/appdata\n" \
	"journal mtd:journal   # two erase blocks\n"

static int parse(const char *s)
{
	return layout_parse(s, strlen(s), &l, err, sizeof(err));
}

static void test_ab(void **state)
{
	const struct layout_dev *d;

	(void)state;
	assert_int_equal(parse(AB), 0);
	assert_true(l.ab);
	assert_int_equal(l.nslots, 2);
	assert_string_equal(l.slot[1].name, "b");
	assert_string_equal(l.var_boot, "boot_slot");
	assert_string_equal(l.var_try, "try_slot");
	d = layout_find(&l, &l.slot[1], "rootfs");
	assert_non_null(d);
	assert_int_equal(d->kind, DEV_MTD);
	assert_string_equal(d->name, "rootfs_b");
	d = layout_find(&l, &l.slot[1], "appdata");
	assert_non_null(d);
	assert_int_equal(d->kind, DEV_UBI);
	assert_string_equal(d->name, "ubi");
	assert_string_equal(d->volume, "appdata");
	assert_null(layout_find(&l, &l.slot[0], "initrd"));
	assert_string_equal(l.journal.name, "journal");
}

static void test_single_block(void **state)
{
	char d[128];

	(void)state;
	assert_int_equal(parse("layout single\nslot a kernel=block:/dev/sda1 rootfs=block:/dev/sda2\n"
			       "journal block:/dev/sda@0x4100000+0x100000\nenv bs ts\n"), 0);
	assert_false(l.ab);
	assert_int_equal(l.journal.kind, DEV_BLOCK);
	assert_string_equal(l.journal.name, "/dev/sda");
	assert_int_equal(l.journal.offset, 0x4100000);
	assert_int_equal(l.journal.size, 0x100000);
	assert_string_equal(l.var_try, "ts");
	layout_dev_describe(&l.journal, d, sizeof(d));
	assert_string_equal(d, "block:/dev/sda@0x4100000+0x100000");
}

static void test_refusals(void **state)
{
	static const struct { const char *text, *why; } bad[] = {
		{ "slot a kernel=mtd:k\njournal mtd:j\n", "no \"layout" },
		{ "layout ab\nslot a kernel=mtd:k\njournal mtd:j\n", "two slot lines" },
		{ "layout single\nslot a kernel=mtd:k\nslot b kernel=mtd:l\njournal mtd:j\n", "one slot line" },
		{ "layout single\nslot a kernel=mtd:k\n", "no journal" },
		{ "layout ab\nslot a kernel=mtd:k\nslot a kernel=mtd:l\njournal mtd:j\n", "one name" },
		{ "layout ab\nslot a kernel=mtd:k\nslot b rootfs=mtd:l\njournal mtd:j\n", "different targets" },
		{ "layout single\nslot a kernel=nfs:k\njournal mtd:j\n", "a device is" },
		{ "layout single\nslot a kernel=mtd:\njournal mtd:j\n", "want mtd:NAME" },
		{ "layout single\nslot a kernel=ubi:nope\njournal mtd:j\n", "ubi:MTD/VOLUME" },
		{ "layout single\nslot a kernel=mtd:k kernel=mtd:l\njournal mtd:j\n", "twice" },
		{ "layout single\nslot a kernel\njournal mtd:j\n", "ROLE=DEVICE" },
		{ "layout single\nslot a kernel=mtd:k\njournal ubi:u/v\n", "mtd: or block:" },
		{ "layout single\nslot a kernel=mtd:k\njournal block:/dev/sda@1+512\n", "multiples of 512" },
		{ "layout single\nslot a kernel=mtd:k\ntarget kernel mtd:x\njournal mtd:j\n", "both in a slot" },
		{ "layout single\nslot a kernel=mtd:k\njournal mtd:j\nfrobnicate\n", "unknown" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(parse(bad[i].text), -1);
		assert_err_has(err, bad[i].why);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ab),
		cmocka_unit_test(test_single_block),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests_name("layout", tests, NULL, NULL);
}
