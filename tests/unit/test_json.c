// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* JSON string escaping and base64: the encoders --format json rests on. */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "json.h"
#include "summary.h"
#include "textclass.h"

static char out[1 << 16];

static const char *esc(const void *in, size_t len)
{
	size_t n = json__string(in, len, out);

	if (n == JSON_INVALID)
		return "<invalid>";
	out[n] = '\0';
	return out;
}

#define ESC(lit) esc(lit, sizeof(lit) - 1)

/* A small JSON string decoder, the oracle: \uXXXX (surrogate pairs too) to UTF-8. */
static size_t unescape(const char *s, size_t len, unsigned char *dst)
{
	size_t i = 0, o = 0;
	unsigned cp;

	while (i < len) {
		if (s[i] != '\\') {
			dst[o++] = s[i++];
			continue;
		}
		switch (s[i + 1]) {
		case 'b': dst[o++] = '\b'; i += 2; continue;
		case 'f': dst[o++] = '\f'; i += 2; continue;
		case 'n': dst[o++] = '\n'; i += 2; continue;
		case 'r': dst[o++] = '\r'; i += 2; continue;
		case 't': dst[o++] = '\t'; i += 2; continue;
		case '"': case '\\': case '/': dst[o++] = s[i + 1]; i += 2; continue;
		}
		cp = (unsigned)strtoul((char[]){s[i + 2], s[i + 3], s[i + 4], s[i + 5], 0}, NULL, 16);
		i += 6;
		if (cp < 0x80) {
			dst[o++] = cp;
		} else if (cp < 0x800) {
			dst[o++] = 0xc0 | cp >> 6;
			dst[o++] = 0x80 | (cp & 0x3f);
		} else {
			dst[o++] = 0xe0 | cp >> 12;
			dst[o++] = 0x80 | (cp >> 6 & 0x3f);
			dst[o++] = 0x80 | (cp & 0x3f);
		}
	}
	return o;
}

/* What a JSON string body may hold raw: no control byte, no DEL, no bare quote
 * or backslash; the only backslashes start a valid escape. */
static int well_formed(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = s[i];

		if (c < 0x20 || c == 0x7f || c == '"')
			return 0;
		if (c == '\\') {
			if (!s[i + 1] || !strchr("bfnrt\"\\u", s[i + 1]))
				return 0;
			i += s[i + 1] == 'u' ? 5 : 1;
		}
	}
	return 1;
}

TEST(every_single_byte)
{
	unsigned char b, back[8];
	size_t n, m;
	unsigned c;

	for (c = 0; c < 256; c++) {
		b = c;
		n = json__string(&b, 1, out);
		if (c >= 0x80) {
			/* A lone byte above ASCII is never valid UTF-8. */
			CHECK(n == JSON_INVALID);
			continue;
		}
		CHECK(n != JSON_INVALID && n <= JSON_MAX_PER_BYTE);
		if (n == JSON_INVALID)
			continue;
		CHECK(well_formed(out, n));
		m = unescape(out, n, back);
		CHECK(m == 1 && back[0] == b);
	}
}

TEST(named_and_numeric_escapes)
{
	CHECK_STR(ESC("a\"b\\c"), "a\\\"b\\\\c");
	CHECK_STR(ESC("\b\f\n\r\t"), "\\b\\f\\n\\r\\t");
	CHECK_STR(ESC("\x1b[2J\x07"), "\\u001b[2J\\u0007");
	CHECK_STR(esc("a\0b", 3), "a\\u0000b");
	CHECK_STR(ESC("\x7f"), "\\u007f");
	CHECK_STR(ESC("/"), "/");
}

TEST(utf8_passes_dangerous_code_points_escaped)
{
	CHECK_STR(ESC("h\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"), "h\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
	/* U+2028 and U+2029 end a line in JavaScript. */
	CHECK_STR(ESC("a\xe2\x80\xa8" "b\xe2\x80\xa9"), "a\\u2028b\\u2029");
	/* C1 controls (U+009B is a one-byte CSI) and bidi overrides. */
	CHECK_STR(ESC("\xc2\x9b" "1m"), "\\u009b1m");
	CHECK_STR(ESC("\xe2\x80\xae" "abc"), "\\u202eabc");
	CHECK_STR(ESC("\xd8\x9c"), "\\u061c");
}

TEST(invalid_utf8_is_refused)
{
	CHECK_STR(ESC("\xc3\x28"), "<invalid>");       /* bad continuation */
	CHECK_STR(ESC("\xc0\xaf"), "<invalid>");       /* overlong '/' */
	CHECK_STR(ESC("\xed\xa0\x80"), "<invalid>");   /* a surrogate */
	CHECK_STR(ESC("\xf4\x90\x80\x80"), "<invalid>"); /* above U+10FFFF */
	CHECK_STR(ESC("ok \xe2\x82"), "<invalid>");    /* cut short */
	CHECK_STR(ESC("\xff"), "<invalid>");
	CHECK_STR(ESC(""), "");
}

/* Random byte strings, mostly near-UTF-8: the result is either refused (and
 * then the input is not valid UTF-8) or well formed and decodes back exactly. */
TEST(random_round_trip)
{
	static const unsigned char pool[] = {'a', '"', '\\', '\n', 0, 0x1f, 0x7f, 0xc2, 0x9b,
					     0xe2, 0x80, 0xa8, 0xae, 0xf0, 0x9f, 0x98, 0xc3};
	unsigned char in[64], back[64 * 4];
	uint64_t s = 88172645463325252ULL;
	size_t len, n, m, i, ok = 0;
	int round;

	for (round = 0; round < 200000; round++) {
		s ^= s << 13, s ^= s >> 7, s ^= s << 17;
		len = s % sizeof(in);
		for (i = 0; i < len; i++) {
			s ^= s << 13, s ^= s >> 7, s ^= s << 17;
			in[i] = pool[s % sizeof(pool)];
		}
		n = json__string(in, len, out);
		if (n == JSON_INVALID) {
			CHECK(!utf8_valid(in, len));
			continue;
		}
		ok++;
		CHECK(utf8_valid(in, len));
		CHECK(n <= len * JSON_MAX_PER_BYTE);
		CHECK(well_formed(out, n));
		m = unescape(out, n, back);
		CHECK_MEM(back, m, in, len);
		if (check_cur_failed)
			return;
	}
	CHECK(ok > 1000);
}

static const char *b64(const char *in)
{
	size_t n = base64__encode(in, strlen(in), out);

	CHECK(n == BASE64_LEN(strlen(in)));
	out[n] = '\0';
	return out;
}

/* RFC 4648, section 10. */
TEST(base64_rfc4648_vectors)
{
	CHECK_STR(b64(""), "");
	CHECK_STR(b64("f"), "Zg==");
	CHECK_STR(b64("fo"), "Zm8=");
	CHECK_STR(b64("foo"), "Zm9v");
	CHECK_STR(b64("foob"), "Zm9vYg==");
	CHECK_STR(b64("fooba"), "Zm9vYmE=");
	CHECK_STR(b64("foobar"), "Zm9vYmFy");
}

TEST(base64_every_byte)
{
	unsigned char all[256];
	size_t n;
	int i;

	for (i = 0; i < 256; i++)
		all[i] = i;
	n = base64__encode(all, 3, out);
	CHECK_MEM(out, n, "AAEC", 4);
	n = base64__encode(all + 0xfb, 5, out);
	CHECK_MEM(out, n, "+/z9/v8=", 8);
	n = base64__encode(all, 256, out);
	CHECK(n == 344);
	CHECK_MEM(out + 336, 8, "/P3+/w==", 8);
}

static struct kg_msg msg(struct kg_event *ev, int pid, int fd, uint64_t size, bool read)
{
	memset(ev, 0, sizeof(*ev));
	ev->pid = pid;
	ev->fd = fd;
	ev->size = ev->cap = size;
	ev->ret = (int64_t)size;
	ev->flags = read ? KG_F_READ : 0;
	return (struct kg_msg){.ev = ev};
}

TEST(summary_counts_and_order)
{
	struct summary *s = summary__new();
	const struct summary_row *rows;
	struct kg_event ev;
	struct kg_msg m;
	int i;

	for (i = 0; i < 10; i++) {
		m = msg(&ev, 100, 1, i, false);
		summary__add(s, &m);
	}
	m = msg(&ev, 100, 1, 7, true);
	summary__add(s, &m);
	m = msg(&ev, 200, 3, 1000, false);
	ev.cap = 10;
	summary__add(s, &m);
	summary__lost(s, 300, 4, false, 5);
	summary__skip(s, &ev, 1);
	CHECK(summary__rows(s, &rows) == 4);
	CHECK(rows[0].pid == 200 && rows[0].bytes == 1000 && rows[0].truncated == 1 &&
	      rows[0].skipped == 1);
	CHECK(rows[1].pid == 100 && !rows[1].read && rows[1].calls == 10 && rows[1].bytes == 45 &&
	      rows[1].largest == 9);
	CHECK(rows[2].pid == 100 && rows[2].read && rows[2].calls == 1 && rows[2].bytes == 7);
	CHECK(rows[3].pid == 300 && rows[3].lost == 5 && rows[3].calls == 0);
	/* Counting goes on correctly after the rows were sorted. */
	m = msg(&ev, 300, 4, 5000, false);
	summary__add(s, &m);
	CHECK(summary__rows(s, &rows) == 4);
	CHECK(rows[0].pid == 300 && rows[0].calls == 1 && rows[0].lost == 5);
	summary__free(s);
}

int main(void)
{
	RUN(every_single_byte);
	RUN(named_and_numeric_escapes);
	RUN(utf8_passes_dangerous_code_points_escaped);
	RUN(invalid_utf8_is_refused);
	RUN(random_round_trip);
	RUN(base64_rfc4648_vectors);
	RUN(base64_every_byte);
	RUN(summary_counts_and_order);
	return CHECK_DONE();
}
