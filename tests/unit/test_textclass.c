// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* UTF-8 validation against an arithmetic oracle, and the text/binary decision. */
#include <stdbool.h>
#include <stdint.h>

#include "check.h"
#include "textclass.h"

#define BIN(lit) text__is_binary(lit, sizeof(lit) - 1)
#define SEQ(lit) utf8_seq_len((const unsigned char *)(lit), sizeof(lit) - 1)

/* Oracle: decodes by bit arithmetic, then checks the range for the length. */
static size_t oracle_seq_len(const unsigned char *s, size_t len)
{
	static const uint32_t min_cp[] = {0, 0, 0x80, 0x800, 0x10000};
	size_t need, i;
	uint32_t cp;

	if (len == 0)
		return 0;
	if (s[0] >> 7 == 0)
		return 1;
	else if (s[0] >> 5 == 0x6)
		need = 2, cp = s[0] & 0x1f;
	else if (s[0] >> 4 == 0xe)
		need = 3, cp = s[0] & 0x0f;
	else if (s[0] >> 3 == 0x1e)
		need = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len < need)
		return 0;
	for (i = 1; i < need; i++) {
		if (s[i] >> 6 != 0x2)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if (cp < min_cp[need] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return need;
}

static size_t encode(uint32_t cp, unsigned char *out)
{
	if (cp < 0x80) {
		out[0] = cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = 0xc0 | cp >> 6;
		out[1] = 0x80 | (cp & 0x3f);
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = 0xe0 | cp >> 12;
		out[1] = 0x80 | (cp >> 6 & 0x3f);
		out[2] = 0x80 | (cp & 0x3f);
		return 3;
	}
	out[0] = 0xf0 | cp >> 18;
	out[1] = 0x80 | (cp >> 12 & 0x3f);
	out[2] = 0x80 | (cp >> 6 & 0x3f);
	out[3] = 0x80 | (cp & 0x3f);
	return 4;
}

TEST(every_single_byte)
{
	unsigned int c;

	for (c = 0; c < 256; c++) {
		unsigned char b = c;
		bool ws = c == '\t' || c == '\n' || c == '\r';
		bool printable = c >= 0x20 && c < 0x7f;
		/* A lone lead byte is a split character at the end of a write: still text. */
		bool lead = c >= 0xc2 && c <= 0xf4;
		/* So is an ESC there: it may open a colour sequence in the next write. */
		bool want_bin = !(ws || printable || lead || c == 0x1b);

		if (text__is_binary(&b, 1) != want_bin) {
			printf("  byte 0x%02x: is_binary %d\n", c, !want_bin);
			check_cur_failed = 1;
		}
		CHECK(utf8_seq_len(&b, 1) == (c < 0x80 ? 1u : 0u));
		CHECK(utf8_valid(&b, 1) == (c < 0x80));
	}
}

TEST(valid_multibyte)
{
	CHECK(SEQ("\xc3\xa9") == 2);	     /* é */
	CHECK(SEQ("\xe2\x82\xac") == 3);     /* € */
	CHECK(SEQ("\xf0\x9d\x84\x9e") == 4); /* 𝄞 */
	CHECK(SEQ("\x7f") == 1);	     /* U+007F */
	CHECK(SEQ("\xc2\x80") == 2);	     /* U+0080 */
	CHECK(SEQ("\xdf\xbf") == 2);	     /* U+07FF */
	CHECK(SEQ("\xe0\xa0\x80") == 3);     /* U+0800 */
	CHECK(SEQ("\xed\x9f\xbf") == 3);     /* U+D7FF */
	CHECK(SEQ("\xee\x80\x80") == 3);     /* U+E000 */
	CHECK(SEQ("\xef\xbf\xbf") == 3);     /* U+FFFF */
	CHECK(SEQ("\xf0\x90\x80\x80") == 4); /* U+10000 */
	CHECK(SEQ("\xf4\x8f\xbf\xbf") == 4); /* U+10FFFF */
	CHECK(SEQ("\xc3\xa9xyz") == 2);
	CHECK(!BIN("caf\xc3\xa9 \xe2\x82\xac 5 \xf0\x9d\x84\x9e\n"));
	CHECK(utf8_valid("caf\xc3\xa9 \xe2\x82\xac 5 \xf0\x9d\x84\x9e\n", 18));
	CHECK(!BIN("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"));
}

TEST(invalid_sequences)
{
	CHECK(SEQ("\xc0\x80") == 0);	     /* overlong NUL */
	CHECK(SEQ("\xc1\xbf") == 0);	     /* overlong U+007F */
	CHECK(SEQ("\xe0\x80\x80") == 0);     /* overlong */
	CHECK(SEQ("\xe0\x9f\xbf") == 0);     /* overlong U+07FF */
	CHECK(SEQ("\xf0\x80\x80\x80") == 0); /* overlong */
	CHECK(SEQ("\xf0\x8f\xbf\xbf") == 0); /* overlong U+FFFF */
	CHECK(SEQ("\xed\xa0\x80") == 0);     /* U+D800 */
	CHECK(SEQ("\xed\xbf\xbf") == 0);     /* U+DFFF */
	CHECK(SEQ("\xf4\x90\x80\x80") == 0); /* U+110000 */
	CHECK(SEQ("\xf5\x80\x80\x80") == 0);
	CHECK(SEQ("\xf8\x88\x80\x80\x80") == 0);
	CHECK(SEQ("\x80") == 0);
	CHECK(SEQ("\xc3\x41") == 0);
	CHECK(SEQ("\xe2\x82\x41") == 0);
	CHECK(SEQ("\xf0\x9d\x84\x41") == 0);
	CHECK(SEQ("\xc3\xc3\xa9") == 0);
	CHECK(BIN("ab\xc0\x80xy"));
	CHECK(BIN("ab\xe0\x80\x80xy"));
	CHECK(BIN("ab\xf0\x80\x80\x80xy"));
	CHECK(BIN("ab\xed\xa0\x80xy"));
	CHECK(BIN("ab\xf4\x90\x80\x80xy"));
	CHECK(!utf8_valid("ab\xed\xa0\x80xy", 7));
	CHECK(!utf8_valid("ab\xf4\x90\x80\x80", 6));
}

TEST(truncated_at_end)
{
	CHECK(SEQ("\xe2\x82") == 0);
	CHECK(SEQ("\xf0\x9d\x84") == 0);
	CHECK(SEQ("") == 0);
	CHECK(!utf8_valid("abc\xe2\x82", 5));
	/* A write that split a character is still text. */
	CHECK(!BIN("abc\xc3"));
	CHECK(!BIN("abc\xe2"));
	CHECK(!BIN("abc\xe2\x82"));
	CHECK(!BIN("abc\xf0\x9d"));
	CHECK(!BIN("abc\xf0\x9d\x84"));
	CHECK(!BIN("\xf4\x8f\xbf"));
	/* Unless the prefix could never complete, or the split is not at the end. */
	CHECK(BIN("abc\xe0\x80"));
	CHECK(BIN("abc\xed\xa0"));
	CHECK(BIN("abc\xf0\x8f"));
	CHECK(BIN("abc\xf4\x90"));
	CHECK(BIN("abc\xf0\x9d\x41"));
	CHECK(BIN("abc\xe2\x82z"));
	CHECK(BIN("abc\x80"));
}

TEST(nul_makes_binary)
{
	char big[4096];

	CHECK(BIN("hello\0world"));
	CHECK(BIN("\0"));
	memset(big, 'a', sizeof(big));
	CHECK(!text__is_binary(big, sizeof(big)));
	big[4000] = 0;
	CHECK(text__is_binary(big, sizeof(big)));
	CHECK(utf8_valid("a\0b", 3));
}

TEST(control_ratio)
{
	char buf[100];
	int i;

	CHECK(!text__is_binary("", 0));
	CHECK(utf8_valid("", 0));
	CHECK(!BIN("line one\r\n\tline two\n"));
	CHECK(!BIN("\n\n\n\r\r\t\t"));

	/* Exactly 10% control bytes is text, one more is binary. */
	memset(buf, 'a', sizeof(buf));
	for (i = 0; i < 10; i++)
		buf[i * 10] = '\b';
	CHECK(!text__is_binary(buf, sizeof(buf)));
	buf[5] = '\x1b';
	CHECK(text__is_binary(buf, sizeof(buf)));

	CHECK(!BIN("\x1b[31mthis line is printed in red\x1b[0m\n"));
	/* ESC [ and ESC ] open terminal sequences: coloured text stays text. */
	CHECK(!BIN("\x1b[31mred\x1b[0m"));
	CHECK(!BIN("\x1b]0;title\x07"));
	CHECK(BIN("\x1bx\x1by\x1bz"));
	CHECK(!BIN("split \x1b"));
	CHECK(BIN("\f\v\b\x7f\x01\x02"));
	CHECK(BIN("ab\x7f"));
}

/* Every 1-3 byte string, and every 4-byte string with a lead of F0-FF, against the oracle. */
TEST(exhaustive_against_oracle)
{
	unsigned char s[4];
	unsigned long bad = 0;
	uint32_t a, b, c, d;

	for (a = 0; a < 256; a++) {
		for (b = 0; b < 256; b++) {
			for (c = 0; c < 256; c++) {
				s[0] = a;
				s[1] = b;
				s[2] = c;
				s[3] = 0x80;
				bad += utf8_seq_len(s, 2) != oracle_seq_len(s, 2);
				bad += utf8_seq_len(s, 3) != oracle_seq_len(s, 3);
				bad += utf8_seq_len(s, 4) != oracle_seq_len(s, 4);
			}
		}
	}
	for (a = 0xf0; a < 256; a++)
		for (b = 0x70; b < 0xd0; b++)
			for (c = 0x70; c < 0xd0; c++)
				for (d = 0x70; d < 0xd0; d++) {
					s[0] = a;
					s[1] = b;
					s[2] = c;
					s[3] = d;
					bad += utf8_seq_len(s, 4) != oracle_seq_len(s, 4);
				}
	CHECK(bad == 0);
}

TEST(every_code_point)
{
	unsigned char s[4];
	unsigned long bad = 0;
	uint32_t cp;

	for (cp = 0; cp <= 0x10ffff; cp++) {
		size_t n = encode(cp, s);
		bool surrogate = cp >= 0xd800 && cp <= 0xdfff;

		bad += utf8_seq_len(s, n) != (surrogate ? 0 : n);
		if (n > 1)
			bad += utf8_seq_len(s, n - 1) != 0;
		bad += utf8_valid(s, n) == surrogate;
		if (cp >= 0x20 && cp != 0x7f)
			bad += text__is_binary(s, n) != surrogate;
	}
	CHECK(bad == 0);
}

int main(void)
{
	RUN(every_single_byte);
	RUN(valid_multibyte);
	RUN(invalid_sequences);
	RUN(truncated_at_end);
	RUN(nul_makes_binary);
	RUN(control_ratio);
	RUN(exhaustive_against_oracle);
	RUN(every_code_point);
	return CHECK_DONE();
}
