// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Test workload for fd names, existing content and filters. Waits on a start
 * gate, does one scenario, and (if given) waits on an end gate before exiting,
 * so that its fds are still open while kubeglass names them.
 *
 *   fdplay [--gate FIFO] [--end FIFO] MODE [ARGS]
 *     reuse DIR      fd 5 is, in turn, DIR/first.log, DIR/second.log, DIR/third.log
 *     sockets DIR    a TCP connection on 127.0.0.1 and a unix socket DIR/s.sock,
 *                    each end writes one line
 *     escapes        writes clear-screen, set-title and OSC 52 sequences to stdout
 *     lines          writes the --no-repeats/--no-binary/--grep script to stdout
 *     append FILE N  writes N lines to FILE first (before the gate), then after the
 *                    gate appends one line per write until SIGTERM; its last line
 *                    number goes to stdout at exit
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static void die(const char *what)
{
	fprintf(stderr, "fdplay: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void gate(const char *path)
{
	char c;
	int g;

	if (!path)
		return;
	g = open(path, O_RDONLY);
	if (g < 0 || read(g, &c, 1) != 1)
		die("gate");
	close(g);
}

static void put(int fd, const void *p, size_t n)
{
	if (write(fd, p, n) != (ssize_t)n)
		die("write");
}

static void puts_fd(int fd, const char *s)
{
	put(fd, s, strlen(s));
}

static void reuse(const char *dir)
{
	static const char *const names[] = {"first.log", "second.log", "third.log"};
	char path[4096], line[64];
	int i, fd;

	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd < 0 || dup2(fd, 5) != 5)
			die(path);
		close(fd);
		snprintf(line, sizeof(line), "to %s\n", names[i]);
		puts_fd(5, line);
		close(5);
	}
}

static void sockets(const char *dir)
{
	struct sockaddr_in in = {.sin_family = AF_INET};
	struct sockaddr_un un = {.sun_family = AF_UNIX};
	socklen_t len = sizeof(in);
	int l, c, a, ul, uc, ua;

	in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	l = socket(AF_INET, SOCK_STREAM, 0);
	if (l < 0 || bind(l, (struct sockaddr *)&in, sizeof(in)) || listen(l, 1) ||
	    getsockname(l, (struct sockaddr *)&in, &len))
		die("tcp listen");
	c = socket(AF_INET, SOCK_STREAM, 0);
	if (c < 0 || connect(c, (struct sockaddr *)&in, sizeof(in)))
		die("tcp connect");
	a = accept(l, NULL, NULL);
	if (a < 0)
		die("accept");
	puts_fd(c, "tcp from client\n");
	puts_fd(a, "tcp from server\n");

	snprintf(un.sun_path, sizeof(un.sun_path), "%s/s.sock", dir);
	ul = socket(AF_UNIX, SOCK_STREAM, 0);
	if (ul < 0 || bind(ul, (struct sockaddr *)&un, sizeof(un)) || listen(ul, 1))
		die("unix listen");
	uc = socket(AF_UNIX, SOCK_STREAM, 0);
	if (uc < 0 || connect(uc, (struct sockaddr *)&un, sizeof(un)))
		die("unix connect");
	ua = accept(ul, NULL, NULL);
	if (ua < 0)
		die("unix accept");
	puts_fd(uc, "unix from client\n");
	puts_fd(ua, "unix from server\n");
}

static void escapes(void)
{
	puts_fd(1, "before\n\033[2J\033[H");
	puts_fd(1, "\033]0;pwned title\007");
	puts_fd(1, "\033]52;c;ZWNobyBwd25lZA==\007 clipboard\n");
	puts_fd(1, "\033[31mred\033[0m \033P1$r\033\\ \x9b" "2J \302\2332J\n");
	/* An ESC at the very end of one write, its sequence in the next. */
	puts_fd(1, "split \033");
	puts_fd(1, "[2J done\n");
}

static void lines(void)
{
	static const char bin[] = {0, 1, 2, 3, (char)0xff, 0, 'x', 0};
	int i;

	for (i = 0; i < 5; i++)
		puts_fd(1, "same line\n");
	puts_fd(1, "INFO other\n");
	put(1, bin, sizeof(bin));
	put(1, bin, sizeof(bin));
	put(1, bin, sizeof(bin));
	puts_fd(1, "ERROR one\nINFO two\nERR");
	puts_fd(1, "OR three, split\n");
	for (i = 0; i < 3; i++)
		puts_fd(1, "same line\n");
	puts_fd(1, "last ERROR, no newline");
}

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static void append(const char *path, long n, const char *start_gate)
{
	struct timespec pause = {.tv_nsec = 200 * 1000};
	char line[64], *buf;
	size_t len = 0, cap = 1 << 20;
	long i;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0600);

	buf = malloc(cap);
	if (fd < 0 || !buf)
		die(path);
	for (i = 1; i <= n; i++) {
		len += snprintf(buf + len, cap - len, "line %ld\n", i);
		if (cap - len < 64 || i == n) {
			put(fd, buf, len);
			len = 0;
		}
	}
	signal(SIGTERM, on_term);
	gate(start_gate);
	while (!stop) {
		int k = snprintf(line, sizeof(line), "line %ld\n", i);

		put(fd, line, k);
		i++;
		nanosleep(&pause, NULL);
	}
	printf("%ld\n", i - 1);
	free(buf);
}

int main(int argc, char **argv)
{
	const char *start = NULL, *end = NULL, *mode;
	int i = 1;

	for (; i + 1 < argc && argv[i][0] == '-'; i += 2) {
		if (!strcmp(argv[i], "--gate"))
			start = argv[i + 1];
		else if (!strcmp(argv[i], "--end"))
			end = argv[i + 1];
	}
	if (i >= argc) {
		fprintf(stderr, "fdplay: give a mode\n");
		return 2;
	}
	mode = argv[i];
	if (!strcmp(mode, "append") && i + 2 < argc) {
		append(argv[i + 1], atol(argv[i + 2]), start);
		return 0;
	}
	gate(start);
	if (!strcmp(mode, "reuse") && i + 1 < argc)
		reuse(argv[i + 1]);
	else if (!strcmp(mode, "sockets") && i + 1 < argc)
		sockets(argv[i + 1]);
	else if (!strcmp(mode, "escapes"))
		escapes();
	else if (!strcmp(mode, "lines"))
		lines();
	else {
		fprintf(stderr, "fdplay: unknown mode %s\n", mode);
		return 2;
	}
	gate(end);
	return 0;
}
