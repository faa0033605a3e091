// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A deterministic test workload: waits on a gate, then writes known
 * pseudo-random bytes with one syscall of the write family.
 *
 *   writer [options]
 *     --gate PATH      open this FIFO and read one byte before writing
 *     --syscall NAME   write writev pwrite64 pwritev pwritev2 sendto sendmsg sendmmsg
 *     --size N         bytes per call (default 64)
 *     --sizes LIST     bytes per call, cycling through this list
 *     --count N        calls per fd (default 1)
 *     --fd LIST        fds to write to, comma-separated (default 1); with
 *                      --threads, one thread per fd
 *     --threads        one thread per fd, all writing at once
 *     --iov N          iovecs per call for the vector calls (default 3; sizes
 *                      vary and include empty ones)
 *     --seed N         data seed (each fd adds its number)
 *     --emit FD        write nothing to the fds: print on stdout the bytes the
 *                      run would write to FD, for cmp
 *     --fail KIND      ebadf: write to a closed fd; eagain: fill a non-blocking
 *                      pipe, then write until EAGAIN (--count times)
 *     --socket         socket calls go to a socketpair drained by a thread
 *                      (implied by sendto/sendmsg/sendmmsg)
 *     --sink PATH      with --socket: append what the peer received to PATH
 *     --seconds N      write for N seconds instead of --count calls
 *     --made PATH      keep the count of calls made in PATH, live: one 8-byte counter per
 *                      thread (native endian) in a shared mapping, bumped after each call
 *
 * Prints nothing else. Exit 0 on success.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#define MAX_FDS 64

static const char *sys_name = "write";
static size_t size = 64;
static size_t sizes[64];
static int nsizes;
static long count = 1;
static double seconds;
static const char *made_path;
static volatile uint64_t *made; /* one counter per fd index, shared with the test */
static __thread volatile uint64_t *my_made;
static int fds[MAX_FDS] = {1};
static int nfds = 1;
static bool threads;
static int iovs = 3;
static uint64_t seed = 1;
static int emit_fd = -1;
static const char *fail_kind;
static const char *sink_path;

static void die(const char *what)
{
	fprintf(stderr, "writer: %s: %s\n", what, strerror(errno));
	exit(1);
}

static uint64_t next_rand(uint64_t *s)
{
	/* xorshift64*: fast, and the same sequence everywhere. */
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

static void fill(char *buf, size_t n, uint64_t *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		buf[i] = (char)(next_rand(s) >> 56);
}

/* Splits n bytes into up to k pieces of varying size, some empty. */
static int split(struct iovec *iov, char *buf, size_t n, int k)
{
	size_t off = 0, piece;
	int i, cnt = 0;

	for (i = 0; i < k; i++) {
		if (i == k - 1)
			piece = n - off;
		else if (i % 3 == 1)
			piece = 0;
		else
			piece = (n - off) / 2;
		iov[cnt].iov_base = buf + off;
		iov[cnt].iov_len = piece;
		cnt++;
		off += piece;
	}
	return cnt;
}

/* Writes all n bytes, going on after short writes as a real program would.
 * Every call's return value sizes what kubeglass must show. */
static void write_msg(int fd, char *buf, size_t n, off_t *pos)
{
	struct iovec iov[1024];
	struct mmsghdr mm[2];
	struct msghdr mh;
	ssize_t w;
	int cnt;

	do {
		if (!strcmp(sys_name, "write")) {
			w = write(fd, buf, n);
		} else if (!strcmp(sys_name, "pwrite64")) {
			w = pwrite(fd, buf, n, *pos);
		} else if (!strcmp(sys_name, "sendto")) {
			w = sendto(fd, buf, n, 0, NULL, 0);
		} else if (!strcmp(sys_name, "sendmmsg")) {
			/* Two messages per call: the halves. */
			size_t half = n / 2;

			memset(mm, 0, sizeof(mm));
			cnt = split(iov, buf, half, iovs);
			mm[0].msg_hdr.msg_iov = iov;
			mm[0].msg_hdr.msg_iovlen = cnt;
			mm[1].msg_hdr.msg_iov = iov + cnt;
			mm[1].msg_hdr.msg_iovlen = split(iov + cnt, buf + half, n - half, iovs);
			w = sendmmsg(fd, mm, 2, 0);
			if (w == 2)
				w = mm[0].msg_len + mm[1].msg_len;
			else if (w == 1)
				w = mm[0].msg_len;
		} else {
			cnt = split(iov, buf, n, iovs);
			if (!strcmp(sys_name, "writev")) {
				w = writev(fd, iov, cnt);
			} else if (!strcmp(sys_name, "pwritev")) {
				w = pwritev(fd, iov, cnt, *pos);
			} else if (!strcmp(sys_name, "pwritev2")) {
				w = pwritev2(fd, iov, cnt, *pos, 0);
			} else if (!strcmp(sys_name, "sendmsg")) {
				memset(&mh, 0, sizeof(mh));
				mh.msg_iov = iov;
				mh.msg_iovlen = cnt;
				w = sendmsg(fd, &mh, 0);
			} else {
				fprintf(stderr, "writer: unknown syscall %s\n", sys_name);
				exit(2);
			}
		}
		if (my_made)
			__atomic_fetch_add(my_made, 1, __ATOMIC_RELAXED);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			die(sys_name);
		}
		buf += w;
		n -= w;
		*pos += w;
	} while (n > 0);
}

static bool is_socket_call(void)
{
	return !strncmp(sys_name, "send", 4);
}

struct drain_arg {
	int fd;
	FILE *sink;
};

static void *drain(void *p)
{
	struct drain_arg *a = p;
	char buf[65536];
	ssize_t n;

	while ((n = read(a->fd, buf, sizeof(buf))) > 0)
		if (a->sink)
			fwrite(buf, 1, n, a->sink);
	return NULL;
}

static struct timespec start_time;

static bool time_up(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start_time.tv_sec) + (now.tv_nsec - start_time.tv_nsec) / 1e9 >=
	       seconds;
}

static void *run_fd(void *p)
{
	int idx = (int)(intptr_t)p, fd = fds[idx];
	uint64_t s = seed + fd;
	off_t pos = 0;
	size_t max = size, n;
	char *buf;
	long i;

	for (i = 0; i < nsizes; i++)
		if (sizes[i] > max)
			max = sizes[i];
	buf = malloc(max ? max : 1);
	if (!buf)
		die("malloc");
	if (made)
		my_made = &made[idx];
	for (i = 0; seconds > 0 ? !time_up() : i < count; i++) {
		n = nsizes ? sizes[i % nsizes] : size;
		fill(buf, n, &s);
		if (emit_fd >= 0) {
			if (fd == emit_fd && fwrite(buf, 1, n, stdout) != n)
				die("stdout");
			continue;
		}
		write_msg(fd, buf, n, &pos);
	}
	free(buf);
	return NULL;
}

static void parse_fds(const char *s)
{
	char *copy = strdup(s), *tok, *save = NULL;

	nfds = 0;
	for (tok = strtok_r(copy, ",", &save); tok && nfds < MAX_FDS;
	     tok = strtok_r(NULL, ",", &save))
		fds[nfds++] = atoi(tok);
	free(copy);
}

static void run_fail(void)
{
	int p[2], flags;
	long i;
	char buf[4096] = {0};

	if (!strcmp(fail_kind, "ebadf")) {
		for (i = 0; i < count; i++)
			if (write(987, "never shown\n", 12) != -1 || errno != EBADF)
				die("expected EBADF");
		return;
	}
	if (pipe(p))
		die("pipe");
	flags = fcntl(p[1], F_GETFL);
	fcntl(p[1], F_SETFL, flags | O_NONBLOCK);
	while (write(p[1], buf, sizeof(buf)) > 0)
		;
	for (i = 0; i < count; i++)
		if (write(p[1], "never shown\n", 12) != -1 || errno != EAGAIN)
			die("expected EAGAIN");
}

int main(int argc, char **argv)
{
	pthread_t th[MAX_FDS], drainer[MAX_FDS];
	struct drain_arg da[MAX_FDS];
	const char *gate = NULL;
	bool sock = false;
	FILE *sink = NULL;
	int i, sv[2];
	char c;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--threads")) {
			threads = true;
			continue;
		}
		if (!strcmp(a, "--socket")) {
			sock = true;
			continue;
		}
		if (!v) {
			fprintf(stderr, "writer: %s needs a value\n", a);
			return 2;
		}
		i++;
		if (!strcmp(a, "--gate"))
			gate = v;
		else if (!strcmp(a, "--syscall"))
			sys_name = v;
		else if (!strcmp(a, "--size"))
			size = strtoull(v, NULL, 0);
		else if (!strcmp(a, "--sizes")) {
			char *copy = strdup(v), *tok, *save = NULL;

			for (tok = strtok_r(copy, ",", &save); tok && nsizes < 64;
			     tok = strtok_r(NULL, ",", &save))
				sizes[nsizes++] = strtoull(tok, NULL, 0);
			free(copy);
		} else if (!strcmp(a, "--count"))
			count = strtol(v, NULL, 0);
		else if (!strcmp(a, "--fd"))
			parse_fds(v);
		else if (!strcmp(a, "--iov"))
			iovs = atoi(v);
		else if (!strcmp(a, "--seed"))
			seed = strtoull(v, NULL, 0);
		else if (!strcmp(a, "--emit"))
			emit_fd = atoi(v);
		else if (!strcmp(a, "--fail"))
			fail_kind = v;
		else if (!strcmp(a, "--sink"))
			sink_path = v;
		else if (!strcmp(a, "--seconds"))
			seconds = strtod(v, NULL);
		else if (!strcmp(a, "--made"))
			made_path = v;
		else {
			fprintf(stderr, "writer: unknown option %s\n", a);
			return 2;
		}
	}
	if (iovs < 1 || iovs > 500)
		iovs = 3;

	if (gate && emit_fd < 0) {
		int g = open(gate, O_RDONLY);

		if (g < 0 || read(g, &c, 1) != 1)
			die("gate");
		close(g);
	}
	if (made_path && emit_fd < 0) {
		int mfd = open(made_path, O_RDWR | O_CREAT | O_TRUNC, 0644);

		if (mfd < 0 || ftruncate(mfd, MAX_FDS * sizeof(uint64_t)))
			die(made_path);
		made = mmap(NULL, MAX_FDS * sizeof(uint64_t), PROT_READ | PROT_WRITE, MAP_SHARED, mfd,
			    0);
		if (made == MAP_FAILED)
			die("mmap");
		close(mfd);
	}
	clock_gettime(CLOCK_MONOTONIC, &start_time);
	if (fail_kind) {
		run_fail();
		return 0;
	}
	if ((sock || is_socket_call()) && emit_fd < 0) {
		if (sink_path) {
			sink = fopen(sink_path, "a");
			if (!sink)
				die(sink_path);
		}
		/* Each fd in the list becomes one end of a socketpair. */
		for (i = 0; i < nfds; i++) {
			int big = 4 << 20;

			if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
				die("socketpair");
			setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &big, sizeof(big));
			if (dup2(sv[0], fds[i]) < 0)
				die("dup2");
			close(sv[0]);
			da[i].fd = sv[1];
			da[i].sink = sink;
			pthread_create(&drainer[i], NULL, drain, &da[i]);
		}
	}
	if (threads) {
		for (i = 0; i < nfds; i++)
			pthread_create(&th[i], NULL, run_fd, (void *)(intptr_t)i);
		for (i = 0; i < nfds; i++)
			pthread_join(th[i], NULL);
	} else {
		for (i = 0; i < nfds; i++)
			run_fd((void *)(intptr_t)i);
	}
	if ((sock || is_socket_call()) && emit_fd < 0) {
		for (i = 0; i < nfds; i++) {
			shutdown(fds[i], SHUT_WR);
			pthread_join(drainer[i], NULL);
		}
		if (sink)
			fclose(sink);
	}
	if (emit_fd >= 0 && fflush(stdout))
		die("stdout");
	return 0;
}
