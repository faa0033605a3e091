/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Giving up privileges once the probes are attached. kubeglass reads bytes a possibly hostile
 * process chose; if a bug ever let those bytes take it over, it should hold as little as
 * possible by then. What is kept, and why, is the table in privs.c.
 */
#ifndef __KUBEGLASS_PRIVS_H
#define __KUBEGLASS_PRIVS_H

#include <stdint.h>

/* The capabilities kept after attach, as a mask of CAP_TO_MASK bits over 64 capabilities. */
uint64_t privs__keep_mask(void);

/*
 * Drops every capability but privs__keep_mask() from the effective, permitted, inheritable and
 * ambient sets and, where allowed, the bounding set; sets no_new_privs so that nothing can
 * regain them through exec. Everything BPF-related is already open by then: the ring buffer and
 * the maps are used through their fds and mmaps, which need no capability. Returns 0 or -errno
 * (the caller warns and goes on: still working beats stopping).
 */
int privs__drop(void);

#endif /* __KUBEGLASS_PRIVS_H */
