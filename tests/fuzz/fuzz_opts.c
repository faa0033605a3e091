// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Option parsing (src/opts.c) on any argv: the input split at NUL bytes into arguments. It must
 * accept (0) or refuse (KG_EXIT_USAGE with a message), and what it accepts must be in range.
 * opts__parse runs twice per input, on different argv memory, as a test suite calls it: no state
 * may survive from one call to the next.
 */
#include "fuzz.h"
#include "kubeglass.h"
#include "opts.h"

#define MAX_ARGS 64

static void parse_and_check(char **argv, int argc)
{
	static struct kg_opts o;
	char err[256];
	int ret, i;

	ret = opts__parse(&o, argc, argv, err, sizeof(err));
	FUZZ_CHECK(ret == 0 || ret == KG_EXIT_USAGE);
	FUZZ_CHECK(memchr(err, '\0', sizeof(err)));
	if (ret) {
		FUZZ_CHECK(err[0] != '\0');
		return;
	}
	if (o.help || o.version)
		return;
	FUZZ_CHECK(o.npids >= 0 && o.npids <= KG_MAX_PIDS); /* 0: --comm, --container, a command */
	for (i = 0; i < o.npids; i++)
		FUZZ_CHECK(o.pids[i] > 0);
	FUZZ_CHECK(o.format >= KG_FMT_PRETTY && o.format <= KG_FMT_NONE);
	FUZZ_CHECK(o.ring_size == 0 ||
		   (o.ring_size >= (64 << 10) && o.ring_size <= (1ULL << 30) &&
		    !(o.ring_size & (o.ring_size - 1))));
	FUZZ_CHECK(!o.output || o.output[0]);
}

/* argv[0] is the program; each NUL-separated piece of data is one argument, in its own
 * exactly-sized allocation. */
static int split(const uint8_t *data, size_t size, char **argv)
{
	size_t start = 0, i;
	int argc = 1;

	argv[0] = fuzz__strndup((const uint8_t *)"kubeglass", 9);
	for (i = 0; i <= size && argc < MAX_ARGS; i++) {
		if (i == size || data[i] == '\0') {
			argv[argc++] = fuzz__strndup(data + start, i - start);
			start = i + 1;
		}
	}
	argv[argc] = NULL;
	return argc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[MAX_ARGS + 1], *again[MAX_ARGS + 1];
	int argc, i;

	if (!size)
		return 0;
	argc = split(data, size, argv);
	/* Not fuzzed: --grep's pattern, which opts__parse hands to glibc's regcomp. A pattern is
	 * the user's own, and regcomp takes gigabytes on some (P+++...+, found here); getopt takes
	 * any prefix of --grep down to --g. */
	for (i = 1; i < argc; i++) {
		if (!strncmp(argv[i], "--g", 3)) {
			for (i = 0; i < argc; i++)
				free(argv[i]);
			return 0;
		}
	}
	parse_and_check(argv, argc);
	/* The same again from fresh memory, with the first copy gone. */
	split(data, size, again);
	for (i = 0; i < argc; i++)
		free(argv[i]);
	parse_and_check(again, argc);
	for (i = 0; i < argc; i++)
		free(again[i]);
	return 0;
}
