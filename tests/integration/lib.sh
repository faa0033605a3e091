# shellcheck shell=bash
# Helpers for integration tests: real BPF, real workloads, bytes compared with cmp.
# Source it; it sets -eu, LC_ALL=C and a work folder $W removed on exit.
#
#   kg_start OUT ERR ARGS...   start kubeglass in the background (stdout to OUT,
#                              stderr to ERR) and wait for its readiness line
#   kg_wait                    wait for it to exit; its status is in $KG_RC
#   kg_stop                    SIGINT it, then kg_wait
#   gate_new NAME              make a FIFO gate $W/NAME; workload --gate $W/NAME
#   gate_open NAME             let the workload waiting on it go
#   pass NAME / fail NAME WHY  one result line each
#   same NAME A B              pass if files A and B are identical (cmp), else fail
#   capture_fd5 NAME WRITER-ARGS...
#                              a writer writes to its fd 5, kubeglass captures fd 5
#                              raw; pass if that equals what the writer wrote
#                              (with --hook $KG_HOOK, default btf)
set -eu
export LC_ALL=C

: "${KG_BIN:?KG_BIN must name the kubeglass binary}"
: "${KG_WORKLOADS:?KG_WORKLOADS must name the built workloads folder}"
WRITER=$KG_WORKLOADS/writer

W=$(mktemp -d /tmp/kg-test.XXXXXX)
KG_PID=
KG_RC=
_kg_cleanup() {
	if [ -n "$KG_PID" ]; then kill -9 "$KG_PID" 2>/dev/null || true; fi
	# Workloads still running (a failed case) must not outlive the test.
	jobs -p | xargs -r kill -9 2>/dev/null || true
	rm -rf "$W"
}
trap _kg_cleanup EXIT

pass() { echo "PASS $1"; }
fail() {
	echo "FAIL $1: $2"
	FAILED=1
}
FAILED=0

# Waits until FILE has a line matching REGEX; fails after SECS (default 20).
wait_line() {
	local file=$1 re=$2 secs=${3:-20} i
	for ((i = 0; i < secs * 20; i++)); do
		grep -qE "$re" "$file" 2>/dev/null && return 0
		sleep 0.05
	done
	return 1
}

kg_start() {
	local out=$1 err=$2
	shift 2
	"$KG_BIN" "$@" >"$out" 2>"$err" &
	KG_PID=$!
	if ! wait_line "$err" '^kubeglass: tracing' 30; then
		echo "kubeglass did not become ready; its stderr:" >&2
		cat "$err" >&2
		kill -9 "$KG_PID" 2>/dev/null || true
		KG_PID=
		return 1
	fi
}

kg_wait() {
	KG_RC=0
	wait "$KG_PID" || KG_RC=$?
	KG_PID=
}

kg_stop() {
	kill -INT "$KG_PID" 2>/dev/null || true
	kg_wait
}

gate_new() {
	rm -f "$W/$1.gate"
	mkfifo "$W/$1.gate"
	echo "$W/$1.gate"
}

gate_open() {
	# Blocks until the workload opens its end; bounded, in case it died.
	timeout 20 bash -c 'echo go >"$1"' _ "$W/$1.gate"
}

same() {
	if cmp -s "$2" "$3"; then
		pass "$1"
	else
		fail "$1" "$(cmp "$2" "$3" 2>&1 | head -n 1); sizes $(stat -c %s "$2") vs $(stat -c %s "$3")"
	fi
}

capture_fd5() {
	local name=$1 g wpid
	shift
	g=$(gate_new "$name")
	"$WRITER" --gate "$g" --fd 5 "$@" 5>"$W/$name.dest" &
	wpid=$!
	if ! kg_start "$W/$name.cap" "$W/$name.err" --pid "$wpid" --fds 5 --format raw \
		--hook "${KG_HOOK:-btf}"; then
		fail "$name" "kubeglass did not start: $(tail -n 2 "$W/$name.err")"
		kill "$wpid" 2>/dev/null || true
		return
	fi
	gate_open "$name"
	wait "$wpid" || fail "$name" "workload failed"
	kg_wait
	if [ "$KG_RC" -ne 0 ]; then
		fail "$name" "kubeglass exited $KG_RC: $(tail -n 3 "$W/$name.err")"
		return
	fi
	"$WRITER" --fd 5 --emit 5 "$@" >"$W/$name.want"
	same "$name" "$W/$name.cap" "$W/$name.want"
}

# The number in a "kubeglass: N writes shown (B bytes); L lost" report line.
report_field() {
	local err=$1 what=$2
	sed -nE "s/^kubeglass: ([0-9]+) writes? shown \(([0-9]+) bytes\).*; ([0-9]+) lost$/\1 \2 \3/p" "$err" |
		awk -v w="$what" '{ if (w == "writes") print $1; else if (w == "bytes") print $2; else print $3 }'
}

finish() {
	exit "$FAILED"
}
