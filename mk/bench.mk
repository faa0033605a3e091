# Benchmarks: `make bench` (its target is in the Makefile) prints one table of
# ratios measured side by side (bench/run); `make bench-soak` adds the 60-second
# RSS soak. Benchmarks are not tests: no timing is ever asserted.

BENCH_SRCS := $(wildcard bench/*.c)
BENCH_BINS := $(patsubst bench/%.c,build/bench/%,$(BENCH_SRCS))

.PHONY: bench-soak

build/bench:
	@mkdir -p $@

build/bench/%: bench/%.c | build/bench
	$(CC) -std=gnu11 -O2 -g $(WARN) -D_GNU_SOURCE $< -o $@

bench-soak:
	@scripts/install-deps --bench
	@$(MAKE) --no-print-directory $(BIN) $(BENCH_BINS)
	@KG_BIN=$(abspath $(BIN)) KG_BENCH=$(abspath build/bench) bench/run --soak
