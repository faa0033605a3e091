# --existing --tail: the last lines of each selected fd, then the live stream,
# with nothing missing or shown twice while the target keeps appending.
. "$(dirname "$0")/lib.sh"
FDPLAY=$KG_WORKLOADS/fdplay

# Starts the appender on $W/$1.log (1,000,000 lines written first), releases
# it, and leaves it appending one line per write until SIGTERM.
start_appender() {
	local g
	g=$(gate_new "$1")
	"$FDPLAY" --gate "$g" append "$W/$1.log" 1000000 >"$W/$1.last" &
	APID=$!
	gate_open "$1"
}

# Waits until FILE has at least N lines matching REGEX (bounded: 30 s).
wait_count() {
	local i
	for ((i = 0; i < 600; i++)); do
		[ "$(grep -cE "$2" "$1" 2>/dev/null || true)" -ge "$3" ] && return 0
		sleep 0.05
	done
	return 1
}

# Stops the appender once kubeglass has shown 50 lines matching $2.
stop_appender() {
	wait_count "$W/$1.out" "$2" 50 || true
	kill -TERM "$APID"
	wait "$APID" || true
	kg_wait
}

# Pretty: exactly 3 existing lines, then every later line once, in order.
start_appender tail3
if kg_start "$W/tail3.out" "$W/tail3.err" --pid "$APID" --fds 3 --existing --tail=3; then
	stop_appender tail3 '^  line [0-9]+$'
	existing=$(awk '/existing content: bytes/ {on = 1; next} /\[end of existing/ {on = 0}
		on && /^  line [0-9]+$/ {n++} END {print n + 0}' "$W/tail3.out")
	sed -nE 's/^  line ([0-9]+)$/\1/p' "$W/tail3.out" >"$W/tail3.nums"
	gaps=$(awk 'NR > 1 && $1 != prev + 1 {bad++} {prev = $1} END {print bad + 0}' "$W/tail3.nums")
	last=$(tail -n 1 "$W/tail3.nums")
	if [ "$existing" = 3 ] && [ "$gaps" = 0 ] && [ "$last" = "$(cat "$W/tail3.last")" ] &&
		[ "$(wc -l <"$W/tail3.nums")" -gt 3 ]; then
		pass "existing-tail3-then-live"
	else
		fail "existing-tail3-then-live" "existing lines $existing, gaps $gaps, last $last of $(cat "$W/tail3.last"), $(wc -l <"$W/tail3.nums") lines"
	fi
else
	fail "existing-tail3-then-live" "kubeglass did not start"
	kill -9 "$APID"
fi

# Raw: existing and live bytes together are exactly the end of the file.
start_appender raw
if kg_start "$W/raw.out" "$W/raw.err" --pid "$APID" --fds 3 --existing --tail=3 -F raw; then
	stop_appender raw '^line [0-9]+$'
	size=$(stat -c %s "$W/raw.out")
	tail -c "$size" "$W/raw.log" >"$W/raw.want"
	if [ "$size" -gt 40 ] && head -c 5 "$W/raw.out" | grep -q '^line'; then
		same "existing-raw-is-file-suffix" "$W/raw.out" "$W/raw.want"
	else
		fail "existing-raw-is-file-suffix" "captured $size bytes: $(head -c 40 "$W/raw.out")"
	fi
else
	fail "existing-raw-is-file-suffix" "kubeglass did not start"
	kill -9 "$APID"
fi

# Edge cases on real fds: a deleted file, a pipe, no final newline, CRLF,
# an empty file, --tail=0 (through a second run).
g=$(gate_new edges)
printf 'a\r\nb\r\nc\r\n' >"$W/crlf"
printf 'one\ntwo\nno newline' >"$W/nonl"
: >"$W/empty"
printf 'gone 1\ngone 2\n' >"$W/deleted"
bash -c 'exec 3>>"$1/crlf" 4>>"$1/nonl" 5>>"$1/empty" 6>>"$1/deleted" 7> >(cat >/dev/null)
	rm "$1/deleted"; read -r _ <"$2"' _ "$W" "$g" &
bpid=$!
if kg_start "$W/edges.out" "$W/edges.err" --pid "$bpid" --fds 3,4,5,6,7 --existing --tail=2; then
	gate_open edges
	kg_wait
	cat >"$W/edges.want" <<-EOF
		fd 3<$W/crlf> existing content: bytes 3-9 of 9
		  b\\r
		  c\\r
		  [end of existing content; live writes follow]
		fd 4<$W/nonl> existing content: bytes 4-18 of 18
		  two
		  no newline [no newline]
		  [end of existing content; live writes follow]
		fd 5<$W/empty> existing content: none, the file is empty
		fd 6<$W/deleted (deleted)> existing content: bytes 0-14 of 14
		  gone 1
		  gone 2
		  [end of existing content; live writes follow]
		fd 7<pipe:[N]> existing content: none, a pipe keeps no written data: only live writes can be shown
	EOF
	sed -E 's/^bash\[[0-9]+\/[0-9]+\] //; s/pipe:\[[0-9]+\]/pipe:[N]/' "$W/edges.out" |
		grep -v ' exited with status' >"$W/edges.got"
	same "existing-edge-cases" "$W/edges.got" "$W/edges.want"
else
	fail "existing-edge-cases" "kubeglass did not start"
fi

g=$(gate_new tail0)
bash -c 'exec 3>>"$1/crlf"; read -r _ <"$2"' _ "$W" "$g" &
bpid=$!
if kg_start "$W/tail0.out" "$W/tail0.err" --pid "$bpid" --fds 3 --existing --tail=0; then
	gate_open tail0
	kg_wait
	if grep -q "fd 3<$W/crlf> existing content: none, --tail=0$" "$W/tail0.out" &&
		! grep -q '^  [abc]' "$W/tail0.out"; then
		pass "existing-tail-0"
	else
		fail "existing-tail-0" "$(head -n 3 "$W/tail0.out")"
	fi
else
	fail "existing-tail-0" "kubeglass did not start"
fi

finish
