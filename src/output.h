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
	bool reads;              /* --reads: mark the direction of every event */
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

struct summary;

/* The end of a run, for outputs that record it in their own stream. */
struct output_report {
	const char *reason;  /* why kubeglass stopped */
	uint64_t calls;      /* calls in scope the kernel side saw */
	uint64_t events;     /* events shown */
	uint64_t bytes;      /* bytes the kernel accepted in them */
	uint64_t captured;   /* bytes shown */
	uint64_t failed;     /* calls that returned an error */
	uint64_t truncated;  /* events cut by --max-bytes */
	uint64_t truncated_bytes;
	uint64_t lost;       /* calls lost entirely: the ring buffer was full */
	uint64_t partial;    /* events that lost their end */
	uint64_t lost_bytes;
	uint64_t skipped;    /* events a filter left out */
	uint64_t after_count; /* captured after --count was reached, not shown */
	uint64_t compat;     /* 32-bit calls, not captured */
	const struct summary *summary; /* with --summary, else NULL */
};

struct output {
	int (*message)(struct output *o, const struct kg_msg *m);
	int (*notice)(struct output *o, const struct kg_event *ev);
	/* --existing content, one call per phase and per piece. May be NULL. */
	int (*existing)(struct output *o, const struct kg_existing *e, const char *data,
			size_t len);
	/* At the end of the run, before the outbuf is closed. May be NULL. */
	int (*finish)(struct output *o);
	/* After finish, with the run's totals. May be NULL. */
	int (*report)(struct output *o, const struct output_report *r);
	void (*free)(struct output *o);
	struct outbuf *ob;
	struct output_config cfg;
};

struct output *output_pretty__new(struct outbuf *ob, const struct output_config *cfg);
struct output *output_raw__new(struct outbuf *ob, const struct output_config *cfg);
struct output *output_json__new(struct outbuf *ob, const struct output_config *cfg);
struct output *output_hex__new(struct outbuf *ob, const struct output_config *cfg);
/* A zeroed output on ob with cfg, freed by free(); the caller sets its callbacks. */
struct output *output__alloc(struct outbuf *ob, const struct output_config *cfg);
/* The output for a format (enum kg_format); KG_FMT_NONE shows nothing. */
struct output *output__new(int format, struct outbuf *ob, const struct output_config *cfg);
/* in[0..len), which a target chose, escaped by escape__text(). */
void output__put_escaped(struct outbuf *ob, const char *in, size_t len);
/* " exited with status 3\n" and the like, for an exit, fork or exec notice. */
void output__put_notice(struct outbuf *ob, const struct kg_event *ev);
/* What kind of fd a name from fdname.c is: "file", "pipe", "socket", "tty", "char",
 * "anon"; NULL when there is no name or only a placeholder ("?[...]"). */
const char *output__fd_type(const char *name);
/* The bytes of m to show: its data, or when the filters cut it into lines, the lines
 * kept, joined again. *tmp is set when the join allocated; free() it after. */
const char *output__bytes(const struct kg_msg *m, size_t *len, char **tmp);
/* "write" or "read", for a kg_event. */
const char *output__direction(const struct kg_event *ev);

/* "HH:MM:SS.uuuuuu" local time of a kg_event timestamp; buf holds 16 bytes. */
void output__clock(const struct output_config *cfg, uint64_t ts, char *buf);
/* --color: always, never, or auto (a terminal, and NO_COLOR unset or empty). */
bool output__want_color(int kg_color, bool tty);
/* The offset between CLOCK_REALTIME and CLOCK_MONOTONIC now, in ns. */
int64_t output__mono_to_real(void);

#endif /* __KUBEGLASS_OUTPUT_H */
