/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Command mode: kubeglass starts the command itself and holds it on a pipe
 * until the probes are attached, so that not even its first write is missed.
 */
#ifndef __KUBEGLASS_COMMAND_H
#define __KUBEGLASS_COMMAND_H

#include <stdbool.h>
#include <sys/types.h>

struct command {
	pid_t pid;
	int hold_fd; /* write end of the pipe the child waits on; -1 once released */
	int err_fd;  /* read end: the child's exec errno, or EOF when exec succeeded */
	int status;  /* as waitpid reports it, once ended */
	bool ended;
};

/*
 * Forks a child that waits, with kubeglass's signal mask undone, until
 * command__release, then runs argv (PATH searched). Returns 0 or -errno after
 * printing one line.
 */
int command__start(struct command *c, char **argv);
/*
 * Lets the child run argv. Returns 0 once it runs, or -errno if exec failed,
 * after printing one line naming the command.
 */
int command__release(struct command *c, const char *name);
/* Reaps the child if it has ended, without waiting. True once it has. */
bool command__poll(struct command *c);
/* The exit status kubeglass passes on, as a shell shows it: the command's
 * exit code, or 128+N when signal N killed it. */
int command__exit_code(int wait_status);
/* An exec failure as a shell reports it: 127 not found, 126 not runnable. */
int command__exec_error_code(int err);
/* Closes what is left; a child still held exits without running argv. */
void command__close(struct command *c);

#endif /* __KUBEGLASS_COMMAND_H */
