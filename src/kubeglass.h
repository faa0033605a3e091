/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The event ABI: the one header both the BPF side and user space include.
 * Every record in the ring buffer starts with struct kg_event.
 */
#ifndef __KUBEGLASS_H
#define __KUBEGLASS_H

#ifndef __VMLINUX_H__ /* the BPF side has these from vmlinux.h */
#include <linux/types.h>
#endif

/* Payload bytes per record. A power of two: the BPF side masks offsets with it. */
#define KG_CHUNK 16384
/* The per-CPU scratch holds a header, one chunk, and one chunk of slack so that
 * the verifier can prove "offset < KG_CHUNK && len <= KG_CHUNK" stays in bounds. */
#define KG_SCRATCH_SIZE (sizeof(struct kg_event) + 2 * KG_CHUNK)
/* The most iovecs the kernel accepts in one call (UIO_MAXIOV). */
#define KG_IOV_MAX 1024
/* The most messages one sendmmsg/recvmmsg call can carry (UIO_MAXIOV). */
#define KG_MMSG_MAX 1024
#define KG_COMM_LEN 16
/* The most fds --fds may name; fds at or above it cannot be selected. */
#define KG_FD_FILTER_MAX 65536

enum kg_sys {
	KG_SYS_WRITE = 1,
	KG_SYS_WRITEV,
	KG_SYS_PWRITE64,
	KG_SYS_PWRITEV,
	KG_SYS_PWRITEV2,
	KG_SYS_SENDTO,
	KG_SYS_SENDMSG,
	KG_SYS_SENDMMSG,
	KG_SYS_READ,
	KG_SYS_READV,
	KG_SYS_PREAD64,
	KG_SYS_PREADV,
	KG_SYS_PREADV2,
	KG_SYS_RECVFROM,
	KG_SYS_RECVMSG,
	KG_SYS_RECVMMSG,
	KG_SYS__MAX,
};

enum kg_kind {
	KG_EV_DATA = 1, /* a chunk of one call's (or one mmsg message's) payload */
	KG_EV_EXIT,     /* a traced process ended */
	KG_EV_FORK,     /* a traced process made a new process (--follow) */
	KG_EV_EXEC,     /* a traced process ran exec */
};

enum kg_flags {
	KG_F_FIRST = 1 << 0, /* first record of this message */
	KG_F_LAST = 1 << 1,  /* last record of this message */
	KG_F_TRUNC = 1 << 2, /* size > the bytes this message will carry (--max-bytes) */
	KG_F_READ = 1 << 3,  /* direction: the target received these bytes */
	KG_F_FAULT = 1 << 4, /* a user-memory read failed; the rest of the message is missing */
};

/* Counters kept per CPU in the stats map; user space sums them. */
enum kg_stat {
	KG_STAT_CALLS,         /* calls in scope seen at exit (all returns) */
	KG_STAT_LOST_CALLS,    /* messages whose first record the ring could not take */
	KG_STAT_LOST_BYTES,    /* payload bytes that never reached the ring */
	KG_STAT_PARTIAL_CALLS, /* messages cut short after their first record */
	KG_STAT_LOST_OTHER,    /* exit/fork/exec notices the ring could not take */
	KG_STAT_COMPAT_CALLS,  /* 32-bit (ia32) calls of the family in scope: not captured */
	KG_STAT__MAX,
};

struct kg_event {
	__u64 ts;     /* CLOCK_MONOTONIC ns at syscall exit */
	__s64 ret;    /* the syscall's return value */
	__u64 size;   /* bytes the kernel accepted for this message */
	__u64 cap;    /* bytes this message carries in total: min(size, --max-bytes) */
	__u64 off;    /* offset of data[] within the message */
	__u32 pid;    /* tgid */
	__u32 tid;
	__s32 fd;
	__u32 len;    /* bytes in data[] */
	__u32 msg;    /* message index within sendmmsg/recvmmsg, else 0 */
	__u16 sys;    /* enum kg_sys */
	__u8 kind;    /* enum kg_kind */
	__u8 flags;   /* enum kg_flags */
	char comm[KG_COMM_LEN];
	char data[];
};
/*
 * KG_EV_EXIT: ret = the exit_code as wait(2) reports it.
 * KG_EV_FORK: pid = parent tgid, ret = child tgid.
 * KG_EV_EXEC: pid = tgid, comm = the new comm.
 */

#endif /* __KUBEGLASS_H */
