/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* The system calls in scope: their names and numbers. */
#ifndef __KUBEGLASS_SYSCALLS_H
#define __KUBEGLASS_SYSCALLS_H

#include <stdbool.h>

/* "write", "sendmmsg", ...; "?" for a value out of range. */
const char *sys__name(int kg_sys);
bool sys__is_read(int kg_sys);
/*
 * Fills table[nr] for every native x86-64 syscall number nr in scope with its
 * enum kg_sys, and sets compat_flag in the entry of every ia32 (compat)
 * number of the same family. Reads are included only when reads is set.
 * Returns 0, or -ENOTSUP on an architecture this build does not know.
 */
int sys__fill_table(unsigned char *table, int size, bool reads, unsigned char compat_flag);

/* Adds KG_SYS_FDOP | enum kg_fdarg for every x86-64 call that changes what an
 * fd names (opens, close, dup, socket, connect...). Call after sys__fill_table.
 * Returns 0, or -ENOTSUP on another architecture. */
int sys__fill_fd_table(unsigned char *table, int size);

#endif /* __KUBEGLASS_SYSCALLS_H */
