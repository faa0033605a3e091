/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Puts records back together into whole messages (one write, or one message
 * of a sendmmsg). A thread is in one syscall at a time and the BPF side sends
 * a message's chunks in order, so chunks are matched by thread id and offset.
 * Records are checked before use: a malformed one is counted and dropped.
 */
#ifndef __KUBEGLASS_REASSEMBLE_H
#define __KUBEGLASS_REASSEMBLE_H

#include <stddef.h>
#include <stdint.h>
#include <linux/types.h>
#include "kubeglass.h"

struct kg_msg {
	const struct kg_event *ev; /* the message's metadata (first record's header) */
	const char *data;
	size_t len;       /* bytes captured, data[0..len) */
	uint64_t missing; /* bytes of ev->cap that never arrived (ring full, fault) */
};

/* Callbacks return 0 to go on; a nonzero value stops and is passed back. */
typedef int (*reasm_msg_fn)(void *ctx, const struct kg_msg *m);
typedef int (*reasm_notice_fn)(void *ctx, const struct kg_event *ev);

struct reasm_stats {
	uint64_t malformed;  /* records that failed the checks */
	uint64_t incomplete; /* messages shown without their last bytes */
};

struct reasm;

struct reasm *reasm__new(reasm_msg_fn on_msg, reasm_notice_fn on_notice, void *ctx);
void reasm__free(struct reasm *r);
/* Takes one ring-buffer record of size bytes. */
int reasm__push(struct reasm *r, const void *rec, size_t size);
/* Hands over every unfinished message as incomplete: at exit. */
int reasm__flush(struct reasm *r);
const struct reasm_stats *reasm__stats(const struct reasm *r);

#endif /* __KUBEGLASS_REASSEMBLE_H */
