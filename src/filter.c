// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <errno.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include "escape.h"
#include "filter.h"
#include "repeat.h"
#include "textclass.h"

/* Streams with state kept at once; past this, all are flushed and forgotten,
 * so memory stays bounded whatever the target does. */
#define NR_BUCKETS 4096
#define MAX_STREAMS 4096
#define KEY_READ (1ULL << 31)

struct stream {
	struct stream *next;
	uint64_t key;
	struct kg_event held_hdr; /* the write that began the unfinished line */
	struct kg_event last_hdr; /* the stream's latest write, for notes */
	char *held;
	size_t held_len, held_cap;
};

struct filter {
	struct filter_config cfg;
	bool filtering; /* any of --no-binary, --grep, --no-repeats */
	bool shaping;
	regex_t rx;
	bool have_rx;
	struct repeat_table *repeats;
	filter_out_fn out;
	void *ctx;
	struct filter_stats stats;
	struct stream *buckets[NR_BUCKETS];
	size_t nr_streams;
	/* Scratch reused for every message: no allocation per event once warm. */
	struct kg_line *lines;
	size_t nlines, lines_cap;
	char *joined;
	size_t joined_cap;
	char *subject; /* what --grep matches, NUL-terminated */
	size_t subject_cap;
};

static uint64_t key_of(const struct kg_event *ev)
{
	return (uint64_t)ev->pid << 32 | ((__u32)ev->fd & 0x7fffffff) |
	       (ev->flags & KG_F_READ ? KEY_READ : 0);
}

static unsigned bucket_of(uint64_t key)
{
	return (unsigned)((key * 0x9e3779b97f4a7c15ULL) >> 52) % NR_BUCKETS;
}

struct filter *filter__new(const struct filter_config *cfg, filter_out_fn out, void *ctx)
{
	struct filter *f = calloc(1, sizeof(*f));

	if (!f)
		return NULL;
	f->cfg = *cfg;
	f->out = out;
	f->ctx = ctx;
	f->filtering = cfg->no_binary || cfg->no_repeats || cfg->grep;
	f->shaping = cfg->lines || f->filtering;
	if (cfg->grep) {
		if (regcomp(&f->rx, cfg->grep, REG_EXTENDED | REG_NOSUB)) {
			free(f);
			return NULL;
		}
		f->have_rx = true;
	}
	if (cfg->no_repeats && !(f->repeats = repeat__new())) {
		filter__free(f);
		return NULL;
	}
	return f;
}

static void free_streams(struct filter *f)
{
	struct stream *s, *next;
	unsigned i;

	for (i = 0; i < NR_BUCKETS; i++) {
		for (s = f->buckets[i]; s; s = next) {
			next = s->next;
			free(s->held);
			free(s);
		}
		f->buckets[i] = NULL;
	}
	f->nr_streams = 0;
}

void filter__free(struct filter *f)
{
	if (!f)
		return;
	free_streams(f);
	if (f->have_rx)
		regfree(&f->rx);
	repeat__free(f->repeats);
	free(f->lines);
	free(f->joined);
	free(f->subject);
	free(f);
}

const struct filter_stats *filter__stats(const struct filter *f)
{
	return &f->stats;
}

static struct stream *stream_find(struct filter *f, uint64_t key)
{
	struct stream *s;

	for (s = f->buckets[bucket_of(key)]; s; s = s->next)
		if (s->key == key)
			return s;
	return NULL;
}

static int grow(char **buf, size_t *cap, size_t need)
{
	size_t c = *cap ? *cap : 4096;
	char *nb;

	if (need <= *cap)
		return 0;
	while (c < need)
		c *= 2;
	nb = realloc(*buf, c);
	if (!nb)
		return -ENOMEM;
	*buf = nb;
	*cap = c;
	return 0;
}

static bool matches(struct filter *f, const char *p, size_t len, bool line)
{
	regmatch_t m[1];

	if (!f->have_rx)
		return true;
	/* A CRLF line's '\r' is part of its end, not of its text. */
	if (line && len && p[len - 1] == '\r')
		len--;
	/* REG_STARTEND: a NUL in binary data does not end the subject early.
	 * The copy ends in a NUL anyway, because sanitizers' regexec wrappers
	 * read up to one whatever the flags say. */
	if (grow(&f->subject, &f->subject_cap, len + 1))
		return true; /* out of memory: keep rather than silently lose */
	memcpy(f->subject, p, len);
	f->subject[len] = '\0';
	m[0].rm_so = 0;
	m[0].rm_eo = len;
	return regexec(&f->rx, f->subject, 1, m, REG_STARTEND) == 0;
}

/* Runs one line through --grep and --no-repeats and keeps it if it passes. */
static int add_line(struct filter *f, uint64_t key, const char *p, size_t len, bool nl)
{
	uint64_t prev = 0;
	struct kg_line *l;

	if (!matches(f, p, len, true)) {
		f->stats.grep_lines++;
		return 0;
	}
	if (f->repeats && repeat__seen(f->repeats, key, p, len, &prev)) {
		f->stats.repeat_msgs++;
		return 0;
	}
	if (f->nlines == f->lines_cap) {
		size_t cap = f->lines_cap ? 2 * f->lines_cap : 256;
		struct kg_line *nl_ = realloc(f->lines, cap * sizeof(*nl_));

		if (!nl_)
			return -ENOMEM;
		f->lines = nl_;
		f->lines_cap = cap;
	}
	l = &f->lines[f->nlines++];
	l->p = p;
	l->len = len;
	l->nl = nl;
	l->repeats = prev;
	return 0;
}

/* The held line plus more[0..n) as one piece in f->joined; the stream's held
 * buffer is free again after this. */
static int join_held(struct filter *f, struct stream *s, const char *more, size_t n)
{
	if (grow(&f->joined, &f->joined_cap, s->held_len + n))
		return -ENOMEM;
	memcpy(f->joined, s->held, s->held_len);
	if (n)
		memcpy(f->joined + s->held_len, more, n);
	return 0;
}

static int hold(struct stream *s, const struct kg_event *ev, const char *p, size_t n)
{
	if (!s->held_len)
		s->held_hdr = *ev;
	if (grow(&s->held, &s->held_cap, s->held_len + n))
		return -ENOMEM;
	memcpy(s->held + s->held_len, p, n);
	s->held_len += n;
	return 0;
}

static struct stream *stream_get(struct filter *f, uint64_t key);

static int emit(struct filter *f, const struct kg_msg *m, bool with_lines, size_t held)
{
	struct kg_msg o = *m;

	static const struct kg_line no_lines[1];

	if (with_lines) {
		/* Never NULL here: NULL tells the output to show the raw data. */
		o.lines = f->lines ? f->lines : no_lines;
		o.nlines = f->nlines;
	}
	o.held = held;
	return f->out(f->ctx, &o);
}

/* Shows a stream's unfinished line now, under the write that began it. */
static int flush_held(struct filter *f, struct stream *s)
{
	struct kg_msg m = {.ev = &s->held_hdr};
	int err;

	if (!s->held_len)
		return 0;
	f->nlines = 0;
	err = join_held(f, s, NULL, 0);
	if (!err)
		err = add_line(f, s->key, f->joined, s->held_len, false);
	s->held_len = 0;
	if (err || !f->nlines)
		return err;
	return emit(f, &m, true, 0);
}

static int text_message(struct filter *f, struct stream *s, uint64_t key, const struct kg_msg *m)
{
	const char *p = m->data, *end = m->data + m->len, *q;
	bool cut = m->missing || m->ev->size > m->ev->cap;
	size_t len;
	int err = 0;

	f->nlines = 0;
	if (s->held_len) {
		q = memchr(p, '\n', end - p);
		if (q) {
			err = join_held(f, s, p, q - p);
			len = s->held_len + (q - p);
			s->held_len = 0;
			if (!err)
				err = add_line(f, key, f->joined, len, true);
			p = q + 1;
		} else if (cut || s->held_len + (end - p) > FILTER_HELD_MAX) {
			err = join_held(f, s, p, end - p);
			len = s->held_len + (end - p);
			s->held_len = 0;
			if (!err)
				err = add_line(f, key, f->joined, len, false);
			p = end;
		} else {
			err = hold(s, m->ev, p, end - p);
			p = end;
		}
	}
	while (!err && p < end) {
		q = memchr(p, '\n', end - p);
		if (!q) {
			/* The rest of a cut write never comes: show it as it is. */
			if (cut || end - p > FILTER_HELD_MAX)
				err = add_line(f, key, p, end - p, false);
			else
				err = hold(s, m->ev, p, end - p);
			break;
		}
		err = add_line(f, key, p, q - p, true);
		p = q + 1;
	}
	if (err)
		return err;
	/* Nothing kept: the write is left out, unless it began or grew a line
	 * that is still open (its header says so). Under --grep it is left out
	 * anyway: whether that line matches is not known yet. */
	if (!f->nlines && f->filtering && (f->have_rx || !s->held_len))
		return 0;
	return emit(f, m, true, s->held_len);
}

static bool looks_binary(const struct stream *s, const char *p, size_t len)
{
	size_t skip = 0;

	/* A character split between two writes: its continuation bytes open
	 * this one and are text, not garbage. */
	if (s && s->held_len && escape__utf8_tail(s->held, s->held_len))
		while (skip < 3 && skip < len && ((unsigned char)p[skip] & 0xc0) == 0x80)
			skip++;
	return len > skip && text__is_binary(p + skip, len - skip);
}

static struct stream *stream_get(struct filter *f, uint64_t key)
{
	struct stream *s = stream_find(f, key);
	unsigned b;

	if (s)
		return s;
	if (f->nr_streams >= MAX_STREAMS) {
		/* Show what is held rather than lose it, then start over. */
		filter__finish(f);
		free_streams(f);
	}
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->key = key;
	b = bucket_of(key);
	s->next = f->buckets[b];
	f->buckets[b] = s;
	f->nr_streams++;
	return s;
}

int filter__message(struct filter *f, const struct kg_msg *m)
{
	uint64_t key = key_of(m->ev), prev = 0;
	struct stream *s;
	int err;

	if (!f->shaping)
		return f->out(f->ctx, (struct kg_msg *)m);
	if (m->ev->ret < 0 || (!m->len && !m->missing)) {
		/* A failed or empty write has no line to match. */
		if (f->have_rx)
			return 0;
		return emit(f, m, false, 0);
	}
	s = stream_get(f, key);
	if (!s)
		return -ENOMEM;
	s->last_hdr = *m->ev;
	if (!looks_binary(s, m->data, m->len))
		return text_message(f, s, key, m);

	/* Binary: a whole write is one message. An unfinished text line before
	 * it is over: show it first. */
	err = flush_held(f, s);
	if (err)
		return err;
	if (f->cfg.no_binary) {
		f->stats.binary_writes++;
		f->stats.binary_bytes += m->ev->size;
		return 0;
	}
	if (!matches(f, m->data, m->len, false)) {
		f->stats.grep_lines++;
		return 0;
	}
	if (f->repeats && repeat__seen(f->repeats, key, m->data, m->len, &prev)) {
		f->stats.repeat_msgs++;
		return 0;
	}
	{
		struct kg_msg o = *m;

		o.repeats = prev;
		return f->out(f->ctx, &o);
	}
}

static int note(struct filter *f, uint64_t key, uint64_t n)
{
	struct stream *s = stream_find(f, key);
	struct kg_event ev = {};
	struct kg_msg m = {.ev = &ev, .repeats = n, .note_only = true};

	if (s) {
		ev = s->last_hdr;
	} else {
		ev.pid = ev.tid = key >> 32;
		ev.fd = (__s32)(key & 0x7fffffff);
		ev.kind = KG_EV_DATA;
	}
	return f->out(f->ctx, &m);
}

static int end_stream(struct filter *f, struct stream *s)
{
	uint64_t n;
	int err = flush_held(f, s);

	if (err || !f->repeats)
		return err;
	/* A new stream reusing this fd must not have its first line taken
	 * for a repeat of the old one's last. */
	n = repeat__forget(f->repeats, s->key);
	return n ? note(f, s->key, n) : 0;
}

int filter__end(struct filter *f, __u32 pid, __s32 first, __s32 last)
{
	struct stream *s;
	unsigned i;
	int err;

	if (!f->shaping)
		return 0;
	if (last - first < 64) {
		for (__s64 fd = first; fd <= last; fd++) {
			uint64_t key = (uint64_t)pid << 32 | (__u32)fd;

			if ((s = stream_find(f, key)) && (err = end_stream(f, s)))
				return err;
			if ((s = stream_find(f, key | KEY_READ)) && (err = end_stream(f, s)))
				return err;
		}
		return 0;
	}
	for (i = 0; i < NR_BUCKETS; i++) {
		for (s = f->buckets[i]; s; s = s->next) {
			__s32 fd = (__s32)(s->key & 0x7fffffff);

			if (s->key >> 32 == pid && fd >= first && fd <= last &&
			    (err = end_stream(f, s)))
				return err;
		}
	}
	return 0;
}

struct drain_ctx {
	struct filter *f;
	int err;
};

static void drain_one(uint64_t key, uint64_t n, void *ctx)
{
	struct drain_ctx *d = ctx;

	if (!d->err)
		d->err = note(d->f, key, n);
}

int filter__finish(struct filter *f)
{
	struct drain_ctx d = {.f = f};
	struct stream *s;
	unsigned i;
	int err;

	if (!f->shaping)
		return 0;
	for (i = 0; i < NR_BUCKETS; i++)
		for (s = f->buckets[i]; s; s = s->next)
			if ((err = flush_held(f, s)))
				return err;
	repeat__drain(f->repeats, drain_one, &d);
	return d.err;
}

void filter__report(const struct filter *f, FILE *err)
{
	const struct filter_stats *st = &f->stats;

	if (f->cfg.no_binary)
		fprintf(err, "kubeglass: --no-binary skipped %llu write%s (%llu bytes)\n",
			(unsigned long long)st->binary_writes, st->binary_writes == 1 ? "" : "s",
			(unsigned long long)st->binary_bytes);
	if (f->cfg.grep)
		fprintf(err, "kubeglass: --grep left out %llu line%s or binary write%s\n",
			(unsigned long long)st->grep_lines, st->grep_lines == 1 ? "" : "s",
			st->grep_lines == 1 ? "" : "s");
	if (f->cfg.no_repeats)
		fprintf(err, "kubeglass: --no-repeats hid %llu repeated message%s\n",
			(unsigned long long)st->repeat_msgs, st->repeat_msgs == 1 ? "" : "s");
}
