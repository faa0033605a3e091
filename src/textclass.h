/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Text or binary: decides --no-binary and whether a write is shown as text or as a hexdump.
 */
#ifndef __KUBEGLASS_TEXTCLASS_H
#define __KUBEGLASS_TEXTCLASS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Length of the valid UTF-8 sequence at s[0..len) (1-4), or 0 if invalid/truncated.
 * Rejects overlong forms, surrogates (U+D800-DFFF) and code points above U+10FFFF. */
size_t utf8_seq_len(const unsigned char *s, size_t len);
bool utf8_valid(const void *buf, size_t len);

/* True if buf does not look like text. Text = valid UTF-8 (multi-byte allowed) with ordinary
 * whitespace (\n \r \t). Other C0 bytes and DEL (\f \v \b, a lone ESC, ...) count as control
 * bytes; an ESC that opens a CSI or OSC sequence (ESC [, ESC ]) does not, so coloured text is
 * text. A NUL byte makes it binary. More than 10% of bytes being control bytes makes
 * it binary. An empty buffer is text. A buffer that ends in the middle of a multi-byte sequence
 * (a write split a character) is still text if everything before is valid and the tail is a
 * valid prefix of at most 3 bytes. */
bool text__is_binary(const void *buf, size_t len);

/*
 * True if the 8 bytes at p are all printable ASCII (0x20 to 0x7e): the fast
 * path of the per-byte scanners, taken a word at a time. A byte below 0x20
 * borrows in the subtraction, 0x7f carries in the addition, and 0x80 and up
 * have the high bit already; each sets a high bit. A borrow that spills into
 * the next byte only sends a plain word to the slow path.
 */
static inline bool text__plain8(const void *p)
{
	const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
	uint64_t w;

	__builtin_memcpy(&w, p, sizeof(w));
	return !((w | (w - 0x20 * ones) | (w + ones)) & high);
}

#endif /* __KUBEGLASS_TEXTCLASS_H */
