/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Sizes in MiB to one decimal for messages: what printf's "%.1f" printed of
 * bytes / 1048576.0, in integer arithmetic. Built as MIPS16e, the placement refusals
 * printed garbage for those doubles: --gc-sections drops the call stubs MIPS16e code
 * needs to get a double from MIPS32 code (MIPS16FP in the Makefile), and these were
 * the only floating point in our code.
 *
 *   printf("%llu.%u MiB", MIB_ARGS(bytes))
 */
#ifndef MIB_H
#define MIB_H

#include <stdint.h>

/* bytes in tenths of a MiB, rounded as "%.1f" rounds the exact quotient: to the
 * nearest, a tie to the even tenth. */
uint64_t mib_tenths(uint64_t bytes);

#define MIB_FMT "%llu.%u"
#define MIB_ARGS(bytes) (unsigned long long)(mib_tenths(bytes) / 10), (unsigned)(mib_tenths(bytes) % 10)

#endif
