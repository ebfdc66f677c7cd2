/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What every cmocka test file needs, in the order cmocka.h wants. */
#ifndef TESTUTIL_H
#define TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

/* The error text must mention needle: refusals are tested by what they say. */
#define assert_err_has(err, needle) do { \
		if (!strstr((err), (needle))) \
			fail_msg("error \"%s\" lacks \"%s\"", (err), (needle)); \
	} while (0)

#endif
