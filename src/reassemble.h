/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Puts records back together into whole messages (one write, or one message
 * of a sendmmsg). A thread is in one syscall at a time and the BPF side sends
 * a message's chunks in order, so chunks are matched by thread id and offset.
 * Records are checked before use: a malformed one is counted and dropped.
 */
#ifndef __KUBEGLASS_REASSEMBLE_H
#define __KUBEGLASS_REASSEMBLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/types.h>
#include "kubeglass.h"

/* One line of a text stream, as filter.c shapes it. */
struct kg_line {
	const char *p;
	size_t len;       /* without its '\n' */
	bool nl;          /* false: no newline came (the write was cut, or the stream ended) */
	uint64_t repeats; /* show "previous message repeated N times" before this line */
};

struct kg_msg {
	const struct kg_event *ev; /* the message's metadata (first record's header) */
	const char *data;
	size_t len;       /* bytes captured, data[0..len) */
	uint64_t missing; /* bytes of ev->cap that never arrived (ring full, fault) */
	/* Set by the stages after reassembly (filter.c, fdname.c); zero from reasm. */
	const char *fd_name;         /* what the fd names; NULL if not named */
	const struct kg_line *lines; /* non-NULL: show these lines instead of data */
	size_t nlines;
	size_t held;      /* bytes of an unfinished last line kept for the stream's next write */
	uint64_t repeats; /* a binary write: the previous one was repeated this many times */
	bool note_only;   /* nothing but the repeats note (a stream ended, or exit) */
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
