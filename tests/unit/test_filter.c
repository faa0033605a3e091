// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* filter.c: line assembly across writes, and --no-binary, --grep, --no-repeats. */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "filter.h"

/* What the output would be told, one token per item:
 *   [pid/fd]        a message header        L:text   a line
 *   U:text          a line without newline  R:n      "repeated n times" before a line
 *   B:n             n bytes shown as is (binary, or no shaping)
 *   N:n             a repeats note only     H:n      n bytes held for the next write */
static char got[8192];

static int capture(void *ctx, struct kg_msg *m)
{
	size_t i, n = strlen(got);

	(void)ctx;
	n += snprintf(got + n, sizeof(got) - n, "[%u/%d]", m->ev->pid, m->ev->fd);
	if (m->note_only) {
		snprintf(got + n, sizeof(got) - n, "N:%llu ", (unsigned long long)m->repeats);
		return 0;
	}
	if (m->repeats)
		n += snprintf(got + n, sizeof(got) - n, "R:%llu ", (unsigned long long)m->repeats);
	if (!m->lines) {
		n += snprintf(got + n, sizeof(got) - n, "B:%zu ", m->len);
	} else {
		for (i = 0; i < m->nlines; i++) {
			const struct kg_line *l = &m->lines[i];

			if (l->repeats)
				n += snprintf(got + n, sizeof(got) - n, "R:%llu ",
					      (unsigned long long)l->repeats);
			n += snprintf(got + n, sizeof(got) - n, "%s:%.*s ", l->nl ? "L" : "U",
				      (int)l->len, l->p);
		}
	}
	if (m->held)
		snprintf(got + n, sizeof(got) - n, "H:%zu ", m->held);
	return 0;
}

static struct filter *mk(bool no_binary, bool no_repeats, const char *grep)
{
	struct filter_config cfg = {.lines = true, .no_binary = no_binary,
				    .no_repeats = no_repeats, .grep = grep};

	got[0] = '\0';
	return filter__new(&cfg, capture, NULL);
}

/* One write of len bytes of s on (pid, fd); cap < len marks it truncated. */
static void put_cap(struct filter *f, __u32 pid, __s32 fd, const char *s, size_t len, size_t cap)
{
	struct kg_event ev = {.pid = pid, .tid = pid, .fd = fd, .sys = KG_SYS_WRITE,
			      .kind = KG_EV_DATA, .ret = (__s64)len, .size = len, .cap = cap};
	struct kg_msg m = {.ev = &ev, .data = s, .len = cap};

	CHECK(filter__message(f, &m) == 0);
}

static void put(struct filter *f, __s32 fd, const char *s)
{
	put_cap(f, 1, fd, s, strlen(s), strlen(s));
}

TEST(lines_whole_writes)
{
	struct filter *f = mk(false, false, NULL);

	put(f, 1, "a\nb\n");
	CHECK_STR(got, "[1/1]L:a L:b ");
	filter__free(f);
}

TEST(lines_continue_across_writes)
{
	struct filter *f = mk(false, false, NULL);

	put(f, 1, "hel");
	put(f, 1, "lo wo");
	put(f, 1, "rld\nnext");
	put(f, 1, "\n");
	CHECK_STR(got, "[1/1]H:3 [1/1]H:8 [1/1]L:hello world H:4 [1/1]L:next ");
	filter__free(f);
}

TEST(lines_per_stream)
{
	struct filter *f = mk(false, false, NULL);

	put(f, 1, "out ");
	put(f, 2, "err ");
	put_cap(f, 7, 1, "other pid\n", 10, 10);
	put(f, 2, "line\n");
	put(f, 1, "line\n");
	CHECK_STR(got, "[1/1]H:4 [1/2]H:4 [7/1]L:other pid [1/2]L:err line [1/1]L:out line ");
	filter__free(f);
}

TEST(lines_flushed_on_close_and_finish)
{
	struct filter *f = mk(false, false, NULL);

	put(f, 5, "prompt> ");
	put(f, 6, "tail");
	CHECK(filter__end(f, 1, 5, 5) == 0);
	CHECK_STR(got, "[1/5]H:8 [1/6]H:4 [1/5]U:prompt>  ");
	got[0] = '\0';
	CHECK(filter__finish(f) == 0);
	CHECK_STR(got, "[1/6]U:tail ");
	/* The closed stream starts afresh. */
	got[0] = '\0';
	put(f, 5, "new\n");
	CHECK_STR(got, "[1/5]L:new ");
	filter__free(f);
}

TEST(lines_cut_write_not_held)
{
	struct filter *f = mk(false, false, NULL);

	/* 20 bytes written, 8 captured (--max-bytes): the rest never comes. */
	put_cap(f, 1, 1, "abc\ndefgh", 20, 8);
	put(f, 1, "x\n");
	CHECK_STR(got, "[1/1]L:abc U:defg [1/1]L:x ");
	filter__free(f);
}

TEST(lines_held_limit)
{
	struct filter *f = mk(false, false, NULL);
	char *big = malloc(FILTER_HELD_MAX + 10);

	memset(big, 'a', FILTER_HELD_MAX + 9);
	big[FILTER_HELD_MAX + 9] = '\0';
	put(f, 1, big);
	CHECK(!strncmp(got, "[1/1]U:aaa", 10));
	CHECK(strstr(got, "H:") == NULL);
	free(big);
	filter__free(f);
}

TEST(crlf_and_empty_lines)
{
	struct filter *f = mk(false, false, NULL);

	put(f, 1, "a\r\n\n\r\n");
	CHECK_STR(got, "[1/1]L:a\r L: L:\r ");
	filter__free(f);
}

TEST(binary_whole_and_flushes_text)
{
	struct filter *f = mk(false, false, NULL);

	put(f, 1, "half");
	put_cap(f, 1, 1, "\0\1\2\3", 4, 4);
	CHECK_STR(got, "[1/1]H:4 [1/1]U:half [1/1]B:4 ");
	filter__free(f);
}

TEST(split_utf8_is_not_binary)
{
	struct filter *f = mk(true, false, NULL);

	put(f, 1, "caf\xc3");
	put(f, 1, "\xa9\n");
	CHECK_STR(got, "[1/1]H:4 [1/1]L:caf\xc3\xa9 ");
	CHECK(filter__stats(f)->binary_writes == 0);
	filter__free(f);
}

TEST(no_binary_counts)
{
	struct filter *f = mk(true, false, NULL);

	put(f, 1, "text\n");
	put_cap(f, 1, 1, "\0\1\2\3\0", 5, 5);
	put_cap(f, 1, 1, "\xff\xfe\xfd", 3, 3);
	CHECK_STR(got, "[1/1]L:text ");
	CHECK(filter__stats(f)->binary_writes == 2);
	CHECK(filter__stats(f)->binary_bytes == 8);
	filter__free(f);
}

TEST(grep_lines)
{
	struct filter *f = mk(false, false, "^ERR|fatal$");

	put(f, 1, "INFO a\nERROR b\nINFO c\nERR");
	put(f, 1, "OR d\nsomething fatal\r\nfatal later\n");
	CHECK_STR(got, "[1/1]L:ERROR b H:3 [1/1]L:ERROR d L:something fatal\r ");
	CHECK(filter__stats(f)->grep_lines == 3);
	/* A write with nothing kept shows nothing, not even a header. */
	got[0] = '\0';
	put(f, 1, "INFO only\n");
	CHECK_STR(got, "");
	filter__free(f);
}

TEST(grep_binary_with_nul)
{
	struct filter *f = mk(false, false, "abc");

	put_cap(f, 1, 1, "\0\0abc\0", 6, 6);
	put_cap(f, 1, 1, "\0\0xyz\0", 6, 6);
	CHECK_STR(got, "[1/1]B:6 ");
	filter__free(f);
}

TEST(repeats_lines)
{
	struct filter *f = mk(false, true, NULL);

	put(f, 1, "x\n");
	put(f, 1, "x\nx\n");
	put(f, 1, "x\ny\n");
	put(f, 2, "x\n");
	put(f, 1, "y\n");
	CHECK(filter__finish(f) == 0);
	CHECK_STR(got, "[1/1]L:x [1/1]R:3 L:y [1/2]L:x [1/1]N:1 ");
	CHECK(filter__stats(f)->repeat_msgs == 4);
	filter__free(f);
}

TEST(repeats_forgotten_on_close)
{
	struct filter *f = mk(false, true, NULL);

	put(f, 5, "same\n");
	put(f, 5, "same\n");
	CHECK(filter__end(f, 1, 5, 5) == 0);
	put(f, 5, "same\n");
	CHECK_STR(got, "[1/5]L:same [1/5]N:1 [1/5]L:same ");
	filter__free(f);
}

TEST(repeats_binary_whole_writes)
{
	struct filter *f = mk(false, true, NULL);

	put_cap(f, 1, 1, "\0\1", 2, 2);
	put_cap(f, 1, 1, "\0\1", 2, 2);
	put_cap(f, 1, 1, "\0\2", 2, 2);
	CHECK_STR(got, "[1/1]B:2 [1/1]R:1 B:2 ");
	filter__free(f);
}

TEST(pass_through_without_shaping)
{
	struct filter_config cfg = {};
	struct filter *f = filter__new(&cfg, capture, NULL);

	got[0] = '\0';
	put(f, 1, "par");
	put(f, 1, "tial\n");
	CHECK_STR(got, "[1/1]B:3 [1/1]B:5 ");
	filter__free(f);
}

TEST(bad_regex)
{
	struct filter_config cfg = {.grep = "a("};

	CHECK(filter__new(&cfg, capture, NULL) == NULL);
}

int main(void)
{
	RUN(lines_whole_writes);
	RUN(lines_continue_across_writes);
	RUN(lines_per_stream);
	RUN(lines_flushed_on_close_and_finish);
	RUN(lines_cut_write_not_held);
	RUN(lines_held_limit);
	RUN(crlf_and_empty_lines);
	RUN(binary_whole_and_flushes_text);
	RUN(split_utf8_is_not_binary);
	RUN(no_binary_counts);
	RUN(grep_lines);
	RUN(grep_binary_with_nul);
	RUN(repeats_lines);
	RUN(repeats_forgotten_on_close);
	RUN(repeats_binary_whole_writes);
	RUN(pass_through_without_shaping);
	RUN(bad_regex);
	return CHECK_DONE();
}
