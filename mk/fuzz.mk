# Fuzzing. Every tests/fuzz/fuzz_NAME.c defines LLVMFuzzerTestOneInput for one piece that reads
# bytes a target (or a user) chose; adding a harness is adding that one file, and optionally
# seeds in tests/fuzz/corpus/NAME/. Each harness is built twice:
#
#   build/fuzz/fuzz_NAME           libFuzzer + ASan + UBSan; `make fuzz` runs each for
#                                  FUZZ_SECONDS (default 30) and fails on any crash, leak,
#                                  timeout or sanitizer report
#   $(OUT)/unit/test_fuzz_NAME     the same entry point without libFuzzer, replaying
#                                  tests/fuzz/corpus/NAME and tests/fuzz/regressions/NAME:
#                                  plain `make check` (and SANITIZE=1) runs it
#
#   make fuzz FUZZ_SECONDS=10 FUZZ_ONLY=opts

FUZZ_SECONDS ?= 30
FUZZ_ONLY ?=
FUZZ_SRCS := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_NAMES := $(patsubst tests/fuzz/fuzz_%.c,%,$(FUZZ_SRCS))
FUZZ_DIR := build/fuzz
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS := -O1 -g -std=gnu11 $(WARN) $(FUZZ_SAN) -D_GNU_SOURCE -DKG_VERSION='"$(VERSION)"' \
	-Isrc -I$(GEN) -Itests/fuzz
FUZZ_LIB_OBJS := $(patsubst src/%.c,$(FUZZ_DIR)/obj/%.o,$(LIB_SRCS))
FUZZ_BINS := $(patsubst %,$(FUZZ_DIR)/fuzz_%,$(FUZZ_NAMES))
FUZZ_REPLAY_BINS := $(patsubst %,$(OUT)/unit/test_fuzz_%,$(FUZZ_NAMES))

# Plain `make check` builds and runs the replays with the other unit tests.
UNIT_BINS += $(FUZZ_REPLAY_BINS)
unit: $(FUZZ_REPLAY_BINS)

.PHONY: fuzz fuzz-build

$(FUZZ_DIR)/obj:
	@mkdir -p $@

# The code under test carries coverage instrumentation; the harness links libFuzzer's main.
$(FUZZ_DIR)/obj/%.o: src/%.c $(wildcard src/*.h) $(GEN)/kubeglass.skel.h | $(FUZZ_DIR)/obj
	$(CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_DIR)/libkg.a: $(FUZZ_LIB_OBJS)
	rm -f $@ && ar rcs $@ $^

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZ_DIR)/libkg.a
	$(CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $< $(FUZZ_DIR)/libkg.a $(LDLIBS) -o $@

$(OUT)/unit/test_fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h $(OUT)/libkg.a \
		| $(OUT)/unit
	$(CC) $(CFLAGS) -Itests/fuzz -DFUZZ_NAME='"$*"' -DFUZZ_TOP='"$(abspath tests/fuzz)"' \
		$(LDFLAGS) $< tests/fuzz/replay.c $(OUT)/libkg.a $(LDLIBS) -o $@

fuzz-build: $(FUZZ_BINS)

fuzz: test-deps
	@$(MAKE) --no-print-directory fuzz-build
	@FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_ONLY=$(FUZZ_ONLY) tests/fuzz/run $(FUZZ_DIR) $(FUZZ_NAMES)
