/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The running kernel's pstore/ramoops region, which the trial kernel must share so that
 * its console and panic records survive the reset back into the old firmware. */
#ifndef RAMOOPS_H
#define RAMOOPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RAMOOPS_PARAMS "/sys/module/ramoops/parameters"

struct ramoops {
	uint64_t addr, size;	/* size 0: no region */
	uint32_t record_size, console_size, ftrace_size, pmsg_size, mem_type, ecc;
	int32_t max_reason;	/* -1: the kernel's default */
};

/* One /sys/module/ramoops/parameters/NAME value; unknown names are ignored. */
int ramoops_set(struct ramoops *r, const char *name, const char *value, char *err,
		size_t errlen);

/* Reads the parameters in dir. 1 when ramoops is not in use (no directory, or no
 * address), 0 with *r filled, -1 on a value that makes no sense. */
int ramoops_read(const char *dir, struct ramoops *r, char *err, size_t errlen);

#endif
