// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "outbuf.h"

#define OUTBUF_SIZE (256 * 1024)

int outbuf__open_fd(struct outbuf *o, int fd, const char *name)
{
	memset(o, 0, sizeof(*o));
	o->fd = fd;
	o->name = name;
	o->tty = isatty(fd);
	o->cap = OUTBUF_SIZE;
	o->buf = malloc(o->cap);
	return o->buf ? 0 : -ENOMEM;
}

int outbuf__open(struct outbuf *o, const char *path)
{
	memset(o, 0, sizeof(*o));
	o->fd = -1;
	if (!path || !strcmp(path, "-")) {
		return outbuf__open_fd(o, STDOUT_FILENO, "standard output");
	} else {
		o->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		if (o->fd < 0)
			return -errno;
		o->owned = true;
		o->name = path;
	}
	o->tty = isatty(o->fd);
	o->cap = OUTBUF_SIZE;
	o->buf = malloc(o->cap);
	if (!o->buf)
		return -ENOMEM;
	return 0;
}

static void write_all(struct outbuf *o, const char *p, size_t n)
{
	while (n && !o->err) {
		ssize_t w = write(o->fd, p, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			o->err = -errno;
			return;
		}
		if (w == 0) {
			o->err = -EIO;
			return;
		}
		p += w;
		n -= w;
	}
}

int outbuf__flush(struct outbuf *o)
{
	if (o->len) {
		write_all(o, o->buf, o->len);
		o->len = 0;
	}
	return o->err;
}

char *outbuf__reserve(struct outbuf *o, size_t n)
{
	if (o->len + n > o->cap) {
		outbuf__flush(o);
		if (n > o->cap) {
			char *nb = realloc(o->buf, n);

			if (!nb) {
				o->err = o->err ? o->err : -ENOMEM;
				return NULL;
			}
			o->buf = nb;
			o->cap = n;
		}
	}
	return o->buf + o->len;
}

void outbuf__commit(struct outbuf *o, size_t n)
{
	o->len += n;
}

void outbuf__write(struct outbuf *o, const void *p, size_t n)
{
	if (o->err)
		return;
	if (o->len + n > o->cap) {
		outbuf__flush(o);
		if (n >= o->cap) {
			/* A large payload goes straight out, with no extra copy. */
			write_all(o, p, n);
			return;
		}
	}
	memcpy(o->buf + o->len, p, n);
	o->len += n;
}

void outbuf__puts(struct outbuf *o, const char *s)
{
	outbuf__write(o, s, strlen(s));
}

void outbuf__put_int(struct outbuf *o, long long v)
{
	char tmp[24], *p = tmp + sizeof(tmp);
	unsigned long long u = v < 0 ? -(unsigned long long)v : (unsigned long long)v;

	do {
		*--p = '0' + u % 10;
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	outbuf__write(o, p, tmp + sizeof(tmp) - p);
}

void outbuf__printf(struct outbuf *o, const char *fmt, ...)
{
	char small[512], *big = NULL;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(small)) {
		outbuf__write(o, small, n);
		return;
	}
	big = malloc(n + 1);
	if (!big) {
		o->err = o->err ? o->err : -ENOMEM;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(big, n + 1, fmt, ap);
	va_end(ap);
	outbuf__write(o, big, n);
	free(big);
}

int outbuf__close(struct outbuf *o)
{
	outbuf__flush(o);
	if (o->owned && o->fd >= 0) {
		if (close(o->fd) && !o->err)
			o->err = -errno;
	}
	o->fd = -1;
	free(o->buf);
	o->buf = NULL;
	return o->err;
}
