/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "errbuf.h"
#include "exitcodes.h"
#include "fileio.h"
#include "keygen.h"
#include "signify.h"

int keygen(const char *pub, const char *sec, const char *comment, char *err, size_t errlen)
{
	struct signify_pubkey pk;
	struct signify_seckey sk;
	char text[SIGNIFY_FILE_MAX], c[256], e[160];
	int n, code = EXIT_SYSTEM;

	if (sodium_init() < 0)
		return seterr(err, errlen, "unable to initialise libsodium"), EXIT_SYSTEM;
	if (signify_keygen(&pk, &sk)) {
		seterr(err, errlen, "unable to generate a key pair");
		goto out;
	}
	snprintf(c, sizeof(c), "%s secret key", comment);
	n = signify_format_seckey(&sk, c, text, sizeof(text));
	if (n < 0) {
		seterr(err, errlen, "unable to write %s: comment too long", sec);
		code = EXIT_USAGE;
		goto out;
	}
	if (write_new_file(sec, text, (size_t)n, 0600, e, sizeof(e))) {
		seterr(err, errlen, "unable to write %s: %s", sec, e);
		goto out;
	}
	snprintf(c, sizeof(c), "%s public key", comment);
	n = signify_format_pubkey(&pk, c, text, sizeof(text));
	if (n < 0 || write_new_file(pub, text, (size_t)n, 0644, e, sizeof(e))) {
		seterr(err, errlen, "unable to write %s: %s", pub, n < 0 ? "comment too long" : e);
		unlink(sec);
		goto out;
	}
	code = EXIT_OK;
out:
	explicit_bzero(&sk, sizeof(sk));
	explicit_bzero(text, sizeof(text));
	return code;
}
