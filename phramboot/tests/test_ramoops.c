/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"
#include "ramoops.h"

static char err[256], dir[64];

static void put(const char *name, const char *value)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(value, f);
	fclose(f);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/test_ramoops.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[96];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd);
}

static void test_read(void **state)
{
	struct ramoops r;

	(void)state;
	/* No parameters at all: ramoops is not there. */
	assert_int_equal(ramoops_read(dir, &r, err, sizeof(err)), 1);
	assert_int_equal(ramoops_read("/nonexistent", &r, err, sizeof(err)), 1);
	/* Loaded but without a region (the module with no platform data): not in use. */
	put("mem_address", "0\n");
	put("mem_size", "0\n");
	assert_int_equal(ramoops_read(dir, &r, err, sizeof(err)), 1);
	/* What a probed ramoops leaves, as the kernel prints it. */
	put("mem_address", "0xc000000\n");
	put("mem_size", "1048576\n");
	put("record_size", "131072\n");
	put("console_size", "524288\n");
	put("max_reason", "2\n");
	assert_int_equal(ramoops_read(dir, &r, err, sizeof(err)), 0);
	assert_int_equal(r.addr, 0xc000000);
	assert_int_equal(r.size, 0x100000);
	assert_int_equal(r.record_size, 0x20000);
	assert_int_equal(r.console_size, 0x80000);
	assert_int_equal(r.ftrace_size, 0);
	assert_int_equal(r.max_reason, 2);
	put("console_size", "lots\n");
	assert_int_equal(ramoops_read(dir, &r, err, sizeof(err)), -1);
	assert_err_has(err, "console_size is not a number: lots");
	put("console_size", "524288\n");
	put("mem_address", "0xfffffffffffff000\n");
	assert_int_equal(ramoops_read(dir, &r, err, sizeof(err)), -1);
}

static void test_set(void **state)
{
	struct ramoops r = { 0 };

	(void)state;
	assert_int_equal(ramoops_set(&r, "max_reason", "-1", err, sizeof(err)), 0);
	assert_int_equal(r.max_reason, -1);
	assert_int_equal(ramoops_set(&r, "max_reason", "-2", err, sizeof(err)), -1);
	assert_int_equal(ramoops_set(&r, "record_size", "-4096", err, sizeof(err)), -1);
	assert_err_has(err, "negative");
	assert_int_equal(ramoops_set(&r, "pmsg_size", "0x100000000", err, sizeof(err)), -1);
	assert_err_has(err, "too large");
	assert_int_equal(ramoops_set(&r, "record_size", "12x", err, sizeof(err)), -1);
	assert_int_equal(ramoops_set(&r, "record_size", "", err, sizeof(err)), -1);
	/* Parameters this version does not know are not an error. */
	assert_int_equal(ramoops_set(&r, "dump_oops", "1", err, sizeof(err)), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_read, setup, teardown),
		cmocka_unit_test(test_set),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
