// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * --format pretty: a header line per write, then its bytes as escaped text
 * lines or as a hexdump. Every byte the target chose, its comm included,
 * goes through escape.c first.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "escape.h"
#include "output.h"
#include "syscalls.h"
#include "textclass.h"

#define INDENT "  "

static void put_escaped(struct outbuf *ob, const char *s, size_t len)
{
	char *dst = outbuf__reserve(ob, len * ESCAPE_MAX_PER_BYTE);

	if (dst)
		outbuf__commit(ob, escape__text(s, len, dst));
}

static void put_comm(struct outbuf *ob, const char *comm)
{
	put_escaped(ob, comm, strnlen(comm, KG_COMM_LEN));
}

static void put_header(struct output *o, const struct kg_event *ev)
{
	char clock[16];

	output__clock(&o->cfg, ev->ts, clock);
	outbuf__puts(o->ob, clock);
	outbuf__puts(o->ob, " ");
	put_comm(o->ob, ev->comm);
	outbuf__printf(o->ob, "[%u/%u]", ev->pid, ev->tid);
}

static void put_text(struct outbuf *ob, const char *data, size_t len)
{
	const char *p = data, *end = data + len, *nl;

	while (p < end) {
		nl = memchr(p, '\n', end - p);
		outbuf__puts(ob, INDENT);
		put_escaped(ob, p, (nl ? nl : end) - p);
		outbuf__puts(ob, "\n");
		p = nl ? nl + 1 : end;
	}
}

static void put_hex(struct outbuf *ob, const char *data, size_t len)
{
	char line[HEXDUMP_LINE_MAX];
	size_t off, n;

	for (off = 0; off < len; off += 16) {
		n = len - off < 16 ? len - off : 16;
		n = escape__hexdump_line(data + off, n, off, line);
		outbuf__puts(ob, INDENT);
		outbuf__write(ob, line, n + 1);
	}
}

static int pretty_message(struct output *o, const struct kg_msg *m)
{
	const struct kg_event *ev = m->ev;
	bool binary = m->len && text__is_binary(m->data, m->len);

	put_header(o, ev);
	outbuf__printf(o->ob, " fd %d %s", ev->fd, sys__name(ev->sys));
	if (ev->sys == KG_SYS_SENDMMSG || ev->sys == KG_SYS_RECVMMSG)
		outbuf__printf(o->ob, " msg %u", ev->msg);
	if (ev->ret < 0) {
		const char *name = ev->ret >= -4095 ? strerrorname_np(-ev->ret) : NULL;

		outbuf__printf(o->ob, " failed: %s (%s)\n", name ? name : "?",
			       strerror(-ev->ret));
		return 0;
	}
	outbuf__printf(o->ob, " %llu bytes%s\n", (unsigned long long)ev->size,
		       binary ? " (binary)" : "");
	if (binary)
		put_hex(o->ob, m->data, m->len);
	else
		put_text(o->ob, m->data, m->len);
	if (m->missing)
		outbuf__printf(o->ob, INDENT "[... %llu bytes lost: %s]\n",
			       (unsigned long long)m->missing,
			       ev->flags & KG_F_FAULT ? "the target's memory could not be read"
						      : "the ring buffer was full");
	if (ev->size > ev->cap)
		outbuf__printf(o->ob, INDENT "[... %llu more bytes not captured (--max-bytes)]\n",
			       (unsigned long long)(ev->size - ev->cap));
	return 0;
}

static int pretty_notice(struct output *o, const struct kg_event *ev)
{
	int status = (int)ev->ret;

	put_header(o, ev);
	switch (ev->kind) {
	case KG_EV_EXIT:
		if (status & 0x7f)
			outbuf__printf(o->ob, " exited: killed by signal %d\n", status & 0x7f);
		else
			outbuf__printf(o->ob, " exited with status %d\n", (status >> 8) & 0xff);
		break;
	case KG_EV_FORK:
		outbuf__printf(o->ob, " started process %lld\n", (long long)ev->ret);
		break;
	case KG_EV_EXEC:
		outbuf__puts(o->ob, " ran exec\n");
		break;
	}
	return 0;
}

static void pretty_free(struct output *o)
{
	free(o);
}

struct output *output_pretty__new(struct outbuf *ob, const struct output_config *cfg)
{
	struct output *o = calloc(1, sizeof(*o));

	if (!o)
		return NULL;
	o->message = pretty_message;
	o->notice = pretty_notice;
	o->free = pretty_free;
	o->ob = ob;
	o->cfg = *cfg;
	return o;
}
