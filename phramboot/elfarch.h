/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What machine a kernel image is for, read from its header: an ELF vmlinux (MIPS), an
 * ARM zImage or an arm64 Image; and what machine we are running on.
 */
#ifndef ELFARCH_H
#define ELFARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum kernel_format { KFMT_ELF, KFMT_ZIMAGE, KFMT_ARM64_IMAGE };

struct elfarch {
	uint16_t machine;	/* ELF e_machine (EM_*) */
	uint8_t bits;		/* 32 or 64 */
	bool big_endian;
	enum kernel_format format;
	/* Physical span [load_lo, load_hi) of the loadable segments and their total memsz:
	 * where kexec will put the kernel. ELF only; zero otherwise. */
	uint64_t load_lo, load_hi, load_total;
	/* arm64 Image only: the header's text_offset and image_size (memory from the
	 * 2 MiB-aligned base on, BSS included), as kexec-tools reads them. */
	uint64_t text_offset, image_size;
};

/* Reads only the first bytes of the image, plus the program headers of an ELF. */
int elfarch_detect(const uint8_t *buf, size_t len, struct elfarch *out,
		   char *err, size_t errlen);

/* The running machine from uname's machine field; endianness is the caller's (ours). */
int elfarch_running(const char *uname_machine, bool big_endian, struct elfarch *out,
		    char *err, size_t errlen);

/* Does the kernel suit the running machine?  On failure says how they differ. */
int elfarch_check(const struct elfarch *kernel, const struct elfarch *running,
		  char *err, size_t errlen);

/* Short names for the manifest and messages ("mips", "arm"...); NULL if unknown. */
const char *elfarch_machine_name(uint16_t machine);
int elfarch_machine_from_name(const char *name, uint16_t *machine);
const char *elfarch_format_name(enum kernel_format f);
int elfarch_format_from_name(const char *name, enum kernel_format *f);

/* The kernel's COMMAND_LINE_SIZE (arch/<arch>/include/uapi/asm/setup.h), NUL included. */
size_t elfarch_cmdline_size(uint16_t machine);

/* The most an ELF kernel's loadable segments may add up to (1 TiB, like a manifest's file
 * sizes): bigger is a crafted header, and sums of it would wrap. */
#define ELFARCH_LOAD_MAX (1ull << 40)

/* One line like "mips 32-bit little-endian elf" into buf. */
void elfarch_describe(const struct elfarch *a, char *buf, size_t buflen);

#endif
