/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <elf.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errbuf.h"
#include "mib.h"
#include "placement.h"


/* a + b, or UINT64_MAX where that would wrap: a span that runs off the top is then
 * too big for anything, rather than small. */
static uint64_t sat_add(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

/* Exclusive end, saturating at the top of the address space. */
static uint64_t end_excl(const struct iomem_range *r)
{
	return r->end == UINT64_MAX ? UINT64_MAX : r->end + 1;
}

int placement_ram_base(const struct iomem *io, uint64_t *base, char *err, size_t errlen)
{
	bool any = false, nonzero = false;

	*base = UINT64_MAX;
	for (size_t i = 0; i < io->n; i++) {
		if (!iomem_is_system_ram(&io->r[i]))
			continue;
		any = true;
		if (io->r[i].end)
			nonzero = true;
		if (io->r[i].start < *base)
			*base = io->r[i].start;
	}
	if (!any)
		return seterr(err, errlen, "no top-level \"System RAM\" range in the memory map");
	/* The kernel hides addresses from non-root readers by printing them as zero. */
	if (!nonzero)
		return seterr(err, errlen, "every address in the memory map reads as zero; run as root");
	return 0;
}

uint64_t placement_lowmem_limit(const struct elfarch *k, uint64_t ram_base)
{
	if (k->bits == 64)
		return 0;
	switch (k->machine) {
	case EM_MIPS:
		/* KSEG0/KSEG1 map the first 512 MiB; phram above it would need highmem. */
		return 0x20000000;
	case EM_ARM:
		/* VMSPLIT_3G with the default 240 MiB vmalloc area leaves 768 MiB of lowmem
		 * (arch/arm/mm/mmu.c: vmalloc_min); memremap() cannot reach beyond it. */
		return ram_base + 0x30000000;
	case EM_386:
		return 0x38000000;	/* the classic 896 MiB */
	default:
		return 0x100000000ull;
	}
}

void placement_kernel_span(const struct elfarch *k, uint64_t kernel_size, uint64_t dtb_size,
			   uint64_t ram_base, uint64_t *lo, uint64_t *hi, uint64_t *segments)
{
	/* kexec-tools puts the DTB right after the kernel; keep a megabyte of slack for
	 * its alignment and the small buffers some architectures add. */
	uint64_t tail = dtb_size + (1u << 20);

	if (k->format == KFMT_ELF && k->load_hi) {
		*lo = k->load_lo;
		*hi = sat_add(k->load_hi, tail);
		*segments = sat_add(sat_add(k->load_total, dtb_size), 4096);
		return;
	}
	/* kexec-tools' arm64 loader puts an Image in the lowest free 2 MiB-aligned hole of
	 * text_offset + image_size bytes (arm64_locate_kernel_segment(); the boot protocol,
	 * Documentation/arch/arm64/booting.rst, wants that alignment), and the DTB and
	 * purgatory in the lowest holes above it. Kept free from the first such place in
	 * RAM, so that kexec puts them there and not around the image. */
	if (k->format == KFMT_ARM64_IMAGE) {
		uint64_t base = ram_base > UINT64_MAX - 0x1fffff ? UINT64_MAX :
				(ram_base + 0x1fffff) & ~(uint64_t)0x1fffff;

		*lo = base;
		*hi = sat_add(sat_add(sat_add(base, k->text_offset), k->image_size), tail);
		*segments = sat_add(k->image_size, dtb_size);
		return;
	}
	/* A zImage decompresses to TEXT_OFFSET (32 KiB) above the start of the 128 MiB
	 * window it runs in, and kexec-tools reserves five times the zImage for that
	 * when the image carries no size table (kexec-zImage-arm.c); it refuses to load
	 * when that area covers a --map-file. Keep it free from the start of RAM, where
	 * the kernel runs on these boards. */
	*lo = ram_base;
	*hi = kernel_size > UINT64_MAX / 8 ? UINT64_MAX :
	      sat_add(sat_add(ram_base, 0x8000 + 5 * kernel_size), tail);
	*segments = sat_add(kernel_size, dtb_size);
}

struct span {
	uint64_t lo, hi;
};

/* Remove [lo, hi) from the sorted, disjoint spans in *v; returns -1 on allocation failure. */
static int subtract(struct span **v, size_t *n, uint64_t lo, uint64_t hi)
{
	for (size_t i = 0; i < *n; i++) {
		struct span *s = &(*v)[i];

		if (hi <= s->lo || lo >= s->hi)
			continue;
		if (lo > s->lo && hi < s->hi) {
			struct span *nv = realloc(*v, (*n + 1) * sizeof(**v));

			if (!nv)
				return -1;
			*v = nv;
			memmove(&nv[i + 1], &nv[i], (*n - i) * sizeof(*nv));
			(*n)++;
			nv[i].hi = lo;
			nv[i + 1].lo = hi;
			i++;
		} else if (lo <= s->lo && hi >= s->hi) {
			memmove(s, s + 1, (*n - i - 1) * sizeof(*s));
			(*n)--;
			i--;
		} else if (lo <= s->lo) {
			s->lo = hi;
		} else {
			s->hi = lo;
		}
	}
	return 0;
}

/* A handful of RAM banks: insertion sort, no qsort() in a size-bound static binary. */
static void sort_spans(struct span *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct span x = v[i];
		size_t j = i;

		for (; j && v[j - 1].lo > x.lo; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

int place_image(const struct iomem *io, const struct placement_req *req,
		struct placement *out, char *err, size_t errlen)
{
	struct span *free_ = NULL;
	size_t nfree = 0;
	uint64_t ram = 0, used = 0, size, best = 0, largest = 0, a = req->align;
	bool found = false;
	int ret = -1;

	memset(out, 0, sizeof(*out));
	if (!a || (a & (a - 1)))
		return seterr(err, errlen, "alignment %llu is not a power of two", (unsigned long long)a);
	if (!req->image_size || req->image_size > UINT64_MAX / 2)
		return seterr(err, errlen, "image size %llu is absurd", (unsigned long long)req->image_size);
	if (placement_ram_base(io, &out->ram_base, err, errlen))
		return -1;
	size = (req->image_size + a - 1) & ~(a - 1);
	out->size = size;

	for (size_t i = 0; i < io->n; i++) {
		if (!iomem_is_system_ram(&io->r[i]))
			continue;
		struct span *nv = realloc(free_, (nfree + 1) * sizeof(*nv));

		if (!nv)
			goto oom;
		free_ = nv;
		free_[nfree].lo = io->r[i].start;
		free_[nfree].hi = end_excl(&io->r[i]);
		ram = sat_add(ram, free_[nfree].hi - free_[nfree].lo);
		nfree++;
	}
	sort_spans(free_, nfree);
	/* Anything inside System RAM (kernel code/data/bss, "reserved", crash kernel...)
	 * is claimed by someone; count only direct children, they enclose the rest. */
	for (size_t i = 0, top = 0; i < io->n; i++) {
		const struct iomem_range *r = &io->r[i];

		if (r->depth == 0)
			top = i;
		if (r->depth != 1 || !iomem_is_system_ram(&io->r[top]))
			continue;
		used = sat_add(used, end_excl(r) - r->start);
		if (subtract(&free_, &nfree, r->start, end_excl(r)))
			goto oom;
	}
	if (req->keep_hi > req->keep_lo && subtract(&free_, &nfree, req->keep_lo, req->keep_hi))
		goto oom;
	/* The ramoops region may sit inside System RAM (a reserved-memory node without
	 * no-map shows no child in /proc/iomem): an image over it would be overwritten by
	 * the trial's own console log. */
	if (req->avoid_hi > req->avoid_lo && subtract(&free_, &nfree, req->avoid_lo, req->avoid_hi))
		goto oom;
	if (req->limit && subtract(&free_, &nfree, req->limit, UINT64_MAX))
		goto oom;

	/* kernel/kexec_core.c sanity_check_segment_list(): all segments together may use at
	 * most half of totalram_pages(), which is what MemTotal shows. */
	/* Children that overlap (or a crafted map) can claim more than there is: then
	 * nothing is free, rather than nearly 2^64 bytes. */
	out->memtotal = req->memtotal ? req->memtotal : ram > used ? ram - used : 0;
	if (sat_add(size, req->other_segments) > out->memtotal / 2) {
		seterr(err, errlen, "the image (" MIB_FMT " MiB) and kernel with DTB (" MIB_FMT " MiB) need " MIB_FMT " MiB, but kexec_load accepts at most half of RAM, " MIB_FMT " MiB",
		       MIB_ARGS(size), MIB_ARGS(req->other_segments), MIB_ARGS(sat_add(size, req->other_segments)),
		       MIB_ARGS(out->memtotal / 2));
		goto out;
	}

	for (size_t i = 0; i < nfree; i++) {
		uint64_t lo = (free_[i].lo + a - 1) & ~(a - 1), hi = free_[i].hi & ~(a - 1);

		if (lo >= hi || free_[i].lo > UINT64_MAX - a)
			continue;
		if (hi - lo > largest)
			largest = hi - lo;
		if (hi - lo >= size && hi - size >= best) {
			best = hi - size;
			found = true;
		}
	}
	if (!found) {
		char where[48] = "";

		if (req->limit)
			snprintf(where, sizeof(where), " below %#llx", (unsigned long long)req->limit);
		seterr(err, errlen, "the image needs " MIB_FMT " MiB of free, %llu-byte aligned System RAM%s; the largest free block there is " MIB_FMT " MiB",
		       MIB_ARGS(size), (unsigned long long)a, where, MIB_ARGS(largest));
		goto out;
	}
	out->addr = best;
	ret = 0;
	goto out;
oom:
	seterr(err, errlen, "out of memory");
out:
	free(free_);
	return ret;
}
