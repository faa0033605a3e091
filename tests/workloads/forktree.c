// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A process tree three levels deep for --follow, each process writing known
 * text to its own fd, so that each one's capture can be compared alone:
 *
 *   parent (fd 5)  writes, starts the child and the short one, writes again
 *   +- child (fd 6) fork; writes, runs the grandchild, writes again
 *   |  +- grandchild (fd 7) posix_spawn (clone with CLONE_VFORK) + exec of
 *   |                       WRITER --fd 7 --size 3000 --count 20 --seed 7
 *   +- short (fd 8) fork; one write, then exit: it lives about a millisecond
 *
 *   forktree --gate PATH --writer PATH   run the tree after the gate opens
 *   forktree --emit FD                   print what FD receives (5, 6 or 8)
 */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

extern char **environ;

static int emit_fd = -1;

static void die(const char *what)
{
	perror(what);
	exit(1);
}

/* lines of "<tag> <n> ..." text; fd -1 when emitting and fd is not emit_fd */
static void block(int fd, const char *tag, int lines)
{
	char buf[128];
	int i, n;

	if (emit_fd >= 0 && fd != emit_fd)
		return;
	for (i = 0; i < lines; i++) {
		n = snprintf(buf, sizeof(buf), "%s line %04d of the %s process, fd %d\n", tag, i,
			     tag, fd);
		if (write(emit_fd >= 0 ? 1 : fd, buf, n) != n)
			die("write");
	}
}

static void wait_ok(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status))
		die("child failed");
}

int main(int argc, char **argv)
{
	const char *gate = NULL, *writer = "writer";
	char *wargv[] = {NULL, "--fd", "7", "--size", "3000", "--count", "20", "--seed", "7",
			 NULL};
	pid_t child, shortp, grand;
	char go;
	int i, g;

	for (i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--gate"))
			gate = argv[i + 1];
		else if (!strcmp(argv[i], "--writer"))
			writer = argv[i + 1];
		else if (!strcmp(argv[i], "--emit"))
			emit_fd = atoi(argv[i + 1]);
	}
	if (emit_fd >= 0) {
		block(5, "parent", 50);
		block(6, "child", 40);
		block(6, "child", 40);
		block(8, "short", 1);
		block(5, "parent", 50);
		return 0;
	}
	if (gate) {
		g = open(gate, O_RDONLY);
		if (g < 0 || read(g, &go, 1) != 1)
			die("gate");
		close(g);
	}
	block(5, "parent", 50);
	child = fork();
	if (child < 0)
		die("fork");
	if (child == 0) {
		block(6, "child", 40);
		wargv[0] = (char *)writer;
		if (posix_spawn(&grand, writer, NULL, NULL, wargv, environ))
			die("posix_spawn");
		wait_ok(grand);
		block(6, "child", 40);
		_exit(0);
	}
	wait_ok(child);
	shortp = fork();
	if (shortp < 0)
		die("fork");
	if (shortp == 0) {
		block(8, "short", 1);
		_exit(0);
	}
	wait_ok(shortp);
	block(5, "parent", 50);
	return 0;
}
