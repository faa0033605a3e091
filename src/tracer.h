/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The BPF side's user-space half: configure, load and attach the programs,
 * keep the target set, read the ring buffer and the loss counters.
 */
#ifndef __KUBEGLASS_TRACER_H
#define __KUBEGLASS_TRACER_H

#include <stdbool.h>
#include <stdint.h>
#include <linux/types.h>
#include "kubeglass.h"
#include "opts.h"

struct tracer;

typedef int (*tracer_record_fn)(void *ctx, void *data, size_t size);

/* Which processes the kernel side selects, besides the PIDs added later. */
struct tracer_scope {
	uint64_t cgroup_id; /* nonzero: this cgroup v2 and its descendants, not PIDs */
	int cgroup_level;
};

/* Opens, configures from opts and scope, and loads the BPF object. On failure
 * returns -errno after printing one line that says what to do. */
int tracer__load(struct tracer **t, const struct kg_opts *opts, const struct tracer_scope *scope,
		 tracer_record_fn fn, void *ctx);
int tracer__attach(struct tracer *t);
/* Detaches the programs: no new records after this, the queued ones stay. */
void tracer__detach(struct tracer *t);
void tracer__destroy(struct tracer *t);

/* Adds or removes a target tgid; true if the set changed. */
bool tracer__add_pid(struct tracer *t, int pid);
bool tracer__remove_pid(struct tracer *t, int pid);
/* Targets alive, as the fork and exit hooks keep count. */
long tracer__live(struct tracer *t);

/* The fd to wait on for new records (epoll). */
int tracer__fd(struct tracer *t);
/* Records one tracer__consume takes at most, so that the caller gets back to its signals and
 * checks under a flood that never lets the ring run empty. */
#define TRACER_BATCH 256
/* Hands queued records to the callback, at most TRACER_BATCH. Returns the count or -errno; a
 * count of TRACER_BATCH means more may be waiting. */
int tracer__consume(struct tracer *t);
/* Sums the per-CPU counters into out[KG_STAT__MAX]. */
int tracer__stats(struct tracer *t, __u64 *out);
uint64_t tracer__ring_size(const struct tracer *t);
/* Calls each (process, fd, direction) that lost calls entirely, with the count. */
typedef int (*tracer_lost_fn)(void *ctx, const struct kg_lost_key *key, __u64 calls);
int tracer__lost_by_fd(struct tracer *t, tracer_lost_fn fn, void *ctx);

#endif /* __KUBEGLASS_TRACER_H */
