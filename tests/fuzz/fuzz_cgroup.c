// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The /proc and cgroup text parsers (src/cgroup.c): /proc/PID/cgroup, mountinfo, cgroup paths,
 * /proc/PID/status and container references. A container can choose its cgroup names and, in
 * its own mount namespace, its mountinfo; a user types the reference. The first input byte picks
 * the parser and the size of the output buffer; the rest is the text.
 */
#include <errno.h>
#include <limits.h>
#include "cgroup.h"
#include "fuzz.h"

static bool lower_hex(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = {data, size};
	uint8_t sel = fuzz__u8(&in);
	size_t out_size = 1 + fuzz__u8(&in), len;
	const uint8_t *rest = fuzz__bytes(&in, SIZE_MAX, &len);
	char *text = fuzz__strndup(rest, len), *path, *out = malloc(out_size);
	char id[CGROUP_CONTAINER_ID_LEN + 1];
	const char *why;
	int err, depth, pid;

	if (!out)
		abort();
	switch (sel % 5) {
	case 0:
		err = cgroup__v2_path(text, out, out_size);
		FUZZ_CHECK(err == 0 || err == -ENOENT || err == -ENAMETOOLONG);
		if (!err)
			FUZZ_CHECK(out[0] == '/' && strlen(out) < out_size);
		break;
	case 1:
		err = cgroup__container_id_of_path(text, id);
		FUZZ_CHECK(err == 0 || err == -ENOENT);
		if (!err)
			FUZZ_CHECK(strlen(id) == CGROUP_CONTAINER_ID_LEN &&
				   lower_hex(id, CGROUP_CONTAINER_ID_LEN));
		break;
	case 2:
		/* mountinfo, then after a NUL the path to look up (none: the whole hierarchy). */
		path = memchr(rest, '\0', len) ? text + strlen(text) + 1 : NULL;
		err = cgroup__mountinfo_find_v2(text, path, out, out_size, &depth);
		FUZZ_CHECK(err == 0 || err == -ENOENT || err == -EINVAL || err == -ENAMETOOLONG);
		if (!err)
			FUZZ_CHECK(out[0] == '/' && strlen(out) < out_size && depth >= 0);
		break;
	case 3:
		err = cgroup__parse_ns_pid(text, &pid);
		FUZZ_CHECK(err == 0 || err == -ENOENT);
		if (!err)
			FUZZ_CHECK(pid > 0);
		break;
	case 4:
		err = cgroup__parse_container_ref(text, out, out_size, &why);
		FUZZ_CHECK(err == 0 || err == -EINVAL || err == -ENOSPC);
		if (!err)
			FUZZ_CHECK(strlen(out) >= 12 && strlen(out) <= CGROUP_CONTAINER_ID_LEN &&
				   lower_hex(out, strlen(out)) && !why);
		else
			FUZZ_CHECK(why && why[0]);
		break;
	}
	free(out);
	free(text);
	return 0;
}
