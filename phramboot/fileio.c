/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "errbuf.h"
#include "fileio.h"

int read_fd(int fd, size_t max, char **buf, size_t *len, char *err, size_t errlen)
{
	size_t cap = 4096, used = 0;
	char *b = malloc(cap + 1);

	if (!b)
		return seterr(err, errlen, "out of memory");
	for (;;) {
		ssize_t n;

		if (used == cap) {
			char *nb;

			if (cap > max) {
				free(b);
				return seterr(err, errlen, "file is bigger than %zu bytes", max);
			}
			cap *= 2;
			nb = realloc(b, cap + 1);
			if (!nb) {
				free(b);
				return seterr(err, errlen, "out of memory");
			}
			b = nb;
		}
		n = read(fd, b + used, cap - used);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;

			free(b);
			return seterr(err, errlen, "%s", strerror(e));
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	if (used > max) {
		free(b);
		return seterr(err, errlen, "file is bigger than %zu bytes", max);
	}
	b[used] = '\0';
	*buf = b;
	*len = used;
	return 0;
}

static const char *not_regular(mode_t mode)
{
	if (S_ISLNK(mode))
		return "a symbolic link, not a regular file";
	if (S_ISFIFO(mode))
		return "a FIFO, not a regular file";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "a device, not a regular file";
	if (S_ISDIR(mode))
		return "a directory, not a regular file";
	return "not a regular file";
}

int open_regular(const char *path, int flags, char *err, size_t errlen)
{
	struct stat before, after;
	int fd;

	if ((flags & O_NOFOLLOW) ? lstat(path, &before) : stat(path, &before))
		return seterr(err, errlen, "%s", strerror(errno));
	if (!S_ISREG(before.st_mode))
		return seterr(err, errlen, "%s", not_regular(before.st_mode));
	fd = open(path, O_RDONLY | O_NONBLOCK | (flags & (O_NOFOLLOW | O_CLOEXEC)));
	if (fd < 0)
		return seterr(err, errlen, "%s", errno == ELOOP ? not_regular(S_IFLNK) : strerror(errno));
	/* Replaced between the two looks: refuse what is there now. */
	if (fstat(fd, &after) || !S_ISREG(after.st_mode) || after.st_ino != before.st_ino ||
	    after.st_dev != before.st_dev) {
		close(fd);
		return seterr(err, errlen, "%s", S_ISREG(after.st_mode) ? "replaced while being opened" :
			      not_regular(after.st_mode));
	}
	return fd;
}

static int read_regular(const char *path, int flags, size_t max, char **buf, size_t *len,
			char *err, size_t errlen)
{
	int fd = open_regular(path, flags | O_CLOEXEC, err, errlen), r;

	if (fd < 0)
		return -1;
	r = read_fd(fd, max, buf, len, err, errlen);
	close(fd);
	return r;
}

int read_file(const char *path, size_t max, char **buf, size_t *len, char *err,
	      size_t errlen)
{
	return read_regular(path, 0, max, buf, len, err, errlen);
}

int read_file_nofollow(const char *path, size_t max, char **buf, size_t *len, char *err,
		       size_t errlen)
{
	return read_regular(path, O_NOFOLLOW, max, buf, len, err, errlen);
}

int write_all(int fd, const void *buf, size_t len)
{
	for (size_t done = 0; done < len;) {
		ssize_t n = write(fd, (const char *)buf + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -ENOSPC;
		done += (size_t)n;
	}
	return 0;
}

int write_new_file(const char *path, const void *buf, size_t len, int mode, char *err,
		   size_t errlen)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode), r;

	if (fd < 0)
		return seterr(err, errlen, "%s", strerror(errno));
	r = write_all(fd, buf, len);
	if (r) {
		close(fd);
		unlink(path);
		return seterr(err, errlen, "%s", strerror(-r));
	}
	if (fsync(fd) | close(fd)) {
		int e = errno;

		unlink(path);
		return seterr(err, errlen, "%s", strerror(e));
	}
	return 0;
}

int path_join(char *out, size_t outlen, const char *dir, const char *name)
{
	int n = snprintf(out, outlen, "%s/%s", dir, name);

	return n < 0 || (size_t)n >= outlen ? -1 : 0;
}
