// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The JSON encoders (src/json.c): a string body must be refused exactly when the input is not
 * valid UTF-8, else be terminal-safe (printable ASCII and valid UTF-8 that is neither a C1 nor a
 * bidi control nor U+2028/2029, '"' and '\\' only escaped) and decode back to the input; base64
 * must have its announced length and decode back.
 */
#include "fuzz.h"
#include "json.h"
#include "textclass.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	FUZZ_CHECK(c >= 'A' && c <= 'F');
	return c - 'A' + 10;
}

/* JSON also escapes U+2028 and U+2029, line breaks to JavaScript. */
static bool unsafe_cp(uint32_t cp)
{
	return fuzz__terminal_unsafe(cp) || cp == 0x2028 || cp == 0x2029;
}

/* Puts code point cp as UTF-8 at out; returns its length. */
static size_t put_utf8(uint32_t cp, unsigned char *out)
{
	if (cp < 0x80) {
		out[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (unsigned char)(0xc0 | cp >> 6);
		out[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	out[0] = (unsigned char)(0xe0 | cp >> 12);
	out[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
	out[2] = (unsigned char)(0x80 | (cp & 0x3f));
	return 3;
}

/* Checks the body is safe and decodes it (as a JSON parser would) into out. */
static size_t check_and_decode(const char *body, size_t len, unsigned char *out)
{
	const unsigned char *s = (const unsigned char *)body;
	size_t i = 0, o = 0, n;
	uint32_t cp;

	while (i < len) {
		if (s[i] == '\\') {
			FUZZ_CHECK(i + 1 < len);
			switch (s[i + 1]) {
			case '"': out[o++] = '"'; i += 2; continue;
			case '\\': out[o++] = '\\'; i += 2; continue;
			case '/': out[o++] = '/'; i += 2; continue;
			case 'b': out[o++] = '\b'; i += 2; continue;
			case 'f': out[o++] = '\f'; i += 2; continue;
			case 'n': out[o++] = '\n'; i += 2; continue;
			case 'r': out[o++] = '\r'; i += 2; continue;
			case 't': out[o++] = '\t'; i += 2; continue;
			case 'u':
				FUZZ_CHECK(i + 5 < len);
				cp = hexval(body[i + 2]) << 12 | hexval(body[i + 3]) << 8 |
				     hexval(body[i + 4]) << 4 | hexval(body[i + 5]);
				FUZZ_CHECK(cp < 0xd800 || cp > 0xdfff); /* no surrogate pairs needed */
				o += put_utf8(cp, out + o);
				i += 6;
				continue;
			default:
				FUZZ_CHECK(!"an unknown escape");
			}
		}
		FUZZ_CHECK(s[i] != '"');
		if (s[i] >= 0x20 && s[i] < 0x7f) {
			out[o++] = s[i++];
			continue;
		}
		n = utf8_seq_len(s + i, len - i);
		FUZZ_CHECK(s[i] >= 0x80 && n > 1);
		FUZZ_CHECK(!unsafe_cp(fuzz__code_point(s + i, n)));
		memcpy(out + o, s + i, n);
		o += n;
		i += n;
	}
	return o;
}

static int b64val(char c)
{
	const char *abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p = memchr(abc, c, 64);

	FUZZ_CHECK(p);
	return (int)(p - abc);
}

static void check_base64(const uint8_t *data, size_t size)
{
	char *enc = malloc(BASE64_LEN(size) + 1);
	unsigned char *dec = malloc(size + 3);
	size_t n, i, o = 0;

	if (!enc || !dec)
		abort();
	n = base64__encode(data, size, enc);
	FUZZ_CHECK(n == BASE64_LEN(size));
	for (i = 0; i < n; i += 4) {
		uint32_t v = b64val(enc[i]) << 18 | b64val(enc[i + 1]) << 12;

		if (enc[i + 2] != '=')
			v |= b64val(enc[i + 2]) << 6;
		if (enc[i + 3] != '=')
			v |= b64val(enc[i + 3]);
		dec[o++] = (unsigned char)(v >> 16);
		if (enc[i + 2] != '=')
			dec[o++] = (unsigned char)(v >> 8);
		if (enc[i + 3] != '=')
			dec[o++] = (unsigned char)v;
	}
	FUZZ_CHECK(o == size && !memcmp(dec, data, size));
	free(enc);
	free(dec);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *in = malloc(size ? size : 1); /* exactly size bytes, for ASan */
	char *body = malloc(size * JSON_MAX_PER_BYTE + 1);
	unsigned char *back = malloc(size * 3 + 1);
	size_t n;

	if (!in || !body || !back)
		abort();
	memcpy(in, data, size);
	n = json__string(in, size, body);
	if (!utf8_valid(in, size)) {
		FUZZ_CHECK(n == JSON_INVALID);
	} else {
		FUZZ_CHECK(n != JSON_INVALID && n <= size * JSON_MAX_PER_BYTE);
		n = check_and_decode(body, n, back);
		FUZZ_CHECK(n == size && !memcmp(back, in, size));
	}
	check_base64(in, size);
	free(in);
	free(body);
	free(back);
	return 0;
}
