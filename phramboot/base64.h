/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Standard base64 (RFC 4648, padded) and lower-case hex. Our own, tiny: libsodium's
 * codecs pull its whole runtime (sodium_init and every implementation it picks) into a
 * static binary.
 */
#ifndef BASE64_H
#define BASE64_H

#include <stddef.h>
#include <stdint.h>

/* Strict: padding required, no whitespace. 0, or -1 if malformed or over outmax. */
int base64_decode(const char *in, size_t inlen, uint8_t *out, size_t outmax, size_t *outlen);
/* NUL-terminated; returns the length, or -1 if out is too small. */
int base64_encode(const uint8_t *in, size_t len, char *out, size_t outmax);
/* 2 * len digits and a NUL into out. */
void hex_encode(const uint8_t *in, size_t len, char *out);

#endif
