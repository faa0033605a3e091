// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <errno.h>
#include <linux/types.h>
#include "kubeglass.h"
#include "syscalls.h"

/* The compat bit callers use; an fd entry may share a slot with it only. */
#define KG_SYS_COMPAT_FLAG 0x80

struct sys_info {
	const char *name;
	int nr;     /* x86-64 */
	int compat; /* ia32 number(s) of the same call, counted but not captured */
	int compat2;
};

/* From arch/x86/entry/syscalls/syscall_{64,32}.tbl. The ia32 socket calls can
 * also go through socketcall(102), which the compat count includes. */
static const struct sys_info sys_info[KG_SYS__MAX] = {
	[KG_SYS_WRITE] = {"write", 1, 4, 0},
	[KG_SYS_WRITEV] = {"writev", 20, 146, 0},
	[KG_SYS_PWRITE64] = {"pwrite64", 18, 181, 0},
	[KG_SYS_PWRITEV] = {"pwritev", 296, 334, 0},
	[KG_SYS_PWRITEV2] = {"pwritev2", 328, 379, 0},
	[KG_SYS_SENDTO] = {"sendto", 44, 369, 102},
	[KG_SYS_SENDMSG] = {"sendmsg", 46, 370, 102},
	[KG_SYS_SENDMMSG] = {"sendmmsg", 307, 345, 102},
	[KG_SYS_READ] = {"read", 0, 3, 0},
	[KG_SYS_READV] = {"readv", 19, 145, 0},
	[KG_SYS_PREAD64] = {"pread64", 17, 180, 0},
	[KG_SYS_PREADV] = {"preadv", 295, 333, 0},
	[KG_SYS_PREADV2] = {"preadv2", 327, 378, 0},
	[KG_SYS_RECVFROM] = {"recvfrom", 45, 371, 102},
	[KG_SYS_RECVMSG] = {"recvmsg", 47, 372, 102},
	[KG_SYS_RECVMMSG] = {"recvmmsg", 299, 337, 417},
};

/* x86-64 calls that change what an fd names: every call that returns a new fd,
 * plus close, close_range, connect and bind (from syscall_64.tbl). */
static const struct {
	int nr;
	unsigned char how; /* enum kg_fdarg */
} fd_calls[] = {
	{2, KG_FDARG_OPEN_DI},	    /* open */
	{85, KG_FDARG_OPEN_DI},	    /* creat */
	{257, KG_FDARG_OPENAT_SI},  /* openat */
	{437, KG_FDARG_OPENAT_SI},  /* openat2 */
	{3, KG_FDARG_CLOSE_DI},	    /* close */
	{436, KG_FDARG_CLOSE_RANGE}, /* close_range */
	{32, KG_FDARG_DUP_DI},	    /* dup */
	{33, KG_FDARG_DUP_DI},	    /* dup2 */
	{292, KG_FDARG_DUP_DI},	    /* dup3 */
	{72, KG_FDARG_FCNTL},	    /* fcntl */
	{22, KG_FDARG_PAIR_DI},	    /* pipe */
	{293, KG_FDARG_PAIR_DI},    /* pipe2 */
	{53, KG_FDARG_PAIR_R10},    /* socketpair */
	{42, KG_FDARG_ADDR_DI},	    /* connect */
	{49, KG_FDARG_ADDR_DI},	    /* bind */
	{41, KG_FDARG_RET},	    /* socket */
	{43, KG_FDARG_RET},	    /* accept */
	{288, KG_FDARG_RET},	    /* accept4 */
	{304, KG_FDARG_RET},	    /* open_by_handle_at */
	{213, KG_FDARG_RET},	    /* epoll_create */
	{291, KG_FDARG_RET},	    /* epoll_create1 */
	{284, KG_FDARG_RET},	    /* eventfd */
	{290, KG_FDARG_RET},	    /* eventfd2 */
	{282, KG_FDARG_RET},	    /* signalfd */
	{289, KG_FDARG_RET},	    /* signalfd4 */
	{283, KG_FDARG_RET},	    /* timerfd_create */
	{253, KG_FDARG_RET},	    /* inotify_init */
	{294, KG_FDARG_RET},	    /* inotify_init1 */
	{300, KG_FDARG_RET},	    /* fanotify_init */
	{319, KG_FDARG_RET},	    /* memfd_create */
	{447, KG_FDARG_RET},	    /* memfd_secret */
	{323, KG_FDARG_RET},	    /* userfaultfd */
	{298, KG_FDARG_RET},	    /* perf_event_open */
	{321, KG_FDARG_RET},	    /* bpf (map, prog and link fds) */
	{240, KG_FDARG_RET},	    /* mq_open */
	{425, KG_FDARG_RET},	    /* io_uring_setup */
	{428, KG_FDARG_RET},	    /* open_tree */
	{430, KG_FDARG_RET},	    /* fsopen */
	{432, KG_FDARG_RET},	    /* fsmount */
	{433, KG_FDARG_RET},	    /* fspick */
	{434, KG_FDARG_RET},	    /* pidfd_open */
	{438, KG_FDARG_RET},	    /* pidfd_getfd */
	{444, KG_FDARG_RET},	    /* landlock_create_ruleset */
};

int sys__fill_fd_table(unsigned char *table, int size)
{
#if defined(__x86_64__)
	unsigned i;

	for (i = 0; i < sizeof(fd_calls) / sizeof(fd_calls[0]); i++) {
		if (fd_calls[i].nr >= size || (table[fd_calls[i].nr] & ~KG_SYS_COMPAT_FLAG))
			return -EINVAL; /* a clash with a write-family entry: a table bug */
		table[fd_calls[i].nr] |= KG_SYS_FDOP | fd_calls[i].how;
	}
	return 0;
#else
	(void)table;
	(void)size;
	return -ENOTSUP;
#endif
}

const char *sys__name(int kg_sys)
{
	if (kg_sys <= 0 || kg_sys >= KG_SYS__MAX)
		return "?";
	return sys_info[kg_sys].name;
}

bool sys__is_read(int kg_sys)
{
	return kg_sys >= KG_SYS_READ && kg_sys < KG_SYS__MAX;
}

int sys__fill_table(unsigned char *table, int size, bool reads, unsigned char compat_flag)
{
#if defined(__x86_64__)
	int s;

	for (s = 1; s < KG_SYS__MAX; s++) {
		const struct sys_info *si = &sys_info[s];

		if (sys__is_read(s) && !reads)
			continue;
		if (si->nr < size)
			table[si->nr] |= s;
		if (si->compat && si->compat < size)
			table[si->compat] |= compat_flag;
		if (si->compat2 && si->compat2 < size)
			table[si->compat2] |= compat_flag;
	}
	return 0;
#else
	(void)table;
	(void)size;
	(void)reads;
	(void)compat_flag;
	return -ENOTSUP;
#endif
}
