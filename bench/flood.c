// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A benchmark workload: waits on a gate, runs one tight loop of system calls,
 * and prints the loop's own time in nanoseconds. Only the loop is timed, so
 * process start-up and the tracer's attach time never enter a ratio.
 *
 *   flood [--gate PATH] [--op write|getppid] [--size N] [--count N]
 *         [--out PATH] [--wrap N]
 *     --gate PATH  open this FIFO and read one byte before the loop
 *     --op         write (default): write(2) --size bytes to --out;
 *                  getppid: the cheapest system call, for the collateral cost
 *     --size N     bytes per write (default 64)
 *     --count N    calls (default 1000000)
 *     --out PATH   where writes go (default /dev/null); created and truncated
 *     --wrap N     with --out, seek back to 0 each time N bytes were written,
 *                  so a file on disk stays small and in the page cache
 *
 * Prints one line, "<ns>", on stdout. Exit 0 on success.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>

static void die(const char *what)
{
	fprintf(stderr, "flood: %s: %s\n", what, strerror(errno));
	exit(1);
}

static unsigned long long num(const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s)
		die(s);
	if (*end == 'K' || *end == 'k')
		v <<= 10;
	else if (*end == 'M')
		v <<= 20;
	return v;
}

static unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	const char *gate = NULL, *op = "write", *out = "/dev/null";
	unsigned long long size = 64, count = 1000000, wrap = 0, i, t0, t1, pos = 0;
	char *buf, c;
	int fd, g;

	for (int a = 1; a + 1 < argc; a += 2) {
		if (!strcmp(argv[a], "--gate"))
			gate = argv[a + 1];
		else if (!strcmp(argv[a], "--op"))
			op = argv[a + 1];
		else if (!strcmp(argv[a], "--size"))
			size = num(argv[a + 1]);
		else if (!strcmp(argv[a], "--count"))
			count = num(argv[a + 1]);
		else if (!strcmp(argv[a], "--out"))
			out = argv[a + 1];
		else if (!strcmp(argv[a], "--wrap"))
			wrap = num(argv[a + 1]);
		else {
			fprintf(stderr, "flood: unknown option %s\n", argv[a]);
			return 2;
		}
	}
	buf = malloc(size ? size : 1);
	if (!buf)
		die("malloc");
	for (i = 0; i < size; i++)
		buf[i] = 'a' + i % 26;
	if (size)
		buf[size - 1] = '\n';
	fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		die(out);
	if (gate) {
		g = open(gate, O_RDONLY | O_CLOEXEC);
		if (g < 0 || read(g, &c, 1) < 0)
			die(gate);
		close(g);
	}

	t0 = now_ns();
	if (!strcmp(op, "getppid")) {
		for (i = 0; i < count; i++)
			syscall(SYS_getppid);
	} else {
		for (i = 0; i < count; i++) {
			if (write(fd, buf, size) != (ssize_t)size)
				die("write");
			pos += size;
			if (wrap && pos >= wrap) {
				if (lseek(fd, 0, SEEK_SET) < 0)
					die("lseek");
				pos = 0;
			}
		}
	}
	t1 = now_ns();
	printf("%llu\n", t1 - t0);
	return 0;
}
