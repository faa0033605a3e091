/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The last N lines of a file, for --existing --tail=N. Memory stays bounded by one block
 * whatever the file or line size.
 */
#ifndef __KUBEGLASS_TAIL_H
#define __KUBEGLASS_TAIL_H

#include <stddef.h>
#include <sys/types.h>

/* Both the backward scan and the streaming read in blocks of this size. */
#define TAIL_BLOCK_SIZE 65536

/* Finds where the last n lines of the bytes [0, end) of fd begin, reading backwards in
 * fixed-size blocks with pread (never the whole file: a 10 GB log costs the same as a 10 KB
 * one). A final '\n' at end-1 terminates the last line, it does not start an empty one.
 * n == 0 gives *start = end. Fewer than n lines give *start = 0. If the file shrank below end,
 * its real end counts as end. Returns 0 or -errno. */
int tail__find_start(int fd, off_t end, unsigned long n, off_t *start);

/* Streams bytes [start, end) of fd to cb in blocks of at most TAIL_BLOCK_SIZE, in order (bounded
 * memory even when the last line is one huge 10 GB line). cb returns 0 to go on, nonzero to
 * stop (that value is returned). Returns 0, cb's value, or -errno. A file that shrank
 * (pread returning 0 early) ends the stream without error. */
typedef int (*tail_cb)(const char *buf, size_t len, void *ctx);
int tail__copy(int fd, off_t start, off_t end, tail_cb cb, void *ctx);

#endif /* __KUBEGLASS_TAIL_H */
