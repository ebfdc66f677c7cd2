/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Test vectors from signify-openbsd (see test_signify.c); the encrypted key is the
 * same key with kdfrounds set to 42. */
#define VEC_PUB \
	"untrusted comment: test public key\n" \
	"RWQVA4BxIiyJGCd1NB/TFQ6YQ4ClwgDpokeGtMw2GpoQn0UY8fuQgnm4\n"

#define VEC_SEC \
	"untrusted comment: test secret key\n" \
	"RWRCSwAAAADFj/vcSYta90CMiuHchI0VzqIB0wMv87QVA4BxIiyJGEA4m6t8IC+4bJMfuZLmTdZtfXvJ5VhsRb4y9Q7z0kzQJ3U0H9MVDphDgKXCAOmiR4a0zDYamhCfRRjx+5CCebg=\n"

#define VEC_SIG \
	"untrusted comment: verify with t.pub\n" \
	"RWQVA4BxIiyJGLA3XQ2iW4Ij3j+vfQvcVd0n0RpBc6HsSdc7Y1Fq3+uKag57FeZRmGqlY4nY/OvqI9ybo6UCGDeDCD//ZArt2QY=\n"

#define VEC_SEC_ENCRYPTED \
	"untrusted comment: test secret key\n" \
	"RWRCSwAAACrFj/vcSYta90CMiuHchI0VzqIB0wMv87QVA4BxIiyJGEA4m6t8IC+4bJMfuZLmTdZtfXvJ5VhsRb4y9Q7z0kzQJ3U0H9MVDphDgKXCAOmiR4a0zDYamhCfRRjx+5CCebg=\n"

