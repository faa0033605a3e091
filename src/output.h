/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Where events leave: one module per format (output_pretty.c, output_raw.c,
 * ...), all behind this interface. Each writes to an outbuf, which reports
 * write errors; none may pass a target's control bytes to a terminal raw,
 * except raw, which exists for exactly that.
 */
#ifndef __KUBEGLASS_OUTPUT_H
#define __KUBEGLASS_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>
#include "outbuf.h"
#include "reassemble.h"

struct output_config {
	int64_t mono_to_real_ns; /* add to a kg_event ts for wall-clock time */
	bool color;              /* SGR colours (pretty): --color, NO_COLOR, a terminal */
};

/* --existing: what an fd held before tracing started (existing.c). */
enum kg_existing_phase {
	KG_EXISTING_BEGIN, /* before the bytes: says which fd and what range, or why none */
	KG_EXISTING_DATA,  /* the next piece of the bytes, in order */
	KG_EXISTING_END,
};

struct kg_existing {
	enum kg_existing_phase phase;
	int pid;
	int fd;
	const char *comm;    /* not escaped: a target chose them */
	const char *fd_name;
	uint64_t start, end; /* bytes [start, end) of the file are shown */
	uint64_t size;       /* the file's size when tracing started */
	const char *none;    /* BEGIN only: non-NULL when there is nothing to show, and why */
};

struct output {
	int (*message)(struct output *o, const struct kg_msg *m);
	int (*notice)(struct output *o, const struct kg_event *ev);
	/* --existing content, one call per phase and per piece. May be NULL. */
	int (*existing)(struct output *o, const struct kg_existing *e, const char *data,
			size_t len);
	/* At the end of the run, before the outbuf is closed. May be NULL. */
	int (*finish)(struct output *o);
	void (*free)(struct output *o);
	struct outbuf *ob;
	struct output_config cfg;
};

struct output *output_pretty__new(struct outbuf *ob, const struct output_config *cfg);
struct output *output_raw__new(struct outbuf *ob, const struct output_config *cfg);

/* "HH:MM:SS.uuuuuu" local time of a kg_event timestamp; buf holds 16 bytes. */
void output__clock(const struct output_config *cfg, uint64_t ts, char *buf);
/* --color: always, never, or auto (a terminal, and NO_COLOR unset or empty). */
bool output__want_color(int kg_color, bool tty);
/* The offset between CLOCK_REALTIME and CLOCK_MONOTONIC now, in ns. */
int64_t output__mono_to_real(void);

#endif /* __KUBEGLASS_OUTPUT_H */
