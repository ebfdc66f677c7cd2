/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The commit journal: what `phramboot commit` did last, readable after any reset.
 *
 * A ring of 512-byte records on a small region of its own (the layout's journal line):
 * at least two erase blocks on MTD, any multiple of 512 bytes on a block device. A record
 * is "PBJ1", a little-endian sequence number, the CRC-32 of sequence and text, the text's
 * length and the text. The newest valid record (highest sequence) is the state. Why a
 * power cut cannot lose it: a record is only ever written into erased (MTD) or unused
 * space, never over the newest one; a torn record fails its CRC and the one before it
 * stands; before the ring wraps into an erase block, that block is erased, and it never
 * holds the newest record (a region of two blocks or more keeps the newest in another).
 */
#ifndef JOURNAL_H
#define JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define JOURNAL_RECORD 512
#define JOURNAL_TEXT_MAX (JOURNAL_RECORD - 14)

uint32_t journal_crc32(uint32_t crc, const void *buf, size_t len);

/* One record into out (JOURNAL_RECORD bytes, the tail 0xff as erased NOR reads). */
void journal_encode(uint32_t seq, const char *text, uint8_t out[JOURNAL_RECORD]);
/* 0 and the text (NUL-terminated, JOURNAL_TEXT_MAX + 1 bytes) if rec is a valid record. */
int journal_decode(const uint8_t rec[JOURNAL_RECORD], uint32_t *seq, char *text);

/* Over a region read whole: the index of the newest valid record, or -1 if none. */
long journal_newest(const uint8_t *region, size_t nrec, uint32_t *seq, char *text);
/* The same among the records whose text keep() accepts (keep NULL: all of them). */
long journal_newest_where(const uint8_t *region, size_t nrec, int (*keep)(const char *text),
			  uint32_t *seq, char *text);

/* Where the next record goes: the slot after the newest record that can take one. On
 * MTD (per_unit: records per erase block; 0 for a block device, whose slots are simply
 * rewritten) that is erased space, never a torn record, or else the first slot of an
 * erase block that holds neither the newest record nor the newest state record (one
 * that is_state accepts; NULL: all are), with *need_erase set. Neither kind ever takes
 * the newest state record's place, which other records after it (drill.h) would push
 * out of the ring. -1: no room. */
long journal_next_slot(const uint8_t *region, size_t nrec, size_t per_unit,
		       int (*is_state)(const char *text), bool *need_erase);

#endif
