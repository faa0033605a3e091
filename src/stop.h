/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Stopping by itself: --duration and --count. Either way the caller then
 * detaches and drains, so everything captured until then is shown.
 */
#ifndef __KUBEGLASS_STOP_H
#define __KUBEGLASS_STOP_H

#include <stdbool.h>
#include <stdint.h>
#include "opts.h"

struct stop {
	uint64_t deadline_ns; /* CLOCK_MONOTONIC; 0: no --duration */
	uint64_t count;       /* 0: no --count */
	uint64_t shown;
	uint64_t after_count; /* events captured after --count was reached: not shown */
};

/* Starts the clock of --duration: call once tracing has started. */
void stop__start(struct stop *s, const struct kg_opts *o);
/* How long the event loop may wait: poll_ms, or less when the deadline is nearer. */
int stop__timeout_ms(const struct stop *s, int poll_ms);
/* True if an event may be shown (and counts it); false once --count is reached. */
bool stop__admit(struct stop *s);
/* True once --count events were shown: nothing more is shown. */
bool stop__counted_out(const struct stop *s);
/* Why to stop now ("--count reached", "--duration reached"), or NULL to go on. */
const char *stop__reason(const struct stop *s);

#endif /* __KUBEGLASS_STOP_H */
