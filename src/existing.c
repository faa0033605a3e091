// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "existing.h"
#include "tail.h"
#include "target.h"

/* Files whose size is remembered; more are still shown, but then their live
 * writes are not checked for overlap. */
#define MAX_SNAPS 4096

struct snap {
	uint32_t pid;
	int32_t fd;
	uint64_t size;
};

struct existing {
	struct snap snaps[MAX_SNAPS];
	size_t nr;
	uint64_t deduped;
};

struct copy_ctx {
	struct output *out;
	const struct kg_existing *e;
};

static int copy_piece(const char *buf, size_t len, void *ctx)
{
	struct copy_ctx *c = ctx;

	return c->out->existing(c->out, c->e, buf, len);
}

/* Why an fd that is not a regular file holds nothing to show. */
static const char *why_none(mode_t mode)
{
	if (S_ISFIFO(mode))
		return "a pipe keeps no written data: only live writes can be shown";
	if (S_ISSOCK(mode))
		return "a socket keeps no written data: only live writes can be shown";
	if (S_ISCHR(mode))
		return "a terminal or character device keeps no written data: only live "
		       "writes can be shown";
	if (S_ISDIR(mode))
		return "a directory is not written to";
	return "not a regular file: only live writes can be shown";
}

/* Open for writing? From the flags in /proc/PID/fdinfo/FD (octal). */
static bool open_for_writing(int pid, int fd)
{
	char path[64], line[128];
	unsigned long flags = 0;
	bool found = false;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/fdinfo/%d", pid, fd);
	f = fopen(path, "re");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f))
		found = sscanf(line, "flags: %lo", &flags) == 1;
	fclose(f);
	return found && (flags & O_ACCMODE) != O_RDONLY;
}

static void show_fd(struct existing *x, const struct kg_opts *o, struct output *out,
		    struct fdnames *names, int pid, const char *comm, int fd)
{
	struct kg_existing e = {.phase = KG_EXISTING_BEGIN, .pid = pid, .fd = fd, .comm = comm};
	struct copy_ctx c = {.out = out, .e = &e};
	char path[64], why[160];
	struct stat st;
	off_t start;
	int rfd, err;

	snprintf(path, sizeof(path), "/proc/%d/fd/%d", pid, fd);
	e.fd_name = names ? fdnames__get(names, pid, fd) : NULL;
	if (stat(path, &st)) {
		snprintf(why, sizeof(why), "it could not be examined (%s)", strerror(errno));
		e.none = why;
		out->existing(out, &e, NULL, 0);
		return;
	}
	if (!S_ISREG(st.st_mode)) {
		e.none = why_none(st.st_mode);
		out->existing(out, &e, NULL, 0);
		return;
	}
	if (!open_for_writing(pid, fd)) {
		e.none = "the file is open read-only: kubeglass shows what is written";
		out->existing(out, &e, NULL, 0);
		return;
	}
	/* Through /proc: this also reaches a file that was deleted while open. */
	rfd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (rfd < 0 || fstat(rfd, &st)) {
		snprintf(why, sizeof(why), "it could not be read (%s)", strerror(errno));
		e.none = why;
		out->existing(out, &e, NULL, 0);
		if (rfd >= 0)
			close(rfd);
		return;
	}
	/* S: taken after the probes were attached; see existing.h. */
	e.size = st.st_size;
	if (x->nr < MAX_SNAPS)
		x->snaps[x->nr++] = (struct snap){.pid = pid, .fd = fd, .size = e.size};
	err = tail__find_start(rfd, (off_t)e.size, o->tail, &start);
	if (err) {
		snprintf(why, sizeof(why), "reading it failed (%s)", strerror(-err));
		e.none = why;
		out->existing(out, &e, NULL, 0);
		close(rfd);
		return;
	}
	e.start = start;
	e.end = e.size;
	if (start == (off_t)e.size) {
		e.none = e.size ? "--tail=0" : "the file is empty";
		out->existing(out, &e, NULL, 0);
		close(rfd);
		return;
	}
	out->existing(out, &e, NULL, 0);
	e.phase = KG_EXISTING_DATA;
	tail__copy(rfd, start, (off_t)e.size, copy_piece, &c);
	e.phase = KG_EXISTING_END;
	out->existing(out, &e, NULL, 0);
	close(rfd);
}

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

static void show_pid(struct existing *x, const struct kg_opts *o, struct output *out,
		     struct fdnames *names, int pid)
{
	char path[64], comm[64];
	int *fds = NULL, nfds = 0, cap = 0, i;
	struct dirent *d;
	DIR *dir;

	snprintf(path, sizeof(path), "/proc/%d/fd", pid);
	dir = opendir(path);
	if (!dir)
		return;
	target__comm(pid, comm, sizeof(comm));
	while ((d = readdir(dir))) {
		char *end;
		long fd = strtol(d->d_name, &end, 10);

		if (*end || d->d_name[0] == '.' || !opts__fd_selected(o, (int)fd))
			continue;
		if (nfds == cap) {
			int *nf = realloc(fds, (cap ? 2 * cap : 64) * sizeof(*fds));

			if (!nf)
				break;
			fds = nf;
			cap = cap ? 2 * cap : 64;
		}
		fds[nfds++] = (int)fd;
	}
	closedir(dir);
	qsort(fds, nfds, sizeof(*fds), cmp_int);
	for (i = 0; i < nfds; i++)
		show_fd(x, o, out, names, pid, comm, fds[i]);
	free(fds);
}

struct existing *existing__show(const struct kg_opts *o, struct output *out,
				struct fdnames *names)
{
	struct existing *x = calloc(1, sizeof(*x));
	int i;

	if (!x)
		return NULL;
	for (i = 0; i < o->npids; i++)
		show_pid(x, o, out, names, o->pids[i]);
	return x;
}

void existing__free(struct existing *x)
{
	free(x);
}

static void forget(struct existing *x, size_t i)
{
	x->snaps[i] = x->snaps[--x->nr];
}

uint64_t existing__overlap(struct existing *x, const struct kg_msg *m)
{
	const struct kg_event *ev = m->ev;
	uint64_t begin, size;
	size_t i;

	if (!x || !x->nr || ev->ret <= 0 || (ev->flags & KG_F_READ) || !ev->fpos)
		return 0;
	for (i = 0; i < x->nr; i++) {
		if (x->snaps[i].pid != ev->pid || x->snaps[i].fd != ev->fd)
			continue;
		if (ev->fpos <= x->snaps[i].size) {
			x->deduped++;
			return UINT64_MAX;
		}
		/* The first write past S: every later one is past it too. */
		begin = ev->fpos - (uint64_t)ev->ret;
		size = x->snaps[i].size;
		forget(x, i);
		if (begin < size) {
			x->deduped++;
			return size - begin;
		}
		return 0;
	}
	return 0;
}

void existing__fd_changed(struct existing *x, uint32_t pid, int64_t first, int64_t last)
{
	size_t i = 0;

	while (x && i < x->nr) {
		if (x->snaps[i].pid == pid && x->snaps[i].fd >= first && x->snaps[i].fd <= last)
			forget(x, i);
		else
			i++;
	}
}

uint64_t existing__deduped(const struct existing *x)
{
	return x ? x->deduped : 0;
}
