/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <string.h>

#include "journal.h"

uint32_t journal_crc32(uint32_t crc, const void *buf, size_t len)
{
	const uint8_t *p = buf;

	crc = ~crc;
	while (len--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
	}
	return ~crc;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

void journal_encode(uint32_t seq, const char *text, uint8_t out[JOURNAL_RECORD])
{
	size_t len = strlen(text);
	uint32_t crc;

	if (len > JOURNAL_TEXT_MAX)
		len = JOURNAL_TEXT_MAX;
	memset(out, 0xff, JOURNAL_RECORD);
	memcpy(out, "PBJ1", 4);
	put32(out + 4, seq);
	out[12] = (uint8_t)len;
	out[13] = (uint8_t)(len >> 8);
	memcpy(out + 14, text, len);
	crc = journal_crc32(0, out + 4, 4);
	crc = journal_crc32(crc, out + 12, 2 + len);
	put32(out + 8, crc);
}

int journal_decode(const uint8_t rec[JOURNAL_RECORD], uint32_t *seq, char *text)
{
	size_t len = (size_t)rec[12] | (size_t)rec[13] << 8;
	uint32_t crc;

	if (memcmp(rec, "PBJ1", 4) || len > JOURNAL_TEXT_MAX)
		return -1;
	crc = journal_crc32(0, rec + 4, 4);
	crc = journal_crc32(crc, rec + 12, 2 + len);
	if (crc != get32(rec + 8) || memchr(rec + 14, '\0', len))
		return -1;
	*seq = get32(rec + 4);
	memcpy(text, rec + 14, len);
	text[len] = '\0';
	return 0;
}

long journal_newest(const uint8_t *region, size_t nrec, uint32_t *seq, char *text)
{
	return journal_newest_where(region, nrec, NULL, seq, text);
}

long journal_newest_where(const uint8_t *region, size_t nrec, int (*keep)(const char *text),
			  uint32_t *seq, char *text)
{
	char t[JOURNAL_TEXT_MAX + 1];
	uint32_t s, best = 0;
	long at = -1;

	for (size_t i = 0; i < nrec; i++) {
		if (journal_decode(region + i * JOURNAL_RECORD, &s, t) || (keep && !keep(t)))
			continue;
		/* Sequence numbers only grow; wrapping past 2^32 records will not happen. */
		if (at < 0 || s > best) {
			best = s;
			at = (long)i;
			if (text)
				strcpy(text, t);
		}
	}
	if (at >= 0 && seq)
		*seq = best;
	return at;
}

static bool erased(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != 0xff)
			return false;
	return true;
}

long journal_next_slot(const uint8_t *region, size_t nrec, size_t per_unit,
		       int (*is_state)(const char *text), bool *need_erase)
{
	long newest = journal_newest(region, nrec, NULL, NULL);
	long state = is_state ? journal_newest_where(region, nrec, is_state, NULL, NULL) : newest;

	*need_erase = false;
	for (size_t k = 1; k <= nrec; k++) {
		size_t at = newest < 0 ? k - 1 : ((size_t)newest + k) % nrec;

		if (state >= 0 && at == (size_t)state)
			continue;
		if (!per_unit || erased(region + at * JOURNAL_RECORD, JOURNAL_RECORD))
			return (long)at;
		if (at % per_unit == 0 && (newest < 0 || at / per_unit != (size_t)newest / per_unit) &&
		    (state < 0 || at / per_unit != (size_t)state / per_unit)) {
			*need_erase = true;
			return (long)at;
		}
	}
	return -1;
}
