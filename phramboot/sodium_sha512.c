/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Target builds only (as sodium_slim.c): libsodium's SHA-512 entry points on sha512.c,
 * so that the link takes these for its Ed25519 code and ours and leaves libsodium's
 * unrolled hash_sha512_cp.o out (sha512.h says why).
 */
#include <sodium/crypto_hash_sha512.h>

#include "sha512.h"

int crypto_hash_sha512_init(crypto_hash_sha512_state *state)
{
	sha512_init(state);
	return 0;
}

int crypto_hash_sha512_update(crypto_hash_sha512_state *state, const unsigned char *in,
			      unsigned long long inlen)
{
	sha512_update(state, in, inlen);
	return 0;
}

int crypto_hash_sha512_final(crypto_hash_sha512_state *state, unsigned char *out)
{
	sha512_final(state, out);
	return 0;
}

int crypto_hash_sha512(unsigned char *out, const unsigned char *in, unsigned long long inlen)
{
	crypto_hash_sha512_state s;

	sha512_init(&s);
	sha512_update(&s, in, inlen);
	sha512_final(&s, out);
	return 0;
}
