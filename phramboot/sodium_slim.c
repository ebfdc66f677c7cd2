/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Target builds only. libsodium's SHA-256 wipes its state with sodium_memzero(), whose
 * object also calls sodium_misuse(); that one lives next to sodium_init(), which links
 * every implementation libsodium can pick at run time (Argon2, BLAKE2b, ChaCha20,
 * Salsa20, Poly1305, X25519): some 100 KiB a static device binary never runs. Defining
 * sodium_misuse() here keeps core.o out. Safe because the device build never calls
 * sodium_init(): it uses only SHA-256, SHA-512 and Ed25519 verification, none of which
 * depends on the implementations sodium_init() selects (libsodium 1.0.18).
 */
#include <stdlib.h>

void sodium_misuse(void);

void sodium_misuse(void)
{
	abort();
}
