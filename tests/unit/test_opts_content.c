// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* The options of existing content, filters and colour: parsing, errors, NO_COLOR. */
#include <stdlib.h>

#include "check.h"
#include "opts.h"
#include "opts_parse.h"
#include "output.h"

static struct kg_opts o;
static char err[256];


TEST(defaults)
{
	CHECK(PARSE("-p", "1") == 0);
	CHECK(!o.existing && o.tail == 10 && !o.no_binary && !o.no_repeats && !o.grep);
	CHECK(o.color == KG_COLOR_AUTO);
}

TEST(content_options)
{
	CHECK(PARSE("-p", "1", "--existing", "--tail=0", "--no-binary", "--no-repeats",
		    "--grep", "a|b", "--color=never") == 0);
	CHECK(o.existing && o.tail == 0 && o.no_binary && o.no_repeats);
	CHECK_STR(o.grep, "a|b");
	CHECK(o.color == KG_COLOR_NEVER);
	CHECK(PARSE("-p", "1", "--colour", "always") == 0 && o.color == KG_COLOR_ALWAYS);
}

TEST(content_errors)
{
	CHECK(PARSE("-p", "1", "--tail=3") == KG_EXIT_USAGE);
	CHECK(strstr(err, "--existing") != NULL);
	CHECK(PARSE("-p", "1", "--existing", "--tail=-1") == KG_EXIT_USAGE);
	CHECK(PARSE("-p", "1", "--existing", "--tail=abc") == KG_EXIT_USAGE);
	CHECK(PARSE("-p", "1", "--color=sometimes") == KG_EXIT_USAGE);
	CHECK(PARSE("-p", "1", "--grep", "a(") == KG_EXIT_USAGE);
	CHECK(strstr(err, "not an extended regular expression") != NULL);
	CHECK(PARSE("-p", "1", "--grep", "a", "--grep", "b") == KG_EXIT_USAGE);
}

TEST(no_color)
{
	unsetenv("NO_COLOR");
	CHECK(output__want_color(KG_COLOR_AUTO, true));
	CHECK(!output__want_color(KG_COLOR_AUTO, false));
	CHECK(output__want_color(KG_COLOR_ALWAYS, false));
	CHECK(!output__want_color(KG_COLOR_NEVER, true));
	setenv("NO_COLOR", "1", 1);
	CHECK(!output__want_color(KG_COLOR_AUTO, true));
	CHECK(output__want_color(KG_COLOR_ALWAYS, true)); /* an explicit flag wins */
	setenv("NO_COLOR", "", 1);
	CHECK(output__want_color(KG_COLOR_AUTO, true)); /* empty means unset */
	unsetenv("NO_COLOR");
}

int main(void)
{
	RUN(defaults);
	RUN(content_options);
	RUN(content_errors);
	RUN(no_color);
	return CHECK_DONE();
}
