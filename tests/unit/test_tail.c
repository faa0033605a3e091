// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* tail__find_start and tail__copy against literal expectations and a forward-scanning oracle. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "tail.h"

#define B TAIL_BLOCK_SIZE

static char dir[] = "/tmp/kg-tail-XXXXXX";
static int nr_files;

struct sink {
	char *buf;
	size_t len, cap;
	size_t calls, max_chunk;
	size_t stop_after; /* calls before returning 7; 0 = never stop */
};

static int sink_cb(const char *buf, size_t len, void *ctx)
{
	struct sink *s = ctx;

	if (s->len + len > s->cap) {
		s->cap = (s->len + len) * 2;
		s->buf = realloc(s->buf, s->cap);
		if (!s->buf)
			abort();
	}
	memcpy(s->buf + s->len, buf, len);
	s->len += len;
	s->calls++;
	if (len > s->max_chunk)
		s->max_chunk = len;
	return s->stop_after && s->calls == s->stop_after ? 7 : 0;
}

/* Writes data to a new file in dir and returns it opened read-only. */
static int file_with(const void *data, size_t len)
{
	char path[64];
	int wfd, fd;

	snprintf(path, sizeof(path), "%s/f%d", dir, nr_files++);
	wfd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (wfd < 0 || write(wfd, data, len) != (ssize_t)len)
		abort();
	close(wfd);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		abort();
	unlink(path);
	return fd;
}

/* Oracle: lines counted forwards. A line starts at 0 and after every '\n' not at end-1. */
static off_t oracle_start(const char *buf, off_t end, unsigned long n)
{
	unsigned long lines = 0, skip;
	off_t i;

	if (n == 0 || end == 0)
		return end;
	for (i = 0; i < end; i++)
		if (i == 0 || (buf[i - 1] == '\n'))
			lines++;
	if (n >= lines)
		return 0;
	skip = lines - n;
	for (i = 1; i < end; i++)
		if (buf[i - 1] == '\n' && --skip == 0)
			return i;
	return -1;
}

/* Runs both calls on [0, end) of fd and returns what was streamed (caller frees). */
static char *tail_of(int fd, off_t end, unsigned long n, size_t *len, off_t *start)
{
	struct sink s = {};
	int err;

	*start = -1;
	err = tail__find_start(fd, end, n, start);
	CHECK(err == 0);
	err = tail__copy(fd, *start, end, sink_cb, &s);
	CHECK(err == 0);
	CHECK(s.max_chunk <= B);
	*len = s.len;
	return s.buf;
}

#define CHECK_TAIL(data, end, n, want)                                                             \
	do {                                                                                       \
		int fd_ = file_with(data, sizeof(data) - 1);                                       \
		size_t len_;                                                                       \
		off_t start_;                                                                      \
		char *got_ = tail_of(fd_, end, n, &len_, &start_);                                 \
		CHECK_MEM(got_ ? got_ : "", len_, want, sizeof(want) - 1);                         \
		free(got_);                                                                        \
		close(fd_);                                                                        \
	} while (0)

/* Compares with the oracle for every n up to max_n, both the start and the streamed bytes. */
static void check_against_oracle(const char *data, size_t size, off_t end, unsigned long max_n)
{
	int fd = file_with(data, size);
	unsigned long n;

	for (n = 0; n <= max_n; n++) {
		off_t start, want = oracle_start(data, end, n);
		size_t len;
		char *got = tail_of(fd, end, n, &len, &start);

		if (start != want)
			printf("  end %lld n %lu: start %lld, want %lld\n", (long long)end, n,
			       (long long)start, (long long)want);
		CHECK(start == want);
		CHECK_MEM(got ? got : "", len, data + want, (size_t)(end - want));
		free(got);
	}
	close(fd);
}

TEST(tail_small)
{
	CHECK_TAIL("a\nb\nc\n", 6, 1, "c\n");
	CHECK_TAIL("a\nb\nc\n", 6, 2, "b\nc\n");
	CHECK_TAIL("a\nb\nc\n", 6, 3, "a\nb\nc\n");
	CHECK_TAIL("a\nb\nc\n", 6, 4, "a\nb\nc\n");
	CHECK_TAIL("a\nb\nc\n", 6, 1000000, "a\nb\nc\n");
	CHECK_TAIL("one line\n", 9, 1, "one line\n");
}

TEST(tail_zero_lines)
{
	CHECK_TAIL("a\nb\nc\n", 6, 0, "");
	CHECK_TAIL("a\nb\nc", 5, 0, "");

	int fd = file_with("a\nb\n", 4);
	off_t start = -1;

	CHECK(tail__find_start(fd, 4, 0, &start) == 0);
	CHECK(start == 4);
	close(fd);
}

TEST(tail_no_final_newline)
{
	CHECK_TAIL("a\nb\nc", 5, 1, "c");
	CHECK_TAIL("a\nb\nc", 5, 2, "b\nc");
	CHECK_TAIL("a\nb\nc", 5, 3, "a\nb\nc");
	CHECK_TAIL("abc", 3, 1, "abc");
}

TEST(tail_empty_file)
{
	int fd = file_with("", 0);
	struct sink s = {};
	off_t start = -1;

	CHECK(tail__find_start(fd, 0, 10, &start) == 0);
	CHECK(start == 0);
	CHECK(tail__copy(fd, 0, 0, sink_cb, &s) == 0);
	CHECK(s.calls == 0);
	close(fd);
}

TEST(tail_empty_lines)
{
	CHECK_TAIL("\n\n\n", 3, 1, "\n");
	CHECK_TAIL("\n\n\n", 3, 2, "\n\n");
	CHECK_TAIL("\n\n\n", 3, 3, "\n\n\n");
	CHECK_TAIL("\n\n\n", 3, 4, "\n\n\n");
	CHECK_TAIL("\n", 1, 1, "\n");
	CHECK_TAIL("a\n\nb\n", 5, 2, "\nb\n");
}

TEST(tail_crlf)
{
	CHECK_TAIL("a\r\nb\r\n", 6, 1, "b\r\n");
	CHECK_TAIL("a\r\nb\r\n", 6, 2, "a\r\nb\r\n");
	CHECK_TAIL("a\r\nb\r\nc", 7, 1, "c");
	CHECK_TAIL("a\r\nb\r\n\r\n", 8, 1, "\r\n");
	/* A lone '\r' does not end a line. */
	CHECK_TAIL("a\rb\rc\n", 6, 1, "a\rb\rc\n");
}

TEST(tail_end_before_file_size)
{
	/* Only bytes before end count: what was appended after tracing began is not shown. */
	CHECK_TAIL("a\nb\nc\nd\nappended", 6, 1, "c\n");
	CHECK_TAIL("a\nb\nc\nd\nappended", 6, 2, "b\nc\n");
	CHECK_TAIL("a\nb\nc\nd\nappended", 5, 1, "c");
	CHECK_TAIL("a\nb\nc\nd\nappended", 4, 5, "a\nb\n");
	CHECK_TAIL("a\nb\nc\nd\nappended", 0, 5, "");
}

TEST(tail_one_huge_line)
{
	size_t size = 3 * B + B / 2;
	char *data = malloc(size + 2);
	size_t len;
	off_t start;
	char *got;
	int fd;

	memset(data, 'x', size);
	fd = file_with(data, size);
	got = tail_of(fd, size, 1, &len, &start);
	CHECK(start == 0);
	CHECK_MEM(got, len, data, size);
	free(got);
	close(fd);

	data[size] = '\n';
	fd = file_with(data, size + 1);
	got = tail_of(fd, size + 1, 1, &len, &start);
	CHECK(start == 0);
	CHECK_MEM(got, len, data, size + 1);
	free(got);
	close(fd);

	/* A short line before the huge one, n = 1 skips it across three block reads. */
	data[0] = 'y';
	data[1] = '\n';
	fd = file_with(data, size + 1);
	got = tail_of(fd, size + 1, 1, &len, &start);
	CHECK(start == 2);
	CHECK_MEM(got, len, data + 2, size - 1);
	free(got);
	got = tail_of(fd, size + 1, 2, &len, &start);
	CHECK(start == 0);
	CHECK(len == size + 1);
	free(got);
	close(fd);
	free(data);
}

TEST(tail_one_mib_line)
{
	size_t size = 1 << 20, i;
	char *data = malloc(size);
	struct sink s = {};
	off_t start = -1;
	int fd;

	for (i = 0; i < size - 1; i++)
		data[i] = 'a' + i % 26;
	data[size - 1] = '\n';
	fd = file_with(data, size);
	CHECK(tail__find_start(fd, size, 1, &start) == 0);
	CHECK(start == 0);
	CHECK(tail__copy(fd, start, size, sink_cb, &s) == 0);
	CHECK_MEM(s.buf, s.len, data, size);
	CHECK(s.max_chunk <= B);
	CHECK(s.calls == size / B);
	free(s.buf);
	close(fd);
	free(data);
}

/* Newlines on both sides of every block boundary, seen from several ends. */
TEST(tail_block_boundaries)
{
	size_t size = 3 * B + 10;
	char *data = malloc(size);
	off_t ends[] = {3 * B, 3 * B + 1, 3 * B - 1, 2 * B, 2 * B + 1, B, B + 1, 3 * B + 10};
	size_t k;

	memset(data, 'a', size);
	for (k = 1; k <= 3; k++) {
		data[k * B - 1] = '\n';
		data[k * B] = '\n';
		data[k * B + 1] = '\n';
	}
	data[0] = '\n';
	data[B / 2] = '\n';
	for (k = 0; k < sizeof(ends) / sizeof(ends[0]); k++)
		check_against_oracle(data, size, ends[k], 12);

	/* end = 2B with the final '\n' at 2B-1, the last byte of the first block read. */
	{
		int fd = file_with(data, size);
		off_t start = -1;

		CHECK(tail__find_start(fd, 2 * B, 1, &start) == 0);
		CHECK(start == B + 2);
		CHECK(tail__find_start(fd, 2 * B + 1, 1, &start) == 0);
		CHECK(start == 2 * B);
		CHECK(tail__find_start(fd, 2 * B + 1, 2, &start) == 0);
		CHECK(start == B + 2);
		CHECK(tail__find_start(fd, 2 * B + 2, 2, &start) == 0);
		CHECK(start == 2 * B);
		CHECK(tail__find_start(fd, 2 * B + 2, 3, &start) == 0);
		CHECK(start == B + 2);
		close(fd);
	}
	free(data);
}

/* Random files spanning several blocks, with sparse and dense newlines. */
TEST(tail_random_against_oracle)
{
	uint64_t x = 0x2545f4914f6cdd1dULL;
	size_t size = 5 * B + 123, i;
	char *data = malloc(size);
	int round;

	for (round = 0; round < 4; round++) {
		unsigned int one_in = round < 2 ? 40000 : 7;

		for (i = 0; i < size; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			data[i] = x % one_in == 0 ? '\n' : (x % 3 == 0 ? '\r' : 'a' + x % 26);
		}
		check_against_oracle(data, size, size, round < 2 ? 40 : 3);
		check_against_oracle(data, size, size - B - 7, 3);
	}
	free(data);
}

TEST(tail_many_lines)
{
	unsigned long nr_lines = 400000, i; /* 13 bytes a line: 5.2 MB */
	size_t size = nr_lines * 13;
	char *data = malloc(size + 1);
	char want[13 * 10 + 1];
	size_t len;
	off_t start;
	char *got;
	int fd;

	for (i = 0; i < nr_lines; i++)
		snprintf(data + i * 13, 14, "line %07lu\n", i);
	fd = file_with(data, size);

	for (i = 0; i < 10; i++)
		snprintf(want + i * 13, 14, "line %07lu\n", nr_lines - 10 + i);
	got = tail_of(fd, size, 10, &len, &start);
	CHECK(start == (off_t)(size - 130));
	CHECK_MEM(got, len, want, 130);
	free(got);

	got = tail_of(fd, size, nr_lines - 1, &len, &start);
	CHECK(start == 13);
	CHECK_MEM(got, len, data + 13, size - 13);
	free(got);

	got = tail_of(fd, size, nr_lines + 5, &len, &start);
	CHECK(start == 0);
	CHECK_MEM(got, len, data, size);
	free(got);
	close(fd);
	free(data);
}

TEST(tail_copy_stops_on_cb)
{
	size_t size = 4 * B;
	char *data = malloc(size);
	struct sink s = {.stop_after = 2};
	int fd;

	memset(data, 'z', size);
	fd = file_with(data, size);
	CHECK(tail__copy(fd, 0, size, sink_cb, &s) == 7);
	CHECK(s.calls == 2);
	CHECK(s.len == 2 * B);
	free(s.buf);
	close(fd);
	free(data);
}

TEST(tail_copy_partial_range)
{
	static const char data[] = "0123456789";
	struct sink s = {};
	int fd = file_with(data, 10);

	CHECK(tail__copy(fd, 3, 7, sink_cb, &s) == 0);
	CHECK_MEM(s.buf, s.len, "3456", 4);
	free(s.buf);
	close(fd);
}

TEST(tail_file_shrank)
{
	size_t size = 3 * B;
	char *data = malloc(size);
	struct sink s = {};
	off_t start = -1;
	int fd;

	memset(data, 'q', size);
	data[size - 1] = '\n';
	data[100] = '\n';
	fd = file_with(data, size);
	/* The caller noted a larger size; the file is now shorter. */
	CHECK(tail__copy(fd, 0, 2 * size, sink_cb, &s) == 0);
	CHECK_MEM(s.buf, s.len, data, size);
	free(s.buf);
	/* Its real end counts as end: the final '\n' still ends the last line. */
	CHECK(tail__find_start(fd, 2 * size, 1, &start) == 0);
	CHECK(start == 101);
	CHECK(tail__find_start(fd, size + 5 * B, 1, &start) == 0);
	CHECK(start == 101);
	close(fd);
	free(data);
}

TEST(tail_errors)
{
	struct sink s = {};
	off_t start = 5;
	int fds[2];
	int fd = file_with("abc\n", 4);

	CHECK(tail__find_start(-1, 10, 1, &start) == -EBADF);
	CHECK(tail__copy(-1, 0, 10, sink_cb, &s) == -EBADF);
	CHECK(tail__find_start(fd, -1, 1, &start) == -EINVAL);
	CHECK(tail__copy(fd, 3, 2, sink_cb, &s) == -EINVAL);
	CHECK(tail__copy(fd, -1, 2, sink_cb, &s) == -EINVAL);
	CHECK(s.calls == 0);
	close(fd);

	CHECK(pipe(fds) == 0);
	CHECK(tail__find_start(fds[0], 10, 1, &start) == -ESPIPE);
	CHECK(tail__copy(fds[0], 0, 10, sink_cb, &s) == -ESPIPE);
	close(fds[0]);
	close(fds[1]);
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(tail_small);
	RUN(tail_zero_lines);
	RUN(tail_no_final_newline);
	RUN(tail_empty_file);
	RUN(tail_empty_lines);
	RUN(tail_crlf);
	RUN(tail_end_before_file_size);
	RUN(tail_one_huge_line);
	RUN(tail_one_mib_line);
	RUN(tail_block_boundaries);
	RUN(tail_random_against_oracle);
	RUN(tail_many_lines);
	RUN(tail_copy_stops_on_cb);
	RUN(tail_copy_partial_range);
	RUN(tail_file_shrank);
	RUN(tail_errors);
	rmdir(dir);
	return CHECK_DONE();
}
