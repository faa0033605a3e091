// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Repeat suppression: per-stream counts, drains, long messages and eviction. */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "repeat.h"

#define SEEN(t, key, lit, prev) repeat__seen(t, key, lit, sizeof(lit) - 1, prev)

struct drained {
	uint64_t keys[2 * REPEAT_MAX_STREAMS + 16];
	uint64_t counts[2 * REPEAT_MAX_STREAMS + 16];
	size_t n;
	uint64_t total;
};

static void collect(uint64_t key, uint64_t n, void *ctx)
{
	struct drained *d = ctx;

	if (d->n < sizeof(d->keys) / sizeof(d->keys[0])) {
		d->keys[d->n] = key;
		d->counts[d->n] = n;
	}
	d->n++;
	d->total += n;
}

static struct drained *drain(struct repeat_table *t)
{
	struct drained *d = calloc(1, sizeof(*d));

	if (!d)
		abort();
	repeat__drain(t, collect, d);
	return d;
}

TEST(repeat_one_stream)
{
	struct repeat_table *t = repeat__new();
	struct drained *d;
	uint64_t prev = 99;

	CHECK(t);
	CHECK(!SEEN(t, 1, "hello\n", &prev));
	CHECK(prev == 0);
	CHECK(SEEN(t, 1, "hello\n", &prev));
	CHECK(SEEN(t, 1, "hello\n", &prev));
	CHECK(SEEN(t, 1, "hello\n", &prev));
	CHECK(!SEEN(t, 1, "world\n", &prev));
	CHECK(prev == 3);
	CHECK(!SEEN(t, 1, "hello\n", &prev));
	CHECK(prev == 0);
	CHECK(SEEN(t, 1, "hello\n", &prev));

	d = drain(t);
	CHECK(d->n == 1);
	CHECK(d->keys[0] == 1 && d->counts[0] == 1);
	free(d);
	/* Counts were reset; the previous message is kept, as syslogd does. */
	d = drain(t);
	CHECK(d->n == 0);
	free(d);
	CHECK(SEEN(t, 1, "hello\n", &prev));
	CHECK(!SEEN(t, 1, "bye\n", &prev));
	CHECK(prev == 1);
	repeat__free(t);
}

TEST(repeat_full_bytes)
{
	struct repeat_table *t = repeat__new();
	uint64_t prev;

	CHECK(!SEEN(t, 1, "abcdef", &prev));
	CHECK(!SEEN(t, 1, "abcdeg", &prev));
	CHECK(!SEEN(t, 1, "abcde", &prev));
	CHECK(!SEEN(t, 1, "abcdef", &prev));
	CHECK(!SEEN(t, 1, "xbcdef", &prev));
	CHECK(!repeat__seen(t, 1, "", 0, &prev));
	CHECK(repeat__seen(t, 1, "", 0, &prev));
	CHECK(repeat__seen(t, 1, NULL, 0, NULL));
	CHECK(!SEEN(t, 1, "\0", &prev));
	CHECK(prev == 2);
	CHECK(!SEEN(t, 1, "\0\0", &prev));
	CHECK(SEEN(t, 1, "\0\0", &prev));
	repeat__free(t);
}

TEST(repeat_message_is_copied)
{
	struct repeat_table *t = repeat__new();
	char msg[] = "mutable";
	uint64_t prev;

	CHECK(!repeat__seen(t, 5, msg, 7, &prev));
	msg[0] = 'M';
	CHECK(!repeat__seen(t, 5, msg, 7, &prev));
	CHECK(repeat__seen(t, 5, "Mutable", 7, &prev));
	repeat__free(t);
}

TEST(repeat_streams_independent)
{
	struct repeat_table *t = repeat__new();
	uint64_t a = 100ULL << 32 | 1, b = 100ULL << 32 | 2, c = 200ULL << 32 | 1;
	struct drained *d;
	uint64_t prev;

	CHECK(!SEEN(t, a, "x", &prev));
	CHECK(!SEEN(t, b, "x", &prev)); /* same bytes, another stream */
	CHECK(!SEEN(t, c, "x", &prev));
	CHECK(SEEN(t, a, "x", &prev));
	CHECK(SEEN(t, b, "x", &prev));
	CHECK(SEEN(t, a, "x", &prev));
	CHECK(!SEEN(t, b, "y", &prev));
	CHECK(prev == 1);
	CHECK(SEEN(t, a, "x", &prev));
	CHECK(SEEN(t, c, "x", &prev));
	CHECK(!SEEN(t, a, "z", &prev));
	CHECK(prev == 3);
	CHECK(SEEN(t, b, "y", &prev));
	CHECK(SEEN(t, b, "y", &prev));

	d = drain(t);
	CHECK(d->n == 2);
	/* Least recently used first: c was touched before b. */
	CHECK(d->keys[0] == c && d->counts[0] == 1);
	CHECK(d->keys[1] == b && d->counts[1] == 2);
	free(d);
	repeat__free(t);
}

TEST(repeat_forget)
{
	struct repeat_table *t = repeat__new();
	struct drained *d;
	uint64_t prev;

	CHECK(!SEEN(t, 7, "tick", &prev));
	CHECK(SEEN(t, 7, "tick", &prev));
	CHECK(SEEN(t, 7, "tick", &prev));
	CHECK(repeat__forget(t, 7) == 2);
	CHECK(repeat__forget(t, 7) == 0);
	CHECK(repeat__forget(t, 8) == 0);
	/* A new stream reusing the key shows its first message. */
	CHECK(!SEEN(t, 7, "tick", &prev));
	CHECK(prev == 0);
	d = drain(t);
	CHECK(d->n == 0);
	free(d);
	repeat__free(t);
}

TEST(repeat_long_messages)
{
	size_t big = 3 * REPEAT_FULL_MAX + 17, i;
	struct repeat_table *t = repeat__new();
	char *a = malloc(big), *b = malloc(big);
	uint64_t prev;

	for (i = 0; i < big; i++)
		a[i] = 'a' + i * 7 % 26;
	memcpy(b, a, big);
	CHECK(!repeat__seen(t, 1, a, big, &prev));
	CHECK(repeat__seen(t, 1, b, big, &prev));
	/* A difference far from both edges is caught by the hash. */
	b[big / 2] ^= 1;
	CHECK(!repeat__seen(t, 1, b, big, &prev));
	CHECK(prev == 1);
	b[big / 2] ^= 1;
	CHECK(!repeat__seen(t, 1, b, big, &prev)); /* a again */
	b[0] ^= 1;
	CHECK(!repeat__seen(t, 1, b, big, &prev));
	b[0] ^= 1;
	b[big - 1] ^= 1;
	CHECK(!repeat__seen(t, 1, a, big, &prev));
	CHECK(!repeat__seen(t, 1, b, big, &prev));
	CHECK(!repeat__seen(t, 1, a, big - 1, &prev));
	CHECK(repeat__seen(t, 1, a, big - 1, &prev));

	/* Around the threshold between whole and edge-and-hash comparison. */
	CHECK(!repeat__seen(t, 2, a, REPEAT_FULL_MAX, &prev));
	CHECK(repeat__seen(t, 2, a, REPEAT_FULL_MAX, &prev));
	CHECK(!repeat__seen(t, 2, a, REPEAT_FULL_MAX + 1, &prev));
	CHECK(repeat__seen(t, 2, a, REPEAT_FULL_MAX + 1, &prev));
	memcpy(b, a, big);
	b[REPEAT_FULL_MAX / 2] ^= 1;
	CHECK(!repeat__seen(t, 2, b, REPEAT_FULL_MAX + 1, &prev));
	CHECK(!repeat__seen(t, 2, b, REPEAT_FULL_MAX, &prev));
	CHECK(!repeat__seen(t, 2, a, REPEAT_FULL_MAX, &prev));
	/* Back to a short message in the grown buffer. */
	CHECK(!SEEN(t, 2, "short", &prev));
	CHECK(SEEN(t, 2, "short", &prev));
	free(a);
	free(b);
	repeat__free(t);
}

TEST(repeat_lru_eviction)
{
	struct repeat_table *t = repeat__new();
	struct drained *d;
	uint64_t prev, k;

	for (k = 0; k < REPEAT_MAX_STREAMS; k++)
		CHECK(!SEEN(t, k, "m", &prev));
	CHECK(SEEN(t, 0, "m", &prev)); /* key 0 is now the most recent, with a count */
	CHECK(SEEN(t, 2, "m", &prev));
	CHECK(!SEEN(t, REPEAT_MAX_STREAMS, "m", &prev)); /* evicts key 1 */
	CHECK(SEEN(t, 0, "m", &prev));
	CHECK(!SEEN(t, 1, "m", &prev)); /* was evicted, so forgotten; evicts key 3 */
	CHECK(!SEEN(t, 3, "m", &prev));
	CHECK(SEEN(t, 2, "m", &prev));
	d = drain(t);
	CHECK(d->n == 2);
	CHECK(d->total == 4);
	free(d);

	/* An evicted stream's pending count waits for the next drain. */
	CHECK(SEEN(t, 0, "m", &prev));
	CHECK(SEEN(t, 0, "m", &prev));
	CHECK(SEEN(t, 2, "m", &prev));
	CHECK(SEEN(t, 2, "m", &prev));
	for (k = 0; k < REPEAT_MAX_STREAMS; k++)
		CHECK(!SEEN(t, 1000000 + k, "n", &prev));
	d = drain(t);
	CHECK(d->n == 2); /* keys 0 and 2 had counts of 2 */
	CHECK(d->keys[0] == 0 && d->counts[0] == 2);
	CHECK(d->keys[1] == 2 && d->counts[1] == 2);
	free(d);
	repeat__free(t);
}

TEST(repeat_evicted_counts_bounded)
{
	struct repeat_table *t = repeat__new();
	struct drained *d;
	uint64_t prev, k;

	/* Two generations of streams, each with 1 repeat: the first is evicted in full. */
	for (k = 0; k < 2 * REPEAT_MAX_STREAMS; k++) {
		CHECK(!SEEN(t, k, "r", &prev));
		CHECK(SEEN(t, k, "r", &prev));
	}
	/* Evicting one more would lose a count: the new stream goes untracked. */
	CHECK(!SEEN(t, 1ULL << 40, "u", &prev));
	CHECK(!SEEN(t, 1ULL << 40, "u", &prev));
	CHECK(SEEN(t, 2 * REPEAT_MAX_STREAMS - 1, "r", &prev));

	d = drain(t);
	CHECK(d->n == 2 * REPEAT_MAX_STREAMS);
	CHECK(d->total == 2 * REPEAT_MAX_STREAMS + 1);
	for (k = 0; k < REPEAT_MAX_STREAMS; k++)
		CHECK(d->keys[k] == k && d->counts[k] == 1);
	free(d);
	/* After the drain there is room again. */
	CHECK(!SEEN(t, 1ULL << 40, "u", &prev));
	CHECK(SEEN(t, 1ULL << 40, "u", &prev));
	repeat__free(t);
}

TEST(repeat_byte_budget)
{
	size_t streams = REPEAT_BYTES_MAX / REPEAT_FULL_MAX + 50, k;
	struct repeat_table *t = repeat__new();
	char *msg = malloc(REPEAT_FULL_MAX);
	struct drained *d;
	uint64_t prev;

	for (k = 0; k < streams; k++) {
		memset(msg, 'a' + k % 26, REPEAT_FULL_MAX);
		CHECK(!repeat__seen(t, k, msg, REPEAT_FULL_MAX, &prev));
		CHECK(repeat__seen(t, k, msg, REPEAT_FULL_MAX, &prev));
	}
	/* The oldest streams went to keep stored bytes under budget; the newest remain. */
	memset(msg, 'a', REPEAT_FULL_MAX);
	CHECK(!repeat__seen(t, 0, msg, REPEAT_FULL_MAX, &prev));
	k = streams - 1;
	memset(msg, 'a' + k % 26, REPEAT_FULL_MAX);
	CHECK(repeat__seen(t, k, msg, REPEAT_FULL_MAX, &prev));
	d = drain(t);
	CHECK(d->total == streams + 1);
	free(d);
	free(msg);
	repeat__free(t);
}

TEST(repeat_null_table)
{
	uint64_t prev = 5;

	CHECK(!SEEN(NULL, 1, "x", &prev));
	CHECK(prev == 0);
	CHECK(repeat__forget(NULL, 1) == 0);
	repeat__drain(NULL, collect, NULL);
	repeat__free(NULL);
}

int main(void)
{
	RUN(repeat_one_stream);
	RUN(repeat_full_bytes);
	RUN(repeat_message_is_copied);
	RUN(repeat_streams_independent);
	RUN(repeat_forget);
	RUN(repeat_long_messages);
	RUN(repeat_lru_eviction);
	RUN(repeat_evicted_counts_bounded);
	RUN(repeat_byte_budget);
	RUN(repeat_null_table);
	return CHECK_DONE();
}
