// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The binary detector (src/textclass.c) against a plain reference decoder written from RFC 3629:
 * utf8_seq_len and utf8_valid must agree with it on every input, and text__is_binary must follow
 * its documented rule (NUL, invalid UTF-8 but for a split last character, > 10% control bytes,
 * an ESC opening a CSI or OSC sequence not counted).
 */
#include "fuzz.h"
#include "textclass.h"

/* Length of the valid sequence at s, or 0: decode, then reject overlong, surrogate, too big. */
static size_t ref_seq_len(const unsigned char *s, size_t len)
{
	size_t need, i;
	uint32_t cp;

	if (!len)
		return 0;
	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xe0) == 0xc0)
		need = 2, cp = s[0] & 0x1f;
	else if ((s[0] & 0xf0) == 0xe0)
		need = 3, cp = s[0] & 0x0f;
	else if ((s[0] & 0xf8) == 0xf0)
		need = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (need > len)
		return 0;
	for (i = 1; i < need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((need == 2 && cp < 0x80) || (need == 3 && cp < 0x800) || (need == 4 && cp < 0x10000))
		return 0;
	if ((cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return need;
}

/* Whether s[0..len) could be the start of a valid sequence cut short. */
static int ref_valid_prefix(const unsigned char *s, size_t len)
{
	unsigned char full[4];
	unsigned c;

	/* Some completion with continuation bytes is valid iff the prefix is. */
	for (c = 0x80; c <= 0xbf; c++) {
		size_t i;

		memcpy(full, s, len);
		for (i = len; i < 4; i++)
			full[i] = (unsigned char)c;
		for (i = len + 1; i <= 4; i++)
			if (ref_seq_len(full, i) == i)
				return 1;
	}
	return 0;
}

static bool ref_is_binary(const unsigned char *s, size_t len)
{
	size_t ctrl = 0, i = 0, n;

	while (i < len) {
		if (s[i] == 0)
			return true;
		if (s[i] < 0x80) {
			/* ESC [ and ESC ] open colour and title sequences: text (textclass.h). */
			bool term_seq = s[i] == 0x1b && (i + 1 == len || s[i + 1] == '[' ||
							 s[i + 1] == ']');

			if (((s[i] < 0x20 && s[i] != '\n' && s[i] != '\r' && s[i] != '\t') ||
			     s[i] == 0x7f) && !term_seq)
				ctrl++;
			i++;
			continue;
		}
		n = ref_seq_len(s + i, len - i);
		if (!n) {
			if (len - i <= 3 && ref_valid_prefix(s + i, len - i))
				break;
			return true;
		}
		i += n;
	}
	return ctrl * 10 > len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A copy of exactly size bytes: a read past the end is an ASan report. */
	unsigned char *s = malloc(size ? size : 1);
	bool valid = true;
	size_t i, n;

	if (!s)
		abort();
	memcpy(s, data, size);
	for (i = 0; i < size; i += n ? n : 1) {
		n = utf8_seq_len(s + i, size - i);
		FUZZ_CHECK(n == ref_seq_len(s + i, size - i));
		if (!n)
			valid = false;
	}
	FUZZ_CHECK(utf8_valid(s, size) == valid);
	FUZZ_CHECK(text__is_binary(s, size) == ref_is_binary(s, size));
	free(s);
	return 0;
}
