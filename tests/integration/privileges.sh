# Privileges: what is missing is named in one line (exit 1); CAP_BPF + CAP_PERFMON are enough,
# for root and for another user; after attach only the capabilities privs.c keeps remain.
. "$(dirname "$0")/lib.sh"

if ! command -v setpriv >/dev/null || ! id nobody >/dev/null 2>&1; then
	fail privileges "setpriv (util-linux) and a user nobody are needed"
	finish
fi

# refused NAME REGEX SETPRIV-ARGS...: kubeglass must exit 1 with exactly one line matching REGEX.
refused() {
	local name=$1 re=$2 rc=0
	shift 2
	setpriv "$@" "$KG_BIN" --pid $$ >"$W/$name.out" 2>"$W/$name.err" || rc=$?
	if [ "$rc" -eq 1 ] && [ "$(wc -l <"$W/$name.err")" -eq 1 ] && grep -qE "$re" "$W/$name.err"; then
		pass "$name"
	else
		fail "$name" "rc=$rc: $(head -c 300 "$W/$name.err")"
	fi
}
refused no-capabilities-nobody '^kubeglass: missing capabilities CAP_BPF and CAP_PERFMON' \
	--reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all
refused root-without-perfmon '^kubeglass: missing capability CAP_PERFMON[:;]' --bounding-set=-all,+bpf
refused root-without-bpf '^kubeglass: missing capability CAP_BPF[:;]' --bounding-set=-all,+perfmon

# traced NAME SETPRIV-ARGS...: with these privileges a capture is byte-exact.
traced() {
	local name=$1
	shift
	local g wpid
	g=$(gate_new "$name")
	"$WRITER" --gate "$g" --sizes 10,20000 --count 4 --fd 5 5>/dev/null &
	wpid=$!
	setpriv "$@" "$KG_BIN" --pid "$wpid" --fds 5 --format raw >"$W/$name.cap" 2>"$W/$name.err" &
	KG_PID=$!
	if ! wait_line "$W/$name.err" '^kubeglass: tracing' 30; then
		fail "$name" "did not start: $(cat "$W/$name.err")"
		kill "$wpid" 2>/dev/null
		return
	fi
	# Once attached: nothing but the capabilities privs.c keeps, and no way back through exec.
	local eff nnp
	eff=$(sed -n 's/^CapEff:\t//p' "/proc/$KG_PID/status")
	nnp=$(sed -n 's/^NoNewPrivs:\t//p' "/proc/$KG_PID/status")
	gate_open "$name"
	wait "$wpid"
	kg_wait
	"$WRITER" --sizes 10,20000 --count 4 --fd 5 --emit 5 >"$W/$name.want"
	same "$name" "$W/$name.cap" "$W/$name.want"
	if [ $((0x$eff & ~(1 << 19 | 1 << 2))) -eq 0 ] && [ "$nnp" = 1 ]; then
		pass "$name-dropped-after-attach (CapEff $eff)"
	else
		fail "$name-dropped-after-attach" "CapEff $eff NoNewPrivs $nnp"
	fi
}
traced root-all-capabilities --bounding-set=+all
traced root-bpf-perfmon-only --bounding-set=-all,+bpf,+perfmon
traced nobody-with-bpf-perfmon --reuid=nobody --regid=nogroup --clear-groups \
	--inh-caps=-all,+bpf,+perfmon --ambient-caps=-all,+bpf,+perfmon

finish
