/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The verbs. pack and keygen belong to the build host: verbs_host.c has them, and a
 * device build links verbs_device.c instead, which only says where to run them. That
 * keeps signing code (and libsodium's key generation and its tables) out of the small
 * static binary.
 */
#ifndef VERBS_H
#define VERBS_H

extern const char usage_text[];
int usage_error(const char *fmt, const char *arg);

int cmd_pack(int argc, char **argv);
int cmd_keygen(int argc, char **argv);

#endif
