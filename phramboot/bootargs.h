/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The trial kernel's command line. */
#ifndef BOOTARGS_H
#define BOOTARGS_H

#include <stddef.h>
#include <stdint.h>

enum describe {
	DESCRIBE_DT,		/* a reserved-memory node in the DTB (Linux >= 6.1) */
	DESCRIBE_CMDLINE,	/* memmap=/mem= and phram.phram= on the command line */
};

struct bootargs_req {
	const char *extra;	/* the bundle's and the user's extra arguments; may be NULL */
	enum describe describe;
	uint16_t machine;	/* EM_* of the new kernel */
	uint64_t addr, size;	/* the phram region */
	uint64_t ram_base;	/* lowest RAM address, for ARM's mem=SIZE@BASE */
	int open_timeout;	/* watchdog.open_timeout=, omitted if negative */
	int panic;		/* panic= */
	unsigned root_mtd;	/* root=/dev/mtdblockN: the trial's phram device (mtdcount.h) */
	const char *trial_id;
	uint64_t carry_off;	/* phramboot.carry=, the carry index's offset (carry.h); 0: none */
	size_t limit;		/* the kernel's COMMAND_LINE_SIZE, NUL included */
};

/* Is s safe to put in a kernel command line?  Printable ASCII and balanced double
 * quotes: an unbalanced quote would swallow every argument after it. */
int bootargs_check(const char *s, char *err, size_t errlen);

int bootargs_build(const struct bootargs_req *r, char *out, size_t outlen, char *err,
		   size_t errlen);

#endif
