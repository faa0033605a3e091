// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include "textclass.h"

/*
 * The sequence length a lead byte announces, and the range its second byte must fall in. The
 * narrowed ranges after E0, ED, F0 and F4 are what rule out overlong forms, surrogates and code
 * points above U+10FFFF; every later byte is a plain continuation (80-BF).
 */
static size_t utf8_lead(unsigned char c, unsigned char *lo, unsigned char *hi)
{
	*lo = 0x80;
	*hi = 0xbf;
	if (c < 0x80)
		return 1;
	if (c < 0xc2) /* a continuation byte, or C0/C1 which only start overlong forms */
		return 0;
	if (c < 0xe0)
		return 2;
	if (c < 0xf0) {
		if (c == 0xe0)
			*lo = 0xa0;
		else if (c == 0xed)
			*hi = 0x9f;
		return 3;
	}
	if (c < 0xf5) {
		if (c == 0xf0)
			*lo = 0x90;
		else if (c == 0xf4)
			*hi = 0x8f;
		return 4;
	}
	return 0;
}

/* True if s[0..len) could still grow into a valid sequence: a write that split a character. */
static bool utf8_prefix_valid(const unsigned char *s, size_t len)
{
	unsigned char lo, hi;
	size_t need = utf8_lead(s[0], &lo, &hi);
	size_t i;

	if (need <= len)
		return false;
	if (len > 1 && (s[1] < lo || s[1] > hi))
		return false;
	for (i = 2; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return false;
	return true;
}

size_t utf8_seq_len(const unsigned char *s, size_t len)
{
	unsigned char lo, hi;
	size_t need, i;

	if (len == 0)
		return 0;
	need = utf8_lead(s[0], &lo, &hi);
	if (need == 0 || need > len)
		return 0;
	if (need > 1 && (s[1] < lo || s[1] > hi))
		return 0;
	for (i = 2; i < need; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return need;
}

bool utf8_valid(const void *buf, size_t len)
{
	const unsigned char *s = buf;
	size_t i = 0;

	while (i < len) {
		size_t n;

		if (s[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8_seq_len(s + i, len - i);
		if (n == 0)
			return false;
		i += n;
	}
	return true;
}

bool text__is_binary(const void *buf, size_t len)
{
	const unsigned char *s = buf;
	size_t ctrl = 0, i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n;

		if (len - i >= 8 && text__plain8(s + i)) {
			i += 8;
			continue;
		}
		if (c == 0)
			return true;
		if (c < 0x80) {
			/* ESC [ and ESC ] open the colour and title sequences of
			 * terminal text (CSI, OSC): a coloured log line is text. An
			 * ESC that ends a write may open one in the next. */
			bool term_seq = c == 0x1b && (i + 1 == len || s[i + 1] == '[' ||
						      s[i + 1] == ']');

			if (((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f) &&
			    !term_seq)
				ctrl++;
			i++;
			continue;
		}
		n = utf8_seq_len(s + i, len - i);
		if (n == 0) {
			if (len - i <= 3 && utf8_prefix_valid(s + i, len - i))
				break;
			return true;
		}
		i += n;
	}
	return ctrl * 10 > len;
}
