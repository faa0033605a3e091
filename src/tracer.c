// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "kubeglass.skel.h"
#include "syscalls.h"
#include "tracer.h"

#define KG_SYS_COMPAT 0x80
#define KG_PID_MAX (4 * 1024 * 1024)
#define DEFAULT_RING (16ULL << 20)
#define UNLIMITED_RING (64ULL << 20)
#define MAX_RING (1ULL << 30)

struct tracer {
	struct kubeglass_bpf *skel;
	struct ring_buffer *rb;
	uint64_t ring_size;
	int ncpus;
	tracer_record_fn fn;
	void *ctx;
	int batch_left; /* records this tracer__consume may still take */
};

#define TRACEFS "/sys/kernel/tracing"
#define TP_SECTION "tracepoint/syscalls/sys_exit_"

static bool verbose;

static int print_libbpf(enum libbpf_print_level level, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

static int print_libbpf(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (!verbose)
		return 0;
	return vfprintf(stderr, fmt, ap);
}

static uint64_t pow2_at_least(uint64_t v)
{
	uint64_t p = 1;

	while (p < v && p < MAX_RING)
		p <<= 1;
	return p;
}

/* Large enough that a few whole writes of --max-bytes fit while the reader
 * catches up; a single record must always fit. */
static uint64_t choose_ring_size(const struct kg_opts *o)
{
	if (o->ring_size)
		return o->ring_size;
	if (o->max_bytes == 0)
		return UNLIMITED_RING;
	if (o->max_bytes >= MAX_RING / 4) /* 4 * max_bytes must not wrap around */
		return MAX_RING;
	if (o->max_bytes > DEFAULT_RING / 4)
		return pow2_at_least(4 * o->max_bytes);
	return DEFAULT_RING;
}

/* Whether the syscall table (filled for these options) names kg_sys s. */
static bool sys_in_scope(const volatile __u8 *table, size_t size, int s)
{
	size_t i;

	for (i = 0; i < size; i++)
		if ((table[i] & ~KG_SYS_COMPAT) == s)
			return true;
	return false;
}

/* Classic tracepoints are found through tracefs, which a fresh machine may
 * not have mounted; libbpf looks in debugfs first, then here. */
static int ensure_tracefs(void)
{
	int err;

	if (!access("/sys/kernel/debug/tracing/events/syscalls", F_OK) ||
	    !access(TRACEFS "/events/syscalls", F_OK))
		return 0;
	if (mount("nodev", TRACEFS, "tracefs", 0, NULL)) {
		err = -errno;
		fprintf(stderr, "kubeglass: --hook tracepoint needs tracefs, and mounting it on "
				TRACEFS " failed: %s; mount it, or use --hook btf\n", strerror(-err));
		return err;
	}
	fprintf(stderr, "kubeglass: mounted tracefs on " TRACEFS " for --hook tracepoint\n");
	return 0;
}

/* Loads either the one tp_btf hook, or one tracepoint per syscall in scope:
 * tracepoint programs are named after the syscall in their section. */
static int choose_hook(struct tracer *t, const struct kg_opts *o)
{
	const volatile __u8 *table = t->skel->rodata->targ_sys_of_nr;
	size_t size = sizeof(t->skel->rodata->targ_sys_of_nr);
	struct bpf_program *prog;
	unsigned covered = 0;
	const char *sec;
	bool want;
	int s;

	bpf_program__set_autoload(t->skel->progs.kg_sys_exit, o->hook == KG_HOOK_BTF);
	bpf_object__for_each_program(prog, t->skel->obj) {
		sec = bpf_program__section_name(prog);
		if (strncmp(sec, TP_SECTION, strlen(TP_SECTION)))
			continue;
		want = false;
		for (s = 1; s < KG_SYS__MAX && o->hook == KG_HOOK_TRACEPOINT; s++)
			if (!strcmp(sec + strlen(TP_SECTION), sys__name(s))) {
				want = sys_in_scope(table, size, s);
				covered |= 1u << s;
			}
		bpf_program__set_autoload(prog, want);
	}
	if (o->hook != KG_HOOK_TRACEPOINT)
		return 0;
	/* A syscall in scope without its program would be missed silently. The
	 * fd-changing calls have none: opts refuses the options that need them. */
	for (s = 0; s < (int)size; s++) {
		__u8 v = table[s] & ~KG_SYS_COMPAT;

		if (v && ((v & KG_SYS_FDOP) || v >= KG_SYS__MAX || !(covered & (1u << v)))) {
			fprintf(stderr, "kubeglass: --hook tracepoint has no program for syscall %d "
					"(a kubeglass bug); use --hook btf\n", s);
			return -ENOENT;
		}
	}
	return ensure_tracefs();
}

/* The target-selection part of the rodata, and the hooks it needs. */
static void configure_scope(struct kubeglass_bpf *skel, const struct kg_opts *o,
			    const struct tracer_scope *scope)
{
	int i;

	skel->rodata->targ_follow = o->follow;
	skel->rodata->targ_cgroup_id = scope->cgroup_id;
	skel->rodata->targ_cgroup_level = scope->cgroup_level;
	skel->rodata->targ_ns_pids = scope->cgroup_id != 0;
	skel->rodata->targ_ncomms = o->ncomms;
	skel->rodata->targ_comm_only = o->ncomms && !o->npids && !o->command && !o->follow;
	for (i = 0; i < o->ncomms; i++)
		strncpy((char *)skel->rodata->targ_comms[i], o->comms[i], KG_COMM_LEN);
	bpf_program__set_autoload(skel->progs.kg_process_fork,
				  (o->follow || o->ncomms) && !scope->cgroup_id);
	bpf_program__set_autoload(skel->progs.kg_process_exec,
				  (o->follow || o->ncomms) && !scope->cgroup_id);
	/* In cgroup mode a process's cgroup decides, and exits need no counting. */
	bpf_program__set_autoload(skel->progs.kg_process_exit, !scope->cgroup_id);
}

/* libbpf's consume loop runs for as long as records keep coming, which under a flood is for as
 * long as the flood lasts: signals, the output's errors and the targets' exits would wait for
 * it. A negative return stops the loop after this record (it stays consumed). */
#define BATCH_STOP (-EAGAIN)

static int on_record(void *ctx, void *data, size_t size)
{
	struct tracer *t = ctx;
	int err = t->fn(t->ctx, data, size);

	if (err)
		return err;
	return --t->batch_left > 0 ? 0 : BATCH_STOP;
}

int tracer__load(struct tracer **tp, const struct kg_opts *o, const struct tracer_scope *scope,
		 tracer_record_fn fn, void *ctx)
{
	struct tracer *t;
	int err;

	verbose = o->verbose;
	libbpf_set_print(print_libbpf);

	t = calloc(1, sizeof(*t));
	if (!t)
		return -ENOMEM;
	*tp = t;
	t->ncpus = libbpf_num_possible_cpus();
	if (t->ncpus <= 0) {
		err = t->ncpus ? t->ncpus : -EINVAL;
		fprintf(stderr, "kubeglass: cannot count CPUs: %s\n", strerror(-err));
		return err;
	}

	t->skel = kubeglass_bpf__open();
	if (!t->skel) {
		err = -errno;
		fprintf(stderr, "kubeglass: opening the BPF object failed: %s\n", strerror(-err));
		return err;
	}

	/* rodata is const volatile; it is writable until load. */
	err = sys__fill_table((unsigned char *)t->skel->rodata->targ_sys_of_nr,
			      sizeof(t->skel->rodata->targ_sys_of_nr), o->reads, KG_SYS_COMPAT);
	if (err) {
		fprintf(stderr, "kubeglass: this build knows the system calls of x86-64 only\n");
		return err;
	}
	/* fd names are for people; raw output has no use for them, and then the
	 * fd-changing calls stay out of the table and cost nothing. */
	if (o->format != KG_FMT_RAW || o->existing) {
		err = sys__fill_fd_table((unsigned char *)t->skel->rodata->targ_sys_of_nr,
					 sizeof(t->skel->rodata->targ_sys_of_nr));
		if (err) {
			fprintf(stderr, "kubeglass: this build knows the system calls of x86-64 "
					"only\n");
			return err;
		}
		t->skel->rodata->targ_fd_notices = true;
	}
	t->skel->rodata->targ_fpos = o->existing;
	t->skel->rodata->targ_fd_filter = o->fd_filter;
	memcpy((void *)t->skel->rodata->targ_fds, o->fds, sizeof(t->skel->rodata->targ_fds));
	t->skel->rodata->targ_max_bytes = o->max_bytes;

	t->ring_size = choose_ring_size(o);
	/* Wake the reader once an eighth of the ring is queued, at most 1 MiB. */
	t->skel->rodata->targ_wakeup_bytes = t->ring_size / 8 < (1 << 20) ? t->ring_size / 8
									  : (1 << 20);
	bpf_map__set_max_entries(t->skel->maps.rb, t->ring_size);
	bpf_map__set_max_entries(t->skel->maps.scratch, t->ncpus);
	configure_scope(t->skel, o, scope);
	err = choose_hook(t, o);
	if (err)
		return err;

	err = kubeglass_bpf__load(t->skel);
	if (err) {
		if (err == -EPERM)
			fprintf(stderr, "kubeglass: not permitted to load BPF programs (%s): run as "
					"root, or with CAP_BPF, CAP_PERFMON and CAP_SYS_RESOURCE\n",
				strerror(-err));
		else
			fprintf(stderr, "kubeglass: loading the BPF programs failed: %s; run with "
					"-v to see the verifier's log\n", strerror(-err));
		return err;
	}

	t->fn = fn;
	t->ctx = ctx;
	t->rb = ring_buffer__new(bpf_map__fd(t->skel->maps.rb), on_record, t, NULL);
	if (!t->rb) {
		err = -errno;
		fprintf(stderr, "kubeglass: opening the ring buffer failed: %s\n", strerror(-err));
		return err;
	}
	return 0;
}

int tracer__attach(struct tracer *t)
{
	int err = kubeglass_bpf__attach(t->skel);

	if (err) {
		fprintf(stderr, "kubeglass: attaching to the syscall tracepoints failed: %s; the "
				"kernel needs BTF and raw tracepoint support (run with -v)\n",
			strerror(-err));
		return err;
	}
	return 0;
}

void tracer__detach(struct tracer *t)
{
	if (t && t->skel)
		kubeglass_bpf__detach(t->skel);
}

void tracer__destroy(struct tracer *t)
{
	if (!t)
		return;
	ring_buffer__free(t->rb);
	kubeglass_bpf__destroy(t->skel);
	free(t);
}

bool tracer__add_pid(struct tracer *t, int pid)
{
	__u64 bit = 1ULL << (pid % 64), old;

	if (pid <= 0 || pid >= KG_PID_MAX)
		return false;
	old = __atomic_fetch_or(&t->skel->bss->target_bits[pid / 64], bit, __ATOMIC_SEQ_CST);
	if (old & bit)
		return false;
	__atomic_fetch_add(&t->skel->bss->live_targets, 1, __ATOMIC_SEQ_CST);
	return true;
}

bool tracer__remove_pid(struct tracer *t, int pid)
{
	__u64 bit = 1ULL << (pid % 64), old;

	if (pid <= 0 || pid >= KG_PID_MAX)
		return false;
	old = __atomic_fetch_and(&t->skel->bss->target_bits[pid / 64], ~bit, __ATOMIC_SEQ_CST);
	if (!(old & bit))
		return false;
	__atomic_fetch_sub(&t->skel->bss->live_targets, 1, __ATOMIC_SEQ_CST);
	return true;
}

long tracer__live(struct tracer *t)
{
	return __atomic_load_n(&t->skel->bss->live_targets, __ATOMIC_SEQ_CST);
}

int tracer__fd(struct tracer *t)
{
	return ring_buffer__epoll_fd(t->rb);
}

int tracer__consume(struct tracer *t)
{
	int n;

	t->batch_left = TRACER_BATCH;
	n = ring_buffer__consume(t->rb);
	if (n == BATCH_STOP)
		return TRACER_BATCH;
	return n;
}

uint64_t tracer__ring_size(const struct tracer *t)
{
	return t->ring_size;
}

int tracer__stats(struct tracer *t, __u64 *out)
{
	__u64 *vals;
	__u32 key;
	int cpu, err = 0;

	vals = calloc(t->ncpus, sizeof(*vals));
	if (!vals)
		return -ENOMEM;
	for (key = 0; key < KG_STAT__MAX; key++) {
		out[key] = 0;
		if (bpf_map_lookup_elem(bpf_map__fd(t->skel->maps.stats), &key, vals)) {
			err = -errno;
			continue;
		}
		for (cpu = 0; cpu < t->ncpus; cpu++)
			out[key] += vals[cpu];
	}
	free(vals);
	return err;
}

int tracer__lost_by_fd(struct tracer *t, tracer_lost_fn fn, void *ctx)
{
	int fd = bpf_map__fd(t->skel->maps.lost_by_fd), err;
	struct kg_lost_key key, next, *prev = NULL;
	__u64 n;

	while (!bpf_map_get_next_key(fd, prev, &next)) {
		if (!bpf_map_lookup_elem(fd, &next, &n)) {
			err = fn(ctx, &next, n);
			if (err)
				return err;
		}
		key = next;
		prev = &key;
	}
	return errno == ENOENT ? 0 : -errno;
}
