// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <errno.h>
#include <linux/types.h>
#include "kubeglass.h"
#include "syscalls.h"

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
