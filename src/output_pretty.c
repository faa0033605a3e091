// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * --format pretty: a header line per write, then its bytes as escaped text
 * lines or as a hexdump. Every byte the target chose, its comm and its file
 * names included, goes through escape.c first. Nothing here allocates or
 * reads /proc per event: it formats into the outbuf and nothing else.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "escape.h"
#include "output.h"
#include "syscalls.h"
#include "textclass.h"

#define INDENT "  "

/* SGR sequences: these are ours, never the target's. */
#define C_TIME "\033[2m"
#define C_COMM "\033[1m"
#define C_FD "\033[36m"
#define C_MARK "\033[33m"
#define C_FAIL "\033[31m"
#define C_OFF "\033[0m"

struct pretty {
	struct output o;
	/* --existing streams a file in blocks: a line or a UTF-8 character may
	 * straddle two of them. */
	bool at_line_start;
	unsigned char carry[4];
	size_t ncarry;
};

static void put_escaped(struct outbuf *ob, const char *s, size_t len)
{
	char *dst = outbuf__reserve(ob, len * ESCAPE_MAX_PER_BYTE);

	if (dst)
		outbuf__commit(ob, escape__text(s, len, dst));
}

static void color(struct output *o, const char *sgr)
{
	if (o->cfg.color)
		outbuf__puts(o->ob, sgr);
}

static void put_fd(struct output *o, int fd, const char *name)
{
	color(o, C_FD);
	outbuf__puts(o->ob, "fd ");
	outbuf__put_int(o->ob, fd);
	if (name) {
		outbuf__puts(o->ob, "<");
		put_escaped(o->ob, name, strlen(name));
		outbuf__puts(o->ob, ">");
	}
	color(o, C_OFF);
}

/* ns_pid/ns_tid: the IDs in the process's own PID namespace, 0 if unknown. */
static void put_who(struct output *o, uint64_t ts, const char *comm, size_t comm_len,
		    __u32 pid, __u32 tid, __u32 ns_pid, __u32 ns_tid)
{
	char clock[16];

	if (ts) {
		output__clock(&o->cfg, ts, clock);
		color(o, C_TIME);
		outbuf__puts(o->ob, clock);
		color(o, C_OFF);
		outbuf__puts(o->ob, " ");
	}
	color(o, C_COMM);
	put_escaped(o->ob, comm, strnlen(comm, comm_len));
	color(o, C_OFF);
	outbuf__puts(o->ob, "[");
	outbuf__put_int(o->ob, pid);
	outbuf__puts(o->ob, "/");
	outbuf__put_int(o->ob, tid);
	/* Inside a container: the PIDs its own ps shows, beside the host's. */
	if (ns_pid && (ns_pid != pid || ns_tid != tid))
		outbuf__printf(o->ob, " ns %u/%u", ns_pid, ns_tid);
	outbuf__puts(o->ob, "]");
}

static void put_header(struct output *o, const struct kg_event *ev)
{
	put_who(o, ev->ts, ev->comm, KG_COMM_LEN, ev->pid, ev->tid, ev->ns_pid, ev->ns_tid);
}

/* "[... text]" lines: kubeglass's own remarks between the target's lines. */
static void put_mark(struct output *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put_mark(struct output *o, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	outbuf__puts(o->ob, INDENT);
	color(o, C_MARK);
	outbuf__puts(o->ob, buf);
	color(o, C_OFF);
	outbuf__puts(o->ob, "\n");
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

static void put_lines(struct output *o, const struct kg_msg *m)
{
	/* A write cut short ends with its own marker, right below. */
	bool cut = m->missing || m->ev->size > m->ev->cap;
	size_t i;

	for (i = 0; i < m->nlines; i++) {
		const struct kg_line *l = &m->lines[i];

		if (l->repeats)
			put_mark(o, "[previous message repeated %llu times]",
				 (unsigned long long)l->repeats);
		outbuf__puts(o->ob, INDENT);
		put_escaped(o->ob, l->p, l->len);
		if (!l->nl && !(cut && i + 1 == m->nlines)) {
			color(o, C_MARK);
			outbuf__puts(o->ob, " [no newline]");
			color(o, C_OFF);
		}
		outbuf__puts(o->ob, "\n");
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
	bool binary = !m->lines && m->len && text__is_binary(m->data, m->len);

	put_header(o, ev);
	outbuf__puts(o->ob, " ");
	put_fd(o, ev->fd, m->fd_name);
	if (o->cfg.reads)
		outbuf__puts(o->ob, ev->flags & KG_F_READ ? " <-" : " ->");
	if (m->note_only) {
		color(o, C_MARK);
		outbuf__printf(o->ob, " previous message repeated %llu times\n",
			       (unsigned long long)m->repeats);
		color(o, C_OFF);
		return 0;
	}
	outbuf__puts(o->ob, " ");
	outbuf__puts(o->ob, sys__name(ev->sys));
	if (ev->sys == KG_SYS_SENDMMSG || ev->sys == KG_SYS_RECVMMSG)
		outbuf__printf(o->ob, " msg %u", ev->msg);
	if (ev->ret < 0) {
		/* Only -4095..-1 is an errno; anything else would be a bad record. */
		int err = ev->ret >= -4095 ? (int)-ev->ret : 0;
		const char *name = err ? strerrorname_np(err) : NULL;

		color(o, C_FAIL);
		if (err)
			outbuf__printf(o->ob, " failed: %s (%s)", name ? name : "?", strerror(err));
		else
			outbuf__printf(o->ob, " failed: %lld", (long long)ev->ret);
		color(o, C_OFF);
		outbuf__puts(o->ob, "\n");
		return 0;
	}
	/* No printf on this per-event path: see outbuf__put_int. */
	outbuf__puts(o->ob, " ");
	outbuf__put_int(o->ob, ev->size);
	outbuf__puts(o->ob, binary ? " bytes (binary)" : " bytes");
	outbuf__puts(o->ob, m->held ? ", line continues\n" : "\n");
	if (m->repeats)
		put_mark(o, "[previous message repeated %llu times]",
			 (unsigned long long)m->repeats);
	if (m->lines)
		put_lines(o, m);
	else if (binary)
		put_hex(o->ob, m->data, m->len);
	else
		put_text(o->ob, m->data, m->len);
	if (m->missing)
		put_mark(o, "[... %llu bytes lost: %s]", (unsigned long long)m->missing,
			 ev->flags & KG_F_FAULT ? "the target's memory could not be read"
						: "the ring buffer was full");
	if (ev->size > ev->cap)
		put_mark(o, "[... %llu more bytes not captured (--max-bytes)]",
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
	default: /* the header must not be left open for the next line to join */
		outbuf__printf(o->ob, " unknown event kind %u\n", ev->kind);
		break;
	}
	return 0;
}

/* Existing content arrives in blocks; lines and UTF-8 characters may span two. */
static void existing_text(struct pretty *p, const char *data, size_t len)
{
	struct outbuf *ob = p->o.ob;
	const char *end = data + len, *nl;
	size_t tail, n;

	while (p->ncarry && data < end) {
		unsigned char tmp[8];
		size_t take = end - data < 4 ? (size_t)(end - data) : 4;

		memcpy(tmp, p->carry, p->ncarry);
		memcpy(tmp + p->ncarry, data, take);
		n = utf8_seq_len(tmp, p->ncarry + take);
		if (n > p->ncarry) {
			put_escaped(ob, (char *)tmp, n);
			data += n - p->ncarry;
		} else {
			put_escaped(ob, (char *)p->carry, p->ncarry);
		}
		p->ncarry = 0;
	}
	while (data < end) {
		if (p->at_line_start) {
			outbuf__puts(ob, INDENT);
			p->at_line_start = false;
		}
		nl = memchr(data, '\n', end - data);
		if (nl) {
			put_escaped(ob, data, nl - data);
			outbuf__puts(ob, "\n");
			p->at_line_start = true;
			data = nl + 1;
			continue;
		}
		tail = escape__utf8_tail(data, end - data);
		put_escaped(ob, data, end - data - tail);
		memcpy(p->carry, end - tail, tail);
		p->ncarry = tail;
		break;
	}
}

static int pretty_existing(struct output *o, const struct kg_existing *e, const char *data,
			   size_t len)
{
	struct pretty *p = (struct pretty *)o;

	switch (e->phase) {
	case KG_EXISTING_BEGIN:
		put_who(o, 0, e->comm, strlen(e->comm), e->pid, e->pid, 0, 0);
		outbuf__puts(o->ob, " ");
		put_fd(o, e->fd, e->fd_name);
		if (e->none) {
			outbuf__printf(o->ob, " existing content: none, %s\n", e->none);
			return 0;
		}
		outbuf__printf(o->ob, " existing content: bytes %llu-%llu of %llu\n",
			       (unsigned long long)e->start, (unsigned long long)e->end,
			       (unsigned long long)e->size);
		p->at_line_start = true;
		p->ncarry = 0;
		break;
	case KG_EXISTING_DATA:
		existing_text(p, data, len);
		break;
	case KG_EXISTING_END:
		if (p->ncarry)
			put_escaped(o->ob, (char *)p->carry, p->ncarry);
		p->ncarry = 0;
		if (!p->at_line_start) {
			color(o, C_MARK);
			outbuf__puts(o->ob, " [no newline]");
			color(o, C_OFF);
			outbuf__puts(o->ob, "\n");
		}
		color(o, C_MARK);
		outbuf__puts(o->ob, INDENT "[end of existing content; live writes follow]");
		color(o, C_OFF);
		outbuf__puts(o->ob, "\n");
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
	struct pretty *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	p->o.message = pretty_message;
	p->o.notice = pretty_notice;
	p->o.existing = pretty_existing;
	p->o.free = pretty_free;
	p->o.ob = ob;
	p->o.cfg = *cfg;
	return &p->o;
}
