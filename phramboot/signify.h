/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Keys and signatures in OpenBSD signify's format (which OpenWrt's usign shares):
 * "untrusted comment: ...\n" followed by one base64 line holding a binary blob that
 * starts with the algorithm "Ed" and an 8-byte key number.
 */
#ifndef SIGNIFY_H
#define SIGNIFY_H

#include <stddef.h>
#include <stdint.h>

#define SIGNIFY_KEYNUM_LEN 8

/* Binary layouts, from OpenBSD's signify.c: byte arrays, no padding. The secret key is
 * alg, kdf alg, kdf rounds (4, big-endian), salt (16), checksum (8), key number, key. */
#define SIGNIFY_PKALG "Ed"
#define SIGNIFY_KDFALG "BK"
#define SIGNIFY_PUB_BLOB_LEN (2 + SIGNIFY_KEYNUM_LEN + 32)
#define SIGNIFY_SIG_BLOB_LEN (2 + SIGNIFY_KEYNUM_LEN + 64)
#define SIGNIFY_SEC_BLOB_LEN (2 + 2 + 4 + 16 + 8 + SIGNIFY_KEYNUM_LEN + 64)

struct signify_pubkey {
	uint8_t keynum[SIGNIFY_KEYNUM_LEN];
	uint8_t key[32];
};

struct signify_seckey {
	uint8_t keynum[SIGNIFY_KEYNUM_LEN];
	uint8_t key[64];	/* Ed25519 seed followed by the public key */
};

struct signify_sig {
	uint8_t keynum[SIGNIFY_KEYNUM_LEN];
	uint8_t sig[64];
};

/* Biggest file any of the three formats can be: a long comment and the base64 line. */
#define SIGNIFY_FILE_MAX 2048

int signify_parse_pubkey(const char *text, size_t len, struct signify_pubkey *out,
			 char *err, size_t errlen);
/* Refuses encrypted keys: the device path never needs them and a passphrase prompt has
 * no place in a build script. */
int signify_parse_seckey(const char *text, size_t len, struct signify_seckey *out,
			 char *err, size_t errlen);
int signify_parse_sig(const char *text, size_t len, struct signify_sig *out,
		      char *err, size_t errlen);

/* Text of each file, NUL-terminated, into buf; returns its length or -1 if buf is short. */
int signify_format_pubkey(const struct signify_pubkey *k, const char *comment,
			  char *buf, size_t buflen);
int signify_format_seckey(const struct signify_seckey *k, const char *comment,
			  char *buf, size_t buflen);
int signify_format_sig(const struct signify_sig *s, const char *comment,
		       char *buf, size_t buflen);

/* Host only (signify_sign.c). */
void signify_sign(const struct signify_seckey *k, const uint8_t *msg, size_t len,
		  struct signify_sig *out);

/* Verify against any of nkeys trusted keys; the key number picks the key, as signify
 * does, so that "unknown key" and "bad signature" are told apart. */
int signify_verify(const struct signify_pubkey *keys, size_t nkeys,
		   const struct signify_sig *sig, const uint8_t *msg, size_t len,
		   char *err, size_t errlen);

/* "untrusted comment: COMMENT\n" and the blob in base64; length or -1. */
int signify_format_file(const char *comment, const uint8_t *blob, size_t bloblen,
			char *buf, size_t buflen);

/* Key number as 16 hex digits. */
void signify_keynum_hex(const uint8_t keynum[SIGNIFY_KEYNUM_LEN], char out[17]);

/* Fresh key pair (needs sodium_init()). */
int signify_keygen(struct signify_pubkey *pub, struct signify_seckey *sec);

#endif
