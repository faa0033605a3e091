// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <errno.h>
#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "privs.h"

/*
 * Kept after attach. Loading and attaching (CAP_BPF, CAP_PERFMON, or CAP_SYS_ADMIN) is done by
 * then and is what an attacker would want most; it goes.
 */
static const int keep[] = {
	/* Naming a target's fds reads /proc/PID/fd/N links: a ptrace-mode read check, which a
	 * process of another user passes only with CAP_SYS_PTRACE. */
	CAP_SYS_PTRACE,
	/* /proc/PID/fd itself is mode 0500, owned by the target's user. */
	CAP_DAC_READ_SEARCH,
};

uint64_t privs__keep_mask(void)
{
	uint64_t mask = 0;
	size_t i;

	for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
		mask |= 1ULL << keep[i];
	return mask;
}

int privs__drop(void)
{
	struct __user_cap_header_struct hdr = {.version = _LINUX_CAPABILITY_VERSION_3};
	struct __user_cap_data_struct data[2] = {};
	uint64_t keep_mask = privs__keep_mask(), permitted;
	int cap;

	if (syscall(SYS_capget, &hdr, data))
		return -errno;
	permitted = (uint64_t)data[1].permitted << 32 | data[0].permitted;
	/* The bounding set first: dropping from it needs CAP_SETPCAP, which goes below. Without
	 * CAP_SETPCAP (a non-root user given only the capabilities it needs) it stays as it is;
	 * no_new_privs still stops any exec from gaining what is in it. */
	if (permitted & (1ULL << CAP_SETPCAP)) {
		for (cap = 0; cap <= CAP_LAST_CAP; cap++)
			if (!(keep_mask & (1ULL << cap)) && prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) &&
			    errno != EINVAL)
				return -errno;
	}
	prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
	permitted &= keep_mask;
	data[0].effective = data[0].permitted = (uint32_t)permitted;
	data[1].effective = data[1].permitted = (uint32_t)(permitted >> 32);
	data[0].inheritable = data[1].inheritable = 0;
	if (syscall(SYS_capset, &hdr, data))
		return -errno;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -errno;
	return 0;
}
