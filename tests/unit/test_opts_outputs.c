// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* The options of the output formats, --reads, --summary, --duration and --count. */
#include "check.h"
#include "opts.h"
#include "opts_parse.h"

static struct kg_opts o;
static char err[256];


static uint64_t dur(const char *s)
{
	uint64_t ms = 12345;

	return opts__parse_duration(s, &ms) ? (uint64_t)-1 : ms;
}

TEST(duration_values)
{
	CHECK(dur("10") == 10000);
	CHECK(dur("0.5") == 500);
	CHECK(dur("1.25") == 1250);
	CHECK(dur("2.0019") == 2001); /* milliseconds are the resolution */
	CHECK(dur("0.001") == 1);
	CHECK(dur("0") == (uint64_t)-1);
	CHECK(dur("0.0001") == (uint64_t)-1); /* rounds to zero */
	CHECK(dur("") == (uint64_t)-1);
	CHECK(dur(".5") == (uint64_t)-1);
	CHECK(dur("5.") == (uint64_t)-1);
	CHECK(dur("1s") == (uint64_t)-1);
	CHECK(dur("-1") == (uint64_t)-1);
	CHECK(dur("1.2.3") == (uint64_t)-1);
	CHECK(dur("99999999999999999999") == (uint64_t)-1);
}

TEST(formats_and_summary)
{
	CHECK(PARSE("-p", "1", "-F", "json") == 0 && o.format == KG_FMT_JSON);
	CHECK(PARSE("-p", "1", "--format=hex") == 0 && o.format == KG_FMT_HEX);
	CHECK(PARSE("-p", "1", "--format", "yaml") == KG_EXIT_USAGE);
	/* --summary alone shows no events; with a format it shows both. */
	CHECK(PARSE("-p", "1", "--summary") == 0 && o.summary && o.format == KG_FMT_NONE);
	CHECK(PARSE("-p", "1", "--summary", "-F", "pretty") == 0 && o.format == KG_FMT_PRETTY);
	CHECK(PARSE("-p", "1", "-F", "raw", "--summary") == 0 && o.format == KG_FMT_RAW);
	/* Existing content has a shape in pretty and raw output only. */
	CHECK(PARSE("-p", "1", "--existing", "-F", "json") == KG_EXIT_USAGE);
	CHECK(PARSE("-p", "1", "--existing", "--summary") == KG_EXIT_USAGE);
	CHECK(PARSE("-p", "1", "--existing", "-F", "raw") == 0);
}

TEST(reads)
{
	CHECK(PARSE("-p", "1") == 0 && !o.reads);
	CHECK(PARSE("-p", "1", "--reads", "-F", "json") == 0 && o.reads);
	CHECK(PARSE("-p", "1", "--reads", "-F", "raw") == KG_EXIT_USAGE);
	CHECK(strstr(err, "--reads") != NULL);
}

TEST(stopping)
{
	CHECK(PARSE("-p", "1") == 0 && o.duration_ms == 0 && o.count == 0);
	CHECK(PARSE("-p", "1", "--duration", "1.5", "--count", "7") == 0 && o.duration_ms == 1500 &&
	      o.count == 7);
	CHECK(PARSE("-p", "1", "--count", "0") == KG_EXIT_USAGE);
	CHECK(PARSE("-p", "1", "--count", "x") == KG_EXIT_USAGE);
	CHECK(PARSE("-p", "1", "--duration") == KG_EXIT_USAGE);
}

int main(void)
{
	RUN(duration_values);
	RUN(formats_and_summary);
	RUN(reads);
	RUN(stopping);
	return CHECK_DONE();
}
