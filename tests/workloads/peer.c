// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A test workload for --reads and the output formats. It waits on a gate,
 * then does one thing with the bytes of an input file, on fd 7:
 *
 *   peer --gate PATH --mode MODE [--in FILE] [--syscall NAME] [--lines N]
 *     write      write FILE's bytes to fd 7 (open it: peer ... 7>dest) in one write(2)
 *     socketpair a child (not traced) sends FILE over a socketpair; we read fd 7 to EOF
 *     tcp        the same over a TCP connection on 127.0.0.1
 *     file       read FILE itself, opened as fd 7, to EOF
 *     trickle    write "line NNNNNN\n" to fd 7 every millisecond, N lines (default 60000)
 *   --syscall    for the reading modes: read (default), readv, recvfrom, recvmsg, pread64, preadv
 *
 * What it read goes nowhere: the test compares kubeglass's capture with FILE.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define FD 7

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static char *slurp(const char *path, size_t *len)
{
	struct stat st;
	char *buf;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || fstat(fd, &st))
		die(path);
	buf = malloc(st.st_size + 1);
	if (!buf || read(fd, buf, st.st_size) != st.st_size)
		die("read input");
	close(fd);
	*len = st.st_size;
	return buf;
}

static void send_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w <= 0)
			die("send");
		p += w;
		n -= w;
	}
}

/* Reads fd to EOF with the chosen syscall, in pieces of varying size. */
static void read_all(int fd, const char *sys)
{
	static char buf[70000];
	struct iovec iov[3];
	struct msghdr mh;
	off_t pos = 0;
	ssize_t n;
	size_t want = 1;

	for (;;) {
		want = want * 7 % 65521 + 1;
		if (!strcmp(sys, "read")) {
			n = read(fd, buf, want);
		} else if (!strcmp(sys, "pread64")) {
			n = pread(fd, buf, want, pos);
		} else if (!strcmp(sys, "recvfrom")) {
			n = recvfrom(fd, buf, want, 0, NULL, NULL);
		} else {
			iov[0].iov_base = buf;
			iov[0].iov_len = want / 2;
			iov[1].iov_base = buf + want / 2;
			iov[1].iov_len = 0;
			iov[2].iov_base = buf + want / 2;
			iov[2].iov_len = want - want / 2;
			if (!strcmp(sys, "readv")) {
				n = readv(fd, iov, 3);
			} else if (!strcmp(sys, "preadv")) {
				n = preadv(fd, iov, 3, pos);
			} else {
				memset(&mh, 0, sizeof(mh));
				mh.msg_iov = iov;
				mh.msg_iovlen = 3;
				n = recvmsg(fd, &mh, 0);
			}
		}
		if (n < 0)
			die(sys);
		if (n == 0)
			return;
		pos += n;
	}
}

static void trickle(long lines)
{
	struct timespec ms = {0, 1000000};
	char line[32];
	long i;

	for (i = 1; i <= lines; i++) {
		int n = snprintf(line, sizeof(line), "line %06ld\n", i);

		send_all(FD, line, n);
		nanosleep(&ms, NULL);
	}
}

int main(int argc, char **argv)
{
	const char *gate = NULL, *mode = "write", *in = NULL, *sys = "read";
	long lines = 60000;
	size_t len = 0;
	char *data = NULL, c;
	int i, sv[2], lfd, g;
	struct sockaddr_in sa = {.sin_family = AF_INET};
	socklen_t salen = sizeof(sa);
	pid_t child;

	for (i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--gate"))
			gate = argv[i + 1];
		else if (!strcmp(argv[i], "--mode"))
			mode = argv[i + 1];
		else if (!strcmp(argv[i], "--in"))
			in = argv[i + 1];
		else if (!strcmp(argv[i], "--syscall"))
			sys = argv[i + 1];
		else if (!strcmp(argv[i], "--lines"))
			lines = atol(argv[i + 1]);
		else
			return 2;
	}
	if (in)
		data = slurp(in, &len);
	if (gate) {
		g = open(gate, O_RDONLY);
		if (g < 0 || read(g, &c, 1) != 1)
			die("gate");
		close(g);
	}
	if (!strcmp(mode, "write")) {
		if (write(FD, data, len) != (ssize_t)len)
			die("write");
		return 0;
	}
	if (!strcmp(mode, "trickle")) {
		trickle(lines);
		return 0;
	}
	if (!strcmp(mode, "file")) {
		read_all(FD, sys);
		return 0;
	}
	if (!strcmp(mode, "socketpair")) {
		if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
			die("socketpair");
	} else {
		sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		lfd = socket(AF_INET, SOCK_STREAM, 0);
		if (lfd < 0 || bind(lfd, (void *)&sa, sizeof(sa)) || listen(lfd, 1) ||
		    getsockname(lfd, (void *)&sa, &salen))
			die("listen");
		sv[1] = socket(AF_INET, SOCK_STREAM, 0);
		if (sv[1] < 0 || connect(sv[1], (void *)&sa, sizeof(sa)))
			die("connect");
		sv[0] = accept(lfd, NULL, NULL);
		if (sv[0] < 0)
			die("accept");
		close(lfd);
	}
	/* The sender is a child: untraced, so only the reads show up. */
	child = fork();
	if (child < 0)
		die("fork");
	if (child == 0) {
		close(sv[0]);
		send_all(sv[1], data, len);
		_exit(0);
	}
	close(sv[1]);
	if (dup2(sv[0], FD) < 0)
		die("dup2");
	close(sv[0]);
	read_all(FD, sys);
	waitpid(child, NULL, 0);
	return 0;
}
