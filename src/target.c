// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
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
