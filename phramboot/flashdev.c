/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/fs.h>
#include <mtd/mtd-user.h>
#include <mtd/ubi-user.h>
#include <sodium.h>

#include "errbuf.h"
#include "fileio.h"
#include "flashdev.h"

#define BLOCK_UNIT (64u * 1024)
#define UNIT_MAX (4u << 20)

int flashdev_mtd_path(const char *name, char *path, size_t len, char *err, size_t errlen)
{
	char *text, e[128], want[LAYOUT_NAME_MAX + 4];
	size_t tlen;
	const char *p;
	int found = -1;

	if (read_file("/proc/mtd", 1u << 20, &text, &tlen, e, sizeof(e)))
		return seterr(err, errlen, "no MTD partition %s: /proc/mtd: %s", name, e);
	snprintf(want, sizeof(want), "\"%s\"", name);
	for (p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		unsigned n;
		const char *nl = strchr(p, '\n'), *q = strstr(p, want);

		if (q && (!nl || q < nl) && q[strlen(want)] == '\n' && sscanf(p, "mtd%u:", &n) == 1) {
			found = (int)n;
			break;
		}
	}
	free(text);
	if (found < 0)
		return seterr(err, errlen, "no MTD partition \"%s\" in /proc/mtd: the layout file does not match this board", name);
	snprintf(path, len, "/dev/mtd%d", found);
	return 0;
}

static int read_sysfs_u64(const char *path, uint64_t *v)
{
	char *text, e[64];
	size_t len;
	int r;

	if (read_file(path, 4096, &text, &len, e, sizeof(e)))
		return -1;
	r = sscanf(text, "%llu", (unsigned long long *)v) == 1 ? 0 : -1;
	free(text);
	return r;
}

static int read_sysfs_str(const char *path, char *out, size_t outlen)
{
	char *text, e[64];
	size_t len;

	if (read_file(path, 4096, &text, &len, e, sizeof(e)))
		return -1;
	while (len && (text[len - 1] == '\n'))
		text[--len] = '\0';
	snprintf(out, outlen, "%s", text);
	free(text);
	return 0;
}

/* The UBI device on MTD number mtd: found in sysfs, or attached now. */
static int ubi_device(int mtd, char *err, size_t errlen)
{
	struct ubi_attach_req req;
	char path[96];
	uint64_t v;
	int fd;

	for (int n = 0; n < 32; n++) {
		snprintf(path, sizeof(path), "/sys/class/ubi/ubi%d/mtd_num", n);
		if (read_sysfs_u64(path, &v) == 0 && v == (uint64_t)mtd)
			return n;
	}
	fd = open("/dev/ubi_ctrl", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return seterr(err, errlen, "MTD %d has no UBI device and /dev/ubi_ctrl is missing: %s", mtd,
			      strerror(errno));
	memset(&req, 0, sizeof(req));
	req.ubi_num = UBI_DEV_NUM_AUTO;
	req.mtd_num = mtd;
	if (ioctl(fd, UBI_IOCATT, &req)) {
		int e = errno;

		close(fd);
		return seterr(err, errlen, "unable to attach MTD %d to UBI: %s", mtd, strerror(e));
	}
	close(fd);
	return req.ubi_num;
}

static int open_ubi(struct flashdev *d, bool writable, char *err, size_t errlen)
{
	char mtdpath[64], path[128], name[LAYOUT_NAME_MAX], type[16];
	uint64_t rsv = 0, leb = 0, avail = 0;
	int dev;

	if (flashdev_mtd_path(d->spec.name, mtdpath, sizeof(mtdpath), err, errlen))
		return -1;
	dev = ubi_device(atoi(mtdpath + 8), err, errlen);
	if (dev < 0)
		return -1;
	d->ubi_dev = dev;
	d->ubi_vol = -1;
	for (int v = 0; v < 128 && d->ubi_vol < 0; v++) {
		snprintf(path, sizeof(path), "/sys/class/ubi/ubi%d_%d/name", dev, v);
		if (read_sysfs_str(path, name, sizeof(name)) == 0 && !strcmp(name, d->spec.volume))
			d->ubi_vol = v;
	}
	if (d->ubi_vol < 0)
		return seterr(err, errlen, "no UBI volume \"%s\" on ubi%d (partition %s): the layout file does not match this board",
			      d->spec.volume, dev, d->spec.name);
	snprintf(path, sizeof(path), "/sys/class/ubi/ubi%d_%d/reserved_ebs", dev, d->ubi_vol);
	read_sysfs_u64(path, &rsv);
	snprintf(path, sizeof(path), "/sys/class/ubi/ubi%d_%d/usable_eb_size", dev, d->ubi_vol);
	read_sysfs_u64(path, &leb);
	snprintf(path, sizeof(path), "/sys/class/ubi/ubi%d_%d/type", dev, d->ubi_vol);
	if (read_sysfs_str(path, type, sizeof(type)))
		type[0] = '\0';
	snprintf(path, sizeof(path), "/sys/class/ubi/ubi%d/avail_eraseblocks", dev);
	read_sysfs_u64(path, &avail);
	if (!leb || leb > UNIT_MAX)
		return seterr(err, errlen, "ubi%d_%d: unreadable volume geometry in sysfs", dev, d->ubi_vol);
	d->unit = (uint32_t)leb;
	d->size = rsv * leb;
	d->ubi_free = avail * leb;
	d->ubi_static = !strcmp(type, "static");
	snprintf(d->path, sizeof(d->path), "/dev/ubi%d_%d", dev, d->ubi_vol);
	d->fd = open(d->path, (writable ? O_RDWR : O_RDONLY) | O_CLOEXEC);
	if (d->fd < 0)
		return seterr(err, errlen, "unable to open %s: %s", d->path, strerror(errno));
	return 0;
}

int flashdev_open(const struct layout_dev *spec, bool writable, struct flashdev *d, char *err,
		  size_t errlen)
{
	struct mtd_info_user mi;
	struct stat st;
	uint64_t bytes;

	memset(d, 0, sizeof(*d));
	d->fd = -1;
	d->spec = *spec;
	switch (spec->kind) {
	case DEV_UBI:
		return open_ubi(d, writable, err, errlen);
	case DEV_MTD:
		if (flashdev_mtd_path(spec->name, d->path, sizeof(d->path), err, errlen))
			return -1;
		d->fd = open(d->path, (writable ? O_RDWR | O_SYNC : O_RDONLY) | O_CLOEXEC);
		if (d->fd < 0)
			return seterr(err, errlen, "unable to open %s (%s): %s", d->path, spec->name, strerror(errno));
		if (ioctl(d->fd, MEMGETINFO, &mi))
			return seterr(err, errlen, "%s is not an MTD device: %s", d->path, strerror(errno));
		if (!mi.erasesize || mi.erasesize > UNIT_MAX)
			return seterr(err, errlen, "%s: erase size %u is not supported", d->path, mi.erasesize);
		if (writable && !(mi.flags & MTD_WRITEABLE))
			return seterr(err, errlen, "partition %s is read-only", spec->name);
		d->unit = mi.erasesize;
		d->size = mi.size;
		d->nand = mi.type == MTD_NANDFLASH || mi.type == MTD_MLCNANDFLASH;
		return 0;
	case DEV_BLOCK:
		snprintf(d->path, sizeof(d->path), "%s", spec->name);
		d->fd = open(d->path, (writable ? O_RDWR | O_DSYNC : O_RDONLY) | O_CLOEXEC);
		if (d->fd < 0)
			return seterr(err, errlen, "unable to open %s: %s", d->path, strerror(errno));
		if (fstat(d->fd, &st) || !S_ISBLK(st.st_mode) || ioctl(d->fd, BLKGETSIZE64, &bytes))
			return seterr(err, errlen, "%s is not a block device", d->path);
		if (spec->size && (spec->offset > bytes || spec->size > bytes - spec->offset))
			return seterr(err, errlen, "%s is %llu bytes: the layout's range %#llx+%#llx does not fit",
				      d->path, (unsigned long long)bytes, (unsigned long long)spec->offset,
				      (unsigned long long)spec->size);
		d->base = spec->offset;
		d->size = spec->size ? spec->size : bytes;
		d->unit = BLOCK_UNIT;
		return 0;
	}
	return seterr(err, errlen, "unknown device kind");
}

void flashdev_close(struct flashdev *d)
{
	if (d->fd >= 0)
		close(d->fd);
	d->fd = -1;
}

static int is_bad(struct flashdev *d, uint64_t off)
{
	__kernel_loff_t o = (__kernel_loff_t)off;	/* MEMGETBADBLOCK takes a 64-bit offset */

	return d->nand && ioctl(d->fd, MEMGETBADBLOCK, &o) > 0;
}

int flashdev_fits(struct flashdev *d, uint64_t len, char *err, size_t errlen)
{
	uint64_t good = 0;

	if (d->spec.kind == DEV_UBI) {
		if (len <= d->size || len - d->size <= d->ubi_free)
			return 0;
		return seterr(err, errlen, "UBI volume %s is %llu bytes and its device has %llu free: %llu bytes do not fit",
			      d->spec.volume, (unsigned long long)d->size, (unsigned long long)d->ubi_free,
			      (unsigned long long)len);
	}
	if (!d->nand)
		good = d->size;
	else
		for (uint64_t off = 0; off < d->size; off += d->unit)
			if (!is_bad(d, off))
				good += d->unit;
	if (len <= good)
		return 0;
	return seterr(err, errlen, "%s is %llu bytes%s: %llu bytes do not fit", d->spec.name,
		      (unsigned long long)good, d->nand ? " in good blocks" : "", (unsigned long long)len);
}

static int full_pread(int fd, void *buf, size_t len, uint64_t off)
{
	for (size_t done = 0; done < len;) {
		ssize_t n = pread(fd, (char *)buf + done, len - done, (off_t)(off + done));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -1 : (errno = EIO, -1);
		done += (size_t)n;
	}
	return 0;
}

static int full_pwrite(int fd, const void *buf, size_t len, uint64_t off)
{
	for (size_t done = 0; done < len;) {
		ssize_t n = pwrite(fd, (const char *)buf + done, len - done, (off_t)(off + done));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -1 : (errno = EIO, -1);
		done += (size_t)n;
	}
	return 0;
}

int flashdev_pread(struct flashdev *d, void *buf, size_t len, uint64_t off, char *err, size_t errlen)
{
	if (off > d->size || len > d->size - off)
		return seterr(err, errlen, "%s: read past its end", d->spec.name);
	if (full_pread(d->fd, buf, len, d->base + off))
		return seterr(err, errlen, "unable to read %s: %s", d->path, strerror(errno));
	return 0;
}

int flashdev_erase(struct flashdev *d, uint64_t off, char *err, size_t errlen)
{
	struct erase_info_user ei = { (uint32_t)off, d->unit };

	if (d->spec.kind != DEV_MTD)
		return 0;	/* block devices overwrite in place */
	if (ioctl(d->fd, MEMERASE, &ei))
		return seterr(err, errlen, "unable to erase %s at %#llx: %s", d->spec.name,
			      (unsigned long long)off, strerror(errno));
	return 0;
}

int flashdev_pwrite(struct flashdev *d, const void *buf, size_t len, uint64_t off, char *err,
		    size_t errlen)
{
	if (off > d->size || len > d->size - off)
		return seterr(err, errlen, "%s: write past its end", d->spec.name);
	if (full_pwrite(d->fd, buf, len, d->base + off))
		return seterr(err, errlen, "unable to write %s at %#llx: %s", d->spec.name,
			      (unsigned long long)off, strerror(errno));
	if (d->spec.kind == DEV_BLOCK && fdatasync(d->fd))
		return seterr(err, errlen, "unable to write %s: %s", d->spec.name, strerror(errno));
	return 0;
}

/* The read back must come from the medium, not from a cache of what was just written. */
static void drop_cache(struct flashdev *d)
{
	if (d->spec.kind == DEV_BLOCK) {
		ioctl(d->fd, BLKFLSBUF, 0);
		posix_fadvise(d->fd, 0, 0, POSIX_FADV_DONTNEED);
	}
}

static int write_ubi(struct flashdev *d, int src, uint64_t src_off, uint64_t len, bool dry_run,
		     flashdev_step_fn *step, void *ctx, struct flashdev_stats *st, uint8_t *want,
		     uint8_t *cur, char *err, size_t errlen)
{
	int64_t bytes = (int64_t)len;
	bool same = true;
	uint64_t off;

	st->blocks = (unsigned)((len + d->unit - 1) / d->unit);
	for (off = 0; off < len && same; off += d->unit) {
		size_t n = len - off < d->unit ? (size_t)(len - off) : d->unit;

		if (off + n > d->size || full_pread(src, want, n, src_off + off) ||
		    full_pread(d->fd, cur, n, off) || memcmp(want, cur, n))
			same = false;
	}
	if (same && d->ubi_static) {
		char path[96];
		uint64_t data = 0;

		snprintf(path, sizeof(path), "/sys/class/ubi/ubi%d_%d/data_bytes", d->ubi_dev, d->ubi_vol);
		same = read_sysfs_u64(path, &data) == 0 && data == len;
	}
	if (same) {
		st->skipped = st->blocks;
		return 0;
	}
	st->written = st->blocks;
	if (len > d->size) {
		struct ubi_rsvol_req rs = { .bytes = (int64_t)len, .vol_id = d->ubi_vol };
		char path[32];
		int cfd;

		if (step && step(ctx, "resize", 0))
			return 1;
		if (!dry_run) {
			/* The resize opens the volume exclusively: let go of it meanwhile. */
			close(d->fd);
			d->fd = -1;
			snprintf(path, sizeof(path), "/dev/ubi%d", d->ubi_dev);
			cfd = open(path, O_RDONLY | O_CLOEXEC);
			if (cfd < 0 || ioctl(cfd, UBI_IOCRSVOL, &rs)) {
				int e = errno;

				if (cfd >= 0)
					close(cfd);
				return seterr(err, errlen, "unable to resize UBI volume %s to %llu bytes: %s",
					      d->spec.volume, (unsigned long long)len, strerror(e));
			}
			close(cfd);
			d->size = len;
			d->fd = open(d->path, O_RDWR | O_CLOEXEC);
			if (d->fd < 0)
				return seterr(err, errlen, "unable to open %s after resizing it: %s", d->path,
					      strerror(errno));
		}
	}
	if (step && step(ctx, "update", 0))
		return 1;
	if (dry_run)
		return 0;
	if (ioctl(d->fd, UBI_IOCVOLUP, &bytes))
		return seterr(err, errlen, "unable to start the update of UBI volume %s: %s", d->spec.volume,
			      strerror(errno));
	for (off = 0; off < len; off += d->unit) {
		size_t n = len - off < d->unit ? (size_t)(len - off) : d->unit;

		if (full_pread(src, want, n, src_off + off))
			return seterr(err, errlen, "unable to read the payload: %s", strerror(errno));
		for (size_t done = 0; done < n;) {
			ssize_t w = write(d->fd, want + done, n - done);

			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				return seterr(err, errlen, "unable to write UBI volume %s: %s", d->spec.volume,
					      strerror(w < 0 ? errno : EIO));
			done += (size_t)w;
		}
	}
	for (off = 0; off < len; off += d->unit) {
		size_t n = len - off < d->unit ? (size_t)(len - off) : d->unit;

		if (full_pread(src, want, n, src_off + off) || full_pread(d->fd, cur, n, off))
			return seterr(err, errlen, "unable to read back UBI volume %s: %s", d->spec.volume,
				      strerror(errno));
		if (memcmp(want, cur, n))
			return seterr(err, errlen, "UBI volume %s does not read back what was written at %#llx",
				      d->spec.volume, (unsigned long long)off);
	}
	return 0;
}

int flashdev_write(struct flashdev *d, int src, uint64_t src_off, uint64_t len, bool dry_run,
		   flashdev_step_fn *step, void *ctx, struct flashdev_stats *st, char *err,
		   size_t errlen)
{
	uint8_t *want = malloc(d->unit), *cur = malloc(d->unit);
	uint64_t done = 0, phys = 0;
	int r = -1;

	memset(st, 0, sizeof(*st));
	if (!want || !cur) {
		seterr(err, errlen, "out of memory");
		goto out;
	}
	if (d->spec.kind == DEV_UBI) {
		r = write_ubi(d, src, src_off, len, dry_run, step, ctx, st, want, cur, err, errlen);
		goto out;
	}
	while (done < len) {
		size_t n = len - done < d->unit ? (size_t)(len - done) : d->unit;
		/* MTD: a whole erase block, the tail erased (0xff) as flashcp leaves it. Block
		 * devices: only the payload's bytes. */
		size_t cmp = d->spec.kind == DEV_MTD ? d->unit : n;

		if (phys + cmp > d->size) {
			seterr(err, errlen, "%s: no room left", d->spec.name);
			goto out;
		}
		if (is_bad(d, phys)) {
			st->bad++;
			phys += d->unit;
			continue;
		}
		st->blocks++;
		memset(want, 0xff, d->unit);
		if (full_pread(src, want, n, src_off + done)) {
			seterr(err, errlen, "unable to read the payload: %s", strerror(errno));
			goto out;
		}
		if (flashdev_pread(d, cur, cmp, phys, err, errlen))
			goto out;
		if (!memcmp(want, cur, cmp)) {
			st->skipped++;
		} else {
			st->written++;
			if (d->spec.kind == DEV_MTD) {
				if (step && step(ctx, "erase", phys / d->unit)) {
					r = 1;
					goto out;
				}
				if (!dry_run && flashdev_erase(d, phys, err, errlen))
					goto out;
			}
			if (step && step(ctx, "write", phys / d->unit)) {
				r = 1;
				goto out;
			}
			if (!dry_run) {
				if (flashdev_pwrite(d, want, cmp, phys, err, errlen))
					goto out;
				drop_cache(d);
				if (flashdev_pread(d, cur, cmp, phys, err, errlen))
					goto out;
				if (memcmp(want, cur, cmp)) {
					seterr(err, errlen, "%s does not read back what was written at %#llx: failing flash?",
					       d->spec.name, (unsigned long long)phys);
					goto out;
				}
			}
		}
		done += n;
		phys += d->unit;
	}
	r = 0;
out:
	free(want);
	free(cur);
	return r;
}

int flashdev_sha256(struct flashdev *d, uint64_t len, uint8_t out[32], char *err, size_t errlen)
{
	crypto_hash_sha256_state h;
	uint8_t *buf = malloc(d->unit);
	uint64_t done = 0, phys = 0;

	if (!buf)
		return seterr(err, errlen, "out of memory");
	crypto_hash_sha256_init(&h);
	while (done < len) {
		size_t n = len - done < d->unit ? (size_t)(len - done) : d->unit;

		if (is_bad(d, phys)) {
			phys += d->unit;
			continue;
		}
		if (phys + n > d->size || full_pread(d->fd, buf, n, d->base + phys)) {
			free(buf);
			return seterr(err, errlen, "unable to read %s: %s", d->spec.name,
				      phys + n > d->size ? "shorter than the payload" : strerror(errno));
		}
		crypto_hash_sha256_update(&h, buf, n);
		done += n;
		phys += d->unit;
	}
	crypto_hash_sha256_final(&h, out);
	free(buf);
	return 0;
}
