// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tail.h"

/* Reads up to len bytes at off; fewer only at end of file. Returns the count or -errno. */
static ssize_t pread_full(int fd, char *buf, size_t len, off_t off)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = pread(fd, buf + got, len - got, off + (off_t)got);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			break;
		got += n;
	}
	return got;
}

int tail__find_start(int fd, off_t end, unsigned long n, off_t *start)
{
	bool last_block = true;
	off_t pos = end;
	int err = 0;
	char *buf;

	if (end < 0)
		return -EINVAL;
	if (n == 0 || end == 0) {
		*start = end;
		return 0;
	}
	buf = malloc(TAIL_BLOCK_SIZE);
	if (!buf)
		return -ENOMEM;

	*start = 0;
	while (pos > 0) {
		size_t want = pos < TAIL_BLOCK_SIZE ? (size_t)pos : TAIL_BLOCK_SIZE;
		off_t off = pos - (off_t)want;
		ssize_t got = pread_full(fd, buf, want, off);
		size_t scan;

		if (got < 0) {
			err = got;
			break;
		}
		scan = got;
		/* At the real end of file: a file that shrank still drops its final '\n'. */
		if (last_block && scan > 0 && buf[scan - 1] == '\n')
			scan--;
		last_block = last_block && got == 0;
		while (scan > 0) {
			const char *nl = memrchr(buf, '\n', scan);

			if (!nl)
				break;
			if (--n == 0) {
				*start = off + (nl - buf) + 1;
				goto out;
			}
			scan = nl - buf;
		}
		pos = off;
	}
out:
	free(buf);
	return err;
}

int tail__copy(int fd, off_t start, off_t end, tail_cb cb, void *ctx)
{
	off_t off = start;
	int err = 0;
	char *buf;

	if (start < 0 || start > end)
		return -EINVAL;
	if (start == end)
		return 0;
	buf = malloc(TAIL_BLOCK_SIZE);
	if (!buf)
		return -ENOMEM;

	while (off < end) {
		size_t want = end - off < TAIL_BLOCK_SIZE ? (size_t)(end - off) : TAIL_BLOCK_SIZE;
		ssize_t got = pread(fd, buf, want, off);

		if (got < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			break;
		}
		if (got == 0)
			break;
		err = cb(buf, got, ctx);
		if (err)
			break;
		off += got;
	}
	free(buf);
	return err;
}
