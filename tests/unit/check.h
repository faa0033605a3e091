/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * A minimal unit-test harness. Each CHECK prints nothing when it holds and a
 * FAIL line when it does not; each TEST prints one PASS or FAIL line, which
 * tests/run counts. A test binary exits 1 if any test failed.
 */
#ifndef __KUBEGLASS_CHECK_H
#define __KUBEGLASS_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failed_tests;
static int check_cur_failed;

#define CHECK(cond)                                                                        \
	do {                                                                               \
		if (!(cond)) {                                                             \
			printf("  %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
			check_cur_failed = 1;                                              \
		}                                                                          \
	} while (0)

#define CHECK_STR(got, want)                                                             \
	do {                                                                             \
		const char *g_ = (got), *w_ = (want);                                    \
		if (strcmp(g_, w_)) {                                                    \
			printf("  %s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, \
			       g_, w_);                                                  \
			check_cur_failed = 1;                                            \
		}                                                                        \
	} while (0)

#define CHECK_MEM(got, glen, want, wlen)                                                 \
	do {                                                                             \
		size_t gl_ = (glen), wl_ = (wlen);                                       \
		if (gl_ != wl_ || memcmp((got), (want), gl_)) {                          \
			printf("  %s:%d: bytes differ (got %zu bytes, want %zu)\n",      \
			       __FILE__, __LINE__, gl_, wl_);                            \
			check_cur_failed = 1;                                            \
		}                                                                        \
	} while (0)

#define TEST(name) static void name(void)

#define RUN(name)                                                                        \
	do {                                                                             \
		check_cur_failed = 0;                                                    \
		name();                                                                  \
		printf("%s %s\n", check_cur_failed ? "FAIL" : "PASS", #name);            \
		check_failed_tests += check_cur_failed;                                  \
	} while (0)

#define CHECK_DONE() (check_failed_tests ? 1 : 0)

#endif /* __KUBEGLASS_CHECK_H */
