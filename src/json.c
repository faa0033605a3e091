// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <stdint.h>
#include "escape.h"
#include "json.h"
#include "textclass.h"

static const char hex[] = "0123456789abcdef";

static size_t put_u(char *out, uint32_t cp)
{
	out[0] = '\\';
	out[1] = 'u';
	out[2] = hex[cp >> 12 & 15];
	out[3] = hex[cp >> 8 & 15];
	out[4] = hex[cp >> 4 & 15];
	out[5] = hex[cp & 15];
	return 6;
}

static size_t put_ascii(char *out, unsigned char c)
{
	char named = 0;

	switch (c) {
	case '"':
	case '\\':
		named = c;
		break;
	case '\b':
		named = 'b';
		break;
	case '\f':
		named = 'f';
		break;
	case '\n':
		named = 'n';
		break;
	case '\r':
		named = 'r';
		break;
	case '\t':
		named = 't';
		break;
	}
	if (named) {
		out[0] = '\\';
		out[1] = named;
		return 2;
	}
	if (c < 0x20 || c == 0x7f)
		return put_u(out, c);
	out[0] = c;
	return 1;
}

size_t json__string(const void *in, size_t len, char *out)
{
	const unsigned char *s = in;
	size_t i = 0, o = 0, n, k;
	uint32_t cp;

	while (i < len) {
		if (s[i] < 0x80) {
			o += put_ascii(out + o, s[i++]);
			continue;
		}
		n = utf8_seq_len(s + i, len - i);
		if (n == 0)
			return JSON_INVALID;
		cp = escape__code_point(s + i, n);
		/* Every such code point is below U+10000: one \u escape holds it. */
		if (escape__dangerous_code_point(cp) || cp == 0x2028 || cp == 0x2029) {
			o += put_u(out + o, cp);
		} else {
			for (k = 0; k < n; k++)
				out[o++] = s[i + k];
		}
		i += n;
	}
	return o;
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

size_t base64__encode(const void *in, size_t len, char *out)
{
	const unsigned char *s = in;
	size_t i, o = 0;
	uint32_t v;

	for (i = 0; i + 3 <= len; i += 3) {
		v = (uint32_t)s[i] << 16 | (uint32_t)s[i + 1] << 8 | s[i + 2];
		out[o++] = b64[v >> 18];
		out[o++] = b64[v >> 12 & 63];
		out[o++] = b64[v >> 6 & 63];
		out[o++] = b64[v & 63];
	}
	if (len - i == 1) {
		v = (uint32_t)s[i] << 16;
		out[o++] = b64[v >> 18];
		out[o++] = b64[v >> 12 & 63];
		out[o++] = '=';
		out[o++] = '=';
	} else if (len - i == 2) {
		v = (uint32_t)s[i] << 16 | (uint32_t)s[i + 1] << 8;
		out[o++] = b64[v >> 18];
		out[o++] = b64[v >> 12 & 63];
		out[o++] = b64[v >> 6 & 63];
		out[o++] = '=';
	}
	return o;
}
