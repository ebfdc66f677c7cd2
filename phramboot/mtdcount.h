/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Which /dev/mtdblockN the trial's phram root will be. Linux numbers MTD devices in the
 * order they register, and offers no root= by MTD name for block filesystems such as
 * squashfs. Flash drivers (drivers/mtd/maps, built before drivers/mtd/devices) register
 * before phram, so on a trial whose DTB describes the same flash as the running system,
 * phram comes right after the MTD devices the running system has now. */
#ifndef MTDCOUNT_H
#define MTDCOUNT_H

#include <stddef.h>

/* The number of "mtdN:" lines in /proc/mtd text, or -1 (with err) if it is malformed. */
int mtd_count(const char *text, size_t len, char *err, size_t errlen);

#endif
