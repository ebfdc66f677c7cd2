/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SHA-512 (FIPS 180-4) in a loop over the 80 rounds, for the device binary: libsodium's
 * unrolls them, 10.7 KiB of MIPS16e and 8.2 KiB of Thumb-2 for a hash that only runs
 * over a public key and a signed manifest (Ed25519 verification, signify's key check).
 * The state is libsodium's struct, so that its Ed25519 code can use these through
 * sodium_sha512.c; tests/test_sha512.c checks them against FIPS 180-2's vectors and
 * against libsodium's own SHA-512.
 */
#ifndef SHA512_H
#define SHA512_H

#include <sodium/crypto_hash_sha512.h>

void sha512_init(crypto_hash_sha512_state *s);
void sha512_update(crypto_hash_sha512_state *s, const unsigned char *in, unsigned long long len);
/* Writes the 64-byte digest and wipes the state. */
void sha512_final(crypto_hash_sha512_state *s, unsigned char *out);

#endif
