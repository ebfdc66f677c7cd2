/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "base64.h"
#include "errbuf.h"
#include "signify.h"

#define COMMENT_HDR "untrusted comment: "

/* Split "untrusted comment: ...\n<base64>\n" and decode the blob, which must be exactly
 * want bytes long and start with "Ed". */
static int parse_file(const char *what, const char *text, size_t len, uint8_t *blob,
		      size_t want, char *err, size_t errlen)
{
	const char *nl, *b64, *end;
	uint8_t tmp[SIGNIFY_FILE_MAX];
	bool cut = false;
	size_t got;

	if (len > SIGNIFY_FILE_MAX)
		return seterr(err, errlen, "%s is too big (%zu bytes) to be in signify format",
			      what, len);
	if (len < sizeof(COMMENT_HDR) - 1 || memcmp(text, COMMENT_HDR, sizeof(COMMENT_HDR) - 1))
		return seterr(err, errlen, "%s is not in signify format: it does not start with \"%s\"",
			      what, COMMENT_HDR);
	nl = memchr(text, '\n', len);
	if (!nl)
		return seterr(err, errlen, "%s is truncated: no line after the comment", what);
	b64 = nl + 1;
	end = memchr(b64, '\n', len - (size_t)(b64 - text));
	if (!end) {
		end = text + len;	/* signify always ends the line; tolerate a missing newline */
		cut = true;
	} else if ((size_t)(end + 1 - text) != len) {
		return seterr(err, errlen, "%s has text after its base64 line (embedded signatures are not supported)",
			      what);
	}
	if (end == b64)
		return seterr(err, errlen, "%s is truncated: empty base64 line", what);
	if (base64_decode(b64, (size_t)(end - b64), tmp, sizeof(tmp), &got)) {
		if (cut)
			return seterr(err, errlen, "%s is truncated: its base64 line is incomplete", what);
		return seterr(err, errlen, "%s is not in signify format: its base64 line is malformed", what);
	}
	if (got != want) {
		if (got < want && cut)
			return seterr(err, errlen, "%s is truncated: %zu of %zu bytes", what, got, want);
		return seterr(err, errlen, "%s is not a signify %s: %zu bytes instead of %zu", what,
			      want == SIGNIFY_PUB_BLOB_LEN ? "public key" :
			      want == SIGNIFY_SIG_BLOB_LEN ? "signature" : "secret key", got, want);
	}
	memcpy(blob, tmp, want);
	explicit_bzero(tmp, sizeof(tmp));
	if (memcmp(blob, SIGNIFY_PKALG, 2))
		return seterr(err, errlen, "%s uses an unsupported algorithm (only Ed25519 \"Ed\")",
			      what);
	return 0;
}

int signify_parse_pubkey(const char *text, size_t len, struct signify_pubkey *out,
			 char *err, size_t errlen)
{
	uint8_t blob[SIGNIFY_PUB_BLOB_LEN];

	if (parse_file("public key", text, len, blob, sizeof(blob), err, errlen))
		return -1;
	memcpy(out->keynum, blob + 2, SIGNIFY_KEYNUM_LEN);
	memcpy(out->key, blob + 2 + SIGNIFY_KEYNUM_LEN, 32);
	return 0;
}

int signify_parse_sig(const char *text, size_t len, struct signify_sig *out,
		      char *err, size_t errlen)
{
	uint8_t blob[SIGNIFY_SIG_BLOB_LEN];

	if (parse_file("signature", text, len, blob, sizeof(blob), err, errlen))
		return -1;
	memcpy(out->keynum, blob + 2, SIGNIFY_KEYNUM_LEN);
	memcpy(out->sig, blob + 2 + SIGNIFY_KEYNUM_LEN, 64);
	return 0;
}

int signify_parse_seckey(const char *text, size_t len, struct signify_seckey *out,
			 char *err, size_t errlen)
{
	uint8_t blob[SIGNIFY_SEC_BLOB_LEN], sum[crypto_hash_sha512_BYTES];
	const uint8_t *rounds = blob + 4, *checksum = blob + 4 + 4 + 16;
	int ret = -1;

	if (parse_file("secret key", text, len, blob, sizeof(blob), err, errlen))
		goto out;
	if (memcmp(blob + 2, SIGNIFY_KDFALG, 2)) {
		seterr(err, errlen, "secret key uses an unsupported key derivation");
		goto out;
	}
	if (rounds[0] | rounds[1] | rounds[2] | rounds[3]) {
		seterr(err, errlen, "secret key is passphrase-protected; make one without a passphrase (phramboot keygen, or signify -G -n)");
		goto out;
	}
	memcpy(out->keynum, checksum + 8, SIGNIFY_KEYNUM_LEN);
	memcpy(out->key, checksum + 8 + SIGNIFY_KEYNUM_LEN, 64);
	/* signify checks the first 8 bytes of SHA-512 over the key: a wrong passphrase or a
	 * damaged file shows here rather than as a bad signature later. */
	crypto_hash_sha512(sum, out->key, sizeof(out->key));
	if (memcmp(sum, checksum, 8)) {
		seterr(err, errlen, "secret key is damaged: its checksum does not match");
		goto out;
	}
	ret = 0;
out:
	explicit_bzero(blob, sizeof(blob));
	explicit_bzero(sum, sizeof(sum));
	/* A refused key leaves nothing behind for the caller to forget to wipe. */
	if (ret)
		explicit_bzero(out, sizeof(*out));
	return ret;
}

int signify_format_file(const char *comment, const uint8_t *blob, size_t bloblen,
			char *buf, size_t buflen)
{
	char b64[256];
	int n;

	if (base64_encode(blob, bloblen, b64, sizeof(b64)) < 0)
		return -1;
	n = snprintf(buf, buflen, COMMENT_HDR "%s\n%s\n", comment, b64);
	explicit_bzero(b64, sizeof(b64));
	if (n < 0 || (size_t)n >= buflen)
		return -1;
	return n;
}

int signify_format_pubkey(const struct signify_pubkey *k, const char *comment,
			  char *buf, size_t buflen)
{
	uint8_t blob[SIGNIFY_PUB_BLOB_LEN];

	memcpy(blob, SIGNIFY_PKALG, 2);
	memcpy(blob + 2, k->keynum, SIGNIFY_KEYNUM_LEN);
	memcpy(blob + 2 + SIGNIFY_KEYNUM_LEN, k->key, 32);
	return signify_format_file(comment, blob, sizeof(blob), buf, buflen);
}

int signify_format_sig(const struct signify_sig *s, const char *comment,
		       char *buf, size_t buflen)
{
	uint8_t blob[SIGNIFY_SIG_BLOB_LEN];

	memcpy(blob, SIGNIFY_PKALG, 2);
	memcpy(blob + 2, s->keynum, SIGNIFY_KEYNUM_LEN);
	memcpy(blob + 2 + SIGNIFY_KEYNUM_LEN, s->sig, 64);
	return signify_format_file(comment, blob, sizeof(blob), buf, buflen);
}

void signify_keynum_hex(const uint8_t keynum[SIGNIFY_KEYNUM_LEN], char out[17])
{
	hex_encode(keynum, SIGNIFY_KEYNUM_LEN, out);
}

int signify_verify(const struct signify_pubkey *keys, size_t nkeys,
		   const struct signify_sig *sig, const uint8_t *msg, size_t len,
		   char *err, size_t errlen)
{
	char hex[17];
	size_t i;

	for (i = 0; i < nkeys; i++) {
		if (memcmp(keys[i].keynum, sig->keynum, SIGNIFY_KEYNUM_LEN))
			continue;
		if (crypto_sign_ed25519_verify_detached(sig->sig, msg, len, keys[i].key) == 0)
			return 0;
		signify_keynum_hex(sig->keynum, hex);
		return seterr(err, errlen, "signature does not match (key number %s): the bundle was altered or signed over other content",
			      hex);
	}
	signify_keynum_hex(sig->keynum, hex);
	return seterr(err, errlen, "signed by an unknown key (key number %s)", hex);
}
