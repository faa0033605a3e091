# Core capture: every syscall of the write family, every edge size, the raw
# capture cmp-identical to what the workload wrote.
. "$(dirname "$0")/lib.sh"

SIZES=0,1,239,240,241,4095,4096,4097,32767,32768,65536,1048576

# run_case NAME SYSCALL FD-SETUP KG-ARGS... -- WRITER-ARGS...
# The workload writes to fd 5; kubeglass captures fd 5 raw.
capture() {
	local name=$1 sys=$2
	shift 2
	capture_fd5 "$name" --syscall "$sys" "$@"
}

KG_HOOK=btf
for sys in write writev pwrite64 pwritev pwritev2 sendto sendmsg sendmmsg; do
	capture "$sys-edge-sizes" "$sys" --sizes "$SIZES" --count 12
done

# --hook tracepoint attaches one tracepoint per syscall: each must be there.
KG_HOOK=tracepoint
for sys in write writev pwrite64 pwritev pwritev2 sendto sendmsg sendmmsg; do
	capture "$sys-tracepoint" "$sys" --sizes 0,1,4096,65536 --count 4
done
KG_HOOK=btf

# Many small iovecs in one call, including empty ones, packed across chunks.
capture "writev-1000-iovecs" writev --size 70000 --iov 500 --count 3

# The count of writes and bytes reported at exit matches the workload.
g=$(gate_new counts)
"$WRITER" --gate "$g" --size 1000 --count 500 --fd 5 5>/dev/null &
wpid=$!
kg_start "$W/counts.cap" "$W/counts.err" --pid "$wpid" --fds 5 --format raw
gate_open counts
wait "$wpid"
kg_wait
if [ "$(report_field "$W/counts.err" writes)" = 500 ] &&
	[ "$(report_field "$W/counts.err" bytes)" = 500000 ] &&
	[ "$(report_field "$W/counts.err" lost)" = 0 ]; then
	pass "report-counts"
else
	fail "report-counts" "$(grep shown "$W/counts.err")"
fi

finish
