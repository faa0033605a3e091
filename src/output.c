// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <stdio.h>
#include <stdlib.h>
#include "opts.h"
#include <time.h>
#include "output.h"

int64_t output__mono_to_real(void)
{
	struct timespec mono, real;

	clock_gettime(CLOCK_MONOTONIC, &mono);
	clock_gettime(CLOCK_REALTIME, &real);
	return (int64_t)(real.tv_sec - mono.tv_sec) * 1000000000LL + (real.tv_nsec - mono.tv_nsec);
}

void output__clock(const struct output_config *cfg, uint64_t ts, char *buf)
{
	/* localtime_r per event is slow; the seconds part changes rarely. */
	static __thread time_t last_sec = -1;
	static __thread char last_hms[9];
	int64_t real = (int64_t)ts + cfg->mono_to_real_ns;
	time_t sec = real / 1000000000LL;
	unsigned usec = (unsigned)((real % 1000000000LL) / 1000);
	struct tm tm;

	if (sec != last_sec) {
		localtime_r(&sec, &tm);
		snprintf(last_hms, sizeof(last_hms), "%02d:%02d:%02d", tm.tm_hour % 100,
			 tm.tm_min % 100, tm.tm_sec % 100);
		last_sec = sec;
	}
	snprintf(buf, 16, "%s.%06u", last_hms, usec % 1000000);
}

bool output__want_color(int kg_color, bool tty)
{
	const char *no = getenv("NO_COLOR");

	if (kg_color == KG_COLOR_ALWAYS)
		return true;
	if (kg_color == KG_COLOR_NEVER)
		return false;
	/* no-color.org: set and not empty means no colour by default. */
	return tty && !(no && *no);
}
