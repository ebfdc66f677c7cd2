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

#include <libfdt.h>
#include <sodium.h>

#include "bootargs.h"
#include "dtb.h"
#include "errbuf.h"
#include "exitcodes.h"
#include "fdtcheck.h"
#include "fileio.h"
#include "manifest.h"
#include "pack.h"
#include "signify.h"

/* What phramboot adds to the command line at most: root=, watchdog.open_timeout=,
 * panic=, phramboot.trial=, and with --describe cmdline memmap=/mem=, phram.phram= and
 * mtdparts= (bootargs.c). */
#define PACK_BOOTARGS_RESERVE 256

static const char *const bundle_name[MF_COUNT] = {
	[MF_KERNEL] = "kernel", [MF_DTB] = "dtb", [MF_ROOTFS] = "rootfs",
};

/* Copy src to a new file dst, hashing the bytes as they pass: the manifest describes
 * exactly what was written. Also returns the first bytes for format checks. */
static int copy_hash(const char *src, const char *dst, struct manifest_file_entry *f,
		     uint8_t *head, size_t headlen, size_t *headgot, char *err, size_t errlen)
{
	static uint8_t buf[256 * 1024];
	crypto_hash_sha256_state st;
	int in, out, ret = -1;
	uint64_t total = 0;
	char e[160];

	/* A build's output may well be a symlink; a FIFO or device is refused unopened. */
	in = open_regular(src, O_CLOEXEC, e, sizeof(e));
	if (in < 0)
		return seterr(err, errlen, "unable to use %s: %s", src, e);
	out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (out < 0) {
		close(in);
		return seterr(err, errlen, "unable to create %s: %s", dst, strerror(errno));
	}
	crypto_hash_sha256_init(&st);
	*headgot = 0;
	for (;;) {
		ssize_t n = read(in, buf, sizeof(buf));
		int w;

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			seterr(err, errlen, "unable to read %s: %s", src, strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		if (*headgot < headlen) {
			size_t c = headlen - *headgot < (size_t)n ? headlen - *headgot : (size_t)n;

			memcpy(head + *headgot, buf, c);
			*headgot += c;
		}
		if ((w = write_all(out, buf, (size_t)n))) {
			seterr(err, errlen, "unable to write %s: %s", dst, strerror(-w));
			goto out;
		}
		crypto_hash_sha256_update(&st, buf, (size_t)n);
		total += (uint64_t)n;
	}
	if (fsync(out)) {
		seterr(err, errlen, "unable to write %s: %s", dst, strerror(errno));
		goto out;
	}
	crypto_hash_sha256_final(&st, f->sha256);
	f->size = total;
	ret = 0;
out:
	close(in);
	if (close(out) && !ret)
		ret = seterr(err, errlen, "unable to write %s: %s", dst, strerror(errno));
	return ret;
}

static int check_inputs(const struct pack_opts *o, const uint8_t *khead, size_t klen,
			const uint8_t *dhead, size_t dlen, const uint8_t *rhead, size_t rlen,
			struct manifest *m, char *err, size_t errlen)
{
	char e[160];

	if (elfarch_detect(khead, klen, &m->arch, e, sizeof(e)))
		return seterr(err, errlen, "unable to use %s: %s", o->kernel, e);
	if (!elfarch_machine_name(m->arch.machine))
		return seterr(err, errlen, "unable to use %s: kernel machine %u is not supported",
			      o->kernel, m->arch.machine);
	if (dlen < sizeof(struct fdt_header) || fdt_magic(dhead) != FDT_MAGIC)
		return seterr(err, errlen, "unable to use %s: not a device tree blob", o->dtb);
	/* root= names squashfs: catch an ext4 or a tarball here, not on the device. */
	if (rlen < 4 || memcmp(rhead, "hsqs", 4))
		return seterr(err, errlen, "unable to use %s: not a (little-endian) squashfs image", o->rootfs);
	if (m->file[MF_KERNEL].size == 0 || m->file[MF_DTB].size == 0)
		return seterr(err, errlen, "unable to use an empty kernel or DTB");
	/* Checked here, not on the device: the bundle would be signed and then refused. */
	if (m->file[MF_DTB].size > DTB_MAX)
		return seterr(err, errlen, "unable to use %s: %llu bytes; a device tree blob is at most %u",
			      o->dtb, (unsigned long long)m->file[MF_DTB].size, DTB_MAX);
	if (strlen(m->append) + PACK_BOOTARGS_RESERVE >= elfarch_cmdline_size(m->arch.machine))
		return seterr(err, errlen, "unable to use --append: %zu bytes leave too little of this kernel's %zu-byte command line for phramboot's own %d",
			      strlen(m->append), elfarch_cmdline_size(m->arch.machine), PACK_BOOTARGS_RESERVE);
	return 0;
}

static int dir_is_empty(const char *dir)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	int empty = 1;

	if (!d)
		return 0;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			empty = 0;
	closedir(d);
	return empty;
}

/* Bits of `written`: the three files, manifest, manifest.sig, then flash payload i. */
#define W_FLASH (MF_COUNT + 2)

static void undo(const char *out, const struct manifest *m, int written, int created)
{
	static const char *const extra[] = { "manifest", "manifest.sig" };
	char path[PATH_MAX];

	for (int i = 0; i < W_FLASH + MANIFEST_FLASH_MAX; i++) {
		const char *name = i < MF_COUNT ? bundle_name[i] : i < W_FLASH ? extra[i - MF_COUNT]
			: m->flash[i - W_FLASH].f.name;

		if (written & (1 << i) && !path_join(path, sizeof(path), out, name))
			unlink(path);
	}
	if (created)
		rmdir(out);
}

/* The --flash payloads: each its own copied, hashed file, or one of the three. */
static int add_flash(const struct pack_opts *o, struct manifest *m, int *written, char *err,
		     size_t errlen)
{
	char path[PATH_MAX];
	uint8_t head[4];
	size_t got;

	for (unsigned i = 0; i < o->nflash; i++) {
		struct manifest_flash *fl = &m->flash[i];
		const char *src = o->flash[i].src;

		snprintf(fl->target, sizeof(fl->target), "%s", o->flash[i].target);
		fl->same_as = -1;
		for (int k = 0; k < MF_COUNT && src[0] == '@'; k++)
			if (!strcmp(src + 1, manifest_file_key[k]))
				fl->same_as = k;
		if (fl->same_as >= 0) {
			fl->f = m->file[fl->same_as];
			m->nflash++;
			continue;
		}
		if (src[0] == '@')
			return seterr(err, errlen, "unable to use --flash %s=%s: want a file, @kernel, @dtb or @rootfs",
				      fl->target, src);
		snprintf(fl->f.name, sizeof(fl->f.name), "flash-%s", o->flash[i].target);
		if (path_join(path, sizeof(path), o->out, fl->f.name))
			return seterr(err, errlen, "unable to use %s: path too long", o->out);
		if (copy_hash(src, path, &fl->f, head, sizeof(head), &got, err, errlen)) {
			if (access(path, F_OK) == 0)
				*written |= 1 << (W_FLASH + i);
			return -1;
		}
		*written |= 1 << (W_FLASH + i);
		m->nflash++;
		if (fl->f.size == 0)
			return seterr(err, errlen, "unable to use --flash %s=%s: the file is empty", fl->target, src);
	}
	return 0;
}

int pack_bundle(const struct pack_opts *o, char *err, size_t errlen)
{
	static uint8_t khead[64 * 1024], dhead[64], rhead[64];
	static char text[MANIFEST_MAX];
	const char *src[MF_COUNT] = { o->kernel, o->dtb, o->rootfs };
	uint8_t *heads[MF_COUNT] = { khead, dhead, rhead };
	size_t headlen[MF_COUNT] = { sizeof(khead), sizeof(dhead), sizeof(rhead) }, got[MF_COUNT];
	char path[PATH_MAX], e[200], *keytext = NULL, sigtext[SIGNIFY_FILE_MAX], comment[300];
	struct signify_seckey sk;
	struct signify_sig sig;
	struct manifest m;
	size_t keylen;
	const char *base, *append = o->append ? o->append : "";
	int code = EXIT_BAD_BUNDLE, len, created = 0, written = 0;

	memset(&m, 0, sizeof(m));
	if (bootargs_check(append, e, sizeof(e)))
		return seterr(err, errlen, "unable to use --append: %s", e), EXIT_USAGE;
	if (strlen(append) >= sizeof(m.append))
		return seterr(err, errlen, "unable to use --append: longer than %zu bytes",
			      sizeof(m.append) - 1), EXIT_USAGE;
	strcpy(m.append, append);
	for (unsigned i = 0; i < o->ncompatible; i++)
		snprintf(m.compatible[i], sizeof(m.compatible[i]), "%s", o->compatible[i]);
	m.ncompatible = o->ncompatible;
	m.has_security_version = o->has_security_version;
	m.security_version = o->security_version;
	if (read_file(o->key, SIGNIFY_FILE_MAX, &keytext, &keylen, e, sizeof(e)))
		return seterr(err, errlen, "unable to read secret key %s: %s", o->key, e), EXIT_BAD_BUNDLE;
	len = signify_parse_seckey(keytext, keylen, &sk, e, sizeof(e));
	explicit_bzero(keytext, keylen);
	free(keytext);
	if (len) {
		explicit_bzero(&sk, sizeof(sk));
		return seterr(err, errlen, "unable to use secret key %s: %s", o->key, e), EXIT_BAD_BUNDLE;
	}

	if (mkdir(o->out, 0755) == 0) {
		created = 1;
	} else if (errno != EEXIST || !dir_is_empty(o->out)) {
		code = EXIT_SYSTEM;
		seterr(err, errlen, "unable to create bundle directory %s: %s", o->out,
		       errno == EEXIST ? "it exists and is not an empty directory" : strerror(errno));
		goto fail;
	}
	for (int i = 0; i < MF_COUNT; i++) {
		strcpy(m.file[i].name, bundle_name[i]);
		if (path_join(path, sizeof(path), o->out, bundle_name[i])) {
			seterr(err, errlen, "unable to use %s: path too long", o->out);
			goto fail;
		}
		if (copy_hash(src[i], path, &m.file[i], heads[i], headlen[i], &got[i], err, errlen)) {
			if (access(path, F_OK) == 0)
				written |= 1 << i;
			goto fail;
		}
		written |= 1 << i;
	}
	if (check_inputs(o, khead, got[MF_KERNEL], dhead, got[MF_DTB], rhead, got[MF_ROOTFS],
			 &m, err, errlen))
		goto fail;
	if (add_flash(o, &m, &written, err, errlen))
		goto fail;
	/* The whole DTB, as the device will check it before editing: better refused here
	 * than signed and then refused on every device. */
	{
		char *dtb, e2[160];
		size_t dlen;

		if (path_join(path, sizeof(path), o->out, bundle_name[MF_DTB]) ||
		    read_file(path, DTB_MAX, &dtb, &dlen, e, sizeof(e))) {
			seterr(err, errlen, "unable to read back %s: %s", path, e);
			goto fail;
		}
		if (fdt_strict_check(dtb, dlen, e2, sizeof(e2))) {
			free(dtb);
			seterr(err, errlen, "unable to use %s: %s", o->dtb, e2);
			goto fail;
		}
		free(dtb);
	}
	code = EXIT_SYSTEM;
	len = manifest_format(&m, text, sizeof(text));
	if (len < 0) {
		seterr(err, errlen, "unable to write the manifest: too long");
		goto fail;
	}
	if (path_join(path, sizeof(path), o->out, "manifest") ||
	    write_new_file(path, text, (size_t)len, 0644, e, sizeof(e))) {
		seterr(err, errlen, "unable to write %s: %s", path, e);
		goto fail;
	}
	written |= 1 << MF_COUNT;
	signify_sign(&sk, (const uint8_t *)text, (size_t)len, &sig);
	/* Like signify: tell the verifier which public key to use by name. */
	base = strrchr(o->key, '/') ? strrchr(o->key, '/') + 1 : o->key;
	snprintf(comment, sizeof(comment), "verify with %.*s.pub",
		 (int)(strlen(base) > 4 && !strcmp(base + strlen(base) - 4, ".sec") ? strlen(base) - 4 : strlen(base)),
		 base);
	len = signify_format_sig(&sig, comment, sigtext, sizeof(sigtext));
	if (len < 0 || path_join(path, sizeof(path), o->out, "manifest.sig") ||
	    write_new_file(path, sigtext, (size_t)len, 0644, e, sizeof(e))) {
		seterr(err, errlen, "unable to write %s/manifest.sig: %s", o->out, len < 0 ? "too long" : e);
		goto fail;
	}
	explicit_bzero(&sk, sizeof(sk));
	return EXIT_OK;
fail:
	explicit_bzero(&sk, sizeof(sk));
	undo(o->out, &m, written, created);
	return code;
}
