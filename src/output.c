// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "escape.h"
#include "opts.h"
#include "output.h"

int64_t output__mono_to_real(void)
{
	struct timespec mono, real;

	clock_gettime(CLOCK_MONOTONIC, &mono);
	clock_gettime(CLOCK_REALTIME, &real);
	return (int64_t)(real.tv_sec - mono.tv_sec) * 1000000000LL + (real.tv_nsec - mono.tv_nsec);
}

void output__clock(const struct output_config *cfg, uint64_t ts, char *buf)
{
	/* localtime_r per event is slow; the seconds part changes rarely. */
	static __thread time_t last_sec = -1;
	static __thread char last_hms[9];
	/* Wraps rather than overflows: ts comes from a record, which is checked but not trusted. */
	uint64_t real = ts + (uint64_t)cfg->mono_to_real_ns;
	time_t sec = (time_t)(real / 1000000000ULL);
	unsigned usec = (unsigned)(real % 1000000000ULL / 1000);
	struct tm tm = {};
	int i;

	if (sec != last_sec) {
		if (!localtime_r(&sec, &tm))
			memset(&tm, 0, sizeof(tm));
		snprintf(last_hms, sizeof(last_hms), "%02d:%02d:%02d", tm.tm_hour % 100,
			 tm.tm_min % 100, tm.tm_sec % 100);
		last_sec = sec;
	}
	/* By hand: snprintf here was a hot spot of pretty mode. */
	memcpy(buf, last_hms, 8);
	buf[8] = '.';
	usec %= 1000000;
	for (i = 14; i >= 9; i--, usec /= 10)
		buf[i] = '0' + usec % 10;
	buf[15] = '\0';
}

bool output__want_color(int kg_color, bool tty)
{
	const char *no = getenv("NO_COLOR");

	if (kg_color == KG_COLOR_ALWAYS)
		return true;
	if (kg_color == KG_COLOR_NEVER)
		return false;
	/* no-color.org: set and not empty means no colour by default. */
	return tty && !(no && *no);
}

const char *output__direction(const struct kg_event *ev)
{
	return ev->flags & KG_F_READ ? "read" : "write";
}

static int none_message(struct output *o, const struct kg_msg *m)
{
	return 0;
}

static int none_notice(struct output *o, const struct kg_event *ev)
{
	return 0;
}

static void free_output(struct output *o)
{
	free(o);
}

struct output *output__alloc(struct outbuf *ob, const struct output_config *cfg)
{
	struct output *o = calloc(1, sizeof(*o));

	if (!o)
		return NULL;
	o->free = free_output;
	o->ob = ob;
	o->cfg = *cfg;
	return o;
}

/* --summary alone: events are counted, not shown. */
static struct output *output_none__new(struct outbuf *ob, const struct output_config *cfg)
{
	struct output *o = output__alloc(ob, cfg);

	if (o) {
		o->message = none_message;
		o->notice = none_notice;
	}
	return o;
}

struct output *output__new(int format, struct outbuf *ob, const struct output_config *cfg)
{
	switch (format) {
	case KG_FMT_RAW:
		return output_raw__new(ob, cfg);
	case KG_FMT_JSON:
		return output_json__new(ob, cfg);
	case KG_FMT_HEX:
		return output_hex__new(ob, cfg);
	case KG_FMT_NONE:
		return output_none__new(ob, cfg);
	default:
		return output_pretty__new(ob, cfg);
	}
}

void output__put_escaped(struct outbuf *ob, const char *in, size_t len)
{
	char *dst = outbuf__reserve(ob, len * ESCAPE_MAX_PER_BYTE);

	if (dst)
		outbuf__commit(ob, escape__text(in, len, dst));
}

void output__put_notice(struct outbuf *ob, const struct kg_event *ev)
{
	int status = (int)ev->ret;

	switch (ev->kind) {
	case KG_EV_EXIT:
		if (status & 0x7f)
			outbuf__printf(ob, " exited: killed by signal %d\n", status & 0x7f);
		else
			outbuf__printf(ob, " exited with status %d\n", (status >> 8) & 0xff);
		break;
	case KG_EV_FORK:
		outbuf__printf(ob, " started process %lld\n", (long long)ev->ret);
		break;
	case KG_EV_EXEC:
		outbuf__puts(ob, " ran exec\n");
		break;
	}
}

const char *output__fd_type(const char *name)
{
	if (!name || (name[0] == '?' && name[1] == '['))
		return NULL;
	if (!strncmp(name, "pipe:", 5))
		return "pipe";
	if (!strncmp(name, "socket:", 7) || !strncmp(name, "tcp", 3) || !strncmp(name, "udp", 3) ||
	    !strncmp(name, "unix ", 5))
		return "socket";
	if (!strncmp(name, "anon_inode:", 11))
		return "anon";
	if (!strncmp(name, "/dev/pts/", 9) || !strncmp(name, "/dev/tty", 8) ||
	    !strcmp(name, "/dev/console"))
		return "tty";
	if (!strncmp(name, "/dev/", 5))
		return "char";
	return name[0] == '/' ? "file" : "anon";
}

const char *output__bytes(const struct kg_msg *m, size_t *len, char **tmp)
{
	size_t i, n = 0;
	char *p;

	*tmp = NULL;
	if (!m->lines) {
		*len = m->len;
		return m->data;
	}
	for (i = 0; i < m->nlines; i++)
		n += m->lines[i].len + 1;
	p = *tmp = malloc(n ? n : 1);
	if (!p) {
		*len = 0;
		return "";
	}
	for (i = 0, n = 0; i < m->nlines; i++) {
		memcpy(p + n, m->lines[i].p, m->lines[i].len);
		n += m->lines[i].len;
		if (m->lines[i].nl)
			p[n++] = '\n';
	}
	*len = n;
	return p;
}
