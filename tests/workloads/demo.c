// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The program `make demo` traces: for a few seconds it writes lines to
 * stdout, stderr, a log file and a socket, plus one line with terminal
 * escape sequences that kubeglass must show harmlessly.
 *   demo [SECONDS] [LOGFILE]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int secs = argc > 1 ? atoi(argv[1]) : 4;
	const char *log_path = argc > 2 ? argv[2] : "/tmp/kubeglass-demo.log";
	FILE *log = fopen(log_path, "a");
	char buf[256], peer[256];
	int sv[2], i, n;

	if (!log || socketpair(AF_UNIX, SOCK_STREAM, 0, sv)) {
		perror("demo");
		return 1;
	}
	/* Give kubeglass a moment to attach, so the demo shows the first lines. */
	usleep(800000);
	setvbuf(stdout, NULL, _IONBF, 0);
	setvbuf(log, NULL, _IOLBF, 0);
	for (i = 1; i <= secs * 4; i++) {
		printf("request %d handled in %d ms\n", i, 3 + i % 7);
		if (i % 4 == 0)
			fprintf(stderr, "warning: cache miss rate %d%%\n", 10 + i);
		fprintf(log, "%ld level=info msg=\"tick\" n=%d\n", (long)time(NULL), i);
		n = snprintf(buf, sizeof(buf), "GET /health?n=%d HTTP/1.1\r\nHost: demo\r\n\r\n", i);
		if (send(sv[0], buf, n, 0) < 0 || recv(sv[1], peer, sizeof(peer), 0) < 0)
			return 1;
		if (i == 6)
			printf("\033[2J\033]0;pwned title\007 <- a clear-screen and a title change, "
			       "shown escaped\n");
		usleep(250000);
	}
	fclose(log);
	return 0;
}
