/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The /proc/iomem tree: one range per line, children indented by two spaces. */
#ifndef IOMEM_H
#define IOMEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct iomem_range {
	uint64_t start, end;	/* inclusive, as the file shows them */
	unsigned depth;		/* 0 for top level */
	char name[48];		/* truncated if longer */
};

struct iomem {
	struct iomem_range *r;	/* in file order: a parent precedes its children */
	size_t n;
};

/* Allocates out->r; iomem_free() releases it. Refuses malformed lines, naming them. */
int iomem_parse(const char *text, size_t len, struct iomem *out, char *err, size_t errlen);
void iomem_free(struct iomem *io);

/* A top-level "System RAM" range: RAM the kernel manages (children inside it are
 * claimed by someone). */
bool iomem_is_system_ram(const struct iomem_range *r);

#endif
