/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef HASH_H
#define HASH_H

#include <stdint.h>
#include <stddef.h>

/* Called after each window with bytes hashed so far. */
typedef void hash_progress_fn(void *ctx, uint64_t done, uint64_t total);

/* SHA-256 of the first size bytes of fd, streamed through mmap windows so that a root
 * image bigger than free RAM hashes at page-cache speed without a copy. Falls back to
 * read() where the file cannot be mapped. The caller checks with fstat() that the file
 * is at least size long: mapping past the end would raise SIGBUS. */
int hash_fd_sha256(int fd, uint64_t size, uint8_t out[32], hash_progress_fn *progress,
		   void *ctx, char *err, size_t errlen);

/* SHA-256 of len bytes of fd from offset off, by pread(): for devices that cannot be
 * mapped, such as an MTD character device. */
int hash_range_sha256(int fd, uint64_t off, uint64_t len, uint8_t out[32], char *err, size_t errlen);

#endif
