/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer harness: the signify parsers: public key, secret key, signature. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "signify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512];

	struct signify_pubkey pk;
	struct signify_seckey sk;
	struct signify_sig sig;

	signify_parse_seckey((const char *)data, size, &sk, err, sizeof(err));
	if (signify_parse_sig((const char *)data, size, &sig, err, sizeof(err)) == 0 &&
	    signify_parse_pubkey((const char *)data, size, &pk, err, sizeof(err)) == 0)
		signify_verify(&pk, 1, &sig, data, size, err, sizeof(err));
	signify_parse_pubkey((const char *)data, size, &pk, err, sizeof(err));
	return 0;
}
