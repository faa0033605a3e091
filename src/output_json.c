// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * --format json: JSON Lines, one object per event, lossless. Bytes that are
 * valid UTF-8 go in a JSON string ("data"); any others go in base64
 * ("data_b64"), so the exact original bytes always come back. The same holds
 * for comm and the fd's name. The schema is in the README and kubeglass(8).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "json.h"
#include "output.h"
#include "summary.h"
#include "syscalls.h"

/* "key":"string" for UTF-8, else "key_b64":"base64". */
static void put_bytes(struct outbuf *ob, const char *key, const void *p, size_t len)
{
	char *dst = outbuf__reserve(ob, len * JSON_MAX_PER_BYTE + strlen(key) + 16);
	size_t n, k;

	if (!dst)
		return;
	k = (size_t)sprintf(dst, ",\"%s\":\"", key);
	n = json__string(p, len, dst + k);
	if (n == JSON_INVALID) {
		k = (size_t)sprintf(dst, ",\"%s_b64\":\"", key);
		n = base64__encode(p, len, dst + k);
	}
	dst[k + n] = '"';
	outbuf__commit(ob, k + n + 1);
}

static void put_head(struct output *o, const char *type, const struct kg_event *ev)
{
	int64_t real = (int64_t)ev->ts + o->cfg.mono_to_real_ns;
	time_t sec = real / 1000000000LL;
	char date[32];
	struct tm tm;

	gmtime_r(&sec, &tm);
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm);
	outbuf__printf(o->ob, "{\"type\":\"%s\",\"ts_ns\":%lld,\"time\":\"%s.%09lldZ\",\"pid\":%u,"
			      "\"tid\":%u", type, (long long)real, date,
		       (long long)(real % 1000000000LL), ev->pid, ev->tid);
	put_bytes(o->ob, "comm", ev->comm, strnlen(ev->comm, KG_COMM_LEN));
}

static int json_message(struct output *o, const struct kg_msg *m)
{
	const struct kg_event *ev = m->ev;
	const char *err, *type = output__fd_type(m->fd_name), *data;
	size_t len;
	char *tmp;

	if (m->note_only) {
		/* --no-repeats: a stream ended after repeats. */
		put_head(o, "repeat", ev);
		outbuf__printf(o->ob, ",\"fd\":%d,\"repeats\":%llu}\n", ev->fd,
			       (unsigned long long)m->repeats);
		return 0;
	}
	put_head(o, "data", ev);
	outbuf__printf(o->ob, ",\"fd\":%d", ev->fd);
	if (type) {
		put_bytes(o->ob, "fd_name", m->fd_name, strlen(m->fd_name));
		outbuf__printf(o->ob, ",\"fd_type\":\"%s\"", type);
	} else {
		outbuf__puts(o->ob, ",\"fd_name\":null,\"fd_type\":null");
	}
	outbuf__printf(o->ob, ",\"syscall\":\"%s\",\"direction\":\"%s\"", sys__name(ev->sys),
		       output__direction(ev));
	if (ev->sys == KG_SYS_SENDMMSG || ev->sys == KG_SYS_RECVMMSG)
		outbuf__printf(o->ob, ",\"msg\":%u", ev->msg);
	if (ev->req == KG_REQ_UNKNOWN)
		outbuf__puts(o->ob, ",\"requested\":null");
	else
		outbuf__printf(o->ob, ",\"requested\":%llu", (unsigned long long)ev->req);
	outbuf__printf(o->ob, ",\"ret\":%lld", (long long)ev->ret);
	if (ev->ret < 0) {
		err = ev->ret >= -4095 ? strerrorname_np(-ev->ret) : NULL;
		outbuf__printf(o->ob, ",\"error\":\"%s\"", err ? err : "?");
	}
	outbuf__printf(o->ob, ",\"size\":%llu,\"captured\":%zu,\"truncated\":%s,\"missing\":%llu",
		       (unsigned long long)ev->size, m->len, ev->size > ev->cap ? "true" : "false",
		       (unsigned long long)m->missing);
	if (m->repeats)
		outbuf__printf(o->ob, ",\"repeats_before\":%llu", (unsigned long long)m->repeats);
	data = output__bytes(m, &len, &tmp);
	put_bytes(o->ob, "data", data, len);
	free(tmp);
	outbuf__puts(o->ob, "}\n");
	return 0;
}

static int json_notice(struct output *o, const struct kg_event *ev)
{
	int status = (int)ev->ret;

	switch (ev->kind) {
	case KG_EV_EXIT:
		put_head(o, "exit", ev);
		if (status & 0x7f)
			outbuf__printf(o->ob, ",\"signal\":%d}\n", status & 0x7f);
		else
			outbuf__printf(o->ob, ",\"status\":%d}\n", (status >> 8) & 0xff);
		break;
	case KG_EV_FORK:
		put_head(o, "fork", ev);
		outbuf__printf(o->ob, ",\"child\":%lld}\n", (long long)ev->ret);
		break;
	case KG_EV_EXEC:
		put_head(o, "exec", ev);
		outbuf__puts(o->ob, "}\n");
		break;
	}
	return 0;
}

static void put_summary_rows(struct output *o, const struct summary *s)
{
	const struct summary_row *rows, *r;
	size_t n = summary__rows(s, &rows), i;

	for (i = 0; i < n; i++) {
		r = &rows[i];
		outbuf__printf(o->ob, "{\"type\":\"fd_summary\",\"pid\":%d", r->pid);
		put_bytes(o->ob, "comm", r->comm, strnlen(r->comm, KG_COMM_LEN));
		outbuf__printf(o->ob, ",\"fd\":%d", r->fd);
		if (output__fd_type(r->name))
			put_bytes(o->ob, "fd_name", r->name, strlen(r->name));
		else
			outbuf__puts(o->ob, ",\"fd_name\":null");
		outbuf__printf(o->ob, ",\"direction\":\"%s\",\"calls\":%llu,\"bytes\":%llu,"
				      "\"largest\":%llu,\"truncated\":%llu,\"failed\":%llu,"
				      "\"lost\":%llu,\"skipped\":%llu}\n",
			       r->read ? "read" : "write", (unsigned long long)r->calls,
			       (unsigned long long)r->bytes, (unsigned long long)r->largest,
			       (unsigned long long)r->truncated, (unsigned long long)r->failed,
			       (unsigned long long)r->lost, (unsigned long long)r->skipped);
	}
}

static int json_report(struct output *o, const struct output_report *r)
{
	if (r->summary)
		put_summary_rows(o, r->summary);
	outbuf__printf(o->ob, "{\"type\":\"summary\",\"reason\":\"%s\",\"calls\":%llu,"
			      "\"events\":%llu,\"bytes\":%llu,\"captured\":%llu,\"failed\":%llu,"
			      "\"truncated\":%llu,\"truncated_bytes\":%llu,\"lost\":%llu,"
			      "\"partial\":%llu,\"lost_bytes\":%llu,\"skipped\":%llu,"
			      "\"after_count\":%llu,\"compat\":%llu}\n",
		       r->reason, (unsigned long long)r->calls, (unsigned long long)r->events,
		       (unsigned long long)r->bytes, (unsigned long long)r->captured,
		       (unsigned long long)r->failed, (unsigned long long)r->truncated,
		       (unsigned long long)r->truncated_bytes, (unsigned long long)r->lost,
		       (unsigned long long)r->partial, (unsigned long long)r->lost_bytes,
		       (unsigned long long)r->skipped, (unsigned long long)r->after_count,
		       (unsigned long long)r->compat);
	return 0;
}

struct output *output_json__new(struct outbuf *ob, const struct output_config *cfg)
{
	struct output *o = output__alloc(ob, cfg);

	if (o) {
		o->message = json_message;
		o->notice = json_notice;
		o->report = json_report;
	}
	return o;
}
