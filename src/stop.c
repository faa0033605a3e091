// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <time.h>
#include "stop.h"

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

void stop__start(struct stop *s, const struct kg_opts *o)
{
	s->deadline_ns = o->duration_ms ? now_ns() + o->duration_ms * 1000000ULL : 0;
	s->count = o->count;
	s->shown = 0;
	s->after_count = 0;
}

int stop__timeout_ms(const struct stop *s, int poll_ms)
{
	uint64_t now, left_ms;

	if (!s->deadline_ns)
		return poll_ms;
	now = now_ns();
	if (now >= s->deadline_ns)
		return 0;
	/* Round up: waking a little early would just spin until the deadline. */
	left_ms = (s->deadline_ns - now + 999999) / 1000000;
	return left_ms < (uint64_t)poll_ms ? (int)left_ms : poll_ms;
}

bool stop__counted_out(const struct stop *s)
{
	return s->count && s->shown >= s->count;
}

bool stop__admit(struct stop *s)
{
	if (stop__counted_out(s)) {
		s->after_count++;
		return false;
	}
	s->shown++;
	return true;
}

const char *stop__reason(const struct stop *s)
{
	if (stop__counted_out(s))
		return "--count reached";
	if (s->deadline_ns && now_ns() >= s->deadline_ns)
		return "--duration reached";
	return NULL;
}
