/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <elf.h>
#include <stdio.h>
#include <string.h>

#include "elfarch.h"
#include "errbuf.h"

static const struct {
	uint16_t machine;
	const char *name;
	size_t cmdline_size;
} machines[] = {
	{ EM_MIPS, "mips", 4096 },
	{ EM_ARM, "arm", 1024 },
	{ EM_AARCH64, "aarch64", 2048 },
	{ EM_386, "i386", 2048 },
	{ EM_X86_64, "x86_64", 2048 },
	{ EM_RISCV, "riscv", 1024 },
	{ EM_PPC, "powerpc", 2048 },
	{ EM_PPC64, "powerpc64", 2048 },
};

#define N_MACHINES (sizeof(machines) / sizeof(machines[0]))

const char *elfarch_machine_name(uint16_t machine)
{
	for (size_t i = 0; i < N_MACHINES; i++)
		if (machines[i].machine == machine)
			return machines[i].name;
	return NULL;
}

int elfarch_machine_from_name(const char *name, uint16_t *machine)
{
	for (size_t i = 0; i < N_MACHINES; i++)
		if (!strcmp(machines[i].name, name)) {
			*machine = machines[i].machine;
			return 0;
		}
	return -1;
}

size_t elfarch_cmdline_size(uint16_t machine)
{
	for (size_t i = 0; i < N_MACHINES; i++)
		if (machines[i].machine == machine)
			return machines[i].cmdline_size;
	return 256;	/* the smallest any architecture has had: safe for an unknown one */
}

static const char *const format_names[] = {
	[KFMT_ELF] = "elf", [KFMT_ZIMAGE] = "zimage", [KFMT_ARM64_IMAGE] = "image",
};

const char *elfarch_format_name(enum kernel_format f)
{
	return format_names[f];
}

int elfarch_format_from_name(const char *name, enum kernel_format *f)
{
	for (size_t i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++)
		if (!strcmp(format_names[i], name)) {
			*f = (enum kernel_format)i;
			return 0;
		}
	return -1;
}

void elfarch_describe(const struct elfarch *a, char *buf, size_t buflen)
{
	const char *name = elfarch_machine_name(a->machine);
	char num[16];

	if (!name) {
		snprintf(num, sizeof(num), "machine-%u", a->machine);
		name = num;
	}
	snprintf(buf, buflen, "%s %u-bit %s-endian %s", name, a->bits,
		 a->big_endian ? "big" : "little", elfarch_format_name(a->format));
}

static uint64_t get(const uint8_t *p, unsigned n, bool be)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < n; i++)
		v |= (uint64_t)p[be ? n - 1 - i : i] << (8 * i);
	return v;
}

/* MIPS vmlinux program headers carry KSEG0 (or sign-extended CKSEG0 on 64-bit) addresses
 * as p_paddr; kexec-tools turns them into physical ones by dropping the segment bits. */
static uint64_t mips_phys(uint64_t a)
{
	if ((a >= 0x80000000u && a < 0xc0000000u) || a >= 0xffffffff80000000ull)
		return a & 0x1fffffffu;
	return a;
}

static int detect_elf(const uint8_t *b, size_t len, struct elfarch *out, char *err,
		      size_t errlen)
{
	bool is64, be;
	uint64_t phoff, phentsize, phnum, lo = UINT64_MAX, hi = 0, total = 0;

	if (b[EI_CLASS] != ELFCLASS32 && b[EI_CLASS] != ELFCLASS64)
		return seterr(err, errlen, "kernel is an ELF file of unknown class %u", b[EI_CLASS]);
	if (b[EI_DATA] != ELFDATA2LSB && b[EI_DATA] != ELFDATA2MSB)
		return seterr(err, errlen, "kernel is an ELF file of unknown byte order %u", b[EI_DATA]);
	is64 = b[EI_CLASS] == ELFCLASS64;
	be = b[EI_DATA] == ELFDATA2MSB;
	if (len < (is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr)))
		return seterr(err, errlen, "kernel is truncated: ELF header incomplete");
	out->machine = (uint16_t)get(b + 18, 2, be);
	out->bits = is64 ? 64 : 32;
	out->big_endian = be;
	out->format = KFMT_ELF;
	if (get(b + 16, 2, be) != ET_EXEC)
		return seterr(err, errlen, "kernel is an ELF file but not an executable (e_type %u)",
			      (unsigned)get(b + 16, 2, be));
	phoff = is64 ? get(b + 32, 8, be) : get(b + 28, 4, be);
	phentsize = get(b + (is64 ? 54 : 42), 2, be);
	phnum = get(b + (is64 ? 56 : 44), 2, be);
	if (phentsize != (is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr)) ||
	    phoff > len || phnum > (len - phoff) / phentsize)
		return seterr(err, errlen, "kernel is truncated or malformed: program headers outside the file");
	for (uint64_t i = 0; i < phnum; i++) {
		const uint8_t *ph = b + phoff + i * phentsize;
		uint64_t paddr, memsz;

		if (get(ph, 4, be) != PT_LOAD)
			continue;
		paddr = is64 ? get(ph + 24, 8, be) : get(ph + 12, 4, be);
		memsz = is64 ? get(ph + 40, 8, be) : get(ph + 20, 4, be);
		if (out->machine == EM_MIPS)
			paddr = mips_phys(paddr);
		if (memsz > UINT64_MAX - paddr)
			return seterr(err, errlen, "kernel is malformed: a segment wraps around the address space");
		if (paddr < lo)
			lo = paddr;
		if (paddr + memsz > hi)
			hi = paddr + memsz;
		/* Segments that add up past any RAM (or past 2^64) are no kernel. */
		if (memsz > ELFARCH_LOAD_MAX - total)
			return seterr(err, errlen, "kernel is malformed: its segments add up to more than %llu bytes",
				      (unsigned long long)ELFARCH_LOAD_MAX);
		total += memsz;
	}
	if (!total)
		return seterr(err, errlen, "kernel has no loadable segments");
	out->load_lo = lo;
	out->load_hi = hi;
	out->load_total = total;
	return 0;
}

int elfarch_detect(const uint8_t *b, size_t len, struct elfarch *out, char *err,
		   size_t errlen)
{
	memset(out, 0, sizeof(*out));
	if (len >= SELFMAG && !memcmp(b, ELFMAG, SELFMAG)) {
		if (len < EI_NIDENT)
			return seterr(err, errlen, "kernel is truncated: ELF header incomplete");
		return detect_elf(b, len, out, err, errlen);
	}
	/* arch/arm/boot/compressed/head.S: magic 0x016f2818 at 0x24, and at 0x30 the
	 * endianness flag 0x04030201 as the CPU stores it. */
	if (len >= 0x34 && get(b + 0x24, 4, false) == 0x016f2818) {
		out->machine = EM_ARM;
		out->bits = 32;
		out->big_endian = get(b + 0x30, 4, false) != 0x04030201;
		out->format = KFMT_ZIMAGE;
		return 0;
	}
	/* Documentation/arm64/booting.rst: "ARM\x64" at 0x38; flags bit 0 = big-endian. */
	if (len >= 0x40 && !memcmp(b + 0x38, "ARM\x64", 4)) {
		out->machine = EM_AARCH64;
		out->bits = 64;
		out->big_endian = get(b + 0x18, 8, false) & 1;
		out->format = KFMT_ARM64_IMAGE;
		/* Little-endian fields, whatever the kernel's byte order. An image_size of 0
		 * is a kernel older than 3.17: kexec-tools assumes text_offset 0x80000 and
		 * 16 MiB then, and so do we. */
		out->text_offset = get(b + 0x08, 8, false);
		out->image_size = get(b + 0x10, 8, false);
		if (!out->image_size) {
			out->text_offset = 0x80000;
			out->image_size = 16u << 20;
		}
		return 0;
	}
	return seterr(err, errlen, "kernel is not an ELF vmlinux, an ARM zImage nor an arm64 Image");
}

int elfarch_running(const char *m, bool big_endian, struct elfarch *out, char *err,
		    size_t errlen)
{
	memset(out, 0, sizeof(*out));
	out->big_endian = big_endian;
	out->bits = 32;
	if (!strcmp(m, "mips") || !strcmp(m, "mips64")) {
		out->machine = EM_MIPS;
		out->bits = m[4] ? 64 : 32;
	} else if (!strncmp(m, "armv", 4) || !strcmp(m, "arm")) {
		out->machine = EM_ARM;
	} else if (!strncmp(m, "aarch64", 7) || !strcmp(m, "arm64")) {
		out->machine = EM_AARCH64;
		out->bits = 64;
	} else if (!strcmp(m, "x86_64")) {
		out->machine = EM_X86_64;
		out->bits = 64;
	} else if (m[0] == 'i' && m[1] && !strcmp(m + 2, "86")) {
		out->machine = EM_386;
	} else if (!strncmp(m, "riscv", 5)) {
		out->machine = EM_RISCV;
		out->bits = strcmp(m, "riscv32") ? 64 : 32;
	} else {
		return seterr(err, errlen, "unknown machine \"%s\"", m);
	}
	return 0;
}

int elfarch_check(const struct elfarch *k, const struct elfarch *r, char *err,
		  size_t errlen)
{
	char kd[64], rd[64];

	if (k->machine == r->machine && k->bits == r->bits && k->big_endian == r->big_endian)
		return 0;
	elfarch_describe(k, kd, sizeof(kd));
	elfarch_describe(r, rd, sizeof(rd));
	/* The format of the running machine means nothing: show machine, bits, order. */
	*strrchr(rd, ' ') = '\0';
	return seterr(err, errlen, "kernel is for %s but this machine is %s", kd, rd);
}
