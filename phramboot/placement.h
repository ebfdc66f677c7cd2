/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Where in physical RAM the root image goes: a pure decision from /proc/iomem. */
#ifndef PLACEMENT_H
#define PLACEMENT_H

#include <stdint.h>

#include "elfarch.h"
#include "iomem.h"

struct placement_req {
	uint64_t image_size;	/* bytes of the root image */
	uint64_t align;		/* power of two: max(page size, phram erase size) */
	uint64_t limit;		/* the image must end at or below this; 0 = anywhere */
	uint64_t keep_lo, keep_hi;	/* [lo, hi) stays free for the new kernel and DTB */
	uint64_t avoid_lo, avoid_hi;	/* [lo, hi) is someone else's: the pstore/ramoops region */
	uint64_t other_segments;	/* bytes kexec loads besides the image */
	uint64_t memtotal;	/* MemTotal in bytes (the kernel's totalram); 0 = estimate */
};

struct placement {
	uint64_t addr;		/* physical start, aligned */
	uint64_t size;		/* image size rounded up to align: the phram length */
	uint64_t ram_base;	/* lowest System RAM address */
	uint64_t memtotal;	/* what the half-RAM rule was checked against */
};

/* Highest fitting address, or an error that says how much is needed and available. */
int place_image(const struct iomem *io, const struct placement_req *req,
		struct placement *out, char *err, size_t errlen);

/* Lowest System RAM address, or -1 if none (or all zero: not root). */
int placement_ram_base(const struct iomem *io, uint64_t *base, char *err, size_t errlen);

/* The highest physical address the new kernel maps permanently, where phram must sit:
 * 0 when the whole of RAM is mapped (64-bit). */
uint64_t placement_lowmem_limit(const struct elfarch *kernel, uint64_t ram_base);

/* Where kexec will put the new kernel and the DTB after it, and how many bytes those
 * segments take, from the kernel's header and file size. */
void placement_kernel_span(const struct elfarch *kernel, uint64_t kernel_size,
			   uint64_t dtb_size, uint64_t ram_base, uint64_t *lo, uint64_t *hi,
			   uint64_t *segments);

#endif
