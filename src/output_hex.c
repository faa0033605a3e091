// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * --format hex: per event, one header line with its metadata, then the
 * bytes as a canonical hexdump (offset, 16 bytes in hex, ASCII), ending with
 * a line holding the count of bytes shown, as `hexdump -C` does.
 */
#include <stdlib.h>
#include <string.h>
#include "escape.h"
#include "output.h"
#include "syscalls.h"

static void put_who(struct output *o, const struct kg_event *ev)
{
	char clock[16];

	output__clock(&o->cfg, ev->ts, clock);
	outbuf__puts(o->ob, clock);
	outbuf__puts(o->ob, " ");
	output__put_escaped(o->ob, ev->comm, strnlen(ev->comm, KG_COMM_LEN));
	outbuf__printf(o->ob, "[%u/%u]", ev->pid, ev->tid);
}

static int hex_message(struct output *o, const struct kg_msg *m)
{
	const struct kg_event *ev = m->ev;
	const char *err, *type = output__fd_type(m->fd_name), *data;
	char line[HEXDUMP_LINE_MAX], *tmp;
	size_t off, n, len;

	put_who(o, ev);
	outbuf__printf(o->ob, " fd %d", ev->fd);
	if (type) {
		outbuf__printf(o->ob, " (%s ", type);
		output__put_escaped(o->ob, m->fd_name, strlen(m->fd_name));
		outbuf__puts(o->ob, ")");
	}
	if (m->note_only) {
		outbuf__printf(o->ob, " previous message repeated %llu times\n",
			       (unsigned long long)m->repeats);
		return 0;
	}
	outbuf__printf(o->ob, " %s %s", sys__name(ev->sys), ev->flags & KG_F_READ ? "in" : "out");
	if (ev->sys == KG_SYS_SENDMMSG || ev->sys == KG_SYS_RECVMMSG)
		outbuf__printf(o->ob, " msg %u", ev->msg);
	if (ev->ret < 0) {
		err = ev->ret >= -4095 ? strerrorname_np(-ev->ret) : NULL;
		outbuf__printf(o->ob, " failed: %s\n", err ? err : "?");
		return 0;
	}
	outbuf__printf(o->ob, " %llu bytes", (unsigned long long)ev->size);
	if (ev->size > ev->cap)
		outbuf__printf(o->ob, ", %llu not captured (--max-bytes)",
			       (unsigned long long)(ev->size - ev->cap));
	if (m->missing)
		outbuf__printf(o->ob, ", %llu lost (%s)", (unsigned long long)m->missing,
			       ev->flags & KG_F_FAULT ? "unreadable memory" : "ring buffer full");
	if (m->repeats)
		outbuf__printf(o->ob, ", after %llu repeats", (unsigned long long)m->repeats);
	outbuf__puts(o->ob, "\n");
	data = output__bytes(m, &len, &tmp);
	for (off = 0; off < len; off += 16) {
		n = escape__hexdump_line(data + off, len - off, off, line);
		outbuf__write(o->ob, line, n + 1);
	}
	outbuf__printf(o->ob, "%08zx\n", len);
	free(tmp);
	return 0;
}

static int hex_notice(struct output *o, const struct kg_event *ev)
{
	put_who(o, ev);
	output__put_notice(o->ob, ev);
	return 0;
}

struct output *output_hex__new(struct outbuf *ob, const struct output_config *cfg)
{
	struct output *o = output__alloc(ob, cfg);

	if (o) {
		o->message = hex_message;
		o->notice = hex_notice;
	}
	return o;
}
