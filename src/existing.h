/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * --existing: before the live stream, the last --tail lines each selected fd already holds.
 *
 * Why nothing is lost or shown twice. kubeglass attaches the probes and marks the targets
 * FIRST, and only then takes each file's size S. So every write either
 *   - returned before the target was marked: not captured live, and its bytes were in the
 *     file before S was taken, so they lie in [0, S); or
 *   - returns after: captured live, and the BPF side records the file offset it ended at
 *     (f_pos, or the offset argument of pwrite). Ending at or before S means its bytes lie
 *     in [0, S) too: the live copy is dropped. Ending past S but starting before (a write in
 *     progress while S was taken) has its first bytes cut. Past S: shown live.
 * The existing content shown is exactly bytes [start, S), start being where the last N
 * lines begin. The offsets are exact for one writer per fd (the usual log); threads writing
 * the same fd at once can make f_pos run ahead, which at worst shows a line twice.
 */
#ifndef __KUBEGLASS_EXISTING_H
#define __KUBEGLASS_EXISTING_H

#include <stdint.h>
#include "fdname.h"
#include "opts.h"
#include "output.h"
#include "reassemble.h"

struct existing;

/* Shows the existing content of every selected fd of the targets in opts through out, and
 * remembers each file's size for existing__live. Call after the targets are marked.
 * Returns NULL only when out of memory; per-fd problems are shown as lines. */
struct existing *existing__show(const struct kg_opts *opts, struct output *out,
				struct fdnames *names);
void existing__free(struct existing *x); /* accepts NULL */

/* For a live write: how many of its leading bytes the existing content already showed
 * (m->len or more: drop it; 0: show it all). */
uint64_t existing__overlap(struct existing *x, const struct kg_msg *m);
/* fds first..last of pid changed identity: their sizes no longer apply. */
void existing__fd_changed(struct existing *x, uint32_t pid, int64_t first, int64_t last);
/* Writes the existing content covered, dropped or cut. */
uint64_t existing__deduped(const struct existing *x);

#endif /* __KUBEGLASS_EXISTING_H */
