/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "mib.h"

uint64_t mib_tenths(uint64_t bytes)
{
	/* Whole MiB and the rest apart, so that nothing overflows: rest * 10 < 2^24. */
	uint64_t t = (bytes >> 20) * 10, rest = (bytes & 0xfffff) * 10;
	uint64_t frac = rest & 0xfffff, half = 0x80000;

	t += rest >> 20;
	if (frac > half || (frac == half && (t & 1)))
		t++;
	return t;
}
