/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>
#include <stdlib.h>

#include <sodium.h>

#include "testutil.h"
#include "sha512.h"

static void hex(const unsigned char *d, char out[129])
{
	for (int i = 0; i < 64; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

static void digest(const void *msg, size_t len, char out[129])
{
	crypto_hash_sha512_state s;
	unsigned char d[64];

	sha512_init(&s);
	sha512_update(&s, msg, len);
	sha512_final(&s, d);
	hex(d, out);
}

/* FIPS 180-2, appendix C, and the empty message. */
static void test_fips_vectors(void **state)
{
	(void)state;
	char got[129];

	digest("abc", 3, got);
	assert_string_equal(got, "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
				 "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
	const char *two = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
			  "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
	digest(two, strlen(two), got);
	assert_string_equal(got, "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
				 "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909");
	digest("", 0, got);
	assert_string_equal(got, "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
				 "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e");

	/* A million "a", fed 1000 at a time. */
	crypto_hash_sha512_state s;
	unsigned char a[1000], d[64];

	memset(a, 'a', sizeof(a));
	sha512_init(&s);
	for (int i = 0; i < 1000; i++)
		sha512_update(&s, a, sizeof(a));
	sha512_final(&s, d);
	hex(d, got);
	assert_string_equal(got, "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
				 "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b");
}

/* The same digests as libsodium's for every length up to three blocks (the padding's
 * edges at 111, 112 and 128 bytes among them), whole and split in two at each point. */
static void test_matches_libsodium(void **state)
{
	(void)state;
	unsigned char msg[3 * 128 + 1], want[64], got[64];

	for (size_t i = 0; i < sizeof(msg); i++)
		msg[i] = (unsigned char)(i * 131 + 7);
	for (size_t len = 0; len <= sizeof(msg); len++) {
		crypto_hash_sha512(want, msg, len);
		for (size_t cut = 0; cut <= len; cut += len < 260 ? 1 : 37) {
			crypto_hash_sha512_state s;

			sha512_init(&s);
			sha512_update(&s, msg, cut);
			sha512_update(&s, msg + cut, len - cut);
			sha512_final(&s, got);
			assert_memory_equal(got, want, 64);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fips_vectors),
		cmocka_unit_test(test_matches_libsodium),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
