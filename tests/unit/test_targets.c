// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* The target options (--follow, a command, --comm, --container, --cgroup) and
 * how a command's end becomes kubeglass's exit status. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"
#include "command.h"
#include "opts.h"

static struct kg_opts o;
static char err[256];

/* Parses a NULL-terminated list of arguments after "kubeglass". */
static int parse(const char *first, ...)
{
	static char *argv[32];
	va_list ap;
	int argc = 0;
	const char *a;

	argv[argc++] = "kubeglass";
	va_start(ap, first);
	for (a = first; a && argc < 31; a = va_arg(ap, const char *))
		argv[argc++] = (char *)a;
	va_end(ap);
	argv[argc] = NULL;
	return opts__parse(&o, argc, argv, err, sizeof(err));
}

TEST(command_after_double_dash)
{
	CHECK(parse("--stdout", "--", "ls", "-l", NULL) == 0);
	CHECK(o.command && !strcmp(o.command[0], "ls") && !strcmp(o.command[1], "-l"));
	CHECK(o.command && o.command[2] == NULL);
	CHECK(o.follow); /* a command's children are followed by default */
	CHECK(parse("--no-follow", "--", "ls", NULL) == 0);
	CHECK(!o.follow);
	/* Options after the command belong to it. */
	CHECK(parse("--", "sh", "--pid", "3", NULL) == 0);
	CHECK(o.npids == 0 && !strcmp(o.command[1], "--pid"));
}

TEST(command_needs_double_dash)
{
	CHECK(parse("ls", NULL) == KG_EXIT_USAGE);
	CHECK(strstr(err, "unexpected argument 'ls'") && strstr(err, "after --"));
	CHECK(parse("-f", "--no-follow", "--", "ls", NULL) == KG_EXIT_USAGE);
}

TEST(follow_with_pids)
{
	CHECK(parse("-f", "--pid", "1,2,3", "-p", "4", NULL) == 0);
	CHECK(o.follow && o.npids == 4 && o.pids[3] == 4 && !o.command);
	CHECK(parse("--pid", "5", NULL) == 0);
	CHECK(!o.follow);
}

TEST(no_target)
{
	CHECK(parse("--stdout", NULL) == KG_EXIT_USAGE);
	CHECK(strstr(err, "no target") != NULL);
}

TEST(comm_names)
{
	CHECK(parse("--comm", "nginx", "--comm", "php-fpm", NULL) == 0);
	CHECK(o.ncomms == 2 && !strcmp(o.comms[1], "php-fpm"));
	CHECK(parse("--comm", "123456789012345", NULL) == 0);
	CHECK(parse("--comm", "1234567890123456", NULL) == KG_EXIT_USAGE);
	CHECK(strstr(err, "give '123456789012345'") != NULL);
	CHECK(parse("--comm", "a", "--comm", "a", NULL) == KG_EXIT_USAGE);
	CHECK(parse("--comm", "", NULL) == KG_EXIT_USAGE);
	CHECK(parse("--comm", "a", "--comm", "b", "--comm", "c", "--comm", "d", "--comm", "e",
		    "--comm", "f", "--comm", "g", "--comm", "h", "--comm", "i", NULL) ==
	      KG_EXIT_USAGE);
}

TEST(container_refs)
{
	CHECK(parse("--container", "containerd://3F4E1A2B9C0D", NULL) == 0);
	CHECK_STR(o.container, "3f4e1a2b9c0d");
	CHECK(parse("--container", "3f4e1a2b9c0", NULL) == KG_EXIT_USAGE); /* 11 digits */
	CHECK(strstr(err, "12 to 64") != NULL);
	CHECK(parse("--container", "3f4e1a2b9c0d", "--pid", "1", NULL) == KG_EXIT_USAGE);
	CHECK(parse("--container", "3f4e1a2b9c0d", "--cgroup", "/x", NULL) == KG_EXIT_USAGE);
	CHECK(parse("--cgroup", "/x", "--", "ls", NULL) == KG_EXIT_USAGE);
	CHECK(parse("--cgroup", "/x", "--comm", "ls", NULL) == KG_EXIT_USAGE);
	CHECK(parse("--cgroup", "/sys/fs/cgroup/a.slice", NULL) == 0);
	CHECK_STR(o.cgroup, "/sys/fs/cgroup/a.slice");
	CHECK(parse("--cgroup", "", NULL) == KG_EXIT_USAGE);
}

/* The status a real child's end gives, as a shell would show it. */
static int status_of(void (*child)(void))
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		child();
	waitpid(pid, &status, 0);
	return command__exit_code(status);
}

static void exit_3(void)
{
	_exit(3);
}

static void killed_by_term(void)
{
	signal(SIGTERM, SIG_DFL);
	raise(SIGTERM);
	_exit(0);
}

TEST(exit_codes)
{
	CHECK(status_of(exit_3) == 3);
	CHECK(status_of(killed_by_term) == 128 + SIGTERM);
	CHECK(command__exec_error_code(ENOENT) == 127);
	CHECK(command__exec_error_code(EACCES) == 126);
}

int main(void)
{
	RUN(command_after_double_dash);
	RUN(command_needs_double_dash);
	RUN(follow_with_pids);
	RUN(no_target);
	RUN(comm_names);
	RUN(container_refs);
	RUN(exit_codes);
	return CHECK_DONE();
}
