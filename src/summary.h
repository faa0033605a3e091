/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * --summary: counts per process, fd and direction, and the table printed at
 * exit, sorted by bytes. "Which fd is this service flooding?" at a glance.
 */
#ifndef __KUBEGLASS_SUMMARY_H
#define __KUBEGLASS_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "kubeglass.h"
#include "outbuf.h"
#include "reassemble.h"

struct summary_row {
	int pid;
	int fd;
	bool read; /* the read direction (--reads) */
	char comm[KG_COMM_LEN]; /* as the last event had it; the target chose it */
	uint64_t calls;     /* events shown, failed calls included */
	uint64_t bytes;     /* bytes the kernel accepted */
	uint64_t largest;   /* the largest single call, in bytes */
	uint64_t truncated; /* calls cut by --max-bytes */
	uint64_t failed;    /* calls that returned an error */
	uint64_t lost;      /* calls lost entirely (the ring buffer was full) */
	uint64_t skipped;   /* writes (or lines) a filter left out */
	char *name;         /* the fd's name as last shown; NULL if never named */
};

struct summary;

struct summary *summary__new(void);
void summary__free(struct summary *s);
/* Counts an event shown, one a filter skipped, and calls the kernel side lost. */
int summary__add(struct summary *s, const struct kg_msg *m);
int summary__skip(struct summary *s, const struct kg_event *ev, uint64_t n);
/* The fd's name, as shown with the event ev (fdname.c): the table shows the last one. */
int summary__name(struct summary *s, const struct kg_event *ev, const char *name);
int summary__lost(struct summary *s, int pid, int fd, bool read, uint64_t calls);
/* The rows, sorted by bytes, largest first; then by pid, fd, direction. */
size_t summary__rows(const struct summary *s, const struct summary_row **rows);
/* The table, one line per row under a header line. */
void summary__print(const struct summary *s, struct outbuf *ob);

#endif /* __KUBEGLASS_SUMMARY_H */
