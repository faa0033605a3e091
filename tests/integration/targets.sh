# Targets: --follow over a fork tree, command mode, --comm. Each process's
# capture is cmp-identical to what it wrote.
. "$(dirname "$0")/lib.sh"

FORKTREE=$KG_WORKLOADS/forktree

# status_is NAME GOT WANT [WHY]
status_is() {
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "exited $2, want $3${4:+: $4}"; fi
}

# One kubeglass per fd of the tree, all at once, each --follow --fds N: every
# process writes to its own fd, so each capture is one process's bytes.
# A last one without --follow, on every fd, must see the parent's bytes only.
g=$(gate_new tree)
"$FORKTREE" --gate "$g" --writer "$WRITER" 5>"$W/tree.5" 6>"$W/tree.6" 7>"$W/tree.7" \
	8>"$W/tree.8" &
tpid=$!
pids=()
for fd in 5 6 7 8; do
	"$KG_BIN" --pid "$tpid" --follow --fds "$fd" --format raw >"$W/cap.$fd" 2>"$W/err.$fd" &
	pids+=($!)
done
"$KG_BIN" --pid "$tpid" --format raw >"$W/cap.nofollow" 2>"$W/err.nofollow" &
pids+=($!)
"$KG_BIN" --pid "$tpid" --follow >"$W/cap.pretty" 2>"$W/err.pretty" &
pids+=($!)
ready=1
for fd in 5 6 7 8 nofollow pretty; do
	wait_line "$W/err.$fd" '^kubeglass: tracing' 30 || ready=0
done
if [ "$ready" = 1 ]; then
	gate_open tree
	wait "$tpid" || fail "fork-tree" "workload failed"
	for p in "${pids[@]}"; do
		# Each stops by itself once the last traced process has exited.
		wait "$p" || fail "fork-tree" "a kubeglass exited $?"
	done
	"$FORKTREE" --emit 5 >"$W/want.5"
	"$FORKTREE" --emit 6 >"$W/want.6"
	"$WRITER" --fd 7 --size 3000 --count 20 --seed 7 --emit 7 >"$W/want.7"
	"$FORKTREE" --emit 8 >"$W/want.8"
	same "follow-parent" "$W/cap.5" "$W/want.5"
	same "follow-child" "$W/cap.6" "$W/want.6"
	same "follow-grandchild-exec" "$W/cap.7" "$W/want.7"
	same "follow-short-lived-child" "$W/cap.8" "$W/want.8"
	same "no-follow-parent-only" "$W/cap.nofollow" "$W/want.5"
	# Each write's header names its process: four writers, three of them started.
	writers=$(sed -nE 's/^[0-9:.]+ [^ ]*\[([0-9]+)\/[0-9]+\] fd [0-9]+(<[^>]*>)? write .*/\1/p' \
		"$W/cap.pretty" | sort -u | wc -l)
	started=$(grep -cE "^[0-9:.]+ forktree\[[0-9]+/[0-9]+\] started process [0-9]+$" \
		"$W/cap.pretty" || true)
	if [ "$writers" = 4 ] && [ "$started" = 3 ] &&
		grep -qE "^[0-9:.]+ writer\[[0-9]+/[0-9]+\] ran exec$" "$W/cap.pretty"; then
		pass "follow-shows-each-process"
	else
		fail "follow-shows-each-process" "$writers writers, $started started"
	fi
	if grep -q '^kubeglass: every target has exited' "$W/err.5"; then
		pass "follow-ends-with-last-process"
	else
		fail "follow-ends-with-last-process" "$(tail -n 3 "$W/err.5")"
	fi
else
	fail "fork-tree" "kubeglass did not start: $(cat "$W"/err.* | head -n 5)"
	for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
	kill -9 "$tpid" 2>/dev/null || true
fi

# Command mode: the capture of the command's stdout is exactly what it wrote,
# from the first write on; its children are followed by default.
rc=0
"$KG_BIN" --stdout --format raw -o "$W/cmd.cap" -- "$WRITER" --fd 1 --size 777 --count 300 \
	>"$W/cmd.direct" 2>"$W/cmd.err" || rc=$?
"$WRITER" --fd 1 --size 777 --count 300 --emit 1 >"$W/cmd.want"
same "command-stdout-exact" "$W/cmd.cap" "$W/cmd.want"
same "command-stdout-passes-through" "$W/cmd.direct" "$W/cmd.want"
status_is "command-exit-0" "$rc" 0

rc=0
"$KG_BIN" --stdout --format raw -o "$W/sh.cap" -- sh -c \
	"\"$WRITER\" --fd 1 --size 100 --count 5; \"$WRITER\" --fd 1 --seed 3 --count 2; exit 7" \
	>/dev/null 2>"$W/sh.err" || rc=$?
{ "$WRITER" --fd 1 --size 100 --count 5 --emit 1; "$WRITER" --fd 1 --seed 3 --count 2 --emit 1; } \
	>"$W/sh.want"
same "command-follows-children" "$W/sh.cap" "$W/sh.want"
status_is "command-exit-status" "$rc" 7

rc=0
"$KG_BIN" --no-follow --stdout --format raw -o "$W/nf.cap" -- sh -c \
	"echo parent; \"$WRITER\" --fd 1 --size 100; true" >/dev/null 2>"$W/nf.err" || rc=$?
printf 'parent\n' >"$W/nf.want"
same "command-no-follow" "$W/nf.cap" "$W/nf.want"

rc=0
"$KG_BIN" --stdout --format raw -o "$W/sig.cap" -- sh -c 'echo before; kill -TERM $$; echo after' \
	>/dev/null 2>"$W/sig.err" || rc=$?
printf 'before\n' >"$W/sig.want"
same "command-killed-capture" "$W/sig.cap" "$W/sig.want"
if [ "$rc" = 143 ] && grep -q 'killed by signal 15 (SIGTERM)' "$W/sig.err"; then
	pass "command-killed-by-signal-status"
else
	fail "command-killed-by-signal-status" "exited $rc, want 143: $(tail -n 2 "$W/sig.err")"
fi

rc=0
"$KG_BIN" -- "$W/no-such-command" >/dev/null 2>"$W/nf127.err" || rc=$?
if [ "$rc" = 127 ] && grep -q "^kubeglass: cannot run '$W/no-such-command': No such file" \
	"$W/nf127.err"; then
	pass "command-not-found-127"
else
	fail "command-not-found-127" "exited $rc: $(cat "$W/nf127.err")"
fi

# A signal sent to kubeglass alone is passed on to the command, as timeout(1) does.
"$KG_BIN" --format raw -o "$W/fw.cap" -- sleep 60 >/dev/null 2>"$W/fw.err" &
KG_PID=$!
if wait_line "$W/fw.err" '^kubeglass: tracing' 30; then
	kill -TERM "$KG_PID"
	kg_wait
	status_is "command-signal-passed-on" "$KG_RC" 143 "$(cat "$W/fw.err")"
else
	fail "command-signal-passed-on" "not ready: $(cat "$W/fw.err")"
fi

# --comm: a process of that name running before, and one started after attach;
# a process of another name writing meanwhile is not captured.
name=kgcomm$$
ln -s "$WRITER" "$W/$name"
g1=$(gate_new comm1)
"$W/$name" --gate "$g1" --fd 5 --size 500 --count 10 --seed 11 5>/dev/null &
c1=$!
if kg_start "$W/comm.cap" "$W/comm.err" --comm "$name" --fds 5 --format raw; then
	gate_open comm1
	wait "$c1"
	"$WRITER" --fd 5 --size 400 --count 10 --seed 12 5>/dev/null
	"$W/$name" --fd 5 --size 300 --count 10 --seed 13 5>/dev/null
	kg_stop
	{
		"$WRITER" --fd 5 --size 500 --count 10 --seed 11 --emit 5
		"$WRITER" --fd 5 --size 300 --count 10 --seed 13 --emit 5
	} >"$W/comm.want"
	same "comm-running-and-later" "$W/comm.cap" "$W/comm.want"
	if grep -q "processes named '$name' (1 running now)" "$W/comm.err" && [ "$KG_RC" = 0 ]; then
		pass "comm-ready-line"
	else
		fail "comm-ready-line" "exited $KG_RC: $(head -n 2 "$W/comm.err")"
	fi
else
	fail "comm-running-and-later" "kubeglass did not start"
fi

# --comm alone: a forked child keeps its parent's name and is traced; a child
# that runs another program (the grandchild, exec'ing writer) is not.
tree=kgtree$$
ln -s "$FORKTREE" "$W/$tree"
g=$(gate_new commtree)
"$W/$tree" --gate "$g" --writer "$WRITER" 5>/dev/null 6>/dev/null 7>/dev/null 8>/dev/null &
tpid=$!
if kg_start "$W/ct.cap" "$W/ct.err" --comm "$tree" --format raw --fds 5,6,7,8; then
	gate_open commtree
	wait "$tpid"
	kg_stop
	{
		"$FORKTREE" --emit 5 | head -n 50
		"$FORKTREE" --emit 6
		"$FORKTREE" --emit 8
		"$FORKTREE" --emit 5 | tail -n 50
	} >"$W/ct.want"
	same "comm-forked-children-not-other-programs" "$W/ct.cap" "$W/ct.want"
else
	fail "comm-forked-children-not-other-programs" "kubeglass did not start"
fi

finish
