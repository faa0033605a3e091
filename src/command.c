// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "command.h"

/* In the child between fork and exec: async-signal-safe calls only. */
static void run_child(int hold_rd, int err_wr, char **argv)
{
	sigset_t none;
	char go;
	int err;

	/* EOF instead of the byte: kubeglass gave up before tracing began. */
	if (read(hold_rd, &go, 1) != 1)
		_exit(127);
	close(hold_rd);
	/* kubeglass blocks these for its signalfd and ignores SIGPIPE; ignored
	 * dispositions and the mask survive exec, so undo both. */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	execvp(argv[0], argv);
	err = errno;
	if (write(err_wr, &err, sizeof(err)) < 0)
		_exit(127);
	_exit(command__exec_error_code(err));
}

int command__start(struct command *c, char **argv)
{
	int hold[2], errp[2], err;

	c->pid = -1;
	c->hold_fd = c->err_fd = -1;
	c->ended = false;
	if (pipe2(hold, O_CLOEXEC))
		goto fail;
	if (pipe2(errp, O_CLOEXEC)) {
		err = errno;
		close(hold[0]);
		close(hold[1]);
		errno = err;
		goto fail;
	}
	fflush(NULL);
	c->pid = fork();
	if (c->pid == 0) {
		close(hold[1]);
		close(errp[0]);
		run_child(hold[0], errp[1], argv);
	}
	err = errno;
	close(hold[0]);
	close(errp[1]);
	if (c->pid < 0) {
		close(hold[1]);
		close(errp[0]);
		errno = err;
		goto fail;
	}
	c->hold_fd = hold[1];
	c->err_fd = errp[0];
	return 0;
fail:
	err = -errno;
	fprintf(stderr, "kubeglass: cannot start the command: %s\n", strerror(-err));
	return err;
}

int command__release(struct command *c, const char *name)
{
	ssize_t n;
	int err;

	if (write(c->hold_fd, "g", 1) != 1) {
		err = -errno;
		fprintf(stderr, "kubeglass: cannot start the command: %s\n", strerror(-err));
		return err;
	}
	close(c->hold_fd);
	c->hold_fd = -1;
	/* The pipe closes on exec (O_CLOEXEC): EOF means the command runs. */
	do {
		n = read(c->err_fd, &err, sizeof(err));
	} while (n < 0 && errno == EINTR);
	close(c->err_fd);
	c->err_fd = -1;
	if (n != sizeof(err))
		return 0;
	fprintf(stderr, "kubeglass: cannot run '%s': %s; check the command's name and PATH\n",
		name, strerror(err));
	return -err;
}

bool command__poll(struct command *c)
{
	int status;

	if (c->ended || c->pid <= 0)
		return c->ended;
	if (waitpid(c->pid, &status, WNOHANG) == c->pid) {
		c->status = status;
		c->ended = true;
	}
	return c->ended;
}

int command__exit_code(int wait_status)
{
	if (WIFSIGNALED(wait_status))
		return 128 + WTERMSIG(wait_status);
	return WEXITSTATUS(wait_status);
}

int command__exec_error_code(int err)
{
	return err == ENOENT ? 127 : 126;
}

void command__close(struct command *c)
{
	if (c->hold_fd >= 0)
		close(c->hold_fd);
	if (c->err_fd >= 0)
		close(c->err_fd);
	c->hold_fd = c->err_fd = -1;
}
