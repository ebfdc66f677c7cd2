/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <sodium.h>

#include "testutil.h"
#include "hash.h"

static uint64_t calls, last;

static void progress(void *ctx, uint64_t done, uint64_t total)
{
	(void)ctx;
	assert_true(done <= total);
	assert_true(done > last);
	last = done;
	calls++;
}

/* A temporary file of n pseudo-random bytes; its SHA-256 computed in one go. */
static int make_file(size_t n, uint8_t sum[32])
{
	char path[] = "/tmp/phramboot-test-XXXXXX";
	uint8_t *buf = malloc(n ? n : 1);
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	unlink(path);
	for (size_t i = 0; i < n; i++)
		buf[i] = (uint8_t)(i * 2654435761u >> 13);
	assert_int_equal(write(fd, buf, n), (ssize_t)n);
	crypto_hash_sha256(sum, buf, n);
	free(buf);
	return fd;
}

static void test_matches_one_shot(void **state)
{
	static const size_t sizes[] = { 1, 4095, 4096, 8u << 20, (8u << 20) + 1, 20u << 20 };
	uint8_t want[32], got[32];
	char err[128];

	(void)state;
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		int fd = make_file(sizes[i], want);

		calls = last = 0;
		assert_int_equal(hash_fd_sha256(fd, sizes[i], got, progress, NULL, err, sizeof(err)), 0);
		assert_memory_equal(got, want, 32);
		assert_int_equal(last, sizes[i]);
		assert_int_equal(calls, (sizes[i] + (8u << 20) - 1) / (8u << 20));
		close(fd);
	}
}

static void test_prefix_only(void **state)
{
	uint8_t all[32], got[32], want[32];
	char err[128];
	int fd = make_file(10000, all);
	uint8_t buf[5000];

	(void)state;
	assert_int_equal(pread(fd, buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
	crypto_hash_sha256(want, buf, sizeof(buf));
	assert_int_equal(hash_fd_sha256(fd, 5000, got, NULL, NULL, err, sizeof(err)), 0);
	assert_memory_equal(got, want, 32);
	close(fd);
}

static void test_unmappable_falls_back_to_read(void **state)
{
	uint8_t want[32], got[32], buf[4096];
	char err[128];
	ssize_t n;
	int fd, p[2];

	(void)state;
	/* procfs files cannot be mapped (ENODEV) but pread works: the read() path. */
	fd = open("/proc/version", O_RDONLY);
	assert_true(fd >= 0);
	n = read(fd, buf, sizeof(buf));
	assert_true(n > 0);
	crypto_hash_sha256(want, buf, (size_t)n);
	calls = last = 0;
	assert_int_equal(hash_fd_sha256(fd, (uint64_t)n, got, progress, NULL, err, sizeof(err)), 0);
	assert_memory_equal(got, want, 32);
	assert_int_equal(calls, 1);
	/* Shorter than promised: an error, not a hash of less. */
	assert_int_equal(hash_fd_sha256(fd, (uint64_t)n + 1, got, NULL, NULL, err, sizeof(err)), -1);
	assert_err_has(err, "shorter");
	close(fd);
	/* A pipe can be neither mapped nor pread: a clear error, not a crash. */
	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], "abc", 3), 3);
	assert_int_equal(hash_fd_sha256(p[0], 3, got, NULL, NULL, err, sizeof(err)), -1);
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matches_one_shot),
		cmocka_unit_test(test_prefix_only),
		cmocka_unit_test(test_unmappable_falls_back_to_read),
	};

	return cmocka_run_group_tests_name("hash", tests, NULL, NULL);
}
