/* SPDX-License-Identifier: GPL-2.0-or-later */
#define _GNU_SOURCE	/* F_SETLEASE */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "bootargs.h"
#include "bundle.h"
#include "dtb.h"
#include "base64.h"
#include "errbuf.h"
#include "fileio.h"
#include "hash.h"
#include "signify.h"

#define MAX_KEYS 32

/* Set by SIGIO: someone opened a leased bundle file for writing (bundle.h). */
static volatile sig_atomic_t lease_broken;

static void on_lease_break(int sig)
{
	(void)sig;
	lease_broken = 1;
}

bool bundle_lease_broken(void)
{
	return lease_broken;
}

/* A read lease from before hashing until the bundle is closed: while it is held, an open
 * for writing (or a truncate) by anyone, the file's owner included, blocks and raises
 * SIGIO here, and a file already open for writing cannot be leased at all. So the bytes
 * kexec reads through /proc/self/fd are the bytes that were hashed, or phramboot knows. */
static int hold_unchanged(int fd, const char *what, const char *name, char *err, size_t errlen)
{
	if (fcntl(fd, F_SETLEASE, F_RDLCK) == 0)
		return 0;
	if (errno == EAGAIN || errno == EBUSY)
		return seterr(err, errlen, "%s (%s) is open for writing by another process, so it could change after it is verified; stop that process and try again",
			      what, name);
	return seterr(err, errlen, "%s (%s): unable to hold it unchanged while it is verified and loaded (%s); copy the bundle to /tmp",
		      what, name, strerror(errno));
}
/* Show progress only where hashing takes long enough to wonder. */
#define PROGRESS_MIN (16u << 20)

static int load_key(const char *path, struct signify_pubkey *k, char *err, size_t errlen)
{
	char e[160], *text;
	size_t len;
	int r;

	if (read_file(path, SIGNIFY_FILE_MAX, &text, &len, e, sizeof(e)))
		return seterr(err, errlen, "unable to read key %s: %s", path, e);
	r = signify_parse_pubkey(text, len, k, e, sizeof(e));
	free(text);
	if (r)
		return seterr(err, errlen, "unable to use key %s: %s", path, e);
	return 0;
}

static int load_keys(const char *where, struct signify_pubkey *keys, size_t *n, char *err,
		     size_t errlen)
{
	struct stat st;
	struct dirent *de;
	DIR *d;

	*n = 0;
	if (stat(where, &st))
		return seterr(err, errlen, "no trusted keys: %s: %s; add a public key there or pass --key",
			      where, strerror(errno));
	if (!S_ISDIR(st.st_mode)) {
		if (load_key(where, &keys[0], err, errlen))
			return -1;
		*n = 1;
		return 0;
	}
	d = opendir(where);
	if (!d)
		return seterr(err, errlen, "unable to open key directory %s: %s", where, strerror(errno));
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);
		char path[PATH_MAX];

		if (l < 5 || strcmp(de->d_name + l - 4, ".pub") || de->d_name[0] == '.')
			continue;
		/* Ignoring the rest would refuse a bundle signed by one of them as "unknown". */
		if (*n == MAX_KEYS) {
			closedir(d);
			return seterr(err, errlen, "more than %d trusted keys in %s; remove the ones no longer used",
				      MAX_KEYS, where);
		}
		if (path_join(path, sizeof(path), where, de->d_name) ||
		    load_key(path, &keys[*n], err, errlen)) {
			closedir(d);
			return -1;
		}
		(*n)++;
	}
	closedir(d);
	if (!*n)
		return seterr(err, errlen, "no trusted keys: %s has no *.pub files; add a public key there or pass --key",
			      where);
	return 0;
}

int bundle_verify_text(const char *text, size_t len, const char *sigtext, size_t siglen,
		       const char *keydir, char keynum[17], char *err, size_t errlen)
{
	struct signify_pubkey keys[MAX_KEYS];
	struct signify_sig sig;
	char e[256];
	size_t nkeys;

	if (signify_parse_sig(sigtext, siglen, &sig, e, sizeof(e)))
		return seterr(err, errlen, "manifest.sig: %s", e);
	if (load_keys(keydir ? keydir : DEFAULT_KEY_DIR, keys, &nkeys, err, errlen))
		return -1;
	if (signify_verify(keys, nkeys, &sig, (const uint8_t *)text, len, e, sizeof(e))) {
		if (!memcmp(e, "signed by an unknown key", 24))
			return seterr(err, errlen, "manifest.sig: %s; add its public key to %s or pass --key",
				      e, keydir ? keydir : DEFAULT_KEY_DIR);
		return seterr(err, errlen, "manifest.sig: %s", e);
	}
	signify_keynum_hex(sig.keynum, keynum);
	return 0;
}

static int verify_signature(struct bundle *b, const char *dir, const char *text, size_t len,
			    const struct bundle_opts *o, char *err, size_t errlen)
{
	struct stat st;
	char path[PATH_MAX], e[256], *sigtext;
	size_t siglen;

	if (path_join(path, sizeof(path), dir, "manifest.sig"))
		return seterr(err, errlen, "bundle path is too long");
	/* lstat: a dangling symlink is not "no signature"; read_file_nofollow refuses it. */
	if (lstat(path, &st) && errno == ENOENT) {
		if (o->insecure)
			return 0;
		return seterr(err, errlen, "bundle is unsigned (no manifest.sig); sign it with phramboot pack --key, or pass --insecure");
	}
	if (read_file_nofollow(path, SIGNIFY_FILE_MAX, &sigtext, &siglen, e, sizeof(e)))
		return seterr(err, errlen, "unable to read %s: %s", path, e);
	b->sig_text = sigtext;
	b->sig_len = siglen;
	if (bundle_verify_text(text, len, sigtext, siglen, o->keys, b->keynum, err, errlen))
		return -1;
	b->signed_ok = true;
	return 0;
}

struct progress {
	const char *what;
	int last;
};

static void show_progress(void *ctx, uint64_t done, uint64_t total)
{
	struct progress *p = ctx;
	int pct = (int)(done * 100 / total);

	if (pct == p->last)
		return;
	p->last = pct;
	fprintf(stderr, "\rphramboot: verifying %s: %3d%%%s", p->what, pct, done == total ? "\n" : "");
}

/* A bundle file, opened without following links (a FIFO or device is refused unopened),
 * its size the manifest's. what names it in messages ("rootfs", "flash payload kernel").
 * No O_CLOEXEC: kexec reads them through /proc/self/fd. With lease, it stays under a
 * read lease until closed (hold_unchanged()). */
static int open_sized(const char *dir, const struct manifest_file_entry *f, const char *what, bool lease,
		      int *fdp, char *err, size_t errlen)
{
	char path[PATH_MAX], e[160];
	struct stat st;
	int fd;

	if (path_join(path, sizeof(path), dir, f->name))
		return seterr(err, errlen, "bundle path is too long");
	fd = open_regular(path, O_NOFOLLOW, e, sizeof(e));
	if (fd < 0)
		return seterr(err, errlen, "%s (%s): %s", what, f->name, e);
	*fdp = fd;
	if (lease && hold_unchanged(fd, what, f->name, err, errlen))
		return -1;
	if (fstat(fd, &st))
		return seterr(err, errlen, "%s (%s): %s", what, f->name, strerror(errno));
	if ((uint64_t)st.st_size != f->size)
		return seterr(err, errlen, "%s (%s) is %llu bytes but the manifest says %llu", what, f->name,
			      (unsigned long long)st.st_size, (unsigned long long)f->size);
	return 0;
}

static int sha256_matches(const uint8_t sum[32], const struct manifest_file_entry *f, const char *what,
			  char *err, size_t errlen)
{
	if (memcmp(sum, f->sha256, 32))
		return seterr(err, errlen, "%s (%s) does not match its SHA-256 in the manifest: damaged or altered",
			      what, f->name);
	return 0;
}

/* The hash of an open bundle file, streamed, against the manifest's. */
static int hash_matches(int fd, const struct manifest_file_entry *f, const char *what,
			const struct bundle_opts *o, char *err, size_t errlen)
{
	struct progress pr = { what, -1 };
	uint8_t sum[32];
	char e[160];

	if (hash_fd_sha256(fd, f->size, sum, o->progress && f->size >= PROGRESS_MIN ? show_progress : NULL,
			   &pr, e, sizeof(e)))
		return seterr(err, errlen, "%s (%s): %s", what, f->name, e);
	return sha256_matches(sum, f, what, err, errlen);
}

/* One of the three; the DTB is read and hashed here, the others by hash_matches() later. */
static int check_file(struct bundle *b, const char *dir, int i, char *err, size_t errlen)
{
	const struct manifest_file_entry *f = &b->m.file[i];
	uint8_t sum[32];
	char e[160], *buf;

	if (open_sized(dir, f, manifest_file_key[i], i != MF_DTB, &b->fd[i], err, errlen))
		return -1;
	if (i != MF_DTB)
		return 0;
	/* Hash the bytes held in memory: those are what gets edited and loaded. */
	if (f->size > DTB_MAX)
		return seterr(err, errlen, "dtb (%s) is %llu bytes; a device tree blob is at most %u",
			      f->name, (unsigned long long)f->size, DTB_MAX);
	if (read_fd(b->fd[i], f->size, &buf, &b->dtb_len, e, sizeof(e)))
		return seterr(err, errlen, "dtb (%s): %s", f->name, e);
	b->dtb = (uint8_t *)buf;
	crypto_hash_sha256(sum, b->dtb, b->dtb_len);
	return sha256_matches(sum, f, "dtb", err, errlen);
}

/* "flash payload TARGET", for messages. */
static const char *flash_what(const struct manifest_flash *fl, char *buf, size_t len)
{
	snprintf(buf, len, "flash payload %s", fl->target);
	return buf;
}

static int check_kernel_arch(struct bundle *b, char *err, size_t errlen)
{
	static uint8_t head[64 * 1024];
	char e[160], kd[64], md[64];
	ssize_t n = pread(b->fd[MF_KERNEL], head, sizeof(head), 0);
	const struct elfarch *m = &b->m.arch;

	if (n < 0)
		return seterr(err, errlen, "kernel: %s", strerror(errno));
	if (elfarch_detect(head, (size_t)n, &b->kernel, e, sizeof(e)))
		return seterr(err, errlen, "%s", e);
	if (b->kernel.machine != m->machine || b->kernel.bits != m->bits ||
	    b->kernel.big_endian != m->big_endian || b->kernel.format != m->format) {
		elfarch_describe(&b->kernel, kd, sizeof(kd));
		elfarch_describe(m, md, sizeof(md));
		return seterr(err, errlen, "kernel is %s but the manifest says %s", kd, md);
	}
	return 0;
}

int bundle_open(struct bundle *b, const char *dir, const struct bundle_opts *o, char *err,
		size_t errlen)
{
	uint8_t sum[32];
	char path[PATH_MAX], e[256], *text = NULL;
	size_t len;
	struct sigaction sa;

	memset(b, 0, sizeof(*b));
	for (int i = 0; i < MF_COUNT; i++)
		b->fd[i] = -1;
	/* SIGIO's default would kill phramboot: catch the lease breaks instead. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_lease_break;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGIO, &sa, NULL);
	lease_broken = 0;
	for (int i = 0; i < MANIFEST_FLASH_MAX; i++)
		b->flash_fd[i] = -1;
	if (path_join(path, sizeof(path), dir, "manifest"))
		return seterr(err, errlen, "bundle path is too long");
	if (read_file_nofollow(path, MANIFEST_MAX, &text, &len, e, sizeof(e))) {
		seterr(err, errlen, "unable to read %s: %s", path, e);
		goto fail;
	}
	if (verify_signature(b, dir, text, len, o, err, errlen))
		goto fail;
	if (manifest_parse(text, len, &b->m, err, errlen))
		goto fail;
	/* Signed is not the same as safe to boot: refuse what bootargs_check refuses
	 * (a bare "--", an open quote) before hashing hundreds of MiB. */
	if (bootargs_check(b->m.append, e, sizeof(e))) {
		seterr(err, errlen, "manifest append line: %s", e);
		goto fail;
	}
	crypto_hash_sha256(sum, (const uint8_t *)text, len);
	hex_encode(sum, 8, b->id);
	for (int i = 0; i < MF_COUNT; i++) {
		char rpath[PATH_MAX];
		struct stat st;

		/* phramboot receive left the root image in the staging region, not here. */
		if (i == MF_ROOTFS && o->rootfs_may_be_staged &&
		    path_join(rpath, sizeof(rpath), dir, b->m.file[i].name) == 0 &&
		    lstat(rpath, &st) && errno == ENOENT) {
			b->rootfs_staged = true;
			continue;
		}
		if (check_file(b, dir, i, err, errlen))
			goto fail;
	}
	if (check_kernel_arch(b, err, errlen))
		goto fail;
	for (unsigned i = 0; i < b->m.nflash; i++) {
		char what[64];

		if (b->m.flash[i].same_as < 0 &&
		    open_sized(dir, &b->m.flash[i].f, flash_what(&b->m.flash[i], what, sizeof(what)), true,
			       &b->flash_fd[i], err, errlen))
			goto fail;
	}
	b->manifest_text = text;
	b->manifest_len = len;
	return 0;
fail:
	free(text);
	bundle_close(b);
	return -1;
}

int bundle_verify_contents(struct bundle *b, const char *dir, const struct bundle_opts *o, char *err,
			   size_t errlen)
{
	static const int big[] = { MF_KERNEL, MF_ROOTFS };	/* the DTB was hashed when read */
	char what[64];

	for (size_t k = 0; k < sizeof(big) / sizeof(big[0]); k++)
		if (b->fd[big[k]] >= 0 && hash_matches(b->fd[big[k]], &b->m.file[big[k]], manifest_file_key[big[k]], o, err, errlen))
			return -1;
	for (unsigned i = 0; i < b->m.nflash; i++)
		if (b->m.flash[i].same_as < 0 &&
		    hash_matches(b->flash_fd[i], &b->m.flash[i].f, flash_what(&b->m.flash[i], what, sizeof(what)),
				 o, err, errlen))
			return -1;
	if (lease_broken)
		return seterr(err, errlen, "a bundle file was opened for writing while it was being verified; nothing was booted: try again once nothing writes to %s",
			      dir);
	return 0;
}

void bundle_close(struct bundle *b)
{
	for (int i = 0; i < MF_COUNT; i++) {
		if (b->fd[i] >= 0)
			close(b->fd[i]);
		b->fd[i] = -1;
	}
	for (int i = 0; i < MANIFEST_FLASH_MAX; i++) {
		if (b->flash_fd[i] >= 0)
			close(b->flash_fd[i]);
		b->flash_fd[i] = -1;
	}
	free(b->dtb);
	free(b->manifest_text);
	free(b->sig_text);
	b->dtb = NULL;
	b->manifest_text = b->sig_text = NULL;
}

/* How another process reads a verified file: its descriptor, or by name without /proc. */
static void fd_path(int fd, const char *dir, const char *name, char *out, size_t len)
{
	if (access("/proc/self/fd", X_OK) == 0)
		snprintf(out, len, "/proc/self/fd/%d", fd);
	else if (path_join(out, len, dir, name))
		out[0] = '\0';
}

void bundle_file_path(const struct bundle *b, const char *dir, int i, char *out, size_t len)
{
	fd_path(b->fd[i], dir, b->m.file[i].name, out, len);
}

void bundle_flash_path(const struct bundle *b, const char *dir, unsigned i, char *out, size_t len)
{
	fd_path(b->flash_fd[i], dir, b->m.flash[i].f.name, out, len);
}
