/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Which processes to trace: checking a PID names a process we can trace. */
#ifndef __KUBEGLASS_TARGET_H
#define __KUBEGLASS_TARGET_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Checks that pid is a live user-space process. A thread ID resolves to its
 * process (*tgid). On failure returns -errno after printing one line that
 * names the problem: -ESRCH no such process, -EINVAL a kernel thread.
 */
int target__check_pid(int pid, int *tgid);
/* A pidfd for pid (it stays valid if the PID is reused), or -errno. */
int target__pidfd(int pid);
/* True once the process behind pidfd has exited. */
bool target__exited(int pidfd);
/* The process's comm from /proc, for messages; "?" if unknown. */
void target__comm(int pid, char *buf, size_t size);
/* Checks that we may load and attach BPF programs; prints what is missing. */
int target__check_privileges(void);

#endif /* __KUBEGLASS_TARGET_H */
