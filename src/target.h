/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Which processes to trace: PIDs (checked), a command kubeglass starts, process
 * names, or a container or cgroup resolved to a cgroup id. Also when to stop:
 * PID mode ends when no target is left, command mode when the command ends,
 * the open-ended modes (--comm, --container, --cgroup) when interrupted or
 * when the cgroup is removed.
 */
#ifndef __KUBEGLASS_TARGET_H
#define __KUBEGLASS_TARGET_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/signalfd.h>
#include <time.h>
#include "command.h"
#include "opts.h"
#include "tracer.h"

struct target_proc {
	int pid;
	int pidfd; /* watched for a short while after its bit is set; -1 after, -ESRCH if gone */
};

struct targets {
	const struct kg_opts *opts;
	struct tracer *tracer;
	struct target_proc *procs; /* the processes user space added */
	size_t nprocs;
	size_t cap;
	size_t ncomm_procs; /* --comm processes found running at start */
	time_t watch_until;
	time_t last_watch;
	bool open_ended;
	bool has_command;
	struct command cmd;
	int exec_err;    /* errno of a command that could not run */
	int stop_signal; /* the signal that stopped kubeglass before the command ended */
	int interrupts;
	char cgroup_dir[PATH_MAX]; /* "" unless --container or --cgroup */
	struct tracer_scope scope;
	char why[PATH_MAX + 64];
};

/*
 * Before loading: checks the PIDs, resolves --container or --cgroup into
 * t->scope, starts the command held. Returns 0, or -errno after one line.
 */
int targets__prepare(struct targets *t, struct kg_opts *o);
/*
 * After attaching: sets the PIDs' bits, finds the --comm processes already
 * running. Returns 0, -ESRCH (after one line) if every PID target has already
 * gone, or another -errno.
 */
int targets__add(struct targets *t, struct tracer *tr);
/* What is traced, for the readiness line. */
void targets__describe(const struct targets *t, char *buf, size_t size);
/* Lets the command run: after the readiness line. 0 or -errno after one line. */
int targets__release(struct targets *t);
/* Called every poll: a reason to stop (PID targets gone, command ended,
 * cgroup removed), or NULL to go on. */
const char *targets__poll(struct targets *t);
/* A SIGINT/SIGTERM/SIGHUP arrived: true to keep going (a command runs; a
 * signal another process sent is passed on to it). */
bool targets__keep_on_signal(struct targets *t, const struct signalfd_siginfo *si);
/* kubeglass's exit status given its own (0 or 1): a command's status wins. */
int targets__exit_code(const struct targets *t, int own);
void targets__free(struct targets *t);

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
