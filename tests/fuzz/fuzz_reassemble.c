// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Ring-buffer record decoding and chunk reassembly (src/reassemble.c) fed what a broken or
 * hostile producer could send: raw headers with any field values, truncated records, lengths
 * that lie, chunks duplicated, out of order, from interleaved threads, and callbacks that stop.
 *
 * Input: a list of operations. Op byte % 4 == 0: a raw record of any size whose header bytes come
 * from the input; 1: a well-formed-looking record built from small field values; 2: the previous
 * record again; 3: flush. Structured records carry payload bytes that are a function of their
 * offset in the message, so every message handed over can be checked byte for byte.
 */
#include "fuzz.h"
#include "reassemble.h"

#define MAGIC_FD 7777
#define MAX_RECORDS 256

static uint8_t pattern(uint64_t off)
{
	return (uint8_t)(off * 31 + (off >> 8));
}

struct state {
	uint64_t msgs;
	int stop_next; /* make the next callback return nonzero */
};

static int on_msg(void *ctx, const struct kg_msg *m)
{
	struct state *s = ctx;
	volatile uint8_t sink = 0;
	size_t i;

	FUZZ_CHECK(m->ev->kind == KG_EV_DATA);
	FUZZ_CHECK(m->ev->cap <= m->ev->size);
	FUZZ_CHECK(m->len <= m->ev->cap);
	FUZZ_CHECK(m->missing == m->ev->cap - m->len);
	for (i = 0; i < m->len; i++) {
		sink ^= (uint8_t)m->data[i]; /* every byte handed over must be readable */
		if (m->ev->fd == MAGIC_FD)
			FUZZ_CHECK((uint8_t)m->data[i] == pattern(i));
	}
	(void)sink;
	s->msgs++;
	if (s->stop_next) {
		s->stop_next = 0;
		return 1;
	}
	return 0;
}

static int on_notice(void *ctx, const struct kg_event *ev)
{
	FUZZ_CHECK(ev->kind == KG_EV_EXIT || ev->kind == KG_EV_FORK || ev->kind == KG_EV_EXEC);
	return 0;
}

/* A record with fields kept small, so that chunks of one message do meet. */
static uint8_t *structured(struct fuzz_in *in, size_t *size)
{
	struct kg_event ev = {};
	uint8_t *rec;
	uint32_t i, claimed, real;

	ev.kind = 1 + fuzz__u8(in) % 5; /* DATA, EXIT, FORK, EXEC or unknown */
	ev.tid = fuzz__u8(in) % 4;
	ev.pid = ev.tid % 2;
	ev.flags = fuzz__u8(in);
	ev.sys = fuzz__u8(in) % (KG_SYS__MAX + 1);
	ev.fd = MAGIC_FD;
	ev.size = fuzz__uint(in, 2);
	ev.cap = fuzz__uint(in, 2);
	ev.off = fuzz__uint(in, 2);
	ev.ret = (int64_t)ev.size;
	ev.msg = fuzz__u8(in) % 2;
	claimed = fuzz__uint(in, 2) % (KG_CHUNK + 2);
	/* Usually the data the header claims; sometimes less (a truncated record). */
	real = fuzz__u8(in) % 8 ? claimed : claimed / 2;
	ev.len = claimed;
	*size = sizeof(ev) + real;
	rec = malloc(*size);
	if (!rec)
		abort();
	memcpy(rec, &ev, sizeof(ev));
	for (i = 0; i < real; i++)
		rec[sizeof(ev) + i] = pattern(ev.off + i);
	return rec;
}

/* Any bytes at all, header included; never posing as a structured record. */
static uint8_t *raw(struct fuzz_in *in, size_t *size)
{
	size_t want = fuzz__uint(in, 2) % (sizeof(struct kg_event) + 512), got;
	const uint8_t *p = fuzz__bytes(in, want, &got);
	uint8_t *rec = malloc(got ? got : 1);
	struct kg_event ev;

	if (!rec)
		abort();
	memcpy(rec, p, got);
	if (got >= sizeof(ev)) {
		memcpy(&ev, rec, sizeof(ev));
		if (ev.fd == MAGIC_FD) {
			ev.fd = 0;
			memcpy(rec, &ev, sizeof(ev));
		}
	}
	*size = got;
	return rec;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = {data, size};
	struct state st = {};
	struct reasm *r = reasm__new(on_msg, on_notice, &st);
	uint8_t *prev = NULL, *rec;
	size_t prev_size = 0, rec_size;
	int n;

	if (!r)
		return 0;
	for (n = 0; n < MAX_RECORDS && in.n; n++) {
		uint8_t op = fuzz__u8(&in);

		st.stop_next = (op & 0x80) != 0;
		switch (op % 4) {
		case 0:
		case 1:
			rec = op % 4 ? structured(&in, &rec_size) : raw(&in, &rec_size);
			reasm__push(r, rec, rec_size);
			free(prev);
			prev = rec;
			prev_size = rec_size;
			break;
		case 2:
			if (prev)
				reasm__push(r, prev, prev_size);
			break;
		case 3:
			reasm__flush(r);
			break;
		}
	}
	st.stop_next = 0;
	reasm__flush(r);
	FUZZ_CHECK(reasm__stats(r)->incomplete <= st.msgs);
	free(prev);
	reasm__free(r);
	return 0;
}
