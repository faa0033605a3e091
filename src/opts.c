// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <errno.h>
#include <getopt.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "cgroup.h"
#include "kubeglass.h"
#include "opts.h"

/* PID_MAX_LIMIT on 64-bit kernels. */
#define KG_PID_LIMIT (4 * 1024 * 1024)

enum {
	OPT_STDOUT = 256,
	OPT_STDERR,
	OPT_FDS,
	OPT_ALL,
	OPT_MAX_BYTES,
	OPT_RING_SIZE,
	OPT_EXISTING,
	OPT_TAIL,
	OPT_NO_BINARY,
	OPT_NO_REPEATS,
	OPT_GREP,
	OPT_COLOR,
	OPT_NO_FOLLOW,
	OPT_COMM,
	OPT_CONTAINER,
	OPT_CGROUP,
	OPT_READS,
	OPT_SUMMARY,
	OPT_DURATION,
	OPT_COUNT,
	OPT_HOOK,
};

static const struct option long_opts[] = {
	{"pid", required_argument, NULL, 'p'},
	{"follow", no_argument, NULL, 'f'},
	{"no-follow", no_argument, NULL, OPT_NO_FOLLOW},
	{"comm", required_argument, NULL, OPT_COMM},
	{"container", required_argument, NULL, OPT_CONTAINER},
	{"cgroup", required_argument, NULL, OPT_CGROUP},
	{"stdout", no_argument, NULL, OPT_STDOUT},
	{"stderr", no_argument, NULL, OPT_STDERR},
	{"fds", required_argument, NULL, OPT_FDS},
	{"all", no_argument, NULL, OPT_ALL},
	{"max-bytes", required_argument, NULL, OPT_MAX_BYTES},
	{"ring-size", required_argument, NULL, OPT_RING_SIZE},
	{"existing", no_argument, NULL, OPT_EXISTING},
	{"tail", required_argument, NULL, OPT_TAIL},
	{"no-binary", no_argument, NULL, OPT_NO_BINARY},
	{"no-repeats", no_argument, NULL, OPT_NO_REPEATS},
	{"grep", required_argument, NULL, OPT_GREP},
	{"color", required_argument, NULL, OPT_COLOR},
	{"colour", required_argument, NULL, OPT_COLOR},
	{"hook", required_argument, NULL, OPT_HOOK},
	{"format", required_argument, NULL, 'F'},
	{"output", required_argument, NULL, 'o'},
	{"reads", no_argument, NULL, OPT_READS},
	{"summary", no_argument, NULL, OPT_SUMMARY},
	{"duration", required_argument, NULL, OPT_DURATION},
	{"count", required_argument, NULL, OPT_COUNT},
	{"verbose", no_argument, NULL, 'v'},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{},
};

void opts__usage(FILE *f)
{
	fputs("Usage: kubeglass --pid PID[,PID...] [OPTIONS]\n"
	      "       kubeglass [OPTIONS] -- COMMAND [ARGS...]\n"
	      "       kubeglass --container ID | --cgroup PATH | --comm NAME [OPTIONS]\n"
	      "\n"
	      "Shows live what a running process writes: to stdout, stderr, files, pipes and\n"
	      "sockets, byte for byte, without restarting or changing it. Needs root.\n"
	      "\n"
	      "Targets:\n"
	      "  -p, --pid PID[,PID...]  trace these processes, all their threads (repeatable)\n"
	      "  -f, --follow            also trace the processes they start, from fork on\n"
	      "  -- COMMAND [ARGS...]    run COMMAND and trace it from its first write; its\n"
	      "                          children too unless --no-follow. Exits with its status\n"
	      "      --comm NAME         processes named NAME (as ps -o comm shows), running or\n"
	      "                          started later, while they have that name (repeatable)\n"
	      "      --container ID      every process of this container, now and later: a full\n"
	      "                          ID or a unique prefix of 12+ hex digits; docker://,\n"
	      "                          containerd:// and cri-o:// forms are accepted\n"
	      "      --cgroup PATH       every process in this cgroup v2 directory and below\n"
	      "\n"
	      "Which writes:\n"
	      "      --stdout            fd 1\n"
	      "      --stderr            fd 2 (combines with --stdout and --fds)\n"
	      "      --fds LIST          these fds, comma-separated: --fds=1,2,5\n"
	      "      --all               every fd (the default)\n"
	      "      --max-bytes SIZE    capture at most SIZE bytes of each write; the rest is\n"
	      "                          counted and marked truncated. K, M, G suffixes; 0 means\n"
	      "                          no limit (default 1M)\n"
	      "      --reads             also what the targets read: read, readv, pread64,\n"
	      "                          preadv, preadv2, recvfrom, recvmsg, recvmmsg. Off by\n"
	      "                          default: reading a huge file copies every byte of it\n"
	      "                          through kubeglass, which costs the target and may\n"
	      "                          lose events; narrow it with --fds and --max-bytes\n"
	      "\n"
	      "Existing content and filters:\n"
	      "      --existing          first show the last lines each selected fd already\n"
	      "                          holds (regular files; others say why not)\n"
	      "      --tail N            that many lines per fd (default 10; 0: none)\n"
	      "      --no-binary         skip writes that do not look like text\n"
	      "      --no-repeats        show a repeated message once, then \"previous message\n"
	      "                          repeated N times\" (per process and fd)\n"
	      "      --grep REGEX        keep only lines (whole writes, if binary) matching this\n"
	      "                          extended regular expression\n"
	      "\n"
	      "Output:\n"
	      "  -F, --format FORMAT     pretty (default): one header per write, control bytes\n"
	      "                          escaped, binary as a hexdump;\n"
	      "                          raw: exactly the bytes written, nothing else;\n"
	      "                          json: one JSON object per line, lossless;\n"
	      "                          hex: a header line and a canonical hexdump per write\n"
	      "  -o, --output FILE       write there instead of standard output (mode 0600)\n"
	      "      --color WHEN        auto (default: on a terminal, unless NO_COLOR is set),\n"
	      "                          always or never\n"
	      "      --summary           at exit, a table per process and fd: calls, bytes,\n"
	      "                          largest, truncated, lost, skipped. Alone (without\n"
	      "                          --format), the table is the only output\n"
	      "\n"
	      "Stopping (otherwise when every target has exited, or on Ctrl-C):\n"
	      "      --duration SECONDS  stop after this long, e.g. 10 or 0.5\n"
	      "      --count N           stop after showing N events\n"
	      "      Either way kubeglass first shows everything captured until then.\n"
	      "\n"
	      "Tuning and help:\n"
	      "      --ring-size SIZE    kernel ring buffer size, a power of two (default: 16M,\n"
	      "                          or larger to hold two writes of --max-bytes)\n"
	      "      --hook HOOK         btf (default): one hook for every syscall, cheapest\n"
	      "                          for the target; tracepoint: a hook per syscall in\n"
	      "                          scope, cheapest for other processes' other syscalls;\n"
	      "                          --format raw only\n"
	      "  -v, --verbose           libbpf's messages and the verifier's log\n"
	      "  -h, --help              this help\n"
	      "  -V, --version           the version\n"
	      "\n"
	      "Status lines go to standard error, each starting \"kubeglass: \". Once the\n"
	      "probes are attached one line starts \"kubeglass: tracing\". kubeglass stops when\n"
	      "every target has exited (with --comm, --container or --cgroup: on Ctrl-C or when\n"
	      "the cgroup is removed; with a command: when it ends), after showing everything\n"
	      "captured (interrupted: what it can in 0.5 s), and reports any lost,\n"
	      "truncated or unshown writes.\n"
	      "\n"
	      "Exit status: 0 success, 1 runtime failure (no such process, no permission,\n"
	      "BPF load failure, output error), 2 usage error. With a command: its exit status,\n"
	      "or 128+N if a signal N killed it.\n"
	      "\n"
	      "Examples:\n"
	      "  kubeglass --pid 1234                      everything process 1234 writes\n"
	      "  kubeglass --pid 1234 --stdout --stderr    its stdout and stderr only\n"
	      "  kubeglass -p 1234 --fds=5 -F raw -o out   fd 5's bytes, exactly, into a file\n"
	      "  kubeglass -p 1234 --max-bytes 0           whole writes, however large\n"
	      "  kubeglass -p 1234 --existing --tail=3     a log's last 3 lines, then live\n"
	      "  kubeglass -p 1234 --grep 'ERROR|WARN'     only matching lines\n"
	      "  kubeglass -p 1234 -f                      process 1234 and its future children\n"
	      "  kubeglass -o log -- make                  what make and its children write\n"
	      "  kubeglass --container 3f4e1a2b9c0d        a container, by ID prefix\n"
	      "  kubeglass -p 1234 -F json | jq -r 'select(.fd == 1) | .data'\n"
	      "                                            its stdout as text, through jq\n"
	      "  kubeglass -p 1234 --reads -F hex --fds=3  both directions of fd 3, as hex\n"
	      "  kubeglass -p 1234 --summary --duration 10 where its output goes, for 10 s\n"
	      "\n"
	      "See kubeglass(8) for the JSON schema, the overhead and the limitations.\n",
	      f);
}

static int fail(char *err, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, size, fmt, ap);
	va_end(ap);
	return KG_EXIT_USAGE;
}

int opts__parse_u64(const char *s, uint64_t *v)
{
	uint64_t n = 0;

	if (!s || !*s)
		return -EINVAL;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -EINVAL;
		if (n > (UINT64_MAX - (*s - '0')) / 10)
			return -ERANGE;
		n = n * 10 + (*s - '0');
	}
	*v = n;
	return 0;
}

int opts__parse_size(const char *s, uint64_t *v)
{
	char digits[32];
	size_t len = s ? strlen(s) : 0;
	unsigned shift = 0;
	uint64_t n;
	int err;

	if (len == 0 || len >= sizeof(digits))
		return len ? -ERANGE : -EINVAL;
	memcpy(digits, s, len + 1);
	switch (digits[len - 1]) {
	case 'k':
	case 'K':
		shift = 10;
		break;
	case 'm':
	case 'M':
		shift = 20;
		break;
	case 'g':
	case 'G':
		shift = 30;
		break;
	}
	if (shift)
		digits[--len] = '\0';
	err = opts__parse_u64(digits, &n);
	if (err)
		return err;
	if (shift && n > (UINT64_MAX >> shift))
		return -ERANGE;
	*v = n << shift;
	return 0;
}

int opts__parse_duration(const char *s, uint64_t *ms)
{
	const char *dot = s ? strchr(s, '.') : NULL;
	char whole[24];
	uint64_t sec, frac = 0, scale = 100;
	size_t n = dot ? (size_t)(dot - s) : (s ? strlen(s) : 0);

	if (n == 0 || n >= sizeof(whole))
		return -EINVAL;
	memcpy(whole, s, n);
	whole[n] = '\0';
	if (opts__parse_u64(whole, &sec) || sec > 100ULL * 365 * 86400)
		return -EINVAL;
	if (dot) {
		/* Milliseconds are the resolution; further digits must still be digits. */
		if (!dot[1])
			return -EINVAL;
		for (s = dot + 1; *s; s++, scale /= 10) {
			if (*s < '0' || *s > '9')
				return -EINVAL;
			frac += (uint64_t)(*s - '0') * scale;
		}
	}
	*ms = sec * 1000 + frac;
	return *ms ? 0 : -EINVAL;
}

bool opts__fd_selected(const struct kg_opts *o, int fd)
{
	if (!o->fd_filter)
		return true;
	if (fd < 0 || fd >= KG_FD_FILTER_MAX)
		return false;
	return o->fds[fd / 64] & (1ULL << (fd % 64));
}

static int select_fd(struct kg_opts *o, uint64_t fd, const char *item, char *err, size_t size)
{
	if (fd >= KG_FD_FILTER_MAX)
		return fail(err, size, "fd %s is too large for --fds: the limit is %d", item,
			    KG_FD_FILTER_MAX - 1);
	o->fd_filter = true;
	o->fds[fd / 64] |= 1ULL << (fd % 64);
	return 0;
}

/* Splits a comma-separated list into items; an empty item is an error. */
static int parse_list(struct kg_opts *o, const char *arg, const char *opt,
		      int (*item_fn)(struct kg_opts *, const char *, char *, size_t), char *err,
		      size_t size)
{
	char item[64];
	const char *p = arg, *comma;
	size_t n;
	int ret;

	if (!*arg)
		return fail(err, size, "%s needs a value, e.g. %s=1,2", opt, opt);
	for (;;) {
		comma = strchr(p, ',');
		n = comma ? (size_t)(comma - p) : strlen(p);
		if (n == 0)
			return fail(err, size, "%s '%s' has an empty item; separate values with "
					       "single commas", opt, arg);
		if (n >= sizeof(item))
			return fail(err, size, "%s: '%.20s...' is not a number", opt, p);
		memcpy(item, p, n);
		item[n] = '\0';
		ret = item_fn(o, item, err, size);
		if (ret)
			return ret;
		if (!comma)
			return 0;
		p = comma + 1;
	}
}

static int add_fd(struct kg_opts *o, const char *item, char *err, size_t size)
{
	uint64_t fd;
	int e = opts__parse_u64(item, &fd);

	if (e == -ERANGE)
		return fail(err, size, "fd %s is too large for --fds: the limit is %d", item,
			    KG_FD_FILTER_MAX - 1);
	if (e)
		return fail(err, size, "--fds: '%s' is not an fd number (0 or more)", item);
	if (fd < KG_FD_FILTER_MAX && opts__fd_selected(o, (int)fd) && o->fd_filter)
		return fail(err, size, "--fds: fd %s is given twice", item);
	return select_fd(o, fd, item, err, size);
}

static int add_pid(struct kg_opts *o, const char *item, char *err, size_t size)
{
	uint64_t pid;
	int e = opts__parse_u64(item, &pid), i;

	if (e || pid == 0 || pid >= KG_PID_LIMIT)
		return fail(err, size, "--pid: '%s' is not a process ID (1 to %d)", item,
			    KG_PID_LIMIT - 1);
	for (i = 0; i < o->npids; i++)
		if (o->pids[i] == (int)pid)
			return fail(err, size, "--pid: %s is given twice", item);
	if (o->npids >= KG_MAX_PIDS)
		return fail(err, size, "--pid: at most %d processes", KG_MAX_PIDS);
	o->pids[o->npids++] = (int)pid;
	return 0;
}

static int add_comm(struct kg_opts *o, const char *name, char *err, size_t size)
{
	int i;

	if (!*name)
		return fail(err, size, "--comm needs a process name");
	if (strlen(name) >= KG_COMM_LEN)
		return fail(err, size, "--comm '%s': the kernel keeps only the first %d characters "
				       "of a process name; give '%.*s'", name, KG_COMM_LEN - 1,
			    KG_COMM_LEN - 1, name);
	for (i = 0; i < o->ncomms; i++)
		if (!strcmp(o->comms[i], name))
			return fail(err, size, "--comm %s is given twice", name);
	if (o->ncomms >= KG_COMMS_MAX)
		return fail(err, size, "--comm: at most %d names", KG_COMMS_MAX);
	strcpy(o->comms[o->ncomms++], name);
	return 0;
}

/* After the loop: the command, and which targets go together. */
static int check_targets(struct kg_opts *o, int argc, char **argv, bool no_follow, char *err,
			 size_t size)
{
	bool by_cgroup = o->container[0] || o->cgroup;

	if (optind < argc) {
		if (strcmp(argv[optind - 1], "--"))
			return fail(err, size, "unexpected argument '%s'; to run and trace a command, "
					       "put it after --: kubeglass [OPTIONS] -- COMMAND",
				    argv[optind]);
		o->command = &argv[optind];
	}
	if (o->follow && no_follow)
		return fail(err, size, "--follow conflicts with --no-follow; choose one");
	if (o->command && !no_follow)
		o->follow = true;
	if (o->container[0] && o->cgroup)
		return fail(err, size, "--container conflicts with --cgroup; choose one");
	if (by_cgroup && (o->npids || o->ncomms || o->command))
		return fail(err, size, "%s selects its own processes; it does not combine with "
				       "--pid, --comm or a command",
			    o->cgroup ? "--cgroup" : "--container");
	if (!by_cgroup && !o->npids && !o->ncomms && !o->command)
		return fail(err, size, "no target: give --pid PID, --comm NAME, --container ID, "
				       "--cgroup PATH or -- COMMAND (see kubeglass --help)");
	return 0;
}

static int parse_size_opt(const char *arg, const char *opt, uint64_t *v, char *err, size_t size)
{
	int e = opts__parse_size(arg, v);

	if (e == -ERANGE)
		return fail(err, size, "%s %s is too large", opt, arg);
	if (e)
		return fail(err, size, "%s: '%s' is not a size; give bytes, or a number with K, M "
				       "or G", opt, arg);
	return 0;
}

/* A bad pattern is a usage error, found before anything is loaded. */
static int check_regex(const char *re, char *err, size_t size)
{
	char why[128];
	regex_t rx;
	int e = regcomp(&rx, re, REG_EXTENDED | REG_NOSUB);

	if (!e) {
		regfree(&rx);
		return 0;
	}
	regerror(e, &rx, why, sizeof(why));
	return fail(err, size, "--grep '%s' is not an extended regular expression: %s", re, why);
}

int opts__parse(struct kg_opts *o, int argc, char **argv, char *err, size_t size)
{
	bool all = false, max_bytes_set = false, tail_set = false, no_follow = false;
	bool format_set = false;
	const char *why;
	int c, ret, idx;

	memset(o, 0, sizeof(*o));
	o->max_bytes = KG_DEFAULT_MAX_BYTES;
	o->tail = KG_DEFAULT_TAIL;
	err[0] = '\0';
	opterr = 0;
	/* 0, not 1: glibc then also forgets a previous parse's half-read argument. */
	optind = 0;
	while ((c = getopt_long(argc, argv, "+:p:fF:o:vhV", long_opts, &idx)) != -1) {
		ret = 0;
		switch (c) {
		case 'p':
			ret = parse_list(o, optarg, "--pid", add_pid, err, size);
			break;
		case 'f':
			o->follow = true;
			break;
		case OPT_NO_FOLLOW:
			no_follow = true;
			break;
		case OPT_COMM:
			ret = add_comm(o, optarg, err, size);
			break;
		case OPT_CONTAINER:
			if (o->container[0])
				return fail(err, size, "--container is given twice");
			if (cgroup__parse_container_ref(optarg, o->container, sizeof(o->container),
							&why))
				return fail(err, size, "--container '%s': %s", optarg, why);
			break;
		case OPT_CGROUP:
			if (o->cgroup)
				return fail(err, size, "--cgroup is given twice");
			if (!*optarg)
				return fail(err, size, "--cgroup needs a cgroup v2 directory");
			o->cgroup = optarg;
			break;
		case OPT_STDOUT:
			if (o->fd_filter && opts__fd_selected(o, 1))
				return fail(err, size, "fd 1 is selected twice (--stdout, --fds)");
			ret = select_fd(o, 1, "1", err, size);
			break;
		case OPT_STDERR:
			if (o->fd_filter && opts__fd_selected(o, 2))
				return fail(err, size, "fd 2 is selected twice (--stderr, --fds)");
			ret = select_fd(o, 2, "2", err, size);
			break;
		case OPT_FDS:
			ret = parse_list(o, optarg, "--fds", add_fd, err, size);
			break;
		case OPT_ALL:
			all = true;
			break;
		case OPT_MAX_BYTES:
			if (max_bytes_set)
				return fail(err, size, "--max-bytes is given twice");
			max_bytes_set = true;
			ret = parse_size_opt(optarg, "--max-bytes", &o->max_bytes, err, size);
			if (!ret && o->max_bytes > KG_MAX_BYTES_LIMIT)
				return fail(err, size, "--max-bytes %s is more than one write can carry "
						       "(2G); give 0 for no limit", optarg);
			break;
		case OPT_RING_SIZE:
			ret = parse_size_opt(optarg, "--ring-size", &o->ring_size, err, size);
			if (!ret && (o->ring_size < (64 << 10) || (o->ring_size & (o->ring_size - 1)) ||
				     o->ring_size > (1ULL << 30)))
				return fail(err, size, "--ring-size %s: give a power of two from 64K "
						       "to 1G, e.g. 64M", optarg);
			break;
		case OPT_EXISTING:
			o->existing = true;
			break;
		case OPT_TAIL:
			tail_set = true;
			if (opts__parse_u64(optarg, &o->tail) || o->tail > (1ULL << 32))
				return fail(err, size, "--tail: '%s' is not a line count (0 to %llu)",
					    optarg, 1ULL << 32);
			break;
		case OPT_NO_BINARY:
			o->no_binary = true;
			break;
		case OPT_NO_REPEATS:
			o->no_repeats = true;
			break;
		case OPT_GREP:
			if (o->grep)
				return fail(err, size, "--grep is given twice; join the patterns "
						       "with | in one extended regex");
			o->grep = optarg;
			ret = check_regex(optarg, err, size);
			break;
		case OPT_COLOR:
			if (!strcmp(optarg, "auto"))
				o->color = KG_COLOR_AUTO;
			else if (!strcmp(optarg, "always"))
				o->color = KG_COLOR_ALWAYS;
			else if (!strcmp(optarg, "never"))
				o->color = KG_COLOR_NEVER;
			else
				return fail(err, size, "--color: '%s' is not auto, always or never",
					    optarg);
			break;
		case OPT_HOOK:
			if (!strcmp(optarg, "btf"))
				o->hook = KG_HOOK_BTF;
			else if (!strcmp(optarg, "tracepoint"))
				o->hook = KG_HOOK_TRACEPOINT;
			else
				return fail(err, size, "--hook: '%s' is not a hook; use btf or "
						       "tracepoint", optarg);
			break;
		case 'F':
			format_set = true;
			if (!strcmp(optarg, "pretty"))
				o->format = KG_FMT_PRETTY;
			else if (!strcmp(optarg, "raw"))
				o->format = KG_FMT_RAW;
			else if (!strcmp(optarg, "json"))
				o->format = KG_FMT_JSON;
			else if (!strcmp(optarg, "hex"))
				o->format = KG_FMT_HEX;
			else
				return fail(err, size, "--format: '%s' is not a format; use pretty, "
						       "raw, json or hex", optarg);
			break;
		case OPT_READS:
			o->reads = true;
			break;
		case OPT_SUMMARY:
			o->summary = true;
			break;
		case OPT_DURATION:
			if (opts__parse_duration(optarg, &o->duration_ms))
				return fail(err, size, "--duration: '%s' is not a time; give seconds "
						       "above 0, e.g. 10 or 0.5", optarg);
			break;
		case OPT_COUNT:
			if (opts__parse_u64(optarg, &o->count) || o->count == 0)
				return fail(err, size, "--count: '%s' is not a count; give a whole "
						       "number above 0", optarg);
			break;
		case 'o':
			if (!*optarg)
				return fail(err, size, "--output needs a file name");
			o->output = optarg;
			break;
		case 'v':
			o->verbose = true;
			break;
		case 'h':
			o->help = true;
			return 0;
		case 'V':
			o->version = true;
			return 0;
		case ':':
			return fail(err, size, "option %s needs a value; see kubeglass --help",
				    argv[optind - 1]);
		default:
			if (optopt && optopt < 256)
				return fail(err, size, "unknown option '-%c'; see kubeglass --help",
					    optopt);
			return fail(err, size, "unknown option '%s'; see kubeglass --help",
				    argv[optind - 1]);
		}
		if (ret)
			return ret;
	}
	ret = check_targets(o, argc, argv, no_follow, err, size);
	if (ret)
		return ret;
	if (all && o->fd_filter)
		return fail(err, size, "--all conflicts with --stdout, --stderr and --fds; "
				       "choose one");
	if (tail_set && !o->existing)
		return fail(err, size, "--tail only makes sense with --existing; add --existing");
	if (o->reads && o->format == KG_FMT_RAW)
		return fail(err, size, "--format raw cannot show which bytes were read and which "
				       "written; with --reads use --format json, hex or pretty");
	if (o->summary && !format_set)
		o->format = KG_FMT_NONE;
	if (o->existing && o->format != KG_FMT_PRETTY && o->format != KG_FMT_RAW)
		return fail(err, size, "--existing shows stored content with --format pretty or "
				       "raw only; drop --existing or choose one of them");
	if (o->hook == KG_HOOK_TRACEPOINT && (o->format != KG_FMT_RAW || o->existing))
		return fail(err, size, "--hook tracepoint hooks the write family only, not the fd "
				       "changes that name fds; use it with --format raw and no "
				       "--existing, or use --hook btf");
	return 0;
}
