// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Repeat suppression (src/repeat.c) against a model: a few streams, each remembering its last
 * message and its repeat count. With fewer streams than REPEAT_MAX_STREAMS nothing is evicted,
 * so repeat__seen must agree with the model exactly, and every repeat it hid must come back
 * through prev_repeats, repeat__drain or repeat__forget. Messages can be far longer than the
 * input (a pattern stretched past REPEAT_FULL_MAX) to reach the hashed comparison.
 */
#include "fuzz.h"
#include "repeat.h"

#define NKEYS 8
#define MAX_OPS 200
#define LONG_MAX_LEN (3 * REPEAT_FULL_MAX)

struct model {
	unsigned char *last[NKEYS];
	size_t len[NKEYS];
	bool has[NKEYS];
	uint64_t hidden;   /* repeats suppressed */
	uint64_t reported; /* repeats handed back */
};

static void on_drain(uint64_t key, uint64_t n, void *ctx)
{
	struct model *m = ctx;

	FUZZ_CHECK(key < NKEYS && n > 0);
	m->reported += n;
}

/* A message of len bytes from a short pattern; a final byte can make it differ at the end. */
static unsigned char *make_msg(const uint8_t *pat, size_t plen, size_t len, uint8_t last)
{
	unsigned char *msg = malloc(len ? len : 1);
	size_t i;

	if (!msg)
		abort();
	for (i = 0; i < len; i++)
		msg[i] = plen ? pat[i % plen] : 0;
	if (len)
		msg[len - 1] ^= last;
	return msg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = {data, size};
	struct repeat_table *t = repeat__new();
	struct model m = {};
	const uint8_t *pat;
	unsigned char *msg;
	uint64_t prev, key;
	size_t plen, len, i;
	int n;

	if (!t)
		return 0;
	for (n = 0; n < MAX_OPS && in.n; n++) {
		uint8_t op = fuzz__u8(&in);

		key = op >> 5 & (NKEYS - 1);
		switch (op % 4) {
		case 0:
		case 1:
			len = fuzz__uint(&in, 2);
			if (op & 0x10)
				len = len * 7 % LONG_MAX_LEN; /* past REPEAT_FULL_MAX */
			else
				len %= 64;
			pat = fuzz__bytes(&in, fuzz__u8(&in) % 8, &plen);
			msg = make_msg(pat, plen, len, op & 2 ? 0 : fuzz__u8(&in));
			bool want = m.has[key] && m.len[key] == len && !memcmp(m.last[key], msg, len);
			bool got = repeat__seen(t, key, msg, len, &prev);

			FUZZ_CHECK(got == want);
			if (got) {
				m.hidden++;
				FUZZ_CHECK(prev == 0);
				free(msg);
			} else {
				m.reported += prev;
				free(m.last[key]);
				m.last[key] = msg;
				m.len[key] = len;
				m.has[key] = true;
			}
			break;
		case 2:
			repeat__drain(t, on_drain, &m);
			break;
		case 3:
			m.reported += repeat__forget(t, key);
			free(m.last[key]);
			m.last[key] = NULL;
			m.has[key] = false;
			break;
		}
	}
	repeat__drain(t, on_drain, &m);
	FUZZ_CHECK(m.hidden == m.reported);
	for (i = 0; i < NKEYS; i++)
		free(m.last[i]);
	repeat__free(t);
	return 0;
}
