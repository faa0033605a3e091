// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <stdlib.h>
#include <string.h>

#include "repeat.h"

#define NR_BUCKETS (2 * REPEAT_MAX_STREAMS)
#define NIL (-1)
#define MIN_CAP 64

struct repeat_stream {
	uint64_t key;
	uint64_t repeats;
	size_t len;	    /* of the previous message */
	uint64_t hash;	    /* of the whole previous message, when len > REPEAT_FULL_MAX */
	unsigned char *buf; /* the message, or its first and last REPEAT_EDGE bytes */
	size_t cap;
	int32_t hnext; /* bucket chain, or free list */
	int32_t older, newer;
};

struct repeat_evicted {
	uint64_t key;
	uint64_t n;
};

struct repeat_table {
	struct repeat_stream streams[REPEAT_MAX_STREAMS];
	int32_t buckets[NR_BUCKETS];
	int32_t free_head;
	int32_t newest, oldest;
	size_t bytes; /* sum of every stream's cap */
	struct repeat_evicted evicted[REPEAT_MAX_STREAMS];
	size_t nr_evicted;
};

/* A message's 64-bit hash, computed at most once per call and only for long messages. */
struct msg_ref {
	const unsigned char *p;
	size_t len;
	uint64_t hash;
	bool hashed;
};

static uint64_t mix64(uint64_t x)
{
	x ^= x >> 32;
	x *= 0xd6e8feb86659fd93ULL;
	x ^= x >> 32;
	x *= 0xd6e8feb86659fd93ULL;
	x ^= x >> 32;
	return x;
}

static uint64_t msg_hash(struct msg_ref *m)
{
	uint64_t h, w;
	size_t i;

	if (m->hashed)
		return m->hash;
	h = mix64(m->len ^ 0x9e3779b97f4a7c15ULL);
	/* Each step is a bijection of h ^ w, so a word that differs always changes the state. */
	for (i = 0; i + 8 <= m->len; i += 8) {
		memcpy(&w, m->p + i, 8);
		h = mix64(h ^ w) + 0x9e3779b97f4a7c15ULL;
	}
	w = 0;
	memcpy(&w, m->p + i, m->len - i);
	m->hash = mix64(h ^ w ^ (uint64_t)(m->len - i) << 56);
	m->hashed = true;
	return m->hash;
}

static int32_t bucket_of(uint64_t key)
{
	return mix64(key) & (NR_BUCKETS - 1);
}

static int32_t stream_lookup(struct repeat_table *t, uint64_t key)
{
	int32_t i;

	for (i = t->buckets[bucket_of(key)]; i != NIL; i = t->streams[i].hnext)
		if (t->streams[i].key == key)
			return i;
	return NIL;
}

static void lru_unlink(struct repeat_table *t, int32_t i)
{
	struct repeat_stream *s = &t->streams[i];

	if (s->older != NIL)
		t->streams[s->older].newer = s->newer;
	else
		t->oldest = s->newer;
	if (s->newer != NIL)
		t->streams[s->newer].older = s->older;
	else
		t->newest = s->older;
}

static void lru_push_newest(struct repeat_table *t, int32_t i)
{
	struct repeat_stream *s = &t->streams[i];

	s->older = t->newest;
	s->newer = NIL;
	if (t->newest != NIL)
		t->streams[t->newest].newer = i;
	else
		t->oldest = i;
	t->newest = i;
}

static void stream_release(struct repeat_table *t, int32_t i)
{
	struct repeat_stream *s = &t->streams[i];
	int32_t *link = &t->buckets[bucket_of(s->key)];

	while (*link != i)
		link = &t->streams[*link].hnext;
	*link = s->hnext;
	lru_unlink(t, i);
	free(s->buf);
	t->bytes -= s->cap;
	memset(s, 0, sizeof(*s));
	s->hnext = t->free_head;
	t->free_head = i;
}

/* Evicts the least recently used stream but except. False if none can go without losing a
 * pending count (the evicted list is full until the next drain). */
static bool stream_evict_one(struct repeat_table *t, int32_t except)
{
	int32_t i = t->oldest;
	struct repeat_stream *s;

	if (i == except && i != NIL)
		i = t->streams[i].newer;
	if (i == NIL)
		return false;
	s = &t->streams[i];
	if (s->repeats) {
		if (t->nr_evicted == REPEAT_MAX_STREAMS)
			return false;
		t->evicted[t->nr_evicted].key = s->key;
		t->evicted[t->nr_evicted].n = s->repeats;
		t->nr_evicted++;
	}
	stream_release(t, i);
	return true;
}

static int32_t stream_add(struct repeat_table *t, uint64_t key)
{
	int32_t i, b = bucket_of(key);
	struct repeat_stream *s;

	if (t->free_head == NIL && !stream_evict_one(t, NIL))
		return NIL;
	i = t->free_head;
	s = &t->streams[i];
	t->free_head = s->hnext;
	s->key = key;
	s->hnext = t->buckets[b];
	t->buckets[b] = i;
	lru_push_newest(t, i);
	return i;
}

static bool stream_matches(const struct repeat_stream *s, struct msg_ref *m)
{
	if (s->len != m->len)
		return false;
	if (m->len == 0)
		return true;
	if (m->len <= REPEAT_FULL_MAX)
		return !memcmp(s->buf, m->p, m->len);
	return s->hash == msg_hash(m) && !memcmp(s->buf, m->p, REPEAT_EDGE) &&
	       !memcmp(s->buf + REPEAT_EDGE, m->p + m->len - REPEAT_EDGE, REPEAT_EDGE);
}

static bool stream_store(struct repeat_table *t, int32_t i, struct msg_ref *m)
{
	struct repeat_stream *s = &t->streams[i];
	size_t need = m->len <= REPEAT_FULL_MAX ? m->len : 2 * REPEAT_EDGE;

	if (need > s->cap) {
		size_t cap = MIN_CAP;
		unsigned char *buf;

		/* Powers of two: messages that slowly grow reallocate a few times only. */
		while (cap < need)
			cap *= 2;
		while (t->bytes - s->cap + cap > REPEAT_BYTES_MAX)
			if (!stream_evict_one(t, i))
				return false;
		buf = realloc(s->buf, cap);
		if (!buf)
			return false;
		t->bytes += cap - s->cap;
		s->buf = buf;
		s->cap = cap;
	}
	if (m->len <= REPEAT_FULL_MAX) {
		if (m->len)
			memcpy(s->buf, m->p, m->len);
	} else {
		memcpy(s->buf, m->p, REPEAT_EDGE);
		memcpy(s->buf + REPEAT_EDGE, m->p + m->len - REPEAT_EDGE, REPEAT_EDGE);
		s->hash = msg_hash(m);
	}
	s->len = m->len;
	return true;
}

struct repeat_table *repeat__new(void)
{
	struct repeat_table *t = calloc(1, sizeof(*t));
	int32_t i;

	if (!t)
		return NULL;
	for (i = 0; i < NR_BUCKETS; i++)
		t->buckets[i] = NIL;
	for (i = 0; i < REPEAT_MAX_STREAMS; i++)
		t->streams[i].hnext = i + 1 < REPEAT_MAX_STREAMS ? i + 1 : NIL;
	t->free_head = 0;
	t->newest = t->oldest = NIL;
	return t;
}

void repeat__free(struct repeat_table *t)
{
	int32_t i;

	if (!t)
		return;
	for (i = 0; i < REPEAT_MAX_STREAMS; i++)
		free(t->streams[i].buf);
	free(t);
}

bool repeat__seen(struct repeat_table *t, uint64_t key, const void *msg, size_t len,
		  uint64_t *prev_repeats)
{
	struct msg_ref m = {.p = msg, .len = len};
	struct repeat_stream *s;
	uint64_t unused;
	int32_t i;

	if (!prev_repeats)
		prev_repeats = &unused;
	*prev_repeats = 0;
	if (!t)
		return false;

	i = stream_lookup(t, key);
	if (i != NIL) {
		s = &t->streams[i];
		lru_unlink(t, i);
		lru_push_newest(t, i);
		if (stream_matches(s, &m)) {
			s->repeats++;
			return true;
		}
		*prev_repeats = s->repeats;
		s->repeats = 0;
	} else {
		i = stream_add(t, key);
		if (i == NIL)
			return false;
	}
	/* Its count was just handed over, so dropping the stream loses nothing. */
	if (!stream_store(t, i, &m))
		stream_release(t, i);
	return false;
}

void repeat__drain(struct repeat_table *t, void (*cb)(uint64_t key, uint64_t n, void *ctx),
		   void *ctx)
{
	size_t e;
	int32_t i;

	if (!t)
		return;
	for (e = 0; e < t->nr_evicted; e++)
		cb(t->evicted[e].key, t->evicted[e].n, ctx);
	t->nr_evicted = 0;
	for (i = t->oldest; i != NIL; i = t->streams[i].newer) {
		if (t->streams[i].repeats) {
			cb(t->streams[i].key, t->streams[i].repeats, ctx);
			t->streams[i].repeats = 0;
		}
	}
}

uint64_t repeat__forget(struct repeat_table *t, uint64_t key)
{
	uint64_t n;
	int32_t i;

	if (!t)
		return 0;
	i = stream_lookup(t, key);
	if (i == NIL)
		return 0;
	n = t->streams[i].repeats;
	stream_release(t, i);
	return n;
}
