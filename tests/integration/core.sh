# Core behaviour beyond byte-exact capture: truncation, threads, fd selection,
# failed writes, loss accounting, error messages and exit codes.
. "$(dirname "$0")/lib.sh"

# --- A write longer than --max-bytes: its prefix, marked, with its true length.
g=$(gate_new trunc)
"$WRITER" --gate "$g" --size 5000 --count 2 --fd 5 5>/dev/null &
wpid=$!
kg_start "$W/trunc.cap" "$W/trunc.err" --pid "$wpid" --fds 5 --format raw --max-bytes 1000
gate_open trunc
wait "$wpid"
kg_wait
"$WRITER" --size 5000 --count 2 --fd 5 --emit 5 >"$W/trunc.full"
{ head -c 1000 "$W/trunc.full"; tail -c +5001 "$W/trunc.full" | head -c 1000; } >"$W/trunc.want"
same "truncated-raw-prefix" "$W/trunc.cap" "$W/trunc.want"
if grep -q '^kubeglass: 2 writes truncated by --max-bytes: 8000 bytes not captured' "$W/trunc.err"; then
	pass "truncated-reported"
else
	fail "truncated-reported" "$(grep -i trunc "$W/trunc.err" || echo 'no report line')"
fi

g=$(gate_new truncp)
"$WRITER" --gate "$g" --size 5000 --count 1 --fd 5 5>/dev/null &
wpid=$!
kg_start "$W/truncp.cap" "$W/truncp.err" --pid "$wpid" --fds 5 --max-bytes 1000
gate_open truncp
wait "$wpid"
kg_wait
if grep -qE 'fd 5(<[^>]*>)? write 5000 bytes' "$W/truncp.cap" &&
	grep -q '\[\.\.\. 4000 more bytes not captured (--max-bytes)\]' "$W/truncp.cap"; then
	pass "truncated-pretty-marker"
else
	fail "truncated-pretty-marker" "$(head -n 2 "$W/truncp.cap")"
fi

# --- 8 threads on 8 fds at once: each fd's capture is exactly its stream.
g=$(gate_new threads)
"$WRITER" --gate "$g" --threads --fd 3,4,5,6,7,8,9,10 --sizes 1,100,4097,20000,65536 \
	--count 60 3>/dev/null 4>/dev/null 5>/dev/null 6>/dev/null 7>/dev/null 8>/dev/null \
	9>/dev/null 10>/dev/null &
wpid=$!
kpids=()
for fd in 3 4 5 6 7 8 9 10; do
	"$KG_BIN" --pid "$wpid" --fds "$fd" --format raw -o "$W/t$fd.cap" 2>"$W/t$fd.err" &
	kpids+=($!)
done
for fd in 3 4 5 6 7 8 9 10; do
	wait_line "$W/t$fd.err" '^kubeglass: tracing' 30 || fail "threads-ready-$fd" "$(cat "$W/t$fd.err")"
done
gate_open threads
wait "$wpid"
for p in "${kpids[@]}"; do wait "$p" || true; done
for fd in 3 4 5 6 7 8 9 10; do
	"$WRITER" --fd 3,4,5,6,7,8,9,10 --sizes 1,100,4097,20000,65536 --count 60 --emit "$fd" \
		>"$W/t$fd.want"
	same "threads-fd$fd" "$W/t$fd.cap" "$W/t$fd.want"
done

# --- --stdout, --stderr and --fds select exactly the fds they name.
sel() {
	local name=$1 emit=$2
	shift 2
	local g
	g=$(gate_new "$name")
	"$WRITER" --gate "$g" --fd 1,2,5,6 --size 300 --count 4 >/dev/null 2>/dev/null 5>/dev/null \
		6>/dev/null &
	local wpid=$!
	kg_start "$W/$name.cap" "$W/$name.err" --pid "$wpid" --format raw "$@"
	gate_open "$name"
	wait "$wpid"
	kg_wait
	: >"$W/$name.want"
	for fd in $emit; do
		"$WRITER" --fd 1,2,5,6 --size 300 --count 4 --emit "$fd" >>"$W/$name.want"
	done
	same "$name" "$W/$name.cap" "$W/$name.want"
}
sel select-stdout "1" --stdout
sel select-stderr "2" --stderr
sel select-stdout-stderr "1 2" --stdout --stderr
sel select-fds-5 "5" --fds 5
sel select-fds-2-6 "2 6" --fds=2,6
sel select-stdout-and-fds "1 6" --stdout --fds 6
sel select-all "1 2 5 6" --all

# --- Failed writes (EBADF, EAGAIN on a full non-blocking pipe): counted, no data.
# The EAGAIN case first fills the pipe: 16 writes of 4096 zero bytes, then one
# EAGAIN ends the fill, then 5 more.
for kind in ebadf:5 eagain:6; do
	nfail=${kind#*:}
	kind=${kind%:*}
	g=$(gate_new "fail-$kind")
	"$WRITER" --gate "$g" --fail "$kind" --count 5 &
	wpid=$!
	kg_start "$W/fail-$kind.cap" "$W/fail-$kind.err" --pid "$wpid" --format raw
	gate_open "fail-$kind"
	wait "$wpid"
	kg_wait
	if ! grep -q 'never shown' "$W/fail-$kind.cap" &&
		grep -q "$nfail of them failed with no data" "$W/fail-$kind.err"; then
		pass "failed-writes-$kind"
	else
		fail "failed-writes-$kind" "$(grep shown "$W/fail-$kind.err")"
	fi
done
g=$(gate_new fail-pretty)
"$WRITER" --gate "$g" --fail ebadf --count 1 &
wpid=$!
kg_start "$W/fail-pretty.cap" "$W/fail-pretty.err" --pid "$wpid"
gate_open fail-pretty
wait "$wpid"
kg_wait
if grep -q 'fd 987 write failed: EBADF (Bad file descriptor)' "$W/fail-pretty.cap" &&
	! grep -q 'never shown' "$W/fail-pretty.cap"; then
	pass "failed-write-pretty"
else
	fail "failed-write-pretty" "$(cat "$W/fail-pretty.cap")"
fi

# --- Loss accounting: a tiny ring and a flood. Shown + lost == made, exactly.
N=20000
g=$(gate_new flood)
"$WRITER" --gate "$g" --size 3000 --count "$N" --fd 5 5>/dev/null &
wpid=$!
kg_start "$W/flood.cap" "$W/flood.err" --pid "$wpid" --fds 5 --ring-size 64K
gate_open flood
wait "$wpid"
kg_wait
shown=$(report_field "$W/flood.err" writes)
lost=$(report_field "$W/flood.err" lost)
if [ -n "$shown" ] && [ $((shown + lost)) -eq "$N" ]; then
	pass "loss-accounting ($shown shown + $lost lost = $N)"
else
	fail "loss-accounting" "shown=$shown lost=$lost made=$N: $(grep -E 'shown|LOST' "$W/flood.err")"
fi
if [ "${lost:-0}" -gt 0 ] && ! grep -q '^kubeglass: LOST' "$W/flood.err"; then
	fail "loss-reported" "lost $lost but no LOST line"
else
	pass "loss-reported"
fi

# --- Errors: one line naming the problem, and the documented exit code.
err_case() {
	local name=$1 want_rc=$2 want_re=$3
	shift 3
	local rc=0
	"$KG_BIN" "$@" >"$W/$name.out" 2>"$W/$name.err" </dev/null || rc=$?
	if [ "$rc" -eq "$want_rc" ] && [ "$(wc -l <"$W/$name.err")" -eq 1 ] &&
		grep -qE "$want_re" "$W/$name.err"; then
		pass "error-$name"
	else
		fail "error-$name" "rc=$rc (want $want_rc): $(head -c 300 "$W/$name.err")"
	fi
}
err_case no-pid 2 '^kubeglass: no target: give --pid PID'
err_case pid-garbage 2 "^kubeglass: --pid: 'abc' is not a process ID" --pid abc
err_case pid-zero 2 "^kubeglass: --pid: '0' is not a process ID" --pid 0
err_case pid-negative 2 "^kubeglass: --pid: '-5' is not a process ID" --pid -5
err_case pid-overflow 2 "is not a process ID" --pid 99999999999999999999999
err_case pid-empty-item 2 'has an empty item' --pid 1,,2
err_case unknown-option 2 "^kubeglass: unknown option '--bogus'; see kubeglass --help" --bogus
err_case missing-value 2 '^kubeglass: option --pid needs a value' --pid
err_case bad-format 2 "^kubeglass: --format: 'xml' is not a format" --pid 1 --format xml
err_case bad-max-bytes 2 "^kubeglass: --max-bytes: '1X' is not a size" --pid 1 --max-bytes 1X
err_case bad-ring 2 '^kubeglass: --ring-size 1000: give a power of two' --pid 1 --ring-size 1000
err_case all-conflict 2 '^kubeglass: --all conflicts' --pid 1 --all --stdout
# A PID that no process has: pid_max is at most 4194304.
err_case no-such-process 1 '^kubeglass: no process with pid 4194303' --pid 4194303
err_case kernel-thread 1 '^kubeglass: pid 2 is a kernel thread' --pid 2
err_case unwritable-output 1 '^kubeglass: cannot write to /nonexistent/dir/out' --pid $$ -o /nonexistent/dir/out
if id nobody >/dev/null 2>&1 && command -v setpriv >/dev/null; then
	# Not root and no capabilities: the check names what is missing.
	rc=0
	setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all \
		"$KG_BIN" --pid $$ >"$W/noroot.out" 2>"$W/noroot.err" || rc=$?
	if [ "$rc" -eq 1 ] && [ "$(wc -l <"$W/noroot.err")" -eq 1 ] &&
		grep -q '^kubeglass: missing capabilities CAP_BPF and CAP_PERFMON' "$W/noroot.err"; then
		pass "error-not-root"
	else
		fail "error-not-root" "rc=$rc: $(cat "$W/noroot.err")"
	fi
fi

# --- SIGINT and SIGTERM stop kubeglass after it drains what was captured.
for sig in INT TERM; do
	g=$(gate_new "sig$sig")
	h=$(gate_new "hold$sig")
	# The target writes 300 lines, marks that it is done (creating a file,
	# no write), then blocks on its second gate until the test lets it go.
	bash -c 'read -r _ <"$1"; for i in $(seq 1 300); do echo "line $i"; done
		: >"$3"; read -r _ <"$2"' _ "$g" "$h" "$W/sig$sig.done" >/dev/null &
	tpid=$!
	kg_start "$W/sig$sig.cap" "$W/sig$sig.err" --pid "$tpid" --stdout --format raw
	gate_open "sig$sig"
	for ((i = 0; i < 400; i++)); do [ -e "$W/sig$sig.done" ] && break; sleep 0.05; done
	kill -"$sig" "$KG_PID"
	kg_wait
	seq 1 300 | sed 's/^/line /' >"$W/sig$sig.want"
	if [ "$KG_RC" -eq 0 ] && grep -q '^kubeglass: \(interrupted\|terminated\)$' "$W/sig$sig.err"; then
		same "stop-on-SIG$sig-drains" "$W/sig$sig.cap" "$W/sig$sig.want"
	else
		fail "stop-on-SIG$sig-drains" "rc=$KG_RC: $(tail -n 2 "$W/sig$sig.err")"
	fi
	gate_open "hold$sig"
	wait "$tpid" || true
done

# --- --help and --version succeed and say what they should.
if "$KG_BIN" --help | grep -q '^Examples:' && "$KG_BIN" --version | grep -qE '^kubeglass [0-9]'; then
	pass "help-version"
else
	fail "help-version" "no Examples in --help or no version"
fi

finish
