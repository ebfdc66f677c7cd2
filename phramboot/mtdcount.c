/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <string.h>

#include "errbuf.h"
#include "mtdcount.h"

int mtd_count(const char *text, size_t len, char *err, size_t errlen)
{
	const char *p = text, *end = text + len;
	int n = 0, lineno = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *q = p + 3;
		const char *eol = nl ? nl : end;

		lineno++;
		/* The header: "dev:    size   erasesize  name". */
		if (lineno == 1 && eol - p >= 4 && !memcmp(p, "dev:", 4))
			goto next;
		if (eol - p < 5 || memcmp(p, "mtd", 3))
			return seterr(err, errlen, "/proc/mtd line %d is not \"mtdN: ...\"", lineno);
		while (q < eol && *q >= '0' && *q <= '9')
			q++;
		if (q == p + 3 || q == eol || *q != ':')
			return seterr(err, errlen, "/proc/mtd line %d is not \"mtdN: ...\"", lineno);
		n++;
next:
		p = eol + 1;
	}
	return n;
}
