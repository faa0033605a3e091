/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Shared by the fuzz harnesses: a reader that turns the fuzzer's bytes into the values a harness
 * needs (running out of input yields zeros, never an error), and FUZZ_CHECK for the properties a
 * harness asserts beyond "no sanitizer report". Each harness is one file defining
 * LLVMFuzzerTestOneInput; replay.c gives it a main() for plain `make check`.
 */
#ifndef __KUBEGLASS_FUZZ_H
#define __KUBEGLASS_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The file replay.c is feeding, for the failure message; NULL under libFuzzer. */
extern const char *fuzz_current_input __attribute__((weak));

#define FUZZ_CHECK(cond)                                                                   \
	do {                                                                               \
		if (!(cond)) {                                                             \
			fprintf(stderr, "%s:%d: property failed: %s (input %s)\n", __FILE__,     \
				__LINE__, #cond,                                           \
				&fuzz_current_input && fuzz_current_input ? fuzz_current_input \
									  : "-");  \
			abort();                                                           \
		}                                                                          \
	} while (0)

struct fuzz_in {
	const uint8_t *p;
	size_t n;
};

static inline uint8_t fuzz__u8(struct fuzz_in *in)
{
	uint8_t v = 0;

	if (in->n) {
		v = *in->p++;
		in->n--;
	}
	return v;
}

static inline uint64_t fuzz__uint(struct fuzz_in *in, unsigned bytes)
{
	uint64_t v = 0;

	while (bytes--)
		v = v << 8 | fuzz__u8(in);
	return v;
}

/* Up to max bytes of the input, by reference; *len gets how many. */
static inline const uint8_t *fuzz__bytes(struct fuzz_in *in, size_t max, size_t *len)
{
	const uint8_t *p = in->p;

	*len = in->n < max ? in->n : max;
	in->p += *len;
	in->n -= *len;
	return p;
}

/* A NUL-terminated copy of data[0..len), in a buffer of exactly len + 1 bytes (so ASan sees
 * any read past it). Free it. */
static inline char *fuzz__strndup(const uint8_t *data, size_t len)
{
	char *s = malloc(len + 1);

	if (!s)
		abort();
	memcpy(s, data, len);
	s[len] = '\0';
	return s;
}

/* The code point of the valid n-byte UTF-8 sequence at s (n from utf8_seq_len, 2 to 4). */
static inline uint32_t fuzz__code_point(const unsigned char *s, size_t n)
{
	if (n == 2)
		return (uint32_t)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
	if (n == 3)
		return (uint32_t)(s[0] & 0x0f) << 12 | (uint32_t)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
	return (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3f) << 12 |
	       (uint32_t)(s[2] & 0x3f) << 6 | (s[3] & 0x3f);
}

/* Valid code points that must still never reach a terminal raw: C1 controls (U+009B is a CSI
 * on some terminals) and the bidi controls of "trojan source". Written out here, not taken from
 * src/escape.c, so that a harness checks the code rather than agreeing with it. */
static inline bool fuzz__terminal_unsafe(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	       (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

#endif /* __KUBEGLASS_FUZZ_H */
