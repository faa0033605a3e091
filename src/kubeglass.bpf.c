// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Where an event is born. One hook at syscall exit reads the syscall's
 * number and arguments from the saved user registers, and copies exactly
 * the bytes the kernel accepted (the return value) into the ring buffer.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "kubeglass.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

/* x86-64 system call numbers in scope; the table below is indexed by them. */
#define KG_NR_TABLE 512
/* thread_info.status bit for a 32-bit (int 0x80 / compat) syscall. */
#define TS_COMPAT 0x0002
/* Set in a targ_sys_of_nr entry when that number, read as an ia32 syscall,
 * is one of the write (or read) family: counted, not captured. */
#define KG_SYS_COMPAT 0x80
/* PID_MAX_LIMIT on 64-bit kernels: every possible tgid has a bit. */
#define KG_PID_MAX (4 * 1024 * 1024)

/* Filled in by user space before load; the verifier sees them as constants. */
const volatile __u8 targ_sys_of_nr[KG_NR_TABLE] = {};
const volatile bool targ_fd_filter = false;
const volatile __u64 targ_fds[KG_FD_FILTER_MAX / 64] = {};
const volatile __u64 targ_max_bytes = 1 << 20; /* 0: no limit */
const volatile __u64 targ_wakeup_bytes = 1 << 20;
const volatile bool targ_follow = false;
const volatile __u64 targ_cgroup_id = 0; /* nonzero: filter by cgroup, not by pid */
const volatile __u32 targ_cgroup_level = 0;
/* Send KG_EV_FD notices so that user space can keep fd names right (pretty output). */
const volatile bool targ_fd_notices = false;
/* Put the file offset a write ended at into each record (--existing). */
const volatile bool targ_fpos = false;
/* Show each write's PIDs as the target's own PID namespace sees them. */
const volatile bool targ_ns_pids = false;
/* --comm: processes that exec a program of one of these names become targets.
 * Each name is KG_COMM_LEN bytes, NUL-padded as the kernel pads task->comm. */
const volatile __u32 targ_ncomms = 0;
const volatile bool targ_comm_only = false; /* --comm without --pid, -f or a command */
const volatile __u64 targ_comms[KG_COMMS_MAX][KG_COMM_LEN / 8] = {};

/*
 * Targets, one bit per tgid. A bitmap in .bss rather than a hash map: the
 * check runs for every write of every process on the host, and a bounded
 * array index is a couple of instructions where a hash lookup is a call.
 * User space sets bits through the mmap'ed .bss; fork and exit hooks update
 * them with atomics, and live_targets counts the bits set.
 */
__u64 target_bits[KG_PID_MAX / 64] = {};
__s64 live_targets = 0;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 16 << 20); /* resized by user space before load */
} rb SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, KG_STAT__MAX);
	__type(key, __u32);
	__type(value, __u64);
} stats SEC(".maps");

/* Calls lost entirely, per process, fd and direction, for --summary. Only the
 * loss path touches it, so it costs nothing while the ring keeps up. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, KG_LOST_KEYS);
	__type(key, struct kg_lost_key);
	__type(value, __u64);
} lost_by_fd SEC(".maps");

/* State of one copy, walked by copy_step() under bpf_loop(). It lives in a map
 * value, not on the stack: that keeps the verifier's path count small. */
struct copy_state {
	__u64 seg_base; /* user address of the current buffer segment */
	__u64 seg_len;
	__u64 seg_off;
	__u64 iov;      /* user address of the iovec array, 0 for a single buffer */
	__u64 done;     /* bytes of this message copied so far */
	__u64 mmsg;     /* user address of the mmsghdr array, 0 if not *mmsg */
	__u32 iov_cnt;
	__u32 iov_idx;
	__u32 mmsg_cnt;
	__u32 fill; /* bytes waiting in data[] */
	__u8 fault; /* user memory could not be read: end the message here */
};

struct scratch {
	struct copy_state st;
	struct kg_event ev; /* ev and data[] are contiguous: one record */
	char data[2 * KG_CHUNK];
};

/* Indexed by CPU id. A plain array, not per-CPU: per-CPU values stop at 32 KiB.
 * Syscall tracepoints run BPF with preemption off, so one slot per CPU is safe. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1); /* set to the number of possible CPUs before load */
	__type(key, __u32);
	__type(value, struct scratch);
} scratch SEC(".maps");

static __always_inline struct scratch *scratch_slot(void)
{
	__u32 cpu = bpf_get_smp_processor_id(), zero_key = 0;
	struct scratch *s = bpf_map_lookup_elem(&scratch, &cpu);

	return s ? s : bpf_map_lookup_elem(&scratch, &zero_key);
}

/* Makes clang keep using the checked register for an index. */
#define bound_var(v) asm volatile("" : "+r"(v))

struct user_iovec {
	__u64 base;
	__u64 len;
};

static __always_inline void stat_add(__u32 idx, __u64 n)
{
	__u64 *v = bpf_map_lookup_elem(&stats, &idx);

	if (v)
		*v += n;
}

static __always_inline bool is_target(__u32 tgid)
{
	if (targ_cgroup_id)
		return bpf_get_current_ancestor_cgroup_id(targ_cgroup_level) == targ_cgroup_id;
	if (tgid >= KG_PID_MAX)
		return false;
	/* Without the barrier clang recomputes the index from the unchecked
	 * value and the verifier cannot bound it. */
	bound_var(tgid);
	return target_bits[tgid / 64] & (1ULL << (tgid % 64));
}

/* A struct pid's number in its innermost namespace: numbers[level].nr. The
 * array is indexed by a run-time level, which CO-RE field access cannot
 * express, so the address is computed from relocated offsets. */
static __always_inline __u32 pid_nr_in_ns(struct pid *pid)
{
	__u32 level = BPF_CORE_READ(pid, level);
	__u64 addr = (__u64)pid + bpf_core_field_offset(struct pid, numbers) +
		     (__u64)(level & 63) * bpf_core_type_size(struct upid) +
		     bpf_core_field_offset(struct upid, nr);
	int nr = 0;

	bpf_probe_read_kernel(&nr, sizeof(nr), (void *)addr);
	return nr;
}

static __always_inline bool fd_selected(__s32 fd)
{
	if (!targ_fd_filter)
		return true;
	__u32 ufd = fd;

	if (fd < 0 || ufd >= KG_FD_FILTER_MAX)
		return false;
	bound_var(ufd);
	return targ_fds[ufd / 64] & (1ULL << (ufd % 64));
}

static __always_inline __u64 wakeup_flag(__u64 size)
{
	__u64 avail = bpf_ringbuf_query(&rb, BPF_RB_AVAIL_DATA);

	/* One wakeup per record costs the target about 3x; wake the reader only
	 * when this record takes the queue past a batch. A reader that is behind
	 * is awake already: waking it for every record then slowed the target
	 * 10x in pretty mode. The 16 bytes cover the ring's record header and
	 * alignment: an estimate short of the real size could step over the mark
	 * unseen, leaving the reader asleep until its poll timeout. */
	if (avail < targ_wakeup_bytes && avail + size + 16 >= targ_wakeup_bytes)
		return BPF_RB_FORCE_WAKEUP;
	return BPF_RB_NO_WAKEUP;
}

static __always_inline void count_lost(const struct kg_event *ev)
{
	struct kg_lost_key key = {
		.pid = ev->pid,
		.fd = ev->fd,
		.read = ev->flags & KG_F_READ ? 1 : 0,
	};
	__u64 one = 1, *v;

	v = bpf_map_lookup_elem(&lost_by_fd, &key);
	if (v) {
		__sync_fetch_and_add(v, 1);
		return;
	}
	/* Another CPU may have added the key meanwhile: then add to its entry. */
	if (bpf_map_update_elem(&lost_by_fd, &key, &one, BPF_NOEXIST)) {
		v = bpf_map_lookup_elem(&lost_by_fd, &key);
		if (v)
			__sync_fetch_and_add(v, 1);
	}
}

/* Sends data[0..fill) as one record. Returns false when the ring is full. */
static __always_inline bool flush(struct scratch *s, bool last)
{
	struct copy_state *st = &s->st;
	struct kg_event *ev = &s->ev;
	__u32 len = st->fill;

	if (len > KG_CHUNK)
		len = KG_CHUNK;
	ev->len = len;
	ev->flags &= ~(KG_F_FIRST | KG_F_LAST);
	if (ev->off == 0)
		ev->flags |= KG_F_FIRST;
	if (last)
		ev->flags |= KG_F_LAST;
	if (bpf_ringbuf_output(&rb, ev, sizeof(*ev) + len, wakeup_flag(sizeof(*ev) + len))) {
		if (ev->off == 0)
			count_lost(ev);
		stat_add(ev->off == 0 ? KG_STAT_LOST_CALLS : KG_STAT_PARTIAL_CALLS, 1);
		stat_add(KG_STAT_LOST_BYTES, ev->cap - ev->off);
		return false;
	}
	ev->off += len;
	st->fill = 0;
	return true;
}

/* Loads message st->mmsg[idx]: its iovec array and the length the kernel
 * stored in msg_len. Returns false if user memory could not be read. */
static __always_inline bool load_mmsg(struct scratch *s, __u32 idx)
{
	struct copy_state *st = &s->st;
	struct mmsghdr m;
	__u64 size;

	if (bpf_probe_read_user(&m, sizeof(m), (void *)(st->mmsg + idx * sizeof(m))))
		return false;
	st->iov = (__u64)m.msg_hdr.msg_iov;
	st->iov_cnt = m.msg_hdr.msg_iovlen > KG_IOV_MAX ? KG_IOV_MAX : m.msg_hdr.msg_iovlen;
	size = m.msg_len;
	s->ev.msg = idx;
	s->ev.size = size;
	s->ev.cap = targ_max_bytes && size > targ_max_bytes ? targ_max_bytes : size;
	return true;
}

static __always_inline void start_message(struct scratch *s)
{
	struct copy_state *st = &s->st;

	st->seg_base = 0;
	st->seg_len = 0;
	st->seg_off = 0;
	st->iov_idx = 0;
	st->done = 0;
	st->fill = 0;
	st->fault = 0;
	s->ev.off = 0;
	s->ev.flags &= KG_F_READ;
	if (s->ev.size > s->ev.cap)
		s->ev.flags |= KG_F_TRUNC;
}

/*
 * One step of a copy: send a full chunk, move to the next iovec, or copy one
 * piece. Pieces from several iovecs are packed into one record. The piece's
 * offset is masked and its length clamped so the verifier can bound the
 * destination inside data[] without following every path.
 */
struct loop_ctx {
	struct scratch *s;
};

static long copy_step(__u32 i, void *ctx)
{
	struct scratch *s = ((struct loop_ctx *)ctx)->s;
	struct copy_state *st = &s->st;
	struct user_iovec iov;
	__u64 n, room;

	if (st->done >= s->ev.cap || st->fault) {
		if (!flush(s, true))
			return 1;
		if (!st->mmsg || s->ev.msg + 1 >= st->mmsg_cnt)
			return 1;
		if (!load_mmsg(s, s->ev.msg + 1))
			return 1;
		start_message(s);
		return 0;
	}
	if (st->fill >= KG_CHUNK)
		return flush(s, false) ? 0 : 1;
	if (st->seg_off >= st->seg_len) {
		if (!st->iov || st->iov_idx >= st->iov_cnt)
			goto fault;
		if (bpf_probe_read_user(&iov, sizeof(iov),
					(void *)(st->iov + st->iov_idx * sizeof(iov))))
			goto fault;
		st->iov_idx++;
		st->seg_base = iov.base;
		st->seg_len = iov.len;
		st->seg_off = 0;
		return 0;
	}
	n = st->seg_len - st->seg_off;
	room = KG_CHUNK - st->fill;
	if (n > room)
		n = room;
	if (n > s->ev.cap - st->done)
		n = s->ev.cap - st->done;
	if (n > KG_CHUNK)
		n = KG_CHUNK;
	if (bpf_probe_read_user(s->data + (st->fill & (KG_CHUNK - 1)), n,
				(void *)(st->seg_base + st->seg_off)))
		goto fault;
	st->fill += n;
	st->seg_off += n;
	st->done += n;
	return 0;

fault:
	/* User memory vanished (another thread unmapped it) or the iovecs no
	 * longer add up to the return value. Send what we have, marked; the
	 * reader sees off + len < cap on the last record. */
	s->ev.flags |= KG_F_FAULT;
	st->fault = 1;
	return 0;
}

/* The struct file behind a target's fd, or NULL. */
static __always_inline struct file *file_of(struct task_struct *task, __s32 fd)
{
	struct fdtable *fdt;
	struct file **fds, *f;

	if (fd < 0)
		return NULL;
	fdt = BPF_CORE_READ(task, files, fdt);
	if (!fdt || (__u32)fd >= BPF_CORE_READ(fdt, max_fds))
		return NULL;
	fds = BPF_CORE_READ(fdt, fd);
	if (bpf_probe_read_kernel(&f, sizeof(f), &fds[fd]))
		return NULL;
	return f;
}

/* The file offset after a write on fd: f_pos, or for the p* calls their offset
 * argument plus what was written. Only with --existing, to tell live writes
 * already inside the existing content from new ones. */
static __always_inline __u64 file_pos(struct task_struct *task, struct pt_regs *regs, __u8 sys,
				      __s32 fd, long ret)
{
	struct file *f;
	__u64 pos = 0;

	if (ret <= 0)
		return 0;
	if ((sys == KG_SYS_PWRITE64 || sys == KG_SYS_PWRITEV) ||
	    (sys == KG_SYS_PWRITEV2 && (long)regs->r10 != -1))
		return regs->r10 + ret;
	f = file_of(task, fd);
	if (f)
		bpf_probe_read_kernel(&pos, sizeof(pos), &f->f_pos);
	return pos;
}

/* F_DUPFD and F_DUPFD_CLOEXEC, the fcntl commands that make a new fd. */
#define KG_F_DUPFD 0
#define KG_F_DUPFD_CLOEXEC 1030
#define KG_EINPROGRESS 115
#define KG_EBADF 9

/*
 * Tells user space that an fd of a target now names something else, so that
 * its name cache drops or replaces the entry. Sent from the same exit hook,
 * into the same ring, so a thread's notice always comes before its next
 * write's records: user space never names a write with a stale entry, and
 * never reads /proc per event. Opens carry the path as the target gave it,
 * because by the time user space reads the notice the fd may already be gone.
 */
static __always_inline void fd_notice(struct scratch *s, struct pt_regs *regs, __u8 how,
				      long ret, __u32 tgid)
{
	struct kg_event *ev = &s->ev;
	__s64 first = ret, last, other = -1;
	__u8 op = KG_FDOP_NEW;
	__u64 path = 0;
	int pair[2];
	long n = 0;

	switch (how) {
	case KG_FDARG_RET:
		break;
	case KG_FDARG_OPEN_DI:
		op = KG_FDOP_OPEN;
		path = regs->di;
		other = -100; /* AT_FDCWD */
		break;
	case KG_FDARG_OPENAT_SI:
		op = KG_FDOP_OPEN;
		path = regs->si;
		other = (int)regs->di;
		break;
	case KG_FDARG_FCNTL:
		if (regs->si != KG_F_DUPFD && regs->si != KG_F_DUPFD_CLOEXEC)
			return;
		/* fall through */
	case KG_FDARG_DUP_DI:
		op = KG_FDOP_DUP;
		other = (int)regs->di;
		break;
	case KG_FDARG_CLOSE_DI:
		/* Linux frees the fd even when close reports EINTR or EIO. */
		if (ret == -KG_EBADF)
			return;
		op = KG_FDOP_CLOSE;
		first = (int)regs->di;
		break;
	case KG_FDARG_CLOSE_RANGE:
		if (ret)
			return;
		op = KG_FDOP_CLOSE;
		first = (__u32)regs->di;
		last = (__u32)regs->si;
		goto send;
	case KG_FDARG_PAIR_DI:
	case KG_FDARG_PAIR_R10:
		if (ret)
			return;
		if (bpf_probe_read_user(pair, sizeof(pair),
					(void *)(how == KG_FDARG_PAIR_DI ? regs->di : regs->r10)))
			return;
		first = pair[0];
		last = pair[1];
		goto send;
	case KG_FDARG_ADDR_DI:
		/* A non-blocking connect has its peer set even while it is in progress. */
		if (ret && ret != -KG_EINPROGRESS)
			return;
		op = KG_FDOP_ADDR;
		first = (int)regs->di;
		break;
	default:
		return;
	}
	if (first < 0)
		return;
	last = first;
	/* Not filtered by --fds: a selected fd may later be a dup of this one,
	 * and then its name is this one's. */
send:
	ev->kind = KG_EV_FD;
	ev->ts = bpf_ktime_get_ns();
	ev->ret = ret;
	ev->pid = tgid;
	ev->tid = (__u32)bpf_get_current_pid_tgid();
	ev->fd = first;
	ev->off = last;
	ev->size = other;
	ev->cap = 0;
	ev->fpos = 0;
	/* The inode the fd names now: user space checks what it reads in /proc
	 * against it, since the fd may have changed again by then. */
	if (op != KG_FDOP_CLOSE) {
		struct file *f = file_of(bpf_get_current_task_btf(), first);
		struct inode *ino = f ? BPF_CORE_READ(f, f_inode) : NULL;

		if (ino) {
			ev->cap = BPF_CORE_READ(ino, i_ino);
			ev->fpos = BPF_CORE_READ(ino, i_mode);
		}
	}
	ev->msg = op;
	ev->sys = 0;
	ev->flags = 0;
	bpf_get_current_comm(ev->comm, sizeof(ev->comm));
	if (path) {
		n = bpf_probe_read_user_str(s->data, KG_PATH_MAX, (void *)path);
		/* Without the terminating NUL; clamp before use so the verifier
		 * sees a bounded length. */
		n = n > 0 ? n - 1 : 0;
		if (n > KG_PATH_MAX)
			n = KG_PATH_MAX;
	}
	ev->len = n;
	bound_var(n);
	if (n < 0 || n > KG_PATH_MAX)
		return;
	if (bpf_ringbuf_output(&rb, ev, sizeof(*ev) + n, wakeup_flag(sizeof(*ev) + n)))
		stat_add(KG_STAT_LOST_FD, 1);
}

/* The body of every exit hook: nr is the syscall number, regs the user
 * registers, ret the return value. Inlined into each hook program. */
static __always_inline int on_sys_exit(struct pt_regs *regs, __u64 nr, long ret)
{
	__u64 pid_tgid;
	__u32 tgid;
	struct task_struct *task;
	struct loop_ctx lctx;
	struct scratch *s;
	__u8 sys;
	__s32 fd;

	/* Cheapest checks first: this runs for every syscall on the host. */
	if (nr >= KG_NR_TABLE)
		return 0;
	sys = targ_sys_of_nr[nr];
	if (!sys)
		return 0;
	pid_tgid = bpf_get_current_pid_tgid();
	tgid = pid_tgid >> 32;
	if (!is_target(tgid))
		return 0;

	task = bpf_get_current_task_btf();
	if (task->thread_info.status & TS_COMPAT) {
		if (sys & KG_SYS_COMPAT)
			stat_add(KG_STAT_COMPAT_CALLS, 1);
		return 0;
	}
	sys &= ~KG_SYS_COMPAT;
	if (!sys)
		return 0;
	if (sys & KG_SYS_FDOP) {
		if (!targ_fd_notices)
			return 0;
		s = scratch_slot();
		if (s)
			fd_notice(s, regs, sys & ~KG_SYS_FDOP, ret, tgid);
		return 0;
	}
	fd = regs->di;
	if (!fd_selected(fd))
		return 0;
	stat_add(KG_STAT_CALLS, 1);

	s = scratch_slot();
	if (!s)
		return 0;

	s->ev.kind = KG_EV_DATA;
	s->ev.ts = bpf_ktime_get_ns();
	s->ev.ret = ret;
	s->ev.pid = tgid;
	s->ev.tid = (__u32)pid_tgid;
	s->ev.ns_pid = 0;
	s->ev.ns_tid = 0;
	if (targ_ns_pids) {
		s->ev.ns_pid = pid_nr_in_ns(BPF_CORE_READ(task, group_leader, thread_pid));
		s->ev.ns_tid = pid_nr_in_ns(BPF_CORE_READ(task, thread_pid));
	}
	s->ev.fd = fd;
	s->ev.sys = sys;
	s->ev.msg = 0;
	s->ev.flags = sys >= KG_SYS_READ ? KG_F_READ : 0;
	s->ev.fpos = targ_fpos && sys < KG_SYS_READ ? file_pos(task, regs, sys, fd, ret) : 0;
	bpf_get_current_comm(s->ev.comm, sizeof(s->ev.comm));

	s->st.iov = 0;
	s->st.iov_cnt = 0;
	s->st.mmsg = 0;
	s->st.mmsg_cnt = 0;
	s->ev.size = ret > 0 ? ret : 0;
	s->ev.req = KG_REQ_UNKNOWN;

	switch (sys) {
	case KG_SYS_WRITE:
	case KG_SYS_PWRITE64:
	case KG_SYS_SENDTO:
	case KG_SYS_READ:
	case KG_SYS_PREAD64:
	case KG_SYS_RECVFROM:
		s->ev.req = regs->dx;
		/* recvfrom with MSG_TRUNC returns a datagram's full length, which
		 * can exceed the buffer: never copy past what the caller gave. */
		if (s->ev.size > s->ev.req)
			s->ev.size = s->ev.req;
		break;
	case KG_SYS_WRITEV:
	case KG_SYS_PWRITEV:
	case KG_SYS_PWRITEV2:
	case KG_SYS_READV:
	case KG_SYS_PREADV:
	case KG_SYS_PREADV2:
		s->st.iov = regs->si;
		s->st.iov_cnt = regs->dx > KG_IOV_MAX ? KG_IOV_MAX : regs->dx;
		break;
	case KG_SYS_SENDMSG:
	case KG_SYS_RECVMSG: {
		struct user_msghdr m;

		if (ret > 0 && !bpf_probe_read_user(&m, sizeof(m), (void *)regs->si)) {
			s->st.iov = (__u64)m.msg_iov;
			s->st.iov_cnt = m.msg_iovlen > KG_IOV_MAX ? KG_IOV_MAX : m.msg_iovlen;
		}
		break;
	}
	case KG_SYS_SENDMMSG:
	case KG_SYS_RECVMMSG:
		/* ret counts messages; each message is sized by its msg_len. */
		if (ret > 0) {
			s->st.mmsg = regs->si;
			s->st.mmsg_cnt = ret > KG_MMSG_MAX ? KG_MMSG_MAX : ret;
			if (!load_mmsg(s, 0))
				s->st.mmsg = 0;
		}
		if (!s->st.mmsg)
			s->ev.size = 0;
		break;
	default:
		return 0;
	}
	if (!s->st.mmsg)
		s->ev.cap = targ_max_bytes && s->ev.size > targ_max_bytes ? targ_max_bytes
									 : s->ev.size;
	start_message(s);
	if (!s->st.iov && !s->st.mmsg) {
		s->st.seg_base = regs->si;
		s->st.seg_len = s->ev.cap;
	}

	/* Each step copies a piece, crosses an iovec or sends a chunk, and the
	 * loop stops itself; the bound only has to be large enough. */
	lctx.s = s;
	bpf_loop(1 << 23, copy_step, &lctx, 0);
	return 0;
}

/* --hook btf (the default): one hook runs for every syscall on the host. */
SEC("tp_btf/sys_exit")
int BPF_PROG(kg_sys_exit, struct pt_regs *regs, long ret)
{
	return on_sys_exit(regs, regs->orig_ax, ret);
}

/*
 * --hook tracepoint: one classic tracepoint per syscall in scope, so other
 * syscalls run no BPF at all (cheaper for getppid-like calls on the host, dearer
 * per write). User space loads only those in scope; their names must be
 * kg_tp_<syscall> with the names of syscalls.c. The tracepoint has no registers,
 * so they come from the task, after the target check. These tracepoints never
 * fire for ia32 calls: in this mode those are neither captured nor counted.
 */
#define KG_TP_EXIT(name)                                                                   \
	SEC("tracepoint/syscalls/sys_exit_" #name)                                         \
	int kg_tp_##name(struct trace_event_raw_sys_exit *ctx)                             \
	{                                                                                  \
		if (!is_target(bpf_get_current_pid_tgid() >> 32))                          \
			return 0;                                                          \
		return on_sys_exit((struct pt_regs *)bpf_task_pt_regs(                    \
					   bpf_get_current_task_btf()),                    \
				   ctx->id, ctx->ret);                                     \
	}

KG_TP_EXIT(write)
KG_TP_EXIT(writev)
KG_TP_EXIT(pwrite64)
KG_TP_EXIT(pwritev)
KG_TP_EXIT(pwritev2)
KG_TP_EXIT(sendto)
KG_TP_EXIT(sendmsg)
KG_TP_EXIT(sendmmsg)
KG_TP_EXIT(read)
KG_TP_EXIT(readv)
KG_TP_EXIT(pread64)
KG_TP_EXIT(preadv)
KG_TP_EXIT(preadv2)
KG_TP_EXIT(recvfrom)
KG_TP_EXIT(recvmsg)
KG_TP_EXIT(recvmmsg)

static __always_inline void notify(__u8 kind, __u32 pid, __s64 ret, struct task_struct *p)
{
	struct kg_event *ev;

	ev = bpf_ringbuf_reserve(&rb, sizeof(*ev), 0);
	if (!ev) {
		stat_add(KG_STAT_LOST_OTHER, 1);
		return;
	}
	__builtin_memset(ev, 0, sizeof(*ev));
	ev->kind = kind;
	ev->ts = bpf_ktime_get_ns();
	ev->pid = pid;
	ev->tid = pid;
	ev->ret = ret;
	ev->fd = -1;
	bpf_probe_read_kernel_str(ev->comm, sizeof(ev->comm), p->comm);
	bpf_ringbuf_submit(ev, BPF_RB_FORCE_WAKEUP);
}

static __always_inline bool target_set(__u32 tgid)
{
	__u64 bit = 1ULL << (tgid % 64);

	if (tgid >= KG_PID_MAX)
		return false;
	bound_var(tgid);
	return !(__sync_fetch_and_or(&target_bits[tgid / 64], bit) & bit);
}

static __always_inline bool target_clear(__u32 tgid)
{
	__u64 bit = 1ULL << (tgid % 64);

	if (tgid >= KG_PID_MAX)
		return false;
	bound_var(tgid);
	return __sync_fetch_and_and(&target_bits[tgid / 64], ~bit) & bit;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(kg_process_exit, struct task_struct *p, bool group_dead)
{
	__u32 tgid = p->tgid;

	/* Fires once per thread; only the last thread ends the process. */
	if (!group_dead || targ_cgroup_id)
		return 0;
	if (!target_clear(tgid))
		return 0;
	__sync_fetch_and_add(&live_targets, -1);
	notify(KG_EV_EXIT, tgid, p->exit_code, p);
	return 0;
}

static __always_inline bool comm_wanted(struct task_struct *p)
{
	__u64 comm[KG_COMM_LEN / 8] = {};
	__u32 i;

	bpf_probe_read_kernel(comm, sizeof(comm), p->comm);
	for (i = 0; i < KG_COMMS_MAX; i++) {
		if (i >= targ_ncomms)
			break;
		if (comm[0] == targ_comms[i][0] && comm[1] == targ_comms[i][1])
			return true;
	}
	return false;
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(kg_process_fork, struct task_struct *parent, struct task_struct *child)
{
	__u32 ptgid = parent->tgid, ctgid = child->tgid;

	/* A new thread shares its parent's tgid and is already covered. */
	if (targ_cgroup_id || ptgid == ctgid)
		return 0;
	if (!is_target(ptgid))
		return 0;
	/* --comm alone: a child has its parent's name, as nginx's workers do. */
	if (!targ_follow && !comm_wanted(child))
		return 0;
	if (!target_set(ctgid))
		return 0;
	__sync_fetch_and_add(&live_targets, 1);
	notify(KG_EV_FORK, ptgid, ctgid, child);
	return 0;
}

/*
 * Loaded for --follow and --comm only; exec is rare next to writes, so this
 * costs untraced processes next to nothing. A target stays one through exec
 * (same tgid) but with --comm alone; a process that execs a program named in
 * --comm becomes one.
 * The comm is already the new program's name when this fires.
 */
SEC("tp_btf/sched_process_exec")
int BPF_PROG(kg_process_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	__u32 tgid = p->tgid;

	if (targ_cgroup_id)
		return 0;
	if (is_target(tgid)) {
		/* --comm alone traces processes while they have one of the names:
		 * a shell's child that runs another program is not one. */
		if (targ_comm_only && !comm_wanted(p)) {
			if (target_clear(tgid))
				__sync_fetch_and_add(&live_targets, -1);
			return 0;
		}
		notify(KG_EV_EXEC, tgid, 0, p);
		return 0;
	}
	if (!targ_ncomms || !comm_wanted(p))
		return 0;
	if (!target_set(tgid))
		return 0;
	__sync_fetch_and_add(&live_targets, 1);
	notify(KG_EV_EXEC, tgid, 0, p);
	return 0;
}
