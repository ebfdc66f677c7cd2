/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>

#include <sodium.h>

#include "testutil.h"
#include "base64.h"
#include "signify.h"

/* Made with "signify-openbsd -G -n -c test -p t.pub -s t.sec" and
 * "signify-openbsd -S -s t.sec -m msg -x msg.sig" with msg = "hello\n". */
#include "signify_vectors.h"

static const uint8_t msg[] = "hello\n";

static void test_signify_made_key_verifies(void **state)
{
	struct signify_pubkey pk;
	struct signify_sig sig;
	char err[256];

	(void)state;
	assert_int_equal(signify_parse_pubkey(VEC_PUB, strlen(VEC_PUB), &pk, err, sizeof(err)), 0);
	assert_int_equal(signify_parse_sig(VEC_SIG, strlen(VEC_SIG), &sig, err, sizeof(err)), 0);
	assert_int_equal(signify_verify(&pk, 1, &sig, msg, sizeof(msg) - 1, err, sizeof(err)), 0);
}

static void test_our_signature_matches_signify(void **state)
{
	struct signify_seckey sk;
	struct signify_sig sig;
	char text[SIGNIFY_FILE_MAX], err[256];

	(void)state;
	assert_int_equal(signify_parse_seckey(VEC_SEC, strlen(VEC_SEC), &sk, err, sizeof(err)), 0);
	signify_sign(&sk, msg, sizeof(msg) - 1, &sig);
	/* Ed25519 is deterministic: the same key and message give signify's bytes. */
	assert_true(signify_format_sig(&sig, "verify with t.pub", text, sizeof(text)) > 0);
	assert_string_equal(text, VEC_SIG);
}

static void test_bad_signature(void **state)
{
	struct signify_pubkey pk;
	struct signify_sig sig;
	char err[256];

	(void)state;
	signify_parse_pubkey(VEC_PUB, strlen(VEC_PUB), &pk, err, sizeof(err));
	signify_parse_sig(VEC_SIG, strlen(VEC_SIG), &sig, err, sizeof(err));
	sig.sig[10] ^= 1;
	assert_int_equal(signify_verify(&pk, 1, &sig, msg, sizeof(msg) - 1, err, sizeof(err)), -1);
	assert_err_has(err, "signature does not match");
	sig.sig[10] ^= 1;
	assert_int_equal(signify_verify(&pk, 1, &sig, (const uint8_t *)"hellO\n", 6, err, sizeof(err)), -1);
	assert_err_has(err, "signature does not match");
}

static void test_wrong_key(void **state)
{
	struct signify_pubkey pk[2];
	struct signify_seckey sk;
	struct signify_sig sig;
	char err[256];

	(void)state;
	assert_int_equal(signify_keygen(&pk[0], &sk), 0);
	signify_parse_sig(VEC_SIG, strlen(VEC_SIG), &sig, err, sizeof(err));
	assert_int_equal(signify_verify(pk, 1, &sig, msg, sizeof(msg) - 1, err, sizeof(err)), -1);
	assert_err_has(err, "unknown key");
	/* Same key number, other key: a forgery attempt, not an unknown key. */
	signify_parse_pubkey(VEC_PUB, strlen(VEC_PUB), &pk[1], err, sizeof(err));
	memcpy(pk[0].keynum, pk[1].keynum, sizeof(pk[0].keynum));
	assert_int_equal(signify_verify(pk, 1, &sig, msg, sizeof(msg) - 1, err, sizeof(err)), -1);
	assert_err_has(err, "does not match");
	/* The right key among others is found. */
	assert_int_equal(signify_verify(pk, 2, &sig, msg, sizeof(msg) - 1, err, sizeof(err)), -1);
	signify_keygen(&pk[0], &sk);
	assert_int_equal(signify_verify(pk, 2, &sig, msg, sizeof(msg) - 1, err, sizeof(err)), 0);
}

static void test_truncated(void **state)
{
	struct signify_sig sig;
	struct signify_pubkey pk;
	char err[256], buf[512];
	size_t n = strlen(VEC_SIG);

	(void)state;
	for (size_t cut = 0; cut < n - 1; cut++) {
		/* Dropping only the final newline is tolerated; anything more is not. */
		assert_int_equal(signify_parse_sig(VEC_SIG, cut, &sig, err, sizeof(err)), -1);
	}
	assert_int_equal(signify_parse_sig(VEC_SIG, n - 1, &sig, err, sizeof(err)), 0);
	assert_int_equal(signify_parse_pubkey(VEC_PUB, 10, &pk, err, sizeof(err)), -1);
	snprintf(buf, sizeof(buf), "%.*s\n", (int)(strchr(VEC_PUB, '\n') - VEC_PUB), VEC_PUB);
	assert_int_equal(signify_parse_pubkey(buf, strlen(buf), &pk, err, sizeof(err)), -1);
	assert_err_has(err, "truncated");
}

static void test_wrong_format(void **state)
{
	struct signify_sig sig;
	struct signify_pubkey pk;
	struct signify_seckey sk;
	char err[256], buf[512];

	(void)state;
	/* A public key is not a signature, and the other way round: lengths differ. */
	assert_int_equal(signify_parse_sig(VEC_PUB, strlen(VEC_PUB), &sig, err, sizeof(err)), -1);
	assert_err_has(err, "not a signify signature");
	assert_int_equal(signify_parse_pubkey(VEC_SIG, strlen(VEC_SIG), &pk, err, sizeof(err)), -1);
	assert_int_equal(signify_parse_sig("hello\n", 6, &sig, err, sizeof(err)), -1);
	assert_err_has(err, "not in signify format");
	assert_int_equal(signify_parse_sig("untrusted comment: x\n!!!!\n", 26, &sig, err, sizeof(err)), -1);
	/* Text after the base64 line: an embedded-message signature. */
	snprintf(buf, sizeof(buf), "%shello\n", VEC_SIG);
	assert_int_equal(signify_parse_sig(buf, strlen(buf), &sig, err, sizeof(err)), -1);
	assert_err_has(err, "embedded");
	/* Encrypted secret keys are refused with a hint. */
	assert_int_equal(signify_parse_seckey(VEC_SEC_ENCRYPTED, strlen(VEC_SEC_ENCRYPTED), &sk, err, sizeof(err)), -1);
	assert_err_has(err, "passphrase");
}

static void test_keygen_round_trip(void **state)
{
	struct signify_pubkey pk, pk2;
	struct signify_seckey sk, sk2;
	struct signify_sig sig;
	char text[SIGNIFY_FILE_MAX], err[256];

	(void)state;
	assert_int_equal(signify_keygen(&pk, &sk), 0);
	assert_true(signify_format_seckey(&sk, "t secret key", text, sizeof(text)) > 0);
	assert_int_equal(signify_parse_seckey(text, strlen(text), &sk2, err, sizeof(err)), 0);
	assert_memory_equal(&sk, &sk2, sizeof(sk));
	assert_true(signify_format_pubkey(&pk, "t public key", text, sizeof(text)) > 0);
	assert_int_equal(signify_parse_pubkey(text, strlen(text), &pk2, err, sizeof(err)), 0);
	assert_memory_equal(&pk, &pk2, sizeof(pk));
	signify_sign(&sk2, msg, 6, &sig);
	assert_int_equal(signify_verify(&pk2, 1, &sig, msg, 6, err, sizeof(err)), 0);
	/* A damaged secret key fails its checksum. */
	signify_format_seckey(&sk, "t secret key", text, sizeof(text));
	text[strlen(text) - 5] = text[strlen(text) - 5] == 'A' ? 'B' : 'A';
	assert_int_equal(signify_parse_seckey(text, strlen(text), &sk2, err, sizeof(err)), -1);
	/* ...and leaves no key bytes in what it was given. */
	{
		static const struct signify_seckey zero;

		assert_memory_equal(&sk2, &zero, sizeof(zero));
	}
}

static void test_base64_rfc4648(void **state)
{
	static const char *const vec[][2] = {
		{ "", "" }, { "f", "Zg==" }, { "fo", "Zm8=" }, { "foo", "Zm9v" },
		{ "foob", "Zm9vYg==" }, { "fooba", "Zm9vYmE=" }, { "foobar", "Zm9vYmFy" },
	};
	static const char *const bad[] = { "Zg=", "Zg", "Z===", "=Zg=", "Zm9=v", "Zh==", "Zm9v\n", "Zm 9v" };
	uint8_t out[16];
	char enc[16];
	size_t n;

	(void)state;
	for (size_t i = 0; i < sizeof(vec) / sizeof(vec[0]); i++) {
		assert_int_equal(base64_encode((const uint8_t *)vec[i][0], strlen(vec[i][0]), enc, sizeof(enc)),
				 (int)strlen(vec[i][1]));
		assert_string_equal(enc, vec[i][1]);
		assert_int_equal(base64_decode(vec[i][1], strlen(vec[i][1]), out, sizeof(out), &n), 0);
		assert_int_equal(n, strlen(vec[i][0]));
		assert_memory_equal(out, vec[i][0], n);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(base64_decode(bad[i], strlen(bad[i]), out, sizeof(out), &n), -1);
	/* Output bound respected. */
	assert_int_equal(base64_decode("Zm9vYmFy", 8, out, 5, &n), -1);
	assert_int_equal(base64_encode((const uint8_t *)"foo", 3, enc, 4), -1);
	hex_encode((const uint8_t *)"\x01\xab\xff", 3, enc);
	assert_string_equal(enc, "01abff");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_signify_made_key_verifies),
		cmocka_unit_test(test_our_signature_matches_signify),
		cmocka_unit_test(test_bad_signature),
		cmocka_unit_test(test_wrong_key),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_wrong_format),
		cmocka_unit_test(test_keygen_round_trip),
		cmocka_unit_test(test_base64_rfc4648),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests_name("signify", tests, NULL, NULL);
}
