/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef KEYGEN_H
#define KEYGEN_H

#include <stddef.h>

/* Writes an unencrypted signify key pair (as "signify -G -n" does); never overwrites.
 * Returns an exit code. */
int keygen(const char *pub, const char *sec, const char *comment, char *err, size_t errlen);

#endif
