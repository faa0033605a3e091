/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * A buffered output stream that never loses bytes quietly: partial writes are
 * retried, EINTR is resumed, and the first error is kept for the caller to
 * report (a full disk or a closed pipe is something the user hears about).
 */
#ifndef __KUBEGLASS_OUTBUF_H
#define __KUBEGLASS_OUTBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct outbuf {
	int fd;
	bool owned; /* we opened fd, so we close it */
	bool tty;
	int err; /* first error as -errno, then every write is dropped */
	size_t len;
	size_t cap;
	char *buf;
	const char *name; /* for messages: the path, or "standard output" */
};

/* Opens path for writing (created 0600: captures may hold secrets), or
 * standard output when path is NULL or "-". Returns 0 or -errno. */
int outbuf__open(struct outbuf *o, const char *path);
/* Wraps an fd that is already open (standard error, say); it is not closed. */
int outbuf__open_fd(struct outbuf *o, int fd, const char *name);
void outbuf__write(struct outbuf *o, const void *p, size_t n);
void outbuf__puts(struct outbuf *o, const char *s);
/* A decimal number: the per-event paths use it instead of printf, which
 * cost about a third of pretty mode's time in a flood of small writes. */
void outbuf__put_int(struct outbuf *o, long long v);
void outbuf__printf(struct outbuf *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Returns a pointer to at least n free bytes in the buffer; outbuf__commit()
 * then adds the bytes actually written. Saves a copy on hot paths. */
char *outbuf__reserve(struct outbuf *o, size_t n);
void outbuf__commit(struct outbuf *o, size_t n);
/* Writes out what is buffered. Returns 0 or the first error (-errno). */
int outbuf__flush(struct outbuf *o);
/* Flushes and closes. Returns 0 or the first error seen over its life. */
int outbuf__close(struct outbuf *o);

#endif /* __KUBEGLASS_OUTBUF_H */
