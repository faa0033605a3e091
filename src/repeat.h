/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Syslog-style suppression of repeated identical messages (--no-repeats), per stream. A stream
 * key is a uint64_t the caller builds (from pid and fd).
 *
 * Memory is bounded: at most REPEAT_MAX_STREAMS streams and REPEAT_BYTES_MAX bytes of stored
 * messages, least recently used streams are evicted past either. An evicted stream's pending
 * repeat count is not lost: it is reported by the next repeat__drain, after which the stream
 * starts afresh (its next message is printed). If more than REPEAT_MAX_STREAMS evicted counts
 * wait for a drain, a stream whose eviction would lose one is not evicted; the new stream then
 * goes untracked until the next drain (its messages are all printed, never wrongly hidden).
 *
 * A message up to REPEAT_FULL_MAX bytes is stored and compared whole. A longer one is compared
 * by length, a 64-bit hash of all its bytes and its first and last REPEAT_EDGE bytes.
 */
#ifndef __KUBEGLASS_REPEAT_H
#define __KUBEGLASS_REPEAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define REPEAT_MAX_STREAMS 4096
#define REPEAT_BYTES_MAX (16 << 20)
#define REPEAT_FULL_MAX 65536
#define REPEAT_EDGE 4096

struct repeat_table;

struct repeat_table *repeat__new(void);
void repeat__free(struct repeat_table *t); /* accepts NULL */

/* Returns true if msg equals the previous message of stream key: the caller suppresses it.
 * Otherwise the message becomes the stream's previous message, and *prev_repeats is set to
 * how many times the old previous message was repeated (0 if none): the caller prints
 * "previous message repeated N times" before the new message when it is nonzero.
 * prev_repeats may be NULL. Out of memory (or t NULL) gives false, never a crash. */
bool repeat__seen(struct repeat_table *t, uint64_t key, const void *msg, size_t len,
		  uint64_t *prev_repeats);

/* Calls cb for every stream with a nonzero pending repeat count, resets them: first the counts
 * of evicted streams in eviction order (a key may come twice, once per run of repeats), then the
 * live streams, least recently used first. Previous messages are kept, as syslogd does, so the
 * same message arriving again is still suppressed. For exit, and when a stream ends. cb must not
 * call repeat__* on t. */
void repeat__drain(struct repeat_table *t, void (*cb)(uint64_t key, uint64_t n, void *ctx),
		   void *ctx);

/* Forgets stream key (it ended: a new stream reusing the key must not have its first message
 * taken for a repeat). Returns its pending repeat count, for the caller to print. */
uint64_t repeat__forget(struct repeat_table *t, uint64_t key);

#endif /* __KUBEGLASS_REPEAT_H */
