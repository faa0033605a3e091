// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* fdname.c: /proc/net line parsing, naming this process's own fds, and the notices. */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "fdname.h"

static char name[512];

TEST(tcp_lines)
{
	const char *est = "   1: 0100007F:A0E2 0100007F:1F90 01 00000000:00000000 00:00000000 "
			  "00000000     0        0 4194400 1 0000000000000000 20 4 0 10 -1\n";
	const char *lis = "   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 "
			  "00000000     0        0 77 1 0000000000000000 100 0 0 10 0\n";

	CHECK(fdname__socket_line(est, "tcp", 4194400, name, sizeof(name)));
	CHECK_STR(name, "tcp 127.0.0.1:41186->127.0.0.1:8080");
	CHECK(!fdname__socket_line(est, "tcp", 4243, name, sizeof(name)));
	CHECK(fdname__socket_line(lis, "tcp", 77, name, sizeof(name)));
	CHECK_STR(name, "tcp 0.0.0.0:22 (listening)");
	CHECK(!fdname__socket_line("  sl  local_address rem_address   st tx_queue\n", "tcp", 0,
				   name, sizeof(name)));
}

TEST(tcp6_and_udp_lines)
{
	const char *v6 = "   0: 00000000000000000000000001000000:1F90 "
			 "00000000000000000000000001000000:C350 01 00000000:00000000 "
			 "00:00000000 00000000     0        0 99 1 0000000000000000\n";
	const char *udp = "  5: 0100007F:0035 00000000:0000 07 00000000:00000000 00:00000000 "
			  "00000000     0        0 555 2 0000000000000000 0\n";

	CHECK(fdname__socket_line(v6, "tcp6", 99, name, sizeof(name)));
	CHECK_STR(name, "tcp6 [::1]:8080->[::1]:50000");
	CHECK(fdname__socket_line(udp, "udp", 555, name, sizeof(name)));
	CHECK_STR(name, "udp 127.0.0.1:53");
}

TEST(unix_lines)
{
	CHECK(fdname__socket_line("0000000000000000: 00000002 00000000 00010000 0001 01 31337 "
				  "/run/app.sock\n", "unix", 31337, name, sizeof(name)));
	CHECK_STR(name, "unix /run/app.sock");
	CHECK(fdname__socket_line("0000000000000000: 00000003 00000000 00000000 0001 03 8 @abstract\n",
				  "unix", 8, name, sizeof(name)));
	CHECK_STR(name, "unix @abstract");
	CHECK(fdname__socket_line("0000000000000000: 00000003 00000000 00000000 0001 03 9\n",
				  "unix", 9, name, sizeof(name)));
	CHECK_STR(name, "unix [9]");
}

TEST(resolve_own_fds)
{
	int p[2], sv[2], fd, pid = getpid();
	char want[64];
	struct stat st;

	CHECK(pipe(p) == 0);
	CHECK(fstat(p[1], &st) == 0);
	CHECK(fdname__resolve(pid, p[1], 0, 0, name, sizeof(name)));
	snprintf(want, sizeof(want), "pipe:[%llu]", (unsigned long long)st.st_ino);
	CHECK_STR(name, want);

	fd = open("/dev/null", O_WRONLY);
	CHECK(fdname__resolve(pid, fd, 0, 0, name, sizeof(name)));
	CHECK_STR(name, "/dev/null");

	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	CHECK(fdname__resolve(pid, sv[0], 0, 0, name, sizeof(name)));
	CHECK(!strncmp(name, "unix [", 6));

	/* Closed: a clear placeholder, never garbage. */
	close(fd);
	CHECK(!fdname__resolve(pid, fd, 0, 0, name, sizeof(name)));
	CHECK_STR(name, "?[closed before it could be named]");
	/* Closed, but the notice said which pipe it was. */
	CHECK(fdname__resolve(pid, fd, st.st_ino, S_IFIFO | 0600, name, sizeof(name)));
	CHECK_STR(name, want);
	/* Reused for something else since: the inode decides, not the fd number. */
	fd = open("/dev/null", O_WRONLY);
	CHECK(fdname__resolve(pid, fd, st.st_ino, S_IFIFO | 0600, name, sizeof(name)));
	CHECK_STR(name, want);
	close(fd);
	close(p[0]);
	close(p[1]);
	close(sv[0]);
	close(sv[1]);
}

static void notice(struct fdnames *c, __u8 op, __s32 fd, __s64 last, __s64 other,
		   const char *path)
{
	struct kg_event ev = {.kind = KG_EV_FD, .pid = 4194400, .tid = 4194400, .fd = fd,
			      .off = (__u64)last, .size = (__u64)other, .msg = op};

	ev.len = path ? strlen(path) : 0;
	fdnames__notice(c, &ev, path, ev.len);
}

TEST(notices)
{
	struct fdnames *c = fdnames__new();

	/* Above PID_MAX_LIMIT: no such process, so any /proc read gives the placeholder. */
	notice(c, KG_FDOP_OPEN, 5, 5, -100, "/var/log/a.log");
	CHECK_STR(fdnames__get(c, 4194400, 5), "/var/log/a.log");
	notice(c, KG_FDOP_DUP, 1, 1, 5, NULL);
	CHECK_STR(fdnames__get(c, 4194400, 1), "/var/log/a.log");
	notice(c, KG_FDOP_OPEN, 6, 6, 5, "rel/x"); /* openat(5, "rel/x") */
	CHECK_STR(fdnames__get(c, 4194400, 6), "/var/log/a.log/rel/x");
	notice(c, KG_FDOP_CLOSE, 5, 5, -1, NULL);
	CHECK_STR(fdnames__get(c, 4194400, 5), "?[closed before it could be named]");
	notice(c, KG_FDOP_OPEN, 5, 5, -100, "/var/log/b.log");
	CHECK_STR(fdnames__get(c, 4194400, 5), "/var/log/b.log");
	CHECK_STR(fdnames__get(c, 4194400, 1), "/var/log/a.log");
	/* close_range(3, ~0U): fds below 3 keep their names. */
	notice(c, KG_FDOP_CLOSE, 3, 0xffffffffLL, -1, NULL);
	CHECK_STR(fdnames__get(c, 4194400, 1), "/var/log/a.log");
	CHECK_STR(fdnames__get(c, 4194400, 5), "?[closed before it could be named]");
	notice(c, KG_FDOP_CLOSE, 0, 10, -1, NULL);
	CHECK_STR(fdnames__get(c, 4194400, 1), "?[closed before it could be named]");
	fdnames__forget_pid(c, 4194400);
	fdnames__free(c);
}

/* pipe() with a gap between its two fds: both ends are named, nothing between. */
TEST(notice_pair_not_consecutive)
{
	struct fdnames *c = fdnames__new();
	struct kg_event ev = {.kind = KG_EV_FD, .msg = KG_FDOP_NEW, .pid = getpid()};
	int hole = open("/dev/null", O_RDONLY), keep = open("/dev/null", O_RDONLY), p[2];
	char want[64];
	struct stat st;

	close(hole); /* pipe() now gets hole and a number above keep */
	CHECK(pipe(p) == 0);
	CHECK(p[0] == hole && p[1] > keep);
	CHECK(fstat(p[0], &st) == 0);
	ev.tid = ev.pid;
	ev.fd = p[0];
	ev.off = p[1];
	ev.cap = st.st_ino;
	ev.fpos = st.st_mode;
	fdnames__notice(c, &ev, NULL, 0);
	/* Closed before anything asks: the names were taken at the notice. */
	close(p[0]);
	close(p[1]);
	close(keep);
	snprintf(want, sizeof(want), "pipe:[%llu]", (unsigned long long)st.st_ino);
	CHECK_STR(fdnames__get(c, ev.pid, p[0]), want);
	CHECK_STR(fdnames__get(c, ev.pid, p[1]), want);
	CHECK_STR(fdnames__get(c, ev.pid, keep), "?[closed before it could be named]");
	fdnames__free(c);
}

int main(void)
{
	RUN(tcp_lines);
	RUN(tcp6_and_udp_lines);
	RUN(unix_lines);
	RUN(resolve_own_fds);
	RUN(notices);
	RUN(notice_pair_not_consecutive);
	return CHECK_DONE();
}
