// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <string.h>
#include "check.h"
#include "opts.h"

static char err[256];

static int parse(struct kg_opts *o, const char *line)
{
	char buf[1024], *argv[64], *save = NULL, *tok;
	int argc = 0;

	snprintf(buf, sizeof(buf), "kubeglass %s", line);
	for (tok = strtok_r(buf, " ", &save); tok && argc < 63; tok = strtok_r(NULL, " ", &save))
		argv[argc++] = tok;
	argv[argc] = NULL;
	return opts__parse(o, argc, argv, err, sizeof(err));
}

TEST(pids_lists_and_repeats)
{
	struct kg_opts o;

	CHECK(parse(&o, "--pid 1,2,3 -p 7 --pid=9") == 0);
	CHECK(o.npids == 5);
	CHECK(o.pids[0] == 1 && o.pids[3] == 7 && o.pids[4] == 9);
	CHECK(!o.fd_filter);
	CHECK(o.max_bytes == 1 << 20);
	CHECK(o.format == KG_FMT_PRETTY);
}

TEST(pid_errors)
{
	struct kg_opts o;

	CHECK(parse(&o, "") == KG_EXIT_USAGE);
	CHECK(strstr(err, "no target"));
	CHECK(parse(&o, "--pid 0") == KG_EXIT_USAGE);
	CHECK(parse(&o, "--pid -1") == KG_EXIT_USAGE);
	CHECK(parse(&o, "--pid 1x") == KG_EXIT_USAGE);
	CHECK(parse(&o, "--pid 4194304") == KG_EXIT_USAGE);
	CHECK(parse(&o, "--pid 4194303") == 0);
	CHECK(parse(&o, "--pid 18446744073709551617") == KG_EXIT_USAGE);
	CHECK(parse(&o, "--pid 1,") == KG_EXIT_USAGE);
	CHECK(strstr(err, "empty item"));
	CHECK(parse(&o, "--pid ,1") == KG_EXIT_USAGE);
	CHECK(parse(&o, "--pid 5,5") == KG_EXIT_USAGE);
	CHECK(strstr(err, "given twice"));
	CHECK(parse(&o, "--pid= ") == KG_EXIT_USAGE);
}

TEST(fd_selection)
{
	struct kg_opts o;

	CHECK(parse(&o, "-p 1 --stdout") == 0);
	CHECK(o.fd_filter && opts__fd_selected(&o, 1) && !opts__fd_selected(&o, 2));
	CHECK(parse(&o, "-p 1 --stdout --stderr --fds=5,65535") == 0);
	CHECK(opts__fd_selected(&o, 1) && opts__fd_selected(&o, 2) && opts__fd_selected(&o, 5));
	CHECK(opts__fd_selected(&o, 65535) && !opts__fd_selected(&o, 0) &&
	      !opts__fd_selected(&o, 3));
	CHECK(!opts__fd_selected(&o, -1) && !opts__fd_selected(&o, 65536));
	CHECK(parse(&o, "-p 1 --fds 65536") == KG_EXIT_USAGE);
	CHECK(strstr(err, "too large"));
	CHECK(parse(&o, "-p 1 --fds 1,1") == KG_EXIT_USAGE);
	CHECK(parse(&o, "-p 1 --fds 1 --stdout") == KG_EXIT_USAGE);
	CHECK(parse(&o, "-p 1 --fds -1") == KG_EXIT_USAGE);
	CHECK(parse(&o, "-p 1 --fds a") == KG_EXIT_USAGE);
	CHECK(parse(&o, "-p 1 --all") == 0 && !o.fd_filter);
	CHECK(parse(&o, "-p 1 --all --fds 3") == KG_EXIT_USAGE);
}

TEST(sizes)
{
	struct kg_opts o;
	uint64_t v;

	CHECK(opts__parse_size("0", &v) == 0 && v == 0);
	CHECK(opts__parse_size("4096", &v) == 0 && v == 4096);
	CHECK(opts__parse_size("64K", &v) == 0 && v == 65536);
	CHECK(opts__parse_size("16m", &v) == 0 && v == 16 << 20);
	CHECK(opts__parse_size("2G", &v) == 0 && v == 2ULL << 30);
	CHECK(opts__parse_size("", &v) < 0);
	CHECK(opts__parse_size("K", &v) < 0);
	CHECK(opts__parse_size("-1", &v) < 0);
	CHECK(opts__parse_size("1.5M", &v) < 0);
	CHECK(opts__parse_size("18446744073709551615", &v) == 0 && v == UINT64_MAX);
	CHECK(opts__parse_size("18446744073709551616", &v) < 0);
	CHECK(opts__parse_size("17179869184G", &v) < 0);
	CHECK(parse(&o, "-p 1 --max-bytes 0") == 0 && o.max_bytes == 0);
	CHECK(parse(&o, "-p 1 --max-bytes 0 --max-bytes 1") == KG_EXIT_USAGE);
	CHECK(parse(&o, "-p 1 --ring-size 64M") == 0 && o.ring_size == 64 << 20);
	CHECK(parse(&o, "-p 1 --ring-size 3M") == KG_EXIT_USAGE);
	CHECK(parse(&o, "-p 1 --ring-size 32K") == KG_EXIT_USAGE);
	CHECK(parse(&o, "-p 1 --ring-size 2G") == KG_EXIT_USAGE);
}

TEST(format_output_misc)
{
	struct kg_opts o;

	CHECK(parse(&o, "-p 1 -F raw -o /tmp/x") == 0);
	CHECK(o.format == KG_FMT_RAW && !strcmp(o.output, "/tmp/x"));
	CHECK(parse(&o, "-p 1 --format=pretty") == 0 && o.format == KG_FMT_PRETTY);
	CHECK(parse(&o, "-p 1 --format json5") == KG_EXIT_USAGE);
	CHECK(parse(&o, "-p 1 --bogus") == KG_EXIT_USAGE);
	CHECK(strstr(err, "unknown option '--bogus'"));
	CHECK(parse(&o, "-p 1 -Z") == KG_EXIT_USAGE);
	CHECK(strstr(err, "unknown option '-Z'"));
	CHECK(parse(&o, "-p") == KG_EXIT_USAGE);
	CHECK(strstr(err, "needs a value"));
	CHECK(parse(&o, "-p 1 extra") == KG_EXIT_USAGE);
	CHECK(parse(&o, "--help") == 0 && o.help);
	CHECK(parse(&o, "-V") == 0 && o.version);
}

TEST(hook_choice)
{
	struct kg_opts o;

	CHECK(parse(&o, "--pid 1") == 0 && o.hook == KG_HOOK_BTF);
	CHECK(parse(&o, "--pid 1 -F raw --hook tracepoint") == 0 && o.hook == KG_HOOK_TRACEPOINT);
	CHECK(parse(&o, "--pid 1 --hook btf") == 0 && o.hook == KG_HOOK_BTF);
	CHECK(parse(&o, "--pid 1 --hook kprobe") == KG_EXIT_USAGE);
	CHECK(strstr(err, "btf or tracepoint"));
	/* Pretty output names fds from fd-change notices the tracepoints do not see. */
	CHECK(parse(&o, "--pid 1 --hook tracepoint") == KG_EXIT_USAGE);
	CHECK(strstr(err, "--format raw"));
	CHECK(parse(&o, "--pid 1 -F raw --existing --hook tracepoint") == KG_EXIT_USAGE);
}

int main(void)
{
	RUN(pids_lists_and_repeats);
	RUN(pid_errors);
	RUN(fd_selection);
	RUN(sizes);
	RUN(format_output_misc);
	RUN(hook_choice);
	return CHECK_DONE();
}
