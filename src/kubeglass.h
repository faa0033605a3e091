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
/* The most --comm names; each is matched against all KG_COMM_LEN bytes of a comm. */
#define KG_COMMS_MAX 8

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
	KG_EV_FD,       /* a target's fd changed identity (open, close, dup, connect...) */
};

/* What a KG_EV_FD notice says happened to its fds (ev->msg). */
enum kg_fdop {
	KG_FDOP_NEW = 1, /* fd (and off) name new objects (socket, pipe, accept, memfd...) */
	KG_FDOP_OPEN,    /* fd was opened by path: data[] holds the path as given */
	KG_FDOP_DUP,     /* fd is now a copy of fd (__s64)size */
	KG_FDOP_CLOSE,   /* fd..off were closed */
	KG_FDOP_ADDR,    /* fd, a socket, was connected or bound: its addresses changed */
};
/*
 * Syscalls that change what an fd names have an entry KG_SYS_FDOP | enum kg_fdarg in the BPF
 * side's per-number table (write-family entries are enum kg_sys, below 0x40). The kg_fdarg
 * says where the call keeps the fds it changed.
 */
#define KG_SYS_FDOP 0x40
enum kg_fdarg {
	KG_FDARG_RET = 1,     /* the new fd is the return value */
	KG_FDARG_OPEN_DI,     /* open, creat: path in arg 1, new fd returned */
	KG_FDARG_OPENAT_SI,   /* openat, openat2: dirfd in arg 1, path in arg 2 */
	KG_FDARG_DUP_DI,      /* dup, dup2, dup3: source fd in arg 1, new fd returned */
	KG_FDARG_FCNTL,       /* fcntl: a dup only for F_DUPFD and F_DUPFD_CLOEXEC */
	KG_FDARG_CLOSE_DI,    /* close */
	KG_FDARG_CLOSE_RANGE, /* close_range: first and last fd in args 1 and 2 */
	KG_FDARG_PAIR_DI,     /* pipe, pipe2: int[2] at arg 1 */
	KG_FDARG_PAIR_R10,    /* socketpair: int[2] at arg 4 */
	KG_FDARG_ADDR_DI,     /* connect, bind: the socket in arg 1 */
};

/* Path bytes a KG_FDOP_OPEN notice carries at most (PATH_MAX). */
#define KG_PATH_MAX 4096

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
	KG_STAT_LOST_FD,       /* fd-change notices the ring could not take */
	KG_STAT__MAX,
};

/* kg_event.req of the vector and message calls: their request is spread over iovecs. */
#define KG_REQ_UNKNOWN (~0ULL)

/* Key of the lost_by_fd map: calls whose first record the ring could not take. */
struct kg_lost_key {
	__u32 pid;
	__s32 fd;
	__u32 read; /* 1: the read direction */
};
/* Entries in lost_by_fd; losses past it are still in KG_STAT_LOST_CALLS. */
#define KG_LOST_KEYS 4096

struct kg_event {
	__u64 ts;     /* CLOCK_MONOTONIC ns at syscall exit */
	__s64 ret;    /* the syscall's return value */
	__u64 size;   /* bytes the kernel accepted for this message */
	__u64 cap;    /* bytes this message carries in total: min(size, --max-bytes) */
	__u64 off;    /* offset of data[] within the message */
	__u64 fpos;   /* with --existing, writes only: the file offset the write ended at */
	__u64 req;    /* the length the caller asked for, or KG_REQ_UNKNOWN */
	__u32 pid;    /* tgid */
	__u32 tid;
	__u32 ns_pid; /* tgid and tid in the task's own PID namespace (container mode), else 0 */
	__u32 ns_tid;
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
 * KG_EV_FD: fd = the fd changed; off = the same fd, or for KG_FDOP_NEW the second fd of a
 *   pair (pipe, socketpair; not always fd + 1), or for KG_FDOP_CLOSE the last fd of the range
 *   fd..off (close_range); msg = enum kg_fdop, size = the source fd of a dup or the dirfd of an openat, as __s64; len = path
 *   bytes in data[] (KG_FDOP_OPEN, not NUL-terminated), ret = the call's return value,
 *   cap = the inode number fd names now and fpos its i_mode (0 if unknown, and for closes).
 */

#endif /* __KUBEGLASS_H */
