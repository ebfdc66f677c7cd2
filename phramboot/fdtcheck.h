/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A strict check of a flattened device tree before libfdt touches it. Debian bookworm's
 * libfdt 1.6.1 trusts what its header check lets through: fdt_open_into() copies a
 * negative length out of a crafted header, and fdt_check_full() itself dereferences
 * NULL on another (phramboot/fuzz/fuzz_dtb finds both in seconds). Later libfdt fixes
 * them, but is not in bookworm; this check accepts only the canonical layout dtc, U-Boot
 * and the kernel write, so that libfdt never sees anything else:
 *
 *   header (version 17), memory reservation block (8-aligned, ended by a zero entry),
 *   structure block (4-aligned), strings block, in that order, without overlap, inside
 *   totalsize; in the structure one root node, properties only inside nodes, names and
 *   property names NUL-terminated inside their blocks, nesting at most FDTCHECK_DEPTH,
 *   then FDT_END as the last token.
 */
#ifndef FDTCHECK_H
#define FDTCHECK_H

#include <stddef.h>

#define FDTCHECK_DEPTH 64

int fdt_strict_check(const void *blob, size_t len, char *err, size_t errlen);

#endif
