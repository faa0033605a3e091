// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include "escape.h"
#include "textclass.h"

static const char hex[] = "0123456789abcdef";

static size_t put_hex(char *out, unsigned char c)
{
	out[0] = '\\';
	out[1] = 'x';
	out[2] = hex[c >> 4];
	out[3] = hex[c & 15];
	return 4;
}

/* Code points that are valid UTF-8 but steer a terminal or reorder text:
 * C1 controls (U+0080-009F; U+009B is a one-byte CSI on some terminals) and
 * the bidirectional overrides used in "trojan source" tricks. */
bool escape__dangerous_code_point(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	       (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

uint32_t escape__code_point(const unsigned char *s, size_t n)
{
	switch (n) {
	case 2:
		return (uint32_t)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
	case 3:
		return (uint32_t)(s[0] & 0x0f) << 12 | (uint32_t)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
	default:
		return (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3f) << 12 |
		       (uint32_t)(s[2] & 0x3f) << 6 | (s[3] & 0x3f);
	}
}

size_t escape__text(const void *in, size_t len, char *out)
{
	const unsigned char *s = in;
	size_t i = 0, o = 0, n, k;

	while (i < len) {
		unsigned char c = s[i];

		/* Printable words with no backslash go out as they are. */
		if (len - i >= 8 && text__plain8(s + i) && !memchr(s + i, '\\', 8)) {
			__builtin_memcpy(out + o, s + i, 8);
			i += 8;
			o += 8;
			continue;
		}
		if (c >= 0x20 && c < 0x7f) {
			if (c == '\\')
				out[o++] = '\\';
			out[o++] = c;
			i++;
			continue;
		}
		if (c < 0x80) {
			const char *named = NULL;

			switch (c) {
			case '\t':
				named = "\\t";
				break;
			case '\r':
				named = "\\r";
				break;
			case '\n':
				named = "\\n";
				break;
			case 0x1b:
				named = "\\e";
				break;
			}
			if (named) {
				out[o++] = named[0];
				out[o++] = named[1];
			} else {
				o += put_hex(out + o, c);
			}
			i++;
			continue;
		}
		n = utf8_seq_len(s + i, len - i);
		if (n == 0) {
			o += put_hex(out + o, c);
			i++;
			continue;
		}
		if (escape__dangerous_code_point(escape__code_point(s + i, n))) {
			for (k = 0; k < n; k++)
				o += put_hex(out + o, s[i + k]);
		} else {
			for (k = 0; k < n; k++)
				out[o++] = s[i + k];
		}
		i += n;
	}
	return o;
}

size_t escape__utf8_tail(const void *in, size_t len)
{
	const unsigned char *s = in;
	size_t back, need;

	for (back = 1; back <= 3 && back <= len; back++) {
		unsigned char c = s[len - back];

		if ((c & 0xc0) == 0x80)
			continue; /* a continuation byte: look further back */
		if ((c & 0xe0) == 0xc0)
			need = 2;
		else if ((c & 0xf0) == 0xe0)
			need = 3;
		else if ((c & 0xf8) == 0xf0)
			need = 4;
		else
			return 0;
		return need > back ? back : 0;
	}
	return 0;
}

size_t escape__hexdump_line(const void *in, size_t len, unsigned long long off, char *out)
{
	const unsigned char *s = in;
	size_t o = 0, i;
	int shift;

	if (len > 16)
		len = 16;
	for (shift = 28; shift >= 0; shift -= 4)
		out[o++] = hex[(off >> shift) & 15];
	out[o++] = ' ';
	for (i = 0; i < 16; i++) {
		if (i == 8)
			out[o++] = ' ';
		out[o++] = ' ';
		if (i < len) {
			out[o++] = hex[s[i] >> 4];
			out[o++] = hex[s[i] & 15];
		} else {
			out[o++] = ' ';
			out[o++] = ' ';
		}
	}
	out[o++] = ' ';
	out[o++] = ' ';
	out[o++] = '|';
	for (i = 0; i < len; i++)
		out[o++] = s[i] >= 0x20 && s[i] < 0x7f ? (char)s[i] : '.';
	out[o++] = '|';
	out[o] = '\n';
	return o;
}
