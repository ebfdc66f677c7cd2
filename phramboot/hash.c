/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <sodium.h>

#include "errbuf.h"
#include "hash.h"

/* Large enough that the per-window syscalls vanish, small enough for a 32-bit address
 * space with little RAM. A multiple of any page size. */
#define WINDOW (8u << 20)

static int hash_by_read(int fd, uint64_t off, uint64_t size, crypto_hash_sha256_state *st,
			hash_progress_fn *progress, void *ctx, char *err, size_t errlen)
{
	static unsigned char buf[64 * 1024];
	uint64_t done = off;

	while (done < size) {
		size_t want = size - done < sizeof(buf) ? (size_t)(size - done) : sizeof(buf);
		ssize_t n = pread(fd, buf, want, (off_t)done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return seterr(err, errlen, "%s", strerror(errno));
		if (n == 0)
			return seterr(err, errlen, "file is shorter than the manifest says");
		crypto_hash_sha256_update(st, buf, (size_t)n);
		done += (uint64_t)n;
		if (progress && (done % WINDOW == 0 || done == size))
			progress(ctx, done, size);
	}
	return 0;
}

int hash_fd_sha256(int fd, uint64_t size, uint8_t out[32], hash_progress_fn *progress,
		   void *ctx, char *err, size_t errlen)
{
	crypto_hash_sha256_state st;
	uint64_t done = 0;

	crypto_hash_sha256_init(&st);
	while (done < size) {
		size_t len = size - done < WINDOW ? (size_t)(size - done) : WINDOW;
		void *p = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, (off_t)done);

		if (p == MAP_FAILED) {
			if (hash_by_read(fd, done, size, &st, progress, ctx, err, errlen))
				return -1;
			break;
		}
		madvise(p, len, MADV_SEQUENTIAL);
		crypto_hash_sha256_update(&st, p, len);
		munmap(p, len);
		done += len;
		if (progress)
			progress(ctx, done, size);
	}
	crypto_hash_sha256_final(&st, out);
	return 0;
}

int hash_range_sha256(int fd, uint64_t off, uint64_t len, uint8_t out[32], char *err, size_t errlen)
{
	crypto_hash_sha256_state st;

	if (len > UINT64_MAX - off)
		return seterr(err, errlen, "range past the end of any device");
	crypto_hash_sha256_init(&st);
	if (hash_by_read(fd, off, off + len, &st, NULL, NULL, err, errlen))
		return -1;
	crypto_hash_sha256_final(&st, out);
	return 0;
}
