/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errbuf.h"
#include "fileio.h"
#include "ramoops.h"

/* fs/pstore/ram.c's module parameters, as the probe leaves them (it copies what it got
 * from the DT or the platform data back into them, so they describe either source). */
static const char *const names[] = {
	"mem_address", "mem_size", "record_size", "console_size", "ftrace_size",
	"pmsg_size", "mem_type", "ecc", "max_reason",
};

static uint32_t *u32_field(struct ramoops *r, const char *name)
{
	static const struct {
		const char *name;
		size_t off;
	} fields[] = {
		{ "record_size", offsetof(struct ramoops, record_size) },
		{ "console_size", offsetof(struct ramoops, console_size) },
		{ "ftrace_size", offsetof(struct ramoops, ftrace_size) },
		{ "pmsg_size", offsetof(struct ramoops, pmsg_size) },
		{ "mem_type", offsetof(struct ramoops, mem_type) },
		{ "ecc", offsetof(struct ramoops, ecc) },
	};

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (!strcmp(name, fields[i].name))
			return (uint32_t *)((char *)r + fields[i].off);
	return NULL;
}

int ramoops_set(struct ramoops *r, const char *name, const char *value, char *err,
		size_t errlen)
{
	uint32_t *field;
	char *end;
	long long v;

	errno = 0;
	v = strtoll(value, &end, 0);
	while (*end == '\n' || *end == ' ')
		end++;
	if (errno || end == value || *end)
		return seterr(err, errlen, "ramoops parameter %s is not a number: %.*s", name,
			      (int)strcspn(value, "\n"), value);
	if (!strcmp(name, "max_reason")) {
		if (v < -1 || v > INT32_MAX)
			return seterr(err, errlen, "ramoops max_reason %lld is out of range", v);
		r->max_reason = (int32_t)v;
		return 0;
	}
	if (v < 0)
		return seterr(err, errlen, "ramoops parameter %s is negative: %lld", name, v);
	if (!strcmp(name, "mem_address"))
		r->addr = (uint64_t)v;
	else if (!strcmp(name, "mem_size"))
		r->size = (uint64_t)v;
	else if ((field = u32_field(r, name))) {
		if (v > UINT32_MAX)
			return seterr(err, errlen, "ramoops parameter %s is too large: %lld", name, v);
		*field = (uint32_t)v;
	}
	return 0;
}

int ramoops_read(const char *dir, struct ramoops *r, char *err, size_t errlen)
{
	char path[256], e[128], *text;
	size_t len;

	memset(r, 0, sizeof(*r));
	r->max_reason = -1;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (path_join(path, sizeof(path), dir, names[i]))
			return seterr(err, errlen, "path too long: %s", dir);
		if (read_file_nofollow(path, 64, &text, &len, e, sizeof(e)))
			continue;	/* older kernels lack some; none at all: not in use */
		if (ramoops_set(r, names[i], text, err, errlen)) {
			free(text);
			return -1;
		}
		free(text);
	}
	if (!r->addr || !r->size)
		return 1;
	if (r->addr + r->size < r->addr)
		return seterr(err, errlen, "ramoops region %#llx+%#llx wraps around",
			      (unsigned long long)r->addr, (unsigned long long)r->size);
	return 0;
}
