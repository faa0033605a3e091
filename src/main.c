// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * kubeglass: options -> checks -> load -> attach -> poll -> drain -> report.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>
#include "existing.h"
#include "fdname.h"
#include "filter.h"
#include "opts.h"
#include "output.h"
#include "privs.h"
#include "reassemble.h"
#include "stop.h"
#include "summary.h"
#include "target.h"
#include "tracer.h"

/* The reader polls this often even without a wakeup: the BPF side batches
 * wakeups, so a quiet target's last few writes wait at most this long. */
#define POLL_MS 50
/* Stopped by a signal, kubeglass shows what is queued for at most this long, then counts the
 * rest without showing it: under a flood that starves it of CPU, showing all could take
 * minutes, and the user asked it to stop. */
#define DRAIN_MS_AFTER_SIGNAL 500

struct totals {
	uint64_t msgs;
	uint64_t bytes;     /* bytes the kernel accepted, in calls shown */
	uint64_t captured;  /* bytes shown */
	uint64_t failed;    /* calls that returned an error */
	uint64_t trunc_msgs;
	uint64_t trunc_bytes;
	uint64_t fault_msgs;  /* shown without their end: target memory unreadable */
	uint64_t fault_bytes;
};

struct app {
	struct kg_opts opts;
	struct tracer *tracer;
	struct reasm *reasm;
	struct output *out;
	struct outbuf ob;
	struct totals tot;
	struct fdnames *names;      /* NULL: fds are not named (raw) */
	struct filter *filter;
	struct existing *existing;  /* --existing: sizes of the files shown */
	struct targets targets;
	struct stop stop;           /* --duration, --count */
	struct summary *summary;    /* --summary */
	bool signalled;       /* stopped by SIGINT, SIGTERM or SIGHUP */
	bool skip;            /* draining in a hurry: count records, show nothing */
	uint64_t unshown;     /* writes captured but not shown because of that */
};

/* An fd changed: a closed one's stream shows what it still held, then the fd
 * is renamed. */
static int handle_fd_notice(struct app *app, const void *data, size_t size)
{
	struct kg_event ev;
	int err;

	memcpy(&ev, data, sizeof(ev));
	if (ev.len > size - sizeof(ev) || (ev.msg == KG_FDOP_CLOSE && (__s64)ev.off < ev.fd))
		return 0;
	if (ev.msg == KG_FDOP_CLOSE) {
		existing__fd_changed(app->existing, ev.pid, ev.fd, (__s64)ev.off);
	} else {
		/* One fd, or the two ends of a pipe or socketpair. */
		existing__fd_changed(app->existing, ev.pid, ev.fd, ev.fd);
		existing__fd_changed(app->existing, ev.pid, (__s64)ev.off, (__s64)ev.off);
	}
	/* Only a close ends a stream. A shell's "cmd >&3" points fd 1 at fd 3's
	 * file and back around every command: ending the stream on each dup2
	 * would cut every partial line and reset every repeat count. */
	if (ev.msg == KG_FDOP_CLOSE) {
		err = filter__end(app->filter, ev.pid, ev.fd,
				  (__s64)ev.off > INT32_MAX ? INT32_MAX : (__s32)ev.off);
		if (err)
			return err;
	}
	if (app->names)
		fdnames__notice(app->names, &ev, (const char *)data + sizeof(ev), ev.len);
	return 0;
}

static int handle_record(void *ctx, void *data, size_t size)
{
	struct app *app = ctx;

	if (app->skip) {
		const struct kg_event *ev = data;

		if (size >= sizeof(*ev) && ev->kind == KG_EV_DATA && (ev->flags & KG_F_FIRST))
			app->unshown++;
		return 0;
	}
	if (size >= sizeof(struct kg_event) && ((struct kg_event *)data)->kind == KG_EV_FD)
		return handle_fd_notice(app, data, size);
	return reasm__push(app->reasm, data, size);
}

static bool want_fd(const void *opts, int fd)
{
	return opts__fd_selected(opts, fd);
}

/* After the filters: name the fd (from the cache) and print. */
static int handle_shaped(void *ctx, struct kg_msg *m)
{
	struct app *app = ctx;

	/* EBADF: there was no fd to name. */
	if (app->names && m->ev->ret != -EBADF)
		m->fd_name = fdnames__get(app->names, m->ev->pid, m->ev->fd);
	if (app->summary && m->fd_name && summary__name(app->summary, m->ev, m->fd_name))
		return -ENOMEM;
	return app->out->message(app->out, m);
}

static uint64_t filtered_out(const struct filter *f)
{
	const struct filter_stats *fs = filter__stats(f);

	return fs->binary_writes + fs->grep_lines + fs->repeat_msgs;
}

/* Into the filters; what they leave out is counted per fd for --summary. */
static int filter_counted(struct app *app, const struct kg_msg *m)
{
	uint64_t before = filtered_out(app->filter);
	int err = filter__message(app->filter, m);

	if (!err && app->summary && filtered_out(app->filter) > before)
		err = summary__skip(app->summary, m->ev, filtered_out(app->filter) - before);
	return err;
}

static int handle_msg(void *ctx, const struct kg_msg *m)
{
	struct app *app = ctx;
	struct totals *t = &app->tot;

	if (!stop__admit(&app->stop))
		return 0;
	if (app->summary && summary__add(app->summary, m))
		return -ENOMEM;
	t->msgs++;
	if (m->ev->ret < 0)
		t->failed++;
	t->bytes += m->ev->size;
	t->captured += m->len;
	if (m->ev->size > m->ev->cap) {
		t->trunc_msgs++;
		t->trunc_bytes += m->ev->size - m->ev->cap;
	}
	if (m->missing && (m->ev->flags & KG_F_FAULT)) {
		t->fault_msgs++;
		t->fault_bytes += m->missing;
	}
	if (app->existing) {
		uint64_t seen = existing__overlap(app->existing, m);
		struct kg_msg cut = *m;

		if (seen >= m->len && seen)
			return 0;
		cut.data += seen;
		cut.len -= seen;
		return filter_counted(app, &cut);
	}
	return filter_counted(app, m);
}

static int handle_notice(void *ctx, const struct kg_event *ev)
{
	struct app *app = ctx;
	int err = 0;

	if (stop__counted_out(&app->stop))
		return 0;
	if (ev->kind == KG_EV_EXIT)
		err = filter__end(app->filter, ev->pid, 0, INT32_MAX);
	if (!err)
		err = app->out->notice(app->out, ev);
	if (ev->kind == KG_EV_EXIT && app->names)
		fdnames__forget_pid(app->names, ev->pid);
	return err;
}

static void human_size(uint64_t v, char *buf, size_t size)
{
	if (v && v % (1ULL << 30) == 0)
		snprintf(buf, size, "%lluG", (unsigned long long)(v >> 30));
	else if (v && v % (1ULL << 20) == 0)
		snprintf(buf, size, "%lluM", (unsigned long long)(v >> 20));
	else if (v && v % (1ULL << 10) == 0)
		snprintf(buf, size, "%lluK", (unsigned long long)(v >> 10));
	else
		snprintf(buf, size, "%llu", (unsigned long long)v);
}

static void print_ready(struct app *app)
{
	const struct kg_opts *o = &app->opts;
	char what[512], fds[128] = "all fds", maxb[32];
	int fd, n = 0, shown = 0;

	if (o->fd_filter) {
		n = snprintf(fds, sizeof(fds), "fd");
		for (fd = 0; fd < KG_FD_FILTER_MAX && n < (int)sizeof(fds) - 16; fd++) {
			if (opts__fd_selected(o, fd))
				n += snprintf(fds + n, sizeof(fds) - n, "%s%d", shown++ ? "," : " ",
					      fd);
		}
	}
	if (o->max_bytes)
		human_size(o->max_bytes, maxb, sizeof(maxb));
	targets__describe(&app->targets, what, sizeof(what));
	fprintf(stderr, "kubeglass: tracing %s, %s, %s%s per write; Ctrl-C to stop\n", what, fds,
		o->max_bytes ? "up to " : "", o->max_bytes ? maxb : "no limit");
}

static void report(struct app *app, const __u64 *st)
{
	const struct totals *t = &app->tot;
	const struct reasm_stats *rs = reasm__stats(app->reasm);
	char ring[32];

	if (app->stop.after_count)
		fprintf(stderr, "kubeglass: %llu more event%s captured after --count was reached, "
				"not shown\n", (unsigned long long)app->stop.after_count,
			app->stop.after_count == 1 ? "" : "s");
	/* With --reads the count holds reads too. */
	fprintf(stderr, "kubeglass: %llu %s%s shown (%llu bytes)", (unsigned long long)t->msgs,
		app->opts.reads ? "call" : "write", t->msgs == 1 ? "" : "s",
		(unsigned long long)t->captured);
	if (t->failed)
		fprintf(stderr, ", %llu of them failed with no data", (unsigned long long)t->failed);
	fprintf(stderr, "; %llu lost\n", (unsigned long long)st[KG_STAT_LOST_CALLS]);
	if (t->trunc_msgs)
		fprintf(stderr, "kubeglass: %llu write%s truncated by --max-bytes: %llu bytes not "
				"captured; raise --max-bytes (0 = no limit) to see them\n",
			(unsigned long long)t->trunc_msgs, t->trunc_msgs == 1 ? "" : "s",
			(unsigned long long)t->trunc_bytes);
	if (st[KG_STAT_LOST_CALLS] || st[KG_STAT_PARTIAL_CALLS]) {
		human_size(tracer__ring_size(app->tracer), ring, sizeof(ring));
		fprintf(stderr, "kubeglass: LOST %llu write%s entirely and the end of %llu more "
				"(%llu bytes): the reader fell behind; try a larger --ring-size "
				"(now %s) or --format raw -o FILE\n",
			(unsigned long long)st[KG_STAT_LOST_CALLS],
			st[KG_STAT_LOST_CALLS] == 1 ? "" : "s",
			(unsigned long long)st[KG_STAT_PARTIAL_CALLS],
			(unsigned long long)st[KG_STAT_LOST_BYTES], ring);
	}
	/* Messages cut short by a full ring are in the LOST line above. */
	if (t->fault_msgs)
		fprintf(stderr, "kubeglass: %llu write%s shown incomplete (%llu bytes missing): "
				"the target's memory could not be read\n",
			(unsigned long long)t->fault_msgs, t->fault_msgs == 1 ? "" : "s",
			(unsigned long long)t->fault_bytes);
	if (st[KG_STAT_LOST_OTHER])
		fprintf(stderr, "kubeglass: %llu process exit or fork notices lost\n",
			(unsigned long long)st[KG_STAT_LOST_OTHER]);
	if (st[KG_STAT_COMPAT_CALLS])
		fprintf(stderr, "kubeglass: %llu 32-bit (ia32) write calls not captured: "
				"kubeglass reads 64-bit system calls only\n",
			(unsigned long long)st[KG_STAT_COMPAT_CALLS]);
	filter__report(app->filter, stderr);
	if (existing__deduped(app->existing))
		fprintf(stderr, "kubeglass: %llu live write%s already in the existing content "
				"left out or cut\n",
			(unsigned long long)existing__deduped(app->existing),
			existing__deduped(app->existing) == 1 ? " was" : "s were");
	if (st[KG_STAT_LOST_FD])
		fprintf(stderr, "kubeglass: %llu fd-change notices lost: some fd names may be "
				"stale; try a larger --ring-size\n",
			(unsigned long long)st[KG_STAT_LOST_FD]);
	if (app->unshown)
		fprintf(stderr, "kubeglass: %llu write%s captured but not shown: kubeglass was "
				"stopped before its output caught up\n",
			(unsigned long long)app->unshown, app->unshown == 1 ? "" : "s");
	if (rs->malformed)
		fprintf(stderr, "kubeglass: %llu malformed records dropped (a kubeglass bug; "
				"please report it)\n", (unsigned long long)rs->malformed);
}

static int loop(struct app *app, const char **why)
{
	struct epoll_event evs[4], ev = {.events = EPOLLIN};
	struct signalfd_siginfo si;
	__u64 st[KG_STAT__MAX], lost_seen = 0;
	const char *stop;
	time_t last_check = time(NULL);
	sigset_t mask;
	int ep, sfd, n, i, err = 0;
	bool busy = false;

	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGHUP);
	sfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
	ep = epoll_create1(EPOLL_CLOEXEC);
	if (sfd < 0 || ep < 0) {
		err = -errno;
		fprintf(stderr, "kubeglass: setting up the event loop failed: %s\n",
			strerror(-err));
		goto out;
	}
	ev.data.fd = sfd;
	epoll_ctl(ep, EPOLL_CTL_ADD, sfd, &ev);
	ev.data.fd = tracer__fd(app->tracer);
	epoll_ctl(ep, EPOLL_CTL_ADD, ev.data.fd, &ev);

	for (;;) {
		/* A full batch means more is queued: only look for signals, do not wait. */
		n = epoll_wait(ep, evs, 4, busy ? 0 : stop__timeout_ms(&app->stop, POLL_MS));
		if (n < 0 && errno != EINTR) {
			err = -errno;
			fprintf(stderr, "kubeglass: waiting for events failed: %s\n",
				strerror(-err));
			break;
		}
		for (i = 0; i < n; i++) {
			if (evs[i].data.fd == sfd && read(sfd, &si, sizeof(si)) == sizeof(si) &&
			    !targets__keep_on_signal(&app->targets, &si)) {
				*why = si.ssi_signo == SIGINT ? "interrupted" : "terminated";
				app->signalled = true;
				goto out;
			}
		}
		err = tracer__consume(app->tracer);
		if (err < 0) {
			fprintf(stderr, "kubeglass: reading events failed: %s\n", strerror(-err));
			break;
		}
		busy = err == TRACER_BATCH;
		err = outbuf__flush(&app->ob);
		if (err)
			break;
		if ((*why = stop__reason(&app->stop)))
			break;
		stop = targets__poll(&app->targets);
		if (stop) {
			*why = stop;
			break;
		}
		if (time(NULL) != last_check) {
			last_check = time(NULL);
			if (!tracer__stats(app->tracer, st) &&
			    st[KG_STAT_LOST_CALLS] + st[KG_STAT_PARTIAL_CALLS] > lost_seen) {
				lost_seen = st[KG_STAT_LOST_CALLS] + st[KG_STAT_PARTIAL_CALLS];
				fprintf(stderr, "kubeglass: %llu writes lost so far: the reader is "
						"falling behind\n", (unsigned long long)lost_seen);
			}
		}
	}
out:
	if (sfd >= 0)
		close(sfd);
	if (ep >= 0)
		close(ep);
	return err < 0 ? err : 0;
}

static int64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* After detaching nothing new arrives; take everything still queued, showing it for at most
 * limit_ms (< 0: no limit) and counting the rest. */
static int drain(struct app *app, int limit_ms)
{
	int64_t end = mono_ms() + limit_ms;
	int n, err;

	tracer__detach(app->tracer);
	app->skip = limit_ms == 0;
	do {
		n = tracer__consume(app->tracer);
		if (limit_ms > 0 && mono_ms() >= end)
			app->skip = true;
	} while (n > 0);
	if (n < 0)
		return n;
	err = reasm__flush(app->reasm);
	if (!err)
		err = filter__finish(app->filter);
	if (!err && app->out->finish)
		err = app->out->finish(app->out);
	return err;
}

static int add_lost(void *ctx, const struct kg_lost_key *k, __u64 calls)
{
	return summary__lost(ctx, k->pid, k->fd, k->read, calls);
}

/* The --summary table and the output's own end-of-run record. The table
 * follows the events, except after raw output, which must stay byte-exact. */
static int report_to_output(struct app *app, const char *why, const __u64 *st)
{
	const struct totals *t = &app->tot;
	struct output_report r = {
		.reason = why,
		.calls = st[KG_STAT_CALLS],
		.events = t->msgs,
		.bytes = t->bytes,
		.captured = t->captured,
		.failed = t->failed,
		.truncated = t->trunc_msgs,
		.truncated_bytes = t->trunc_bytes,
		.lost = st[KG_STAT_LOST_CALLS],
		.partial = st[KG_STAT_PARTIAL_CALLS],
		.lost_bytes = st[KG_STAT_LOST_BYTES],
		.skipped = filtered_out(app->filter),
		.after_count = app->stop.after_count,
		.compat = st[KG_STAT_COMPAT_CALLS],
		.summary = app->summary,
	};
	struct outbuf eb;
	int err = 0;

	if (app->summary) {
		err = tracer__lost_by_fd(app->tracer, add_lost, app->summary);
		if (err)
			fprintf(stderr, "kubeglass: reading the losses per fd failed: %s\n",
				strerror(-err));
	}
	if (app->summary && app->opts.format == KG_FMT_RAW) {
		if (outbuf__open_fd(&eb, STDERR_FILENO, "standard error"))
			return -ENOMEM;
		summary__print(app->summary, &eb);
		err = outbuf__close(&eb);
	} else if (app->summary && app->opts.format != KG_FMT_JSON) {
		summary__print(app->summary, &app->ob);
	}
	if (app->out->report)
		app->out->report(app->out, &r);
	return err;
}

int main(int argc, char **argv)
{
	static struct app app;
	struct output_config cfg = {};
	struct filter_config fcfg = {};
	const char *why = "stopped";
	char err_msg[256];
	__u64 st[KG_STAT__MAX] = {};
	sigset_t mask;
	int ret, err, i;

	ret = opts__parse(&app.opts, argc, argv, err_msg, sizeof(err_msg));
	if (ret) {
		fprintf(stderr, "kubeglass: %s\n", err_msg);
		return ret;
	}
	if (app.opts.help) {
		opts__usage(stdout);
		return fflush(stdout) || ferror(stdout) ? KG_EXIT_RUNTIME : KG_EXIT_OK;
	}
	if (app.opts.version) {
		printf("kubeglass %s\n", KG_VERSION);
		return fflush(stdout) || ferror(stdout) ? KG_EXIT_RUNTIME : KG_EXIT_OK;
	}

	ret = KG_EXIT_RUNTIME;
	/* Signals are read from a signalfd in the loop; a closed output pipe
	 * shows up as EPIPE from write(2) and is reported, not a silent death. */
	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGHUP);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (targets__prepare(&app.targets, &app.opts))
		goto cleanup;
	if (target__check_privileges())
		goto cleanup;
	err = outbuf__open(&app.ob, app.opts.output);
	if (err) {
		fprintf(stderr, "kubeglass: cannot write to %s: %s; choose a writable path for -o\n",
			app.opts.output, strerror(-err));
		goto cleanup;
	}
	if (app.opts.format == KG_FMT_RAW && app.ob.tty)
		fprintf(stderr, "kubeglass: warning: --format raw sends the target's bytes, "
				"control sequences included, unfiltered to this terminal\n");

	cfg.mono_to_real_ns = output__mono_to_real();
	cfg.color = output__want_color(app.opts.color, app.ob.tty);
	cfg.reads = app.opts.reads;
	app.out = output__new(app.opts.format, &app.ob, &cfg);
	app.reasm = reasm__new(handle_msg, handle_notice, &app);
	if (app.opts.summary)
		app.summary = summary__new();
	/* json and hex keep each call's bytes whole; only pretty shows lines. */
	fcfg.lines = app.opts.format == KG_FMT_PRETTY;
	fcfg.no_binary = app.opts.no_binary;
	fcfg.no_repeats = app.opts.no_repeats;
	fcfg.grep = app.opts.grep;
	app.filter = filter__new(&fcfg, handle_shaped, &app);
	if (app.opts.format != KG_FMT_RAW)
		app.names = fdnames__new();
	if (!app.out || !app.reasm || !app.filter || (app.opts.summary && !app.summary) ||
	    (app.opts.format != KG_FMT_RAW && !app.names)) {
		fprintf(stderr, "kubeglass: out of memory\n");
		goto cleanup;
	}
	if (tracer__load(&app.tracer, &app.opts, &app.targets.scope, handle_record, &app))
		goto cleanup;
	if (tracer__attach(app.tracer))
		goto cleanup;
	/* Attach first, then add the targets, then look for targets that died
	 * in between: the exit hook sees every exit after its bit is set. */
	if (targets__add(&app.targets, app.tracer))
		goto cleanup;
	for (i = 0; app.names && i < (int)app.targets.nprocs; i++)
		fdnames__prefill(app.names, app.targets.procs[i].pid, want_fd, &app.opts);
	/* After the targets are marked, before the first record is read: see
	 * existing.h for why this order loses and repeats nothing. */
	if (app.opts.existing) {
		app.existing = existing__show(&app.opts, app.out, app.names);
		if (!app.existing || outbuf__flush(&app.ob)) {
			fprintf(stderr, "kubeglass: showing the existing content failed: %s\n",
				strerror(app.ob.err ? -app.ob.err : ENOMEM));
			goto cleanup;
		}
	}
	stop__start(&app.stop, &app.opts);
	/* Before the ready line, so that whoever waits for it sees the drop done. A command
	 * kubeglass runs was forked before and keeps its own privileges. */
	err = privs__drop();
	if (err)
		fprintf(stderr, "kubeglass: warning: could not give up capabilities after attaching: "
				"%s\n", strerror(-err));
	print_ready(&app);
	if (targets__release(&app.targets)) {
		ret = targets__exit_code(&app.targets, ret);
		goto cleanup;
	}

	err = loop(&app, &why);
	if (err)
		why = "stopped by an error";
	/* A dead output takes nothing more; a signal gets a bounded drain; an end of the targets
	 * gets everything they wrote. */
	if (drain(&app, err ? 0 : app.signalled ? DRAIN_MS_AFTER_SIGNAL : -1) && !err)
		err = -EIO;
	tracer__stats(app.tracer, st);
	if (report_to_output(&app, why, st) && !err)
		err = -EIO;
	if (outbuf__close(&app.ob)) {
		fprintf(stderr, "kubeglass: writing to %s failed: %s\n", app.ob.name,
			strerror(-app.ob.err));
		err = app.ob.err;
	}
	fprintf(stderr, "kubeglass: %s\n", why);
	report(&app, st);
	ret = err ? KG_EXIT_RUNTIME : KG_EXIT_OK;
	ret = targets__exit_code(&app.targets, ret);

cleanup:
	if (app.ob.buf)
		outbuf__close(&app.ob);
	tracer__destroy(app.tracer);
	reasm__free(app.reasm);
	filter__free(app.filter);
	fdnames__free(app.names);
	existing__free(app.existing);
	summary__free(app.summary);
	if (app.out)
		app.out->free(app.out);
	targets__free(&app.targets);
	return ret;
}
