/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The signing half of signify.c: secret keys, signatures, key generation. Build host
 * only; the device binary verifies and never holds a secret key. */
#include <string.h>

#include <sodium.h>

#include "signify.h"

int signify_format_seckey(const struct signify_seckey *k, const char *comment,
			  char *buf, size_t buflen)
{
	uint8_t blob[SIGNIFY_SEC_BLOB_LEN], sum[crypto_hash_sha512_BYTES];
	uint8_t *p = blob;
	int n;

	/* Unencrypted, as "signify -G -n" writes: kdfrounds 0, salt unused (zero). */
	memset(blob, 0, sizeof(blob));
	memcpy(p, SIGNIFY_PKALG, 2);
	memcpy(p + 2, SIGNIFY_KDFALG, 2);
	p += 4 + 4 + 16;
	crypto_hash_sha512(sum, k->key, sizeof(k->key));
	memcpy(p, sum, 8);
	memcpy(p + 8, k->keynum, SIGNIFY_KEYNUM_LEN);
	memcpy(p + 8 + SIGNIFY_KEYNUM_LEN, k->key, 64);
	n = signify_format_file(comment, blob, sizeof(blob), buf, buflen);
	explicit_bzero(blob, sizeof(blob));
	return n;
}

void signify_sign(const struct signify_seckey *k, const uint8_t *msg, size_t len,
		  struct signify_sig *out)
{
	memcpy(out->keynum, k->keynum, SIGNIFY_KEYNUM_LEN);
	crypto_sign_ed25519_detached(out->sig, NULL, msg, len, k->key);
}

int signify_keygen(struct signify_pubkey *pub, struct signify_seckey *sec)
{
	if (crypto_sign_ed25519_keypair(pub->key, sec->key))
		return -1;
	randombytes_buf(pub->keynum, SIGNIFY_KEYNUM_LEN);
	memcpy(sec->keynum, pub->keynum, SIGNIFY_KEYNUM_LEN);
	return 0;
}
