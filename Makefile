# kubeglass build. `make` builds ./kubeglass; `make check` runs every test;
# `make demo` shows it at work. Both install missing Debian packages first.
#
#   make SANITIZE=1 check   user space built with ASan + UBSan (in build/san)

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR := $(PREFIX)/bin
MANDIR := $(PREFIX)/share/man

CLANG ?= clang
BPFTOOL ?= bpftool
CC := clang
ARCH := $(shell uname -m | sed 's/x86_64/x86/;s/aarch64/arm64/')
VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)

ifeq ($(SANITIZE),1)
OUT := build/san
BIN := $(OUT)/kubeglass
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
else
OUT := build/std
BIN := kubeglass
SAN_FLAGS :=
endif
GEN := build/gen

WARN := -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter -Wformat=2 \
	-Wno-gnu-variable-sized-type-not-at-end
# DWARF 4: valgrind 3.19 (Debian 12) cannot read clang 14's default, DWARF 5.
CFLAGS ?= -O2 -g -gdwarf-4
override CFLAGS += -std=gnu11 $(WARN) $(SAN_FLAGS) -D_GNU_SOURCE \
	-DKG_VERSION='"$(VERSION)"' -Isrc -I$(GEN)
LDLIBS := -lbpf -lelf -lz
LDFLAGS += $(SAN_FLAGS)
BPF_CFLAGS := -g -O2 -target bpf -mcpu=v3 -D__TARGET_ARCH_$(ARCH) $(WARN) -I$(GEN) -Isrc

# Every src/*.c but main.c goes into a library the unit tests link against.
LIB_SRCS := $(filter-out src/main.c src/%.bpf.c,$(wildcard src/*.c))
LIB_OBJS := $(patsubst src/%.c,$(OUT)/%.o,$(LIB_SRCS))
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(patsubst tests/unit/%.c,$(OUT)/unit/%,$(UNIT_SRCS))
WORKLOAD_SRCS := $(wildcard tests/workloads/*.c)
WORKLOAD_BINS := $(patsubst tests/workloads/%.c,build/workloads/%,$(WORKLOAD_SRCS))

.PHONY: all deps test-deps check unit demo install uninstall clean bench
.DELETE_ON_ERROR:

all: $(BIN)

deps:
	@scripts/install-deps

test-deps:
	@scripts/install-deps --test

$(GEN) $(OUT) $(OUT)/unit build/workloads:
	@mkdir -p $@

$(GEN)/vmlinux.h: | $(GEN)
	$(BPFTOOL) btf dump file /sys/kernel/btf/vmlinux format c > $@

$(GEN)/kubeglass.bpf.o: src/kubeglass.bpf.c src/kubeglass.h $(GEN)/vmlinux.h | $(GEN)
	$(CLANG) $(BPF_CFLAGS) -c $< -o $@

$(GEN)/kubeglass.skel.h: $(GEN)/kubeglass.bpf.o
	$(BPFTOOL) gen skeleton $< name kubeglass_bpf > $@

$(OUT)/%.o: src/%.c $(wildcard src/*.h) $(GEN)/kubeglass.skel.h | $(OUT)
	$(CC) $(CFLAGS) -c $< -o $@

$(OUT)/libkg.a: $(LIB_OBJS)
	rm -f $@ && ar rcs $@ $^

$(BIN): $(OUT)/main.o $(OUT)/libkg.a
	$(CC) $(LDFLAGS) $^ $(LDLIBS) -o $@

$(OUT)/unit/%: tests/unit/%.c tests/unit/check.h $(OUT)/libkg.a | $(OUT)/unit
	$(CC) $(CFLAGS) -Itests/unit $(LDFLAGS) $< $(OUT)/libkg.a $(LDLIBS) -o $@

build/workloads/%: tests/workloads/%.c | build/workloads
	$(CC) -std=gnu11 -O2 -g $(WARN) -D_GNU_SOURCE -pthread $< -o $@

unit: $(UNIT_BINS)

check: test-deps
	@$(MAKE) --no-print-directory $(BIN) $(UNIT_BINS) $(WORKLOAD_BINS)
	@KG_BIN=$(abspath $(BIN)) KG_UNIT_DIR=$(OUT)/unit tests/run

demo: deps
	@$(MAKE) --no-print-directory $(BIN) build/workloads/demo
	@scripts/demo $(abspath $(BIN))

bench:
	@scripts/install-deps --bench
	@$(MAKE) --no-print-directory $(BIN) $(BENCH_BINS)
	@KG_BIN=$(abspath $(BIN)) KG_BENCH=$(abspath build/bench) bench/run

install: $(BIN)
	install -D -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/kubeglass

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/kubeglass

clean:
	rm -rf build kubeglass

# Make fragments for optional targets (static build, image, fuzzing, ...).
-include mk/*.mk
