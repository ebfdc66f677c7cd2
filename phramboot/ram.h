/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The board's RAM as the running system knows it, for the trial's memory node. A
 * bundle's DTB is made on the build host for a board model; the bootloader fixes the
 * memory node at every boot with what this board really has, so the running system's
 * view is the one to hand over. */
#ifndef RAM_H
#define RAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iomem.h"

#define RAM_BANKS_MAX 8

struct ram {
	struct {
		uint64_t addr, size;
	} bank[RAM_BANKS_MAX];
	size_t n;
};

/* The memory nodes (device_type = "memory") of a flattened device tree, as the running
 * kernel got it (/sys/firmware/fdt). Returns 1 when the blob has none. */
int ram_from_fdt(const void *fdt, size_t len, struct ram *out, char *err, size_t errlen);

/* The top-level "System RAM" ranges of /proc/iomem, adjacent ones joined. */
int ram_from_iomem(const struct iomem *io, struct ram *out, char *err, size_t errlen);

uint64_t ram_total(const struct ram *r);

/* Does [addr, addr + size) lie in RAM by the memory map: in top-level "System RAM", or
 * "reserved" (how 32-bit ARM shows RAM kept out of the linear map by no-map), adjacent
 * ranges joined? */
bool ram_covers(const struct iomem *io, uint64_t addr, uint64_t size);

/* "0x40000000+256.0 MiB, ..." into buf. */
void ram_describe(const struct ram *r, char *buf, size_t len);

#endif
