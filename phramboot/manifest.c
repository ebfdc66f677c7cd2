/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "errbuf.h"
#include "manifest.h"

#define MAGIC "phramboot-manifest"

const char *const manifest_file_key[MF_COUNT] = {
	[MF_KERNEL] = "kernel", [MF_DTB] = "dtb", [MF_ROOTFS] = "rootfs",
};

enum { K_ARCH = MF_COUNT, K_APPEND, K_FLASH, K_COMPAT, K_SECVER, K_COUNT };

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;	/* upper case refused: one spelling per hash keeps the format canonical */
}

/* Next space-separated word of [*p, end); NUL-free input guaranteed by the caller. */
static size_t word(const char **p, const char *end, const char **w)
{
	const char *s = *p;

	while (s < end && *s == ' ')
		s++;
	*w = s;
	while (s < end && *s != ' ')
		s++;
	*p = s;
	return (size_t)(s - *w);
}

static int parse_size(const char *w, size_t n, uint64_t *out)
{
	uint64_t v = 0;

	if (n == 0 || n > 13 || (w[0] == '0' && n > 1))
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (w[i] < '0' || w[i] > '9')
			return -1;
		v = v * 10 + (uint64_t)(w[i] - '0');
	}
	*out = v;
	return 0;
}

static bool valid_name(const char *w, size_t n)
{
	if (n == 0 || n >= MANIFEST_NAME_MAX || (w[0] == '.' && (n == 1 || (n == 2 && w[1] == '.'))))
		return false;
	for (size_t i = 0; i < n; i++)
		if (w[i] == '/' || w[i] <= ' ' || w[i] > '~')
			return false;
	return true;
}

static int parse_file_line(const char *p, const char *end, struct manifest_file_entry *f,
			   const char *key, unsigned line, char *err, size_t errlen)
{
	const char *w;
	size_t n;

	n = word(&p, end, &w);
	if (!valid_name(w, n))
		return seterr(err, errlen, "manifest line %u: %s: missing or invalid file name", line, key);
	memcpy(f->name, w, n);
	f->name[n] = '\0';
	n = word(&p, end, &w);
	if (parse_size(w, n, &f->size))
		return seterr(err, errlen, "manifest line %u: %s: missing or invalid size", line, key);
	if (f->size == 0 || f->size > MANIFEST_SIZE_MAX)
		return seterr(err, errlen, "manifest line %u: %s: absurd size %llu", line, key,
			      (unsigned long long)f->size);
	n = word(&p, end, &w);
	if (n != 64)
		return seterr(err, errlen, "manifest line %u: %s: SHA-256 must be 64 lower-case hex digits",
			      line, key);
	for (size_t i = 0; i < 32; i++) {
		int hi = hexval(w[2 * i]), lo = hexval(w[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return seterr(err, errlen, "manifest line %u: %s: SHA-256 must be 64 lower-case hex digits",
				      line, key);
		f->sha256[i] = (uint8_t)(hi << 4 | lo);
	}
	if (word(&p, end, &w))
		return seterr(err, errlen, "manifest line %u: %s: unexpected text after the SHA-256", line, key);
	return 0;
}

int manifest_valid_target(const char *s, size_t n)
{
	if (n == 0 || n >= MANIFEST_TARGET_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
		      s[i] == '-'))
			return 0;
	return 1;
}

static int parse_flash_line(const char *p, const char *end, struct manifest *m, unsigned line,
			    char *err, size_t errlen)
{
	struct manifest_flash *fl;
	const char *w;
	size_t n;

	if (m->version < 2)
		return seterr(err, errlen, "manifest line %u: flash lines need manifest version 2", line);
	if (m->nflash == MANIFEST_FLASH_MAX)
		return seterr(err, errlen, "manifest line %u: more than %d flash payloads", line,
			      MANIFEST_FLASH_MAX);
	fl = &m->flash[m->nflash];
	n = word(&p, end, &w);
	if (!manifest_valid_target(w, n))
		return seterr(err, errlen, "manifest line %u: flash: missing or invalid target name (want [a-z0-9_-], at most %d characters)",
			      line, MANIFEST_TARGET_MAX - 1);
	memcpy(fl->target, w, n);
	fl->target[n] = '\0';
	for (unsigned i = 0; i < m->nflash; i++)
		if (!strcmp(m->flash[i].target, fl->target))
			return seterr(err, errlen, "manifest line %u: flash target \"%s\" twice", line,
				      fl->target);
	if (parse_file_line(p, end, &fl->f, "flash", line, err, errlen))
		return -1;
	m->nflash++;
	return 0;
}

int manifest_valid_compatible(const char *s, size_t n)
{
	if (n == 0 || n >= MANIFEST_COMPAT_LEN)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] <= ' ' || s[i] > '~')
			return 0;
	return 1;
}

static int parse_compatible(const char *p, const char *end, struct manifest *m, unsigned line,
			    char *err, size_t errlen)
{
	const char *w;
	size_t n;

	if (m->version < 2)
		return seterr(err, errlen, "manifest line %u: compatible needs manifest version 2", line);
	while ((n = word(&p, end, &w))) {
		if (m->ncompatible == MANIFEST_COMPAT_MAX)
			return seterr(err, errlen, "manifest line %u: more than %d compatible boards", line,
				      MANIFEST_COMPAT_MAX);
		if (!manifest_valid_compatible(w, n))
			return seterr(err, errlen, "manifest line %u: compatible: invalid board \"%.*s\"", line,
				      (int)(n > 40 ? 40 : n), w);
		memcpy(m->compatible[m->ncompatible], w, n);
		m->compatible[m->ncompatible++][n] = '\0';
	}
	if (!m->ncompatible)
		return seterr(err, errlen, "manifest line %u: compatible names no board", line);
	return 0;
}

static int parse_secver(const char *p, const char *end, struct manifest *m, unsigned line,
			char *err, size_t errlen)
{
	const char *w;
	size_t n = word(&p, end, &w);
	uint64_t v;

	if (m->version < 2)
		return seterr(err, errlen, "manifest line %u: security-version needs manifest version 2", line);
	if (parse_size(w, n, &v) || v > UINT32_MAX || word(&p, end, &w))
		return seterr(err, errlen, "manifest line %u: security-version wants one number, 0 to 4294967295", line);
	m->has_security_version = true;
	m->security_version = (uint32_t)v;
	return 0;
}

static int parse_arch(const char *p, const char *end, struct elfarch *a, unsigned line,
		      char *err, size_t errlen)
{
	const char *w[5];
	size_t n[5];
	char buf[5][16];

	for (int i = 0; i < 5; i++) {
		n[i] = word(&p, end, &w[i]);
		if ((i < 4 && n[i] == 0) || n[i] >= sizeof(buf[i]) || (i == 4 && n[i]))
			return seterr(err, errlen, "manifest line %u: arch: expected \"<machine> <bits> <little|big> <format>\"",
				      line);
		memcpy(buf[i], w[i], n[i]);
		buf[i][n[i]] = '\0';
	}
	memset(a, 0, sizeof(*a));
	if (elfarch_machine_from_name(buf[0], &a->machine))
		return seterr(err, errlen, "manifest line %u: arch: unknown machine \"%s\"", line, buf[0]);
	if (strcmp(buf[1], "32") && strcmp(buf[1], "64"))
		return seterr(err, errlen, "manifest line %u: arch: bits must be 32 or 64", line);
	a->bits = buf[1][0] == '3' ? 32 : 64;
	if (strcmp(buf[2], "little") && strcmp(buf[2], "big"))
		return seterr(err, errlen, "manifest line %u: arch: byte order must be little or big", line);
	a->big_endian = buf[2][0] == 'b';
	if (elfarch_format_from_name(buf[3], &a->format))
		return seterr(err, errlen, "manifest line %u: arch: unknown kernel format \"%s\"", line, buf[3]);
	return 0;
}

int manifest_parse(const char *text, size_t len, struct manifest *m, char *err, size_t errlen)
{
	static const char *const keys[K_COUNT] = {
		[MF_KERNEL] = "kernel", [MF_DTB] = "dtb", [MF_ROOTFS] = "rootfs",
		[K_ARCH] = "arch", [K_APPEND] = "append", [K_FLASH] = "flash",
		[K_COMPAT] = "compatible", [K_SECVER] = "security-version",
	};
	bool seen[K_COUNT] = { false };
	const char *p = text, *end = text + len;
	unsigned line = 0;

	memset(m, 0, sizeof(*m));
	if (len > MANIFEST_MAX)
		return seterr(err, errlen, "manifest is too big (%zu bytes, at most %u)", len, MANIFEST_MAX);
	if (memchr(text, '\0', len))
		return seterr(err, errlen, "manifest contains a NUL byte");
	if (len == 0 || text[len - 1] != '\n')
		return seterr(err, errlen, "manifest is truncated: it does not end with a newline");
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p)), *w;
		size_t n;
		int k;

		line++;
		for (const char *c = p; c < eol; c++)
			if ((unsigned char)*c < ' ' || *c == 0x7f)
				return seterr(err, errlen, "manifest line %u: control character", line);
		if (line == 1) {
			if ((size_t)(eol - p) != sizeof(MAGIC) - 1 + 2 || memcmp(p, MAGIC " ", sizeof(MAGIC)))
				return seterr(err, errlen, "manifest is not a phramboot manifest (first line must be \"" MAGIC " %d\")",
					      MANIFEST_VERSION);
			if (p[sizeof(MAGIC)] < '1' || p[sizeof(MAGIC)] > '0' + MANIFEST_VERSION)
				return seterr(err, errlen, "manifest version %c is not supported (this phramboot reads versions 1 to %d)",
					      p[sizeof(MAGIC)], MANIFEST_VERSION);
			m->version = (unsigned)(p[sizeof(MAGIC)] - '0');
			p = eol + 1;
			continue;
		}
		n = word(&p, eol, &w);
		if (n == 0)
			return seterr(err, errlen, "manifest line %u: empty line", line);
		for (k = 0; k < K_COUNT; k++)
			if (strlen(keys[k]) == n && !memcmp(keys[k], w, n))
				break;
		if (k == K_COUNT)
			return seterr(err, errlen, "manifest line %u: unknown key \"%.*s\"", line,
				      (int)(n > 32 ? 32 : n), w);
		if (seen[k] && k != K_FLASH)
			return seterr(err, errlen, "manifest line %u: duplicate key \"%s\"", line, keys[k]);
		seen[k] = true;
		if (k == K_FLASH) {
			if (parse_flash_line(p, eol, m, line, err, errlen))
				return -1;
		} else if (k == K_COMPAT) {
			if (parse_compatible(p, eol, m, line, err, errlen))
				return -1;
		} else if (k == K_SECVER) {
			if (parse_secver(p, eol, m, line, err, errlen))
				return -1;
		} else if (k < MF_COUNT) {
			if (parse_file_line(p, eol, &m->file[k], keys[k], line, err, errlen))
				return -1;
		} else if (k == K_ARCH) {
			if (parse_arch(p, eol, &m->arch, line, err, errlen))
				return -1;
		} else {
			if (p < eol)
				p++;	/* the one separating space; the rest is the value verbatim */
			if ((size_t)(eol - p) >= sizeof(m->append))
				return seterr(err, errlen, "manifest line %u: append is longer than %zu bytes",
					      line, sizeof(m->append) - 1);
			memcpy(m->append, p, (size_t)(eol - p));
			m->append[eol - p] = '\0';
		}
		p = eol + 1;
	}
	if (line == 0)
		return seterr(err, errlen, "manifest is empty");
	for (int k = 0; k < K_COUNT; k++)
		if (!seen[k] && k < K_FLASH)
			return seterr(err, errlen, "manifest lacks the \"%s\" line", keys[k]);
	for (int a = 0; a < MF_COUNT; a++)
		for (int b = a + 1; b < MF_COUNT; b++)
			if (!strcmp(m->file[a].name, m->file[b].name))
				return seterr(err, errlen, "manifest names file \"%s\" twice", m->file[a].name);
	if (m->version >= 2 && !m->nflash && !m->ncompatible && !m->has_security_version)
		return seterr(err, errlen, "manifest version 2 has no flash, compatible or security-version line (a bundle without them is version 1)");
	/* A flash payload is a file of its own, or one of the three, byte for byte. */
	for (unsigned i = 0; i < m->nflash; i++) {
		struct manifest_flash *fl = &m->flash[i];

		fl->same_as = -1;
		for (int a = 0; a < MF_COUNT; a++) {
			if (strcmp(fl->f.name, m->file[a].name))
				continue;
			if (fl->f.size != m->file[a].size || memcmp(fl->f.sha256, m->file[a].sha256, 32))
				return seterr(err, errlen, "manifest: flash target \"%s\" names the %s file \"%s\" with another size or SHA-256",
					      fl->target, manifest_file_key[a], fl->f.name);
			fl->same_as = a;
		}
		for (unsigned j = 0; j < i; j++)
			if (!strcmp(fl->f.name, m->flash[j].f.name))
				return seterr(err, errlen, "manifest: flash targets \"%s\" and \"%s\" name one file \"%s\"; give each its own",
					      m->flash[j].target, fl->target, fl->f.name);
	}
	return 0;
}

int manifest_format(const struct manifest *m, char *buf, size_t buflen)
{
	size_t used = 0;

#define PUT(...) do { if (bufprintf(buf, buflen, &used, __VA_ARGS__)) return -1; } while (0)

	if (!elfarch_machine_name(m->arch.machine) || strchr(m->append, '\n'))
		return -1;
	if (m->nflash > MANIFEST_FLASH_MAX)
		return -1;
	if (m->ncompatible > MANIFEST_COMPAT_MAX)
		return -1;
	PUT(MAGIC " %d\n", m->nflash || m->ncompatible || m->has_security_version ? 2 : 1);
	for (int i = 0; i < MF_COUNT; i++) {
		PUT("%s %s %llu ", manifest_file_key[i], m->file[i].name,
		    (unsigned long long)m->file[i].size);
		for (int j = 0; j < 32; j++)
			PUT("%02x", m->file[i].sha256[j]);
		PUT("\n");
	}
	for (unsigned i = 0; i < m->nflash; i++) {
		const struct manifest_flash *fl = &m->flash[i];

		if (!manifest_valid_target(fl->target, strlen(fl->target)))
			return -1;
		PUT("flash %s %s %llu ", fl->target, fl->f.name, (unsigned long long)fl->f.size);
		for (int j = 0; j < 32; j++)
			PUT("%02x", fl->f.sha256[j]);
		PUT("\n");
	}
	if (m->ncompatible) {
		PUT("compatible");
		for (unsigned i = 0; i < m->ncompatible; i++) {
			if (!manifest_valid_compatible(m->compatible[i], strlen(m->compatible[i])))
				return -1;
			PUT(" %s", m->compatible[i]);
		}
		PUT("\n");
	}
	if (m->has_security_version)
		PUT("security-version %u\n", m->security_version);
	PUT("arch %s %u %s %s\n", elfarch_machine_name(m->arch.machine), m->arch.bits,
	    m->arch.big_endian ? "big" : "little", elfarch_format_name(m->arch.format));
	PUT("append %s\n", m->append);
#undef PUT
	return (int)used;
}
