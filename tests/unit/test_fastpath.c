// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The word-at-a-time fast paths of the pretty output (issue 7) against the
 * byte-at-a-time definitions: the same answers on every byte value at every
 * position of a word, and on random text.
 */
#include <stdint.h>
#include <stdlib.h>
#include "check.h"
#include "escape.h"
#include "outbuf.h"
#include "textclass.h"

static bool plain_byte(unsigned char c)
{
	return c >= 0x20 && c < 0x7f;
}

/* text__plain8 is exact: every byte value, at every position, among plain neighbours
 * and among the extremes that make borrows and carries spill. */
TEST(plain8_matches_bytes)
{
	const unsigned char fill[] = {'a', 0x20, 0x7e, 0x00, 0x1f, 0x7f, 0xff};
	unsigned char w[8];
	size_t f, pos, k;
	int c;

	for (f = 0; f < sizeof(fill); f++)
		for (pos = 0; pos < 8; pos++)
			for (c = 0; c < 256; c++) {
				bool want = true;

				memset(w, fill[f], 8);
				w[pos] = c;
				for (k = 0; k < 8; k++)
					want = want && plain_byte(w[k]);
				CHECK(text__plain8(w) == want);
			}
}

/* Escaping ASCII byte by byte (no fast path can apply to one byte) and in one call
 * gives the same output; likewise the binary decision for ASCII input. */
TEST(escape_and_class_match_bytewise)
{
	static char in[4096], whole[4096 * ESCAPE_MAX_PER_BYTE], parts[4096 * ESCAPE_MAX_PER_BYTE];
	size_t round, i, len, n, m;
	unsigned seed = 7;

	for (round = 0; round < 2000; round++) {
		size_t ctrl = 0;

		len = rand_r(&seed) % 200;
		for (i = 0; i < len; i++) {
			unsigned r = rand_r(&seed) % 100;

			in[i] = r < 90 ? 0x20 + r % 0x5f : r < 93 ? '\\' : r < 96 ? '\n' : r % 0x80;
			ctrl += ((unsigned char)in[i] < 0x20 && in[i] != '\n' && in[i] != '\r' &&
				 in[i] != '\t') || in[i] == 0x7f;
		}
		n = escape__text(in, len, whole);
		for (i = 0, m = 0; i < len; i++)
			m += escape__text(in + i, 1, parts + m);
		CHECK_MEM(whole, n, parts, m);
		CHECK(text__is_binary(in, len) == (memchr(in, 0, len) || ctrl * 10 > len));
	}
}

TEST(put_int)
{
	struct outbuf ob;
	const long long v[] = {0, 7, -1, 4294967295LL, -2147483648LL, 9223372036854775807LL,
			       -9223372036854775807LL - 1};
	const char *want = "0 7 -1 4294967295 -2147483648 9223372036854775807 "
			   "-9223372036854775808 ";
	size_t i;

	CHECK(outbuf__open(&ob, "/dev/null") == 0);
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		outbuf__put_int(&ob, v[i]);
		outbuf__puts(&ob, " ");
	}
	CHECK_MEM(ob.buf, ob.len, want, strlen(want));
	ob.len = 0;
	outbuf__close(&ob);
}

int main(void)
{
	RUN(plain8_matches_bytes);
	RUN(escape_and_class_match_bytewise);
	RUN(put_int);
	return CHECK_DONE();
}
