# A static writer for the container tests: a busybox rootfs has no C library.
WORKLOAD_BINS += build/workloads/writer-static

build/workloads/writer-static: tests/workloads/writer.c | build/workloads
	$(CC) -std=gnu11 -O2 -g $(WARN) -D_GNU_SOURCE -pthread -static $< -o $@
