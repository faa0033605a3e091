/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Where an event is shaped and filtered, between reassembly and the output. Text writes are
 * cut into lines per stream (process, fd and direction): an unfinished last line is held and
 * joined with the stream's next write, so a line written in two pieces is shown, matched and
 * compared whole. Then the chain: --no-binary, --grep, --no-repeats. What the chain skips is
 * counted for the report at exit.
 *
 * Binary writes are whole messages: they are never joined or cut.
 */
#ifndef __KUBEGLASS_FILTER_H
#define __KUBEGLASS_FILTER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "reassemble.h"

/* An unfinished line longer than this is shown as it is, marked unfinished. */
#define FILTER_HELD_MAX 65536

struct filter_config {
	bool lines;      /* cut text into lines (pretty output); implied by the three below */
	bool no_binary;
	bool no_repeats;
	const char *grep; /* an extended regex, checked already; NULL: none */
};

struct filter_stats {
	uint64_t binary_writes; /* skipped by --no-binary */
	uint64_t binary_bytes;
	uint64_t grep_lines;    /* lines (or binary writes) --grep left out */
	uint64_t repeat_msgs;   /* messages --no-repeats left out */
};

/* Receives each shaped message; returns 0 to go on. */
typedef int (*filter_out_fn)(void *ctx, struct kg_msg *m);

struct filter;

/* NULL on failure (out of memory, or a regex that does not compile). */
struct filter *filter__new(const struct filter_config *cfg, filter_out_fn out, void *ctx);
void filter__free(struct filter *f);

/* Takes one whole message from reassembly. m's shaping fields are set here. */
int filter__message(struct filter *f, const struct kg_msg *m);
/* fds first..last of pid were closed, or pid ended (first = 0, last = INT32_MAX): their
 * unfinished lines and pending repeat counts are shown now. */
int filter__end(struct filter *f, __u32 pid, __s32 first, __s32 last);
/* At exit: every unfinished line and repeat count. */
int filter__finish(struct filter *f);
const struct filter_stats *filter__stats(const struct filter *f);
/* One status line per filter in use, with what it skipped. */
void filter__report(const struct filter *f, FILE *err);

#endif /* __KUBEGLASS_FILTER_H */
