// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <stdlib.h>
#include "check.h"
#include "escape.h"

static const char *esc(const void *in, size_t len)
{
	static char out[4096];
	size_t n = escape__text(in, len, out);

	out[n] = '\0';
	return out;
}

/* No byte value passes raw unless it is printable ASCII. */
TEST(every_byte_alone)
{
	char out[8];
	int c;
	size_t n, i;

	for (c = 0; c < 256; c++) {
		unsigned char b = c;

		n = escape__text(&b, 1, out);
		CHECK(n >= 1 && n <= ESCAPE_MAX_PER_BYTE);
		for (i = 0; i < n; i++)
			CHECK((unsigned char)out[i] >= 0x20 && (unsigned char)out[i] < 0x7f);
		if (c >= 0x20 && c < 0x7f && c != '\\')
			CHECK(n == 1 && out[0] == c);
	}
}

TEST(named_escapes)
{
	CHECK_STR(esc("a\tb\r\n\x1b[2J\x07\\", 11), "a\\tb\\r\\n\\e[2J\\x07\\\\");
	CHECK_STR(esc("\0\x7f", 2), "\\x00\\x7f");
	CHECK_STR(esc("\x1b]52;c;aGk=\x07", 12), "\\e]52;c;aGk=\\x07");
}

TEST(utf8)
{
	CHECK_STR(esc("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 14),
		  "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
	/* Invalid: a lone continuation, an overlong NUL, a surrogate, a cut sequence. */
	CHECK_STR(esc("\x80", 1), "\\x80");
	CHECK_STR(esc("\xc0\x80", 2), "\\xc0\\x80");
	CHECK_STR(esc("\xed\xa0\x80", 3), "\\xed\\xa0\\x80");
	CHECK_STR(esc("a\xe2\x82", 3), "a\\xe2\\x82");
	/* C1 CSI (U+009B) and a bidi override (U+202E) are valid but steer terminals. */
	CHECK_STR(esc("\xc2\x9b" "2J", 4), "\\xc2\\x9b2J");
	CHECK_STR(esc("\xe2\x80\xae", 3), "\\xe2\\x80\\xae");
}

TEST(utf8_tail)
{
	CHECK(escape__utf8_tail("ab", 2) == 0);
	CHECK(escape__utf8_tail("a\xc3", 2) == 1);
	CHECK(escape__utf8_tail("a\xc3\xa9", 3) == 0);
	CHECK(escape__utf8_tail("\xe2\x82", 2) == 2);
	CHECK(escape__utf8_tail("\xf0\x9f\x98", 3) == 3);
	CHECK(escape__utf8_tail("\x80\x80\x80", 3) == 0);
	CHECK(escape__utf8_tail("", 0) == 0);
}

TEST(hexdump_line)
{
	char out[HEXDUMP_LINE_MAX];
	size_t n;

	n = escape__hexdump_line("AB\x1b\n", 4, 0x10, out);
	out[n] = '\0';
	CHECK_STR(out, "00000010  41 42 1b 0a                                       |AB..|");
	n = escape__hexdump_line("0123456789abcdefXYZ", 19, 0, out);
	out[n] = '\0';
	CHECK_STR(out, "00000000  30 31 32 33 34 35 36 37  38 39 61 62 63 64 65 66  |0123456789abcdef|");
}

/* The exact rendering of every byte value on its own. */
TEST(every_byte_value)
{
	char want[8];
	unsigned c;

	for (c = 0; c < 256; c++) {
		unsigned char b = c;
		const char *got = esc(&b, 1);

		if (c == '\t')
			snprintf(want, sizeof(want), "\\t");
		else if (c == '\n')
			snprintf(want, sizeof(want), "\\n");
		else if (c == '\r')
			snprintf(want, sizeof(want), "\\r");
		else if (c == 0x1b)
			snprintf(want, sizeof(want), "\\e");
		else if (c == '\\')
			snprintf(want, sizeof(want), "\\\\");
		else if (c >= 0x20 && c < 0x7f)
			snprintf(want, sizeof(want), "%c", c);
		else /* other controls, DEL, and any lone byte >= 0x80 (invalid UTF-8) */
			snprintf(want, sizeof(want), "\\x%02x", c);
		if (strcmp(got, want)) {
			printf("  byte 0x%02x: got \"%s\", want \"%s\"\n", c, got, want);
			check_cur_failed = 1;
		}
	}
}

/* True if s could steer a terminal: a C0 control, DEL, or an encoded C1
 * control (C2 80-9F). A lone C1 byte is invalid UTF-8, so every_byte_value
 * already shows it escaped; in valid UTF-8, 80-9F are continuation bytes. */
static int unsafe(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = s[i];

		if (c < 0x20 || c == 0x7f)
			return 1;
		if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f)
			return 1;
	}
	return 0;
}

/* Every two-byte string: nothing that steers a terminal survives. */
TEST(every_byte_pair_is_safe)
{
	unsigned char in[2];
	char out[8];
	unsigned a, b, bad = 0;
	size_t n;

	for (a = 0; a < 256; a++) {
		for (b = 0; b < 256; b++) {
			in[0] = a;
			in[1] = b;
			n = escape__text(in, 2, out);
			bad += unsafe(out, n) || n > 2 * ESCAPE_MAX_PER_BYTE;
		}
	}
	CHECK(bad == 0);
}

TEST(more_invalid_and_dangerous)
{
	CHECK_STR(esc("\xc3(", 2), "\\xc3(");                       /* bad continuation */
	CHECK_STR(esc("\xf4\x90\x80\x80", 4), "\\xf4\\x90\\x80\\x80"); /* > U+10FFFF */
	CHECK_STR(esc("\xff\xfe", 2), "\\xff\\xfe");
	CHECK_STR(esc("\xe2\x81\xa6", 3), "\\xe2\\x81\\xa6");       /* LRI */
}

int main(void)
{
	RUN(every_byte_alone);
	RUN(named_escapes);
	RUN(utf8);
	RUN(utf8_tail);
	RUN(hexdump_line);
	RUN(every_byte_value);
	RUN(every_byte_pair_is_safe);
	RUN(more_invalid_and_dangerous);
	return CHECK_DONE();
}
