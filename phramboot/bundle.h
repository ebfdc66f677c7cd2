/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A bundle directory on the device, verified: signature over the manifest, then each
 * file's size and SHA-256, then the kernel's header against the manifest. The kernel and
 * root image stay open so kexec reads the very bytes that were hashed.
 */
#ifndef BUNDLE_H
#define BUNDLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "manifest.h"

#define DEFAULT_KEY_DIR "/etc/phramboot/keys"

struct bundle {
	struct manifest m;
	char id[17];		/* first 16 hex digits of the manifest's SHA-256 */
	int fd[MF_COUNT];	/* verified files, open without O_CLOEXEC: kexec inherits them */
	uint8_t *dtb;		/* the verified DTB bytes */
	size_t dtb_len;
	struct elfarch kernel;	/* as read from the kernel file */
	bool signed_ok;
	bool rootfs_staged;	/* no rootfs file: the root image is in the staging region */
	char keynum[17];	/* the key that signed it */
	int flash_fd[MANIFEST_FLASH_MAX];	/* verified flash payloads; -1 where same_as */
	/* The signed text and its signature, as read: a trial carries both to commit. */
	char *manifest_text, *sig_text;
	size_t manifest_len, sig_len;
};

struct bundle_opts {
	const char *keys;	/* file or directory of *.pub; NULL = DEFAULT_KEY_DIR */
	bool insecure;		/* accept a bundle without manifest.sig */
	bool progress;		/* show hashing progress on stderr */
	bool rootfs_may_be_staged;	/* a missing rootfs file is left to staging.h */
};

/* Does sigtext sign text with one of the keys in keydir (file or directory; NULL:
 * DEFAULT_KEY_DIR)? keynum gets the signing key's number in hex. */
int bundle_verify_text(const char *text, size_t len, const char *sigtext, size_t siglen,
		       const char *keydir, char keynum[17], char *err, size_t errlen);

/* Fills b: signature, manifest, every file opened with the manifest's size, the DTB
 * read and hashed, the kernel's header checked. On failure closes everything it opened.
 * The kernel, root image and flash payloads stay under a read lease until bundle_close()
 * (see bundle_lease_broken()); their hashes are left to bundle_verify_contents(), so that
 * a caller can refuse what does not fit before hashing hundreds of MiB. */
int bundle_open(struct bundle *b, const char *dir, const struct bundle_opts *o, char *err,
		size_t errlen);
/* Hashes the kernel, root image and flash payloads against the manifest. Nothing may
 * use them before this succeeded. */
int bundle_verify_contents(struct bundle *b, const char *dir, const struct bundle_opts *o, char *err,
			   size_t errlen);
void bundle_close(struct bundle *b);

/* Has anyone opened one of the open bundle's files for writing since bundle_open()
 * began? Then what kexec loaded may not be what was verified. */
bool bundle_lease_broken(void);

/* Path through which another process reads fd i of the bundle: /proc/self/fd/N when
 * /proc is there (no gap between check and use), else the file's own path. */
void bundle_file_path(const struct bundle *b, const char *dir, int i, char *out, size_t len);
/* The same for flash payload i (its own file, not one of the three). */
void bundle_flash_path(const struct bundle *b, const char *dir, unsigned i, char *out, size_t len);

#endif
