/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "base64.h"
#include "bundle.h"
#include "errbuf.h"
#include "exitcodes.h"
#include "fileio.h"
#include "manifest.h"
#include "receive.h"
#include "report.h"
#include "staging.h"
#include "tar.h"

#define PROG "phramboot"
#define SIG_MAX 4096
#define CHUNK (256 * 1024)
#define SEND_HINT "send the manifest and its signature first: tar -C result -cf - manifest manifest.sig kernel dtb rootfs"

struct rx {
	const struct receive_opts *o;
	int in;
	char partial[PATH_MAX];
	struct manifest m;
	char id[17];
	bool got[MF_COUNT + MANIFEST_FLASH_MAX];
	struct staging region;
	bool staged, region_cleared;
	uint64_t received;
	uint8_t *buf;
};

/* Exactly n bytes, or how many there were before the end of the stream. */
static ssize_t read_full(int fd, void *buf, size_t n)
{
	size_t done = 0;

	while (done < n) {
		ssize_t r = read(fd, (char *)buf + done, n - done);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		done += (size_t)r;
	}
	return (ssize_t)done;
}

/* A member's data, size bytes and the block padding after it, into buf (size <= max). */
static int read_member(struct rx *r, const struct tar_member *m, char *buf, size_t max, char *err, size_t errlen)
{
	uint64_t want = tar_data_blocks(m->size) * TAR_BLOCK;
	char *tmp;
	ssize_t n;

	if (m->size > max)
		return seterr(err, errlen, "%s is %llu bytes, more than the %zu a %s can be", m->name,
			      (unsigned long long)m->size, max, m->name);
	tmp = malloc(want ? want : 1);
	if (!tmp)
		return seterr(err, errlen, "out of memory");
	n = read_full(r->in, tmp, want);
	if (n != (ssize_t)want) {
		free(tmp);
		return seterr(err, errlen, n < 0 ? "reading the stream: %s" : "the stream ends inside %s: truncated",
			      n < 0 ? strerror(errno) : m->name);
	}
	memcpy(buf, tmp, m->size);
	buf[m->size] = '\0';
	free(tmp);
	r->received += want + TAR_BLOCK;
	return 0;
}

/* Which manifest file name is (an index into got[]), or -1. */
static int which_file(const struct manifest *m, const char *name)
{
	for (int i = 0; i < MF_COUNT; i++)
		if (!strcmp(m->file[i].name, name))
			return i;
	for (unsigned i = 0; i < m->nflash; i++)
		if (m->flash[i].same_as < 0 && !strcmp(m->flash[i].f.name, name))
			return MF_COUNT + (int)i;
	return -1;
}

static const struct manifest_file_entry *entry(const struct manifest *m, int k)
{
	return k < MF_COUNT ? &m->file[k] : &m->flash[k - MF_COUNT].f;
}

/* One file's data, streamed into fd at off (a file, or the staging MTD), hashed. */
static int stream_file(struct rx *r, const struct tar_member *tm, int k, int out, off_t off, char *err,
		       size_t errlen)
{
	const struct manifest_file_entry *f = entry(&r->m, k);
	crypto_hash_sha256_state st;
	uint64_t left = tm->size, pad = tar_data_blocks(tm->size) * TAR_BLOCK - tm->size;
	uint8_t sum[32];

	crypto_hash_sha256_init(&st);
	while (left) {
		size_t n = left < CHUNK ? (size_t)left : CHUNK;
		ssize_t got = read_full(r->in, r->buf, n);

		if (got != (ssize_t)n)
			return seterr(err, errlen, got < 0 ? "reading the stream: %s" : "the stream ends inside %s: truncated",
				      got < 0 ? strerror(errno) : tm->name);
		crypto_hash_sha256_update(&st, r->buf, n);
		for (size_t done = 0; done < n;) {
			ssize_t w = pwrite(out, r->buf + done, n - done, off);

			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				return seterr(err, errlen, "unable to write %s: %s", tm->name,
					      w < 0 ? strerror(errno) : "no space");
			done += (size_t)w;
			off += w;
		}
		left -= n;
	}
	if (pad && read_full(r->in, r->buf, (size_t)pad) != (ssize_t)pad)
		return seterr(err, errlen, "the stream ends inside %s: truncated", tm->name);
	crypto_hash_sha256_final(&st, sum);
	if (memcmp(sum, f->sha256, 32))
		return seterr(err, errlen, "%s does not match its SHA-256 in the signed manifest: damaged or altered in transit",
			      tm->name);
	r->received += tm->size + pad + TAR_BLOCK;
	return 0;
}

static int write_small(struct rx *r, const char *name, const char *buf, size_t len, char *err, size_t errlen)
{
	char path[PATH_MAX], e[256];

	if (path_join(path, sizeof(path), r->partial, name))
		return seterr(err, errlen, "path too long");
	if (write_new_file(path, buf, len, 0644, e, sizeof(e)))
		return seterr(err, errlen, "unable to write %s: %s", path, e);
	return 0;
}

/* The member k into the partial directory, or the root image into the region. */
static int take_file(struct rx *r, const struct tar_member *tm, int k, char *err, size_t errlen)
{
	const struct manifest_file_entry *f = entry(&r->m, k);
	char path[PATH_MAX];
	int fd, rc;

	if (tm->size != f->size)
		return seterr(err, errlen, "%s is %llu bytes in the stream but %llu in the signed manifest",
			      tm->name, (unsigned long long)tm->size, (unsigned long long)f->size);
	if (k == MF_ROOTFS && r->staged) {
		if (f->size > r->region.size - STAGING_HEADER)
			return seterr(err, errlen, "the root image is %llu bytes, larger than the staging region's %llu; send it with --no-staging, or give the board a bigger region",
				      (unsigned long long)f->size, (unsigned long long)(r->region.size - STAGING_HEADER));
		/* Empty first: a stream cut from here on leaves a region that holds nothing. */
		if (staging_clear(&r->region, err, errlen))
			return -1;
		r->region_cleared = true;
		fd = open(r->region.dev, O_WRONLY | O_CLOEXEC);
		if (fd < 0)
			return seterr(err, errlen, "unable to open %s: %s", r->region.dev, strerror(errno));
		rc = stream_file(r, tm, k, fd, STAGING_HEADER, err, errlen);
		close(fd);
		return rc;
	}
	if (path_join(path, sizeof(path), r->partial, tm->name))
		return seterr(err, errlen, "path too long");
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		return seterr(err, errlen, "unable to create %s: %s", path, strerror(errno));
	rc = stream_file(r, tm, k, fd, 0, err, errlen);
	if (close(fd) && !rc)
		rc = seterr(err, errlen, "unable to write %s: %s", path, strerror(errno));
	return rc;
}

/* A directory of flat files that a receive made (it has a manifest): removed. */
static int remove_flat(const char *dir, bool must_be_ours, char *err, size_t errlen)
{
	char path[PATH_MAX];
	struct dirent *de;
	DIR *d = opendir(dir);

	if (!d)
		return errno == ENOENT ? 0 : seterr(err, errlen, "unable to open %s: %s", dir, strerror(errno));
	if (must_be_ours && (path_join(path, sizeof(path), dir, "manifest") || access(path, F_OK))) {
		closedir(d);
		return seterr(err, errlen, "%s exists and is not a bundle; give another --dir", dir);
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (path_join(path, sizeof(path), dir, de->d_name) || unlink(path)) {
			closedir(d);
			return seterr(err, errlen, "unable to clear %s: %s", dir, strerror(errno));
		}
	}
	closedir(d);
	if (rmdir(dir))
		return seterr(err, errlen, "unable to remove %s: %s", dir, strerror(errno));
	return 0;
}

static int receive_stream(struct rx *r, char *err, size_t errlen)
{
	static char manifest[MANIFEST_MAX + 1], sig[SIG_MAX + 1];
	uint8_t hdr[TAR_BLOCK], sum[32];
	struct tar_member tm;
	size_t mlen = 0, slen = 0;
	bool have_manifest = false, have_sig = false, ended = false;
	char keynum[17], e[512];

	while (!ended) {
		ssize_t n = read_full(r->in, hdr, TAR_BLOCK);
		int k, t;

		if (n < 0)
			return seterr(err, errlen, "reading the stream: %s", strerror(errno));
		if (n == 0 && !have_manifest)
			return seterr(err, errlen, "the stream is empty; %s", SEND_HINT);
		if (n != TAR_BLOCK)
			return seterr(err, errlen, "the stream ends before the end of the tar archive: truncated");
		t = tar_header_parse(hdr, &tm, e, sizeof(e));
		if (t < 0)
			return seterr(err, errlen, "%s", e);
		if (t == 1) {
			ended = true;
			break;
		}
		r->received += TAR_BLOCK;
		if (tm.is_dir) {
			if (tm.name[0])
				return seterr(err, errlen, "a directory %s in the stream: a bundle is flat", tm.name);
			continue;
		}
		if (!have_manifest) {
			if (strcmp(tm.name, "manifest"))
				return seterr(err, errlen, "%s came before the manifest; %s", tm.name, SEND_HINT);
			if (read_member(r, &tm, manifest, MANIFEST_MAX, err, errlen))
				return -1;
			mlen = (size_t)tm.size;
			have_manifest = true;
			if (manifest_parse(manifest, mlen, &r->m, e, sizeof(e)))
				return seterr(err, errlen, "the manifest: %s", e);
			crypto_hash_sha256(sum, (const uint8_t *)manifest, mlen);
			hex_encode(sum, 8, r->id);
			/* A trial carries flash payloads after a root image in its bundle
			 * directory only (carry.h): such a bundle does not use the region. */
			if (r->staged && r->m.nflash) {
				r->staged = false;
				printf(PROG ": bundle %s has flash payloads: its root image goes to the bundle directory, not the staging region\n",
				       r->id);
			}
			continue;
		}
		if (!have_sig) {
			if (!strcmp(tm.name, "manifest.sig")) {
				if (read_member(r, &tm, sig, SIG_MAX, err, errlen))
					return -1;
				slen = (size_t)tm.size;
				if (bundle_verify_text(manifest, mlen, sig, slen, r->o->keys, keynum, e, sizeof(e)))
					return seterr(err, errlen, "%s", e);
				have_sig = true;
				printf(PROG ": manifest of bundle %s verified (key %s)\n", r->id, keynum);
				fflush(stdout);
				continue;
			}
			if (!r->o->insecure)
				return seterr(err, errlen, "%s came before the manifest's signature; %s (or pass --insecure for an unsigned bundle)",
					      tm.name, SEND_HINT);
			have_sig = true;	/* --insecure: no signature, taken as such */
			fprintf(stderr, PROG ": warning: bundle %s is not signed; receiving it because of --insecure\n", r->id);
		}
		k = which_file(&r->m, tm.name);
		if (!strcmp(tm.name, "manifest") || !strcmp(tm.name, "manifest.sig"))
			return seterr(err, errlen, "a second %s in the stream", tm.name);
		if (k < 0)
			return seterr(err, errlen, "%s is not a file of the signed manifest: an extra file", tm.name);
		if (r->got[k])
			return seterr(err, errlen, "%s comes twice in the stream", tm.name);
		if (take_file(r, &tm, k, err, errlen))
			return -1;
		r->got[k] = true;
	}
	/* After the end: only the zeros tar pads its last record with. */
	for (;;) {
		ssize_t n = read_full(r->in, hdr, TAR_BLOCK);

		if (n <= 0)
			break;
		for (ssize_t i = 0; i < n; i++)
			if (hdr[i])
				return seterr(err, errlen, "data after the end of the tar archive");
	}
	if (!have_manifest)
		return seterr(err, errlen, "the stream holds no manifest; %s", SEND_HINT);
	for (int k = 0; k < MF_COUNT + (int)r->m.nflash; k++) {
		if (k >= MF_COUNT && r->m.flash[k - MF_COUNT].same_as >= 0)
			continue;
		if (!r->got[k])
			return seterr(err, errlen, "the stream ends without %s: truncated", entry(&r->m, k)->name);
	}
	if (write_small(r, "manifest", manifest, mlen, err, errlen) ||
	    (slen && write_small(r, "manifest.sig", sig, slen, err, errlen)))
		return -1;
	return 0;
}

int receive_run(const struct receive_opts *o, int fd)
{
	static struct rx r;
	const char *dir = o->dir ? o->dir : RECEIVE_DIR_DEFAULT;
	char err[768], e2[256];
	int code = EXIT_OK, f;

	memset(&r, 0, sizeof(r));
	r.o = o;
	r.in = fd;
	if (snprintf(r.partial, sizeof(r.partial), "%s.partial", dir) >= (int)sizeof(r.partial))
		return fatal(EXIT_USAGE, "unable to receive: --dir %s is too long", dir);
	f = o->no_staging ? 1 : staging_find(&r.region, err, sizeof(err));
	if (f < 0)
		return fatal(EXIT_SYSTEM, "unable to receive: the staging region is declared inconsistently: %s", err);
	r.staged = f == 0;
	r.buf = malloc(CHUNK);
	if (!r.buf)
		return fatal(EXIT_SYSTEM, "unable to receive: out of memory");
	/* A partial directory is a receive that died: ours to remove. */
	if (remove_flat(r.partial, false, err, sizeof(err)) || mkdir(r.partial, 0700)) {
		code = fatal(EXIT_SYSTEM, "unable to receive into %s: %s", r.partial, err[0] ? err : strerror(errno));
		free(r.buf);
		return code;
	}
	if (receive_stream(&r, err, sizeof(err))) {
		code = fatal(EXIT_BAD_BUNDLE, "unable to receive the bundle: %s; nothing was kept%s", err,
			     r.region_cleared ? ", and the staging region is empty" : "");
		goto fail;
	}
	if (r.staged) {
		struct staged st = { .size = r.m.file[MF_ROOTFS].size };

		memcpy(st.id, r.id, sizeof(st.id));
		memcpy(st.sha256, r.m.file[MF_ROOTFS].sha256, 32);
		if (staging_mark(&r.region, &st, err, sizeof(err))) {
			code = fatal(EXIT_SYSTEM, "unable to receive the bundle: %s", err);
			goto fail;
		}
	}
	if (remove_flat(dir, true, err, sizeof(err)) || rename(r.partial, dir)) {
		code = fatal(EXIT_SYSTEM, "unable to receive the bundle into %s: %s", dir, err[0] ? err : strerror(errno));
		goto fail;
	}
	free(r.buf);
	if (r.staged)
		printf(PROG ": received bundle %s into %s, %llu bytes; its root image is in the staging region %s at %#llx\n",
		       r.id, dir, (unsigned long long)r.received, r.region.dev,
		       (unsigned long long)(r.region.addr + STAGING_HEADER));
	else
		printf(PROG ": received bundle %s into %s, %llu bytes\n", r.id, dir, (unsigned long long)r.received);
	return EXIT_OK;
fail:
	if (remove_flat(r.partial, false, e2, sizeof(e2)))
		fprintf(stderr, PROG ": warning: %s\n", e2);
	free(r.buf);
	return code;
}
