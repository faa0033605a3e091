// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * main() for a fuzz harness without libFuzzer: feeds it every file of tests/fuzz/corpus/NAME
 * (the seeds) and tests/fuzz/regressions/NAME (inputs the fuzzer once crashed on), so plain
 * `make check` keeps them fixed. A crash or failed property aborts, which tests/run counts.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

const char *fuzz_current_input;

/* Exactly size bytes, so that ASan sees a read past the end of the input. */
static uint8_t *slurp(const char *path, size_t *size)
{
	struct stat st;
	uint8_t *buf;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st))
		return NULL;
	buf = malloc(st.st_size ? st.st_size : 1);
	n = buf ? read(fd, buf, st.st_size) : -1;
	close(fd);
	if (n != st.st_size) {
		free(buf);
		return NULL;
	}
	*size = st.st_size;
	return buf;
}

/* Replays every file in dir; returns how many, or -1 if dir is missing and must exist. */
static int replay_dir(const char *dir, int must_exist)
{
	char path[4096];
	struct dirent *ent;
	uint8_t *data;
	size_t size;
	int count = 0;
	DIR *d = opendir(dir);

	if (!d) {
		if (must_exist)
			printf("FAIL fuzz_%s_replay: %s: %s\n", FUZZ_NAME, dir, strerror(errno));
		return must_exist ? -1 : 0;
	}
	while ((ent = readdir(d))) {
		if (ent->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, ent->d_name);
		data = slurp(path, &size);
		if (!data) {
			printf("FAIL fuzz_%s_replay: cannot read %s\n", FUZZ_NAME, path);
			count = -1;
			break;
		}
		fuzz_current_input = path;
		LLVMFuzzerTestOneInput(data, size);
		free(data);
		count++;
	}
	closedir(d);
	return count;
}

int main(void)
{
	const char *top = getenv("KG_TOP");
	char dir[4096];
	int seeds, regressions;

	if (top)
		snprintf(dir, sizeof(dir), "%s/tests/fuzz/corpus/%s", top, FUZZ_NAME);
	else
		snprintf(dir, sizeof(dir), "%s/corpus/%s", FUZZ_TOP, FUZZ_NAME);
	fuzz_current_input = "(empty)";
	LLVMFuzzerTestOneInput((const uint8_t *)"", 0);
	seeds = replay_dir(dir, 1);
	if (top)
		snprintf(dir, sizeof(dir), "%s/tests/fuzz/regressions/%s", top, FUZZ_NAME);
	else
		snprintf(dir, sizeof(dir), "%s/regressions/%s", FUZZ_TOP, FUZZ_NAME);
	regressions = replay_dir(dir, 0);
	if (seeds < 0 || regressions < 0)
		return 1;
	if (seeds == 0) {
		printf("FAIL fuzz_%s_replay: no seeds in tests/fuzz/corpus/%s\n", FUZZ_NAME,
		       FUZZ_NAME);
		return 1;
	}
	printf("PASS fuzz_%s_replay (%d seeds, %d regressions)\n", FUZZ_NAME, seeds, regressions);
	return 0;
}
