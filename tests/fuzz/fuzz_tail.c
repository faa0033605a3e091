// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Tail reading (src/tail.c) on a memfd holding the input repeated up to 48 times (so that files
 * cross TAIL_BLOCK_SIZE), for any line count and any end, including an end past the real end
 * of the file (a file that shrank). tail__find_start must agree with a forward-counting model
 * and tail__copy must hand back exactly the bytes from there to the end.
 */
#include <sys/mman.h>
#include <unistd.h>
#include "fuzz.h"
#include "tail.h"

struct sink {
	unsigned char *buf;
	size_t len, cap;
};

static int collect(const char *buf, size_t len, void *ctx)
{
	struct sink *s = ctx;

	FUZZ_CHECK(len > 0 && len <= TAIL_BLOCK_SIZE);
	FUZZ_CHECK(s->len + len <= s->cap);
	memcpy(s->buf + s->len, buf, len);
	s->len += len;
	return 0;
}

/* Where the last n lines of c[0..min(end, size)) start. */
static off_t model_start(const unsigned char *c, size_t size, off_t end, unsigned long n)
{
	size_t e = (size_t)end < size ? (size_t)end : size, i;

	if (n == 0)
		return end;
	if (e && c[e - 1] == '\n')
		e--;
	for (i = e; i > 0; i--)
		if (c[i - 1] == '\n' && --n == 0)
			return (off_t)i;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = {data, size};
	unsigned reps = 1 + fuzz__u8(&in) % 48;
	unsigned long n = fuzz__uint(&in, 2);
	long delta = (long)fuzz__uint(&in, 3) - (1 << 23);
	size_t plen, flen, i;
	const uint8_t *pat = fuzz__bytes(&in, SIZE_MAX, &plen);
	unsigned char *content;
	struct sink s = {};
	off_t end, start, real_end;
	int fd, err;

	flen = plen * reps;
	content = malloc(flen ? flen : 1);
	fd = memfd_create("kg-fuzz-tail", MFD_CLOEXEC);
	if (!content || fd < 0)
		abort();
	for (i = 0; i < reps; i++)
		memcpy(content + i * plen, pat, plen);
	if (flen && write(fd, content, flen) != (ssize_t)flen)
		abort();
	/* Mostly the real end, sometimes before it, sometimes past it (the file shrank). */
	end = (off_t)flen;
	if (delta % 3 == 0)
		end += delta % (1 << 20);
	if (end < 0)
		end = 0;

	err = tail__find_start(fd, end, n, &start);
	FUZZ_CHECK(err == 0);
	FUZZ_CHECK(start == model_start(content, flen, end, n));

	real_end = end < (off_t)flen ? end : (off_t)flen;
	s.cap = flen;
	s.buf = malloc(s.cap ? s.cap : 1);
	if (!s.buf)
		abort();
	err = tail__copy(fd, start, end, collect, &s);
	if (start > end) {
		FUZZ_CHECK(err < 0);
	} else {
		FUZZ_CHECK(err == 0);
		FUZZ_CHECK(s.len == (size_t)(start < real_end ? real_end - start : 0));
		FUZZ_CHECK(!s.len || !memcmp(s.buf, content + start, s.len));
	}
	FUZZ_CHECK(tail__find_start(fd, -1, n, &start) < 0);
	free(s.buf);
	free(content);
	close(fd);
	return 0;
}
