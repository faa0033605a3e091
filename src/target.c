// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "cgroup.h"
#include "escape.h"
#include "target.h"

#define PF_KTHREAD 0x00200000

static int read_file(const char *path, char *buf, size_t size)
{
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	if (n < 0)
		n = -errno;
	close(fd);
	if (n < 0)
		return (int)n;
	buf[n] = '\0';
	return (int)n;
}

void target__comm(int pid, char *buf, size_t size)
{
	char path[64];
	int n;

	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	n = read_file(path, buf, size);
	if (n <= 0) {
		snprintf(buf, size, "?");
		return;
	}
	buf[strcspn(buf, "\n")] = '\0';
}

int target__check_pid(int pid, int *tgid)
{
	char path[64], buf[4096], *p;
	unsigned long flags = 0;
	int n, i;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	n = read_file(path, buf, sizeof(buf));
	if (n < 0) {
		if (n == -ENOENT || n == -ESRCH) {
			fprintf(stderr, "kubeglass: no process with pid %d; check it with "
					"'ps -p %d'\n", pid, pid);
			return -ESRCH;
		}
		fprintf(stderr, "kubeglass: cannot read %s: %s\n", path, strerror(-n));
		return n;
	}
	p = strstr(buf, "\nTgid:");
	if (!p || sscanf(p + 6, "%d", tgid) != 1 || *tgid <= 0) {
		fprintf(stderr, "kubeglass: cannot read the process ID of %d from %s\n", pid, path);
		return -EINVAL;
	}

	/* The flags are field 9 of /proc/PID/stat, after the parenthesised comm,
	 * which may itself hold spaces and parentheses: start after the last ')'. */
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	n = read_file(path, buf, sizeof(buf));
	if (n < 0) {
		fprintf(stderr, "kubeglass: no process with pid %d; check it with 'ps -p %d'\n",
			pid, pid);
		return -ESRCH;
	}
	p = strrchr(buf, ')');
	for (i = 0; p && i < 7; i++)
		p = strchr(p + 1, ' ');
	if (p)
		flags = strtoul(p + 1, NULL, 10);
	if (flags & PF_KTHREAD) {
		fprintf(stderr, "kubeglass: pid %d is a kernel thread; it makes no system calls "
				"to trace. Give the pid of a user process\n", pid);
		return -EINVAL;
	}
	return 0;
}

int target__pidfd(int pid)
{
	int fd = syscall(SYS_pidfd_open, pid, 0);

	return fd < 0 ? -errno : fd;
}

bool target__exited(int pidfd)
{
	struct pollfd p = {.fd = pidfd, .events = POLLIN};

	return poll(&p, 1, 0) > 0;
}

int target__check_privileges(void)
{
	struct __user_cap_header_struct hdr = {.version = _LINUX_CAPABILITY_VERSION_3};
	struct __user_cap_data_struct data[2] = {};
	bool sys_admin, bpf, perfmon;

	if (syscall(SYS_capget, &hdr, data))
		return 0; /* cannot tell: let the load itself say */
#define HAS(cap) (data[CAP_TO_INDEX(cap)].effective & CAP_TO_MASK(cap))
	sys_admin = HAS(CAP_SYS_ADMIN);
	bpf = HAS(CAP_BPF);
	perfmon = HAS(CAP_PERFMON);
#undef HAS
	if (sys_admin || (bpf && perfmon))
		return 0;
	fprintf(stderr, "kubeglass: missing capabilit%s %s%s%s: run as root (sudo), or grant "
			"CAP_BPF and CAP_PERFMON\n", !bpf && !perfmon ? "ies" : "y",
		bpf ? "" : "CAP_BPF", !bpf && !perfmon ? " and " : "", perfmon ? "" : "CAP_PERFMON");
	return -EPERM;
}

static int targets__watch(struct targets *t, int pid)
{
	struct target_proc *bigger;
	size_t i;

	for (i = 0; i < t->nprocs; i++)
		if (t->procs[i].pid == pid)
			return 0;
	if (t->nprocs == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 16;

		bigger = realloc(t->procs, cap * sizeof(*bigger));
		if (!bigger)
			return -ENOMEM;
		t->procs = bigger;
		t->cap = cap;
	}
	t->procs[t->nprocs].pid = pid;
	t->procs[t->nprocs].pidfd = target__pidfd(pid);
	t->nprocs++;
	return 0;
}

static int check_pids(struct targets *t, struct kg_opts *o)
{
	int i, tgid, err;

	for (i = 0; i < o->npids; i++) {
		err = target__check_pid(o->pids[i], &tgid);
		if (err)
			return err;
		if (tgid != o->pids[i]) {
			fprintf(stderr, "kubeglass: %d is a thread of process %d; tracing all of "
					"process %d\n", o->pids[i], tgid, tgid);
			o->pids[i] = tgid;
		}
		err = targets__watch(t, tgid);
		if (err)
			return err;
		if (t->procs[t->nprocs - 1].pidfd == -ESRCH) {
			fprintf(stderr, "kubeglass: process %d exited before tracing started\n", tgid);
			return -ESRCH;
		}
	}
	return 0;
}

/* Why kubeglass could not see the host's whole cgroup tree, for the not-found messages. */
static char cgroupns_note[160];

/*
 * In a container with a cgroup namespace of its own (Docker's default on cgroup v2, and
 * Kubernetes pods), the cgroup2 mount shows the container's own subtree only: no other
 * container can be found there. Given the host's PIDs (--pid=host, hostPID) and CAP_SYS_ADMIN,
 * join PID 1's cgroup namespace and mount the whole hierarchy over /sys/fs/cgroup, in a mount
 * namespace of kubeglass's own that ends with it. The cgroup ids the BPF side compares are the
 * same in every namespace; only the view changes.
 */
static void see_host_cgroups(void)
{
	struct stat self, init;
	char root[PATH_MAX];
	const char *step;
	bool own_ns;
	int fd;

	own_ns = !stat("/proc/self/ns/cgroup", &self) && !stat("/proc/1/ns/cgroup", &init) &&
		 (self.st_ino != init.st_ino || self.st_dev != init.st_dev);
	/* A container on a hybrid host may have no cgroup2 mount at all: make one, too. */
	if (!own_ns && !cgroup__v2_root(root, sizeof(root)))
		return;
	if (own_ns) {
		step = "open /proc/1/ns/cgroup";
		fd = open("/proc/1/ns/cgroup", O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			goto fail;
		step = "join the host's cgroup namespace";
		if (setns(fd, CLONE_NEWCGROUP)) {
			close(fd);
			goto fail;
		}
		close(fd);
	}
	step = "mount the host's cgroup tree";
	if (unshare(CLONE_NEWNS) || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
	    mount("cgroup2", "/sys/fs/cgroup", "cgroup2", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL))
		goto fail;
	return;
fail:
	snprintf(cgroupns_note, sizeof(cgroupns_note), " (kubeglass sees only part of the cgroup "
		 "tree and could not %s: %s; give it CAP_SYS_ADMIN and the host's PIDs)", step,
		 strerror(errno));
}

/* The cgroup2 mount point, for messages and for paths given as in /proc/PID/cgroup. */
static int v2_root(char *root, size_t size)
{
	int err = cgroup__v2_root(root, size);

	if (err)
		fprintf(stderr, "kubeglass: no cgroup v2 file system is mounted (%s); --container "
				"and --cgroup need one, e.g. mount -t cgroup2 none /sys/fs/cgroup%s\n",
			strerror(-err), cgroupns_note);
	return err;
}

static int resolve_container(struct targets *t, const char *prefix)
{
	char root[PATH_MAX], matches[1024];
	int err;

	err = v2_root(root, sizeof(root));
	if (err)
		return err;
	err = cgroup__find_container(root, prefix, t->cgroup_dir, sizeof(t->cgroup_dir), matches,
				     sizeof(matches));
	if (err == -ENOENT)
		fprintf(stderr, "kubeglass: no container with ID %s%s in the cgroups under %s; "
				"check the ID (crictl ps, docker ps, runc list) and run kubeglass on "
				"the container's node%s\n", prefix,
			strlen(prefix) < CGROUP_CONTAINER_ID_LEN ? "..." : "", root, cgroupns_note);
	else if (err == -EEXIST)
		fprintf(stderr, "kubeglass: container ID prefix %s is ambiguous: it matches %s; give "
				"more of the ID\n", prefix, matches);
	else if (err)
		fprintf(stderr, "kubeglass: looking for container %s under %s failed: %s\n", prefix,
			root, strerror(-err));
	return err;
}

/* A cgroup v2 directory, or a path as /proc/PID/cgroup shows it (below the mount). */
static int resolve_cgroup(struct targets *t, const char *path)
{
	struct stat st;
	char root[PATH_MAX];
	int err;

	if (stat(path, &st) == 0 || path[0] != '/') {
		snprintf(t->cgroup_dir, sizeof(t->cgroup_dir), "%s", path);
		return 0;
	}
	err = v2_root(root, sizeof(root));
	if (err)
		return err;
	if (snprintf(t->cgroup_dir, sizeof(t->cgroup_dir), "%s%s", root, path) >=
	    (int)sizeof(t->cgroup_dir))
		return -ENAMETOOLONG;
	if (stat(t->cgroup_dir, &st))
		snprintf(t->cgroup_dir, sizeof(t->cgroup_dir), "%s", path);
	return 0;
}

static int resolve_scope(struct targets *t, const struct kg_opts *o)
{
	uint64_t id;
	int level, err;

	see_host_cgroups();
	err = o->container[0] ? resolve_container(t, o->container) : resolve_cgroup(t, o->cgroup);
	if (err)
		return err;
	err = cgroup__id(t->cgroup_dir, &id, &level);
	if (err == -ENOENT)
		fprintf(stderr, "kubeglass: no cgroup %s; give a cgroup v2 directory, or the path "
				"on the 0:: line of /proc/PID/cgroup%s\n", t->cgroup_dir, cgroupns_note);
	else if (err == -EINVAL || err == -ENOTDIR)
		fprintf(stderr, "kubeglass: %s is not a cgroup v2 directory; give one under the "
				"cgroup2 mount (see: findmnt -t cgroup2)\n", t->cgroup_dir);
	else if (err)
		fprintf(stderr, "kubeglass: cannot read the id of cgroup %s: %s\n", t->cgroup_dir,
			strerror(-err));
	if (err)
		return err;
	t->scope.cgroup_id = id;
	t->scope.cgroup_level = level;
	return 0;
}

int targets__prepare(struct targets *t, struct kg_opts *o)
{
	int err;

	memset(t, 0, sizeof(*t));
	t->opts = o;
	t->cmd.pid = -1;
	t->cmd.hold_fd = t->cmd.err_fd = -1;
	t->open_ended = o->ncomms || o->container[0] || o->cgroup;
	err = check_pids(t, o);
	if (err)
		return err;
	if (o->container[0] || o->cgroup) {
		err = resolve_scope(t, o);
		if (err)
			return err;
	}
	if (o->command) {
		err = command__start(&t->cmd, o->command);
		if (err)
			return err;
		t->has_command = true;
		err = targets__watch(t, t->cmd.pid);
	}
	return err;
}

/* Processes already running under one of the --comm names. */
static int scan_comms(struct targets *t)
{
	char comm[KG_COMM_LEN + 8];
	struct dirent *ent;
	int i, pid, err = 0;
	DIR *d;

	d = opendir("/proc");
	if (!d) {
		err = -errno;
		fprintf(stderr, "kubeglass: cannot list /proc: %s\n", strerror(-err));
		return err;
	}
	while ((ent = readdir(d))) {
		pid = atoi(ent->d_name);
		if (pid <= 0 || pid == getpid())
			continue;
		target__comm(pid, comm, sizeof(comm));
		for (i = 0; i < t->opts->ncomms; i++) {
			if (strcmp(comm, t->opts->comms[i]))
				continue;
			err = targets__watch(t, pid);
			if (err)
				break;
			t->ncomm_procs++;
		}
		if (err)
			break;
	}
	closedir(d);
	return err;
}

/* Drops targets whose exit the hook could not see: they ended before, or
 * while, their bit was set. Checked a few seconds only: after that a pidfd
 * could report the exit of a PID the fork hook has since given to a new
 * target. */
static void reap_early_exits(struct targets *t)
{
	size_t i;

	for (i = 0; i < t->nprocs; i++) {
		struct target_proc *p = &t->procs[i];

		if (p->pidfd < 0)
			continue;
		if (target__exited(p->pidfd) || time(NULL) > t->watch_until) {
			if (target__exited(p->pidfd))
				tracer__remove_pid(t->tracer, p->pid);
			close(p->pidfd);
			p->pidfd = -1;
		}
	}
}

int targets__add(struct targets *t, struct tracer *tr)
{
	size_t i;
	int err;

	t->tracer = tr;
	if (t->opts->ncomms) {
		err = scan_comms(t);
		if (err)
			return err;
	}
	for (i = 0; i < t->nprocs; i++)
		if (t->procs[i].pidfd != -ESRCH) /* it has exited already */
			tracer__add_pid(tr, t->procs[i].pid);
	t->watch_until = time(NULL) + 3;
	reap_early_exits(t);
	if (!t->open_ended && !t->has_command && tracer__live(tr) <= 0) {
		fprintf(stderr, "kubeglass: every target exited before tracing started\n");
		return -ESRCH;
	}
	return 0;
}

static size_t put_comms(const struct kg_opts *o, char *buf, size_t size)
{
	size_t n = 0;
	int i;

	for (i = 0; i < o->ncomms && n < size; i++)
		n += snprintf(buf + n, size - n, "%s'%s'", i ? (i + 1 == o->ncomms ? " or " : ", ")
							     : "", o->comms[i]);
	return n;
}

/* A cgroup path for a message: a nested runtime may have named its parts. */
static const char *printable(const char *path)
{
	static char out[PATH_MAX * ESCAPE_MAX_PER_BYTE + 1];
	size_t len = strnlen(path, PATH_MAX);

	out[escape__text(path, len, out)] = '\0';
	return out;
}

void targets__describe(const struct targets *t, char *buf, size_t size)
{
	const struct kg_opts *o = t->opts;
	char comm[32], safe[32 * ESCAPE_MAX_PER_BYTE + 1];
	size_t count = 0, n = 0;
	int *pids = NULL;

	if (t->cgroup_dir[0]) {
		if (!cgroup__pids(t->cgroup_dir, &pids, &count))
			free(pids);
		if (o->container[0])
			snprintf(buf, size, "container %.12s (cgroup %s), %zu process%s now and "
					    "any it starts", o->container, printable(t->cgroup_dir), count,
				 count == 1 ? "" : "es");
		else
			snprintf(buf, size, "cgroup %s and its descendants, %zu process%s now and "
					    "any started there", printable(t->cgroup_dir), count,
				 count == 1 ? "" : "es");
		return;
	}
	if (t->has_command) {
		n = snprintf(buf, size, "command %s (pid %d)", o->command[0], t->cmd.pid);
	} else if (o->npids == 1) {
		target__comm(o->pids[0], comm, sizeof(comm));
		safe[escape__text(comm, strlen(comm), safe)] = '\0';
		n = snprintf(buf, size, "pid %d (%s)", o->pids[0], safe);
	} else if (o->npids) {
		n = snprintf(buf, size, "%d processes", o->npids);
	}
	if (o->ncomms && n < size) {
		n += snprintf(buf + n, size - n, "%sprocesses named ", n ? " and " : "");
		if (n < size)
			n += put_comms(o, buf + n, size - n);
		if (n < size)
			n += snprintf(buf + n, size - n, " (%zu running now)", t->ncomm_procs);
	}
	if (o->follow && n < size)
		snprintf(buf + n, size - n, " and %s children",
			 o->npids + o->ncomms + t->has_command > 1 ? "their" : "its");
}

int targets__release(struct targets *t)
{
	int err;

	if (!t->has_command)
		return 0;
	err = command__release(&t->cmd, t->opts->command[0]);
	if (err)
		t->exec_err = -err;
	return err;
}

static const char *signal_name(int sig)
{
	const char *name = sigabbrev_np(sig);

	return name ? name : "?";
}

const char *targets__poll(struct targets *t)
{
	struct stat st;
	long left;

	if (time(NULL) != t->last_watch && time(NULL) <= t->watch_until + 1) {
		t->last_watch = time(NULL);
		reap_early_exits(t);
	}
	if (t->has_command && command__poll(&t->cmd)) {
		if (WIFSIGNALED(t->cmd.status))
			snprintf(t->why, sizeof(t->why), "the command was killed by signal %d "
							 "(SIG%s)",
				 WTERMSIG(t->cmd.status), signal_name(WTERMSIG(t->cmd.status)));
		else
			snprintf(t->why, sizeof(t->why), "the command exited with status %d",
				 WEXITSTATUS(t->cmd.status));
		left = tracer__live(t->tracer);
		if (left > 0 && t->opts->follow && !t->opts->npids && !t->opts->ncomms)
			snprintf(t->why + strlen(t->why), sizeof(t->why) - strlen(t->why),
				 "; %ld process%s it started still run%s, no longer traced", left,
				 left == 1 ? "" : "es", left == 1 ? "s" : "");
		return t->why;
	}
	if (t->cgroup_dir[0]) {
		if (stat(t->cgroup_dir, &st) && errno == ENOENT) {
			snprintf(t->why, sizeof(t->why), "the cgroup %s was removed%s",
				 printable(t->cgroup_dir),
				 t->opts->container[0] ? " (the container has ended)" : "");
			return t->why;
		}
		return NULL;
	}
	if (!t->open_ended && !t->has_command && tracer__live(t->tracer) <= 0)
		return "every target has exited";
	return NULL;
}

bool targets__keep_on_signal(struct targets *t, const struct signalfd_siginfo *si)
{
	if (!t->has_command || t->cmd.ended || t->cmd.hold_fd >= 0) {
		t->stop_signal = si->ssi_signo;
		return false;
	}
	if (t->interrupts++) {
		t->stop_signal = si->ssi_signo;
		return false;
	}
	/* A terminal's Ctrl-C reached the command too (same process group); a
	 * signal another process sent to kubeglass alone is passed on, as
	 * timeout(1) does. */
	if (si->ssi_code == SI_USER || si->ssi_code == SI_QUEUE)
		kill(t->cmd.pid, si->ssi_signo);
	fprintf(stderr, "kubeglass: SIG%s: waiting for the command to end; again to stop now\n",
		signal_name(si->ssi_signo));
	return true;
}

int targets__exit_code(const struct targets *t, int own)
{
	if (!t->has_command)
		return own;
	if (t->exec_err)
		return command__exec_error_code(t->exec_err);
	if (own)
		return own;
	if (t->cmd.ended)
		return command__exit_code(t->cmd.status);
	return t->stop_signal ? 128 + t->stop_signal : own;
}

void targets__free(struct targets *t)
{
	size_t i;

	for (i = 0; i < t->nprocs; i++)
		if (t->procs[i].pidfd >= 0)
			close(t->procs[i].pidfd);
	free(t->procs);
	t->procs = NULL;
	t->nprocs = 0;
	command__close(&t->cmd);
}
