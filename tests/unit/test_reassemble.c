// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <stdbool.h>
#include <stdlib.h>
#include "check.h"
#include "reassemble.h"

#define MAXREC (sizeof(struct kg_event) + KG_CHUNK)

struct got {
	int msgs;
	int notices;
	char data[8][100000];
	size_t len[8];
	uint64_t missing[8];
	__u32 tid[8];
};

static int on_msg(void *ctx, const struct kg_msg *m)
{
	struct got *g = ctx;

	if (g->msgs < 8) {
		memcpy(g->data[g->msgs], m->data, m->len);
		g->len[g->msgs] = m->len;
		g->missing[g->msgs] = m->missing;
		g->tid[g->msgs] = m->ev->tid;
	}
	g->msgs++;
	return 0;
}

static int on_notice(void *ctx, const struct kg_event *ev)
{
	((struct got *)ctx)->notices++;
	return 0;
}

/* Builds one record of a message of `size` bytes whose bytes are (off + i) & 0xff. */
static size_t rec(char *buf, __u32 tid, __u64 size, __u64 cap, __u64 off, __u32 len, int flags)
{
	struct kg_event *ev = (struct kg_event *)buf;
	__u32 i;

	memset(ev, 0, sizeof(*ev));
	ev->kind = KG_EV_DATA;
	ev->sys = KG_SYS_WRITE;
	ev->pid = 100;
	ev->tid = tid;
	ev->fd = 1;
	ev->size = size;
	ev->ret = size;
	ev->cap = cap;
	ev->off = off;
	ev->len = len;
	ev->flags = flags;
	for (i = 0; i < len; i++)
		ev->data[i] = (char)((off + i) & 0xff);
	return sizeof(*ev) + len;
}

static bool pattern_ok(const char *d, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)d[i] != (i & 0xff))
			return false;
	return true;
}

static struct got *new_got(void)
{
	return calloc(1, sizeof(struct got));
}

TEST(single_record)
{
	static char b[MAXREC];
	struct got *g = new_got();
	struct reasm *r = reasm__new(on_msg, on_notice, g);
	size_t n = rec(b, 1, 10, 10, 0, 10, KG_F_FIRST | KG_F_LAST);

	CHECK(reasm__push(r, b, n) == 0);
	CHECK(g->msgs == 1 && g->len[0] == 10 && g->missing[0] == 0);
	CHECK(pattern_ok(g->data[0], 10));
	reasm__free(r);
	free(g);
}

TEST(interleaved_threads)
{
	static char b[MAXREC];
	struct got *g = new_got();
	struct reasm *r = reasm__new(on_msg, on_notice, g);

	/* Two threads, each a 3-chunk message, chunks interleaved as from two CPUs. */
	reasm__push(r, b, rec(b, 1, 40000, 40000, 0, 16384, KG_F_FIRST));
	reasm__push(r, b, rec(b, 2, 33000, 33000, 0, 16384, KG_F_FIRST));
	reasm__push(r, b, rec(b, 1, 40000, 40000, 16384, 16384, 0));
	reasm__push(r, b, rec(b, 2, 33000, 33000, 16384, 16384, 0));
	reasm__push(r, b, rec(b, 2, 33000, 33000, 32768, 232, KG_F_LAST));
	reasm__push(r, b, rec(b, 1, 40000, 40000, 32768, 7232, KG_F_LAST));
	CHECK(g->msgs == 2);
	CHECK(g->tid[0] == 2 && g->len[0] == 33000 && pattern_ok(g->data[0], 33000));
	CHECK(g->tid[1] == 1 && g->len[1] == 40000 && pattern_ok(g->data[1], 40000));
	CHECK(reasm__stats(r)->malformed == 0 && reasm__stats(r)->incomplete == 0);
	reasm__free(r);
	free(g);
}

TEST(lost_tail_then_next_call)
{
	static char b[MAXREC];
	struct got *g = new_got();
	struct reasm *r = reasm__new(on_msg, on_notice, g);

	/* The ring refused the last chunk; the thread's next write shows up. */
	reasm__push(r, b, rec(b, 1, 20000, 20000, 0, 16384, KG_F_FIRST));
	reasm__push(r, b, rec(b, 1, 5, 5, 0, 5, KG_F_FIRST | KG_F_LAST));
	CHECK(g->msgs == 2);
	CHECK(g->len[0] == 16384 && g->missing[0] == 20000 - 16384);
	CHECK(g->len[1] == 5 && g->missing[1] == 0);
	CHECK(reasm__stats(r)->incomplete == 1);
	reasm__free(r);
	free(g);
}

TEST(flush_at_end_and_exit)
{
	static char b[MAXREC];
	struct got *g = new_got();
	struct reasm *r = reasm__new(on_msg, on_notice, g);
	struct kg_event ev = {.kind = KG_EV_EXIT, .pid = 100, .tid = 100};

	reasm__push(r, b, rec(b, 1, 20000, 20000, 0, 16384, KG_F_FIRST));
	reasm__push(r, b, rec(b, 7, 20000, 20000, 0, 16384, KG_F_FIRST));
	CHECK(g->msgs == 0);
	/* The process exited: its unfinished messages are handed over first. */
	reasm__push(r, &ev, sizeof(ev));
	CHECK(g->msgs == 2 && g->notices == 1);
	reasm__push(r, b, rec(b, 3, 20000, 20000, 0, 16384, KG_F_FIRST));
	reasm__flush(r);
	CHECK(g->msgs == 3 && g->missing[2] == 20000 - 16384);
	reasm__free(r);
	free(g);
}

TEST(truncated_and_fault)
{
	static char b[MAXREC];
	struct got *g = new_got();
	struct reasm *r = reasm__new(on_msg, on_notice, g);

	/* size > cap: truncated by --max-bytes, nothing missing in transit. */
	reasm__push(r, b, rec(b, 1, 5000, 1000, 0, 1000, KG_F_FIRST | KG_F_LAST | KG_F_TRUNC));
	CHECK(g->msgs == 1 && g->len[0] == 1000 && g->missing[0] == 0);
	/* A fault: the last record ends early. */
	reasm__push(r, b, rec(b, 1, 3000, 3000, 0, 100, KG_F_FIRST | KG_F_LAST | KG_F_FAULT));
	CHECK(g->msgs == 2 && g->len[1] == 100 && g->missing[1] == 2900);
	CHECK(reasm__stats(r)->incomplete == 0);
	reasm__free(r);
	free(g);
}

TEST(malformed_records)
{
	static char b[MAXREC];
	struct got *g = new_got();
	struct reasm *r = reasm__new(on_msg, on_notice, g);
	struct kg_event *ev = (struct kg_event *)b;
	size_t n;

	CHECK(reasm__push(r, b, 10) == 0); /* shorter than a header */
	n = rec(b, 1, 10, 10, 0, 10, KG_F_FIRST | KG_F_LAST);
	CHECK(reasm__push(r, b, n - 1) == 0); /* len claims more than the record */
	rec(b, 1, 10, 10, 0, 10, KG_F_FIRST | KG_F_LAST);
	ev->len = KG_CHUNK + 1;
	reasm__push(r, b, MAXREC);
	rec(b, 1, 10, 20, 0, 10, KG_F_FIRST | KG_F_LAST); /* cap > size */
	reasm__push(r, b, n);
	rec(b, 1, 10, 10, 5, 10, KG_F_FIRST | KG_F_LAST); /* off + len > cap */
	reasm__push(r, b, n);
	rec(b, 1, 10, 10, 0, 10, KG_F_FIRST | KG_F_LAST);
	ev->sys = 0;
	reasm__push(r, b, n);
	ev->sys = KG_SYS__MAX;
	reasm__push(r, b, n);
	rec(b, 1, 10, 10, 0, 10, KG_F_FIRST | KG_F_LAST);
	ev->kind = 99;
	reasm__push(r, b, n);
	/* A middle chunk with no start, and one out of order. */
	reasm__push(r, b, rec(b, 4, 40000, 40000, 16384, 16384, 0));
	reasm__push(r, b, rec(b, 5, 40000, 40000, 0, 16384, KG_F_FIRST));
	reasm__push(r, b, rec(b, 5, 40000, 40000, 32768, 7232, KG_F_LAST));
	CHECK(g->msgs == 0);
	CHECK(reasm__stats(r)->malformed == 10);
	reasm__flush(r);
	CHECK(g->msgs == 1 && g->len[0] == 16384);
	reasm__free(r);
	free(g);
}

TEST(many_pending_bounded)
{
	static char b[MAXREC];
	struct got *g = new_got();
	struct reasm *r = reasm__new(on_msg, on_notice, g);
	__u32 t;

	/* 3000 threads each lose their tail: at most 1024 wait, the oldest go first. */
	for (t = 1; t <= 3000; t++)
		reasm__push(r, b, rec(b, t, 20000, 20000, 0, 100, KG_F_FIRST));
	CHECK(g->msgs == 3000 - 1024);
	CHECK(g->tid[0] == 1 && g->tid[1] == 2);
	reasm__flush(r);
	CHECK(g->msgs == 3000);
	reasm__free(r);
	free(g);
}

int main(void)
{
	RUN(single_record);
	RUN(interleaved_threads);
	RUN(lost_tail_then_next_call);
	RUN(flush_at_end_and_exit);
	RUN(truncated_and_fault);
	RUN(malformed_records);
	RUN(many_pending_bounded);
	return CHECK_DONE();
}
