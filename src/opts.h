/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Command-line options: parsed and checked here, with no side effects. */
#ifndef __KUBEGLASS_OPTS_H
#define __KUBEGLASS_OPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "kubeglass.h"

/* Exit status, as documented in --help and kubeglass(8). */
enum kg_exit {
	KG_EXIT_OK = 0,
	KG_EXIT_RUNTIME = 1, /* something failed while running: no such process, BPF, output */
	KG_EXIT_USAGE = 2,   /* the command line is wrong */
};

enum kg_format {
	KG_FMT_PRETTY,
	KG_FMT_RAW,
	KG_FMT_JSON,
	KG_FMT_HEX,
	KG_FMT_NONE, /* --summary alone: no event output */
};

enum kg_color {
	KG_COLOR_AUTO, /* on when the output is a terminal and NO_COLOR is unset or empty */
	KG_COLOR_ALWAYS,
	KG_COLOR_NEVER,
};

/* Where the BPF side hooks syscall exit; see the README's Performance section. */
enum kg_hook {
	KG_HOOK_BTF,        /* tp_btf/sys_exit: cheapest for the target */
	KG_HOOK_TRACEPOINT, /* a tracepoint per syscall in scope: cheapest for the rest */
};

#define KG_MAX_PIDS 1024
#define KG_DEFAULT_TAIL 10
#define KG_DEFAULT_MAX_BYTES (1ULL << 20)
/* Linux moves at most MAX_RW_COUNT (2G less a page) in one call; more is no limit at all. */
#define KG_MAX_BYTES_LIMIT (2ULL << 30)

struct kg_opts {
	int pids[KG_MAX_PIDS];
	int npids;
	bool follow; /* -f, or a command without --no-follow */
	char comms[KG_COMMS_MAX][KG_COMM_LEN];
	int ncomms;
	char container[65]; /* --container as lower-case hex (an ID or a prefix), or "" */
	const char *cgroup; /* --cgroup PATH, or NULL */
	char **command;     /* after --, NULL-terminated; NULL without a command */
	bool fd_filter; /* false: every fd (--all, the default) */
	uint64_t fds[1024];  /* bitmap of selected fds, KG_FD_FILTER_MAX bits */
	uint64_t max_bytes;  /* 0: no limit */
	uint64_t ring_size;  /* 0: chosen from max_bytes */
	enum kg_format format;
	enum kg_hook hook;
	const char *output; /* NULL: standard output */
	/* Content and filters (issue 3). */
	bool existing;        /* show what selected fds already hold, first */
	uint64_t tail;        /* lines of existing content per fd */
	bool no_binary;       /* skip writes that do not look like text */
	bool no_repeats;      /* suppress repeated messages per stream */
	const char *grep;     /* keep lines (writes, for binary) matching this ERE */
	enum kg_color color;
	bool verbose;
	/* Outputs and stopping (issue 5). */
	bool reads;            /* --reads: the read family too */
	bool summary;          /* --summary: a table per process and fd at exit */
	uint64_t duration_ms;  /* --duration; 0: until the targets exit */
	uint64_t count;        /* --count: events shown before stopping; 0: no limit */
	bool help;
	bool version;
};

/* Parses argv into o. Returns 0, or KG_EXIT_USAGE with one line naming the
 * problem and its fix in err. */
int opts__parse(struct kg_opts *o, int argc, char **argv, char *err, size_t err_size);
/* Strict number parsing: digits only, no sign, no overflow. */
int opts__parse_u64(const char *s, uint64_t *v);
/* A size: a number with an optional K, M or G suffix (powers of 1024). */
int opts__parse_size(const char *s, uint64_t *v);
/* Seconds with an optional fraction ("10", "0.5") as milliseconds, above 0. */
int opts__parse_duration(const char *s, uint64_t *ms);
bool opts__fd_selected(const struct kg_opts *o, int fd);
void opts__usage(FILE *f);

#endif /* __KUBEGLASS_OPTS_H */
