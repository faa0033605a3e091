# Pretty output on real streams: fd names that follow fd reuse, socket
# addresses, terminal escapes never raw, colour, and the filters.
. "$(dirname "$0")/lib.sh"
FDPLAY=$KG_WORKLOADS/fdplay

# run NAME KG-ARGS... -- FDPLAY-ARGS...: traces one fdplay run to $W/NAME.out.
# With an end gate (--end), the workload keeps its fds open until kubeglass
# has printed a line matching $END_RE.
END_RE=
run() {
	local name=$1 kgargs=() g e=
	shift
	while [ "$1" != -- ]; do
		kgargs+=("$1")
		shift
	done
	shift
	g=$(gate_new "$name")
	if [ -n "$END_RE" ]; then
		e=$(gate_new "$name-end")
		"$FDPLAY" --gate "$g" --end "$e" "$@" >/dev/null &
	else
		"$FDPLAY" --gate "$g" "$@" >/dev/null &
	fi
	local wpid=$!
	if ! kg_start "$W/$name.out" "$W/$name.err" --pid "$wpid" "${kgargs[@]}"; then
		fail "$name" "kubeglass did not start"
		kill -9 "$wpid"
		return 1
	fi
	gate_open "$name"
	if [ -n "$END_RE" ]; then
		wait_line "$W/$name.out" "$END_RE" 20 || true
		gate_open "$name-end"
	fi
	wait "$wpid" || true
	kg_wait
}

# fd 5 is three files in turn: each write is named after its own file.
mkdir "$W/reuse"
if run fd-reuse --fds 5 -- reuse "$W/reuse"; then
	got=$(awk '/ fd 5</ {sub(/.* fd 5</, ""); sub(/> write .*/, ""); name = $0; next}
		/^  to / {print name " " $2}' "$W/fd-reuse.out")
	want=$(printf '%s\n' "$W/reuse/first.log first.log" "$W/reuse/second.log second.log" \
		"$W/reuse/third.log third.log")
	if [ "$got" = "$want" ]; then
		pass "fd-reuse-three-names"
	else
		fail "fd-reuse-three-names" "$(echo "$got" | tr '\n' ';')"
	fi
fi

# TCP on 127.0.0.1 and a unix socket: family and both addresses.
mkdir "$W/sock"
END_RE='unix from server'
if run sockets -- sockets "$W/sock"; then
	out=$W/sockets.out
	cport=$(sed -nE 's/.*<tcp 127\.0\.0\.1:([0-9]+)->127\.0\.0\.1:([0-9]+)> write 16 bytes$/\1 \2/p' "$out" | head -n 1)
	sport=$(sed -nE 's/.*<tcp 127\.0\.0\.1:([0-9]+)->127\.0\.0\.1:([0-9]+)> write 16 bytes$/\1 \2/p' "$out" | sed -n 2p)
	if [ -n "$cport" ] && [ "$(echo "$cport" | awk '{print $2 " " $1}')" = "$sport" ] &&
		grep -A1 -F "<tcp 127.0.0.1:${cport% *}->" "$out" | grep -q '^  tcp from client$'; then
		pass "socket-tcp-addresses"
	else
		fail "socket-tcp-addresses" "$(grep -F ' fd ' "$out" | head -n 2 | tr '\n' ';')"
	fi
	if grep -A1 -E "<unix \[[0-9]+\]->$W/sock/s\.sock> write 17 bytes$" "$out" | grep -q '^  unix from client$' &&
		grep -A1 -E "<unix $W/sock/s\.sock(->\[[0-9]+\])?> write 17 bytes$" "$out" | grep -q '^  unix from server$'; then
		pass "socket-unix-addresses"
	else
		fail "socket-unix-addresses" "$(grep -F 'unix' "$out" | tr '\n' ';')"
	fi
fi
END_RE=

# Clear screen, set title, OSC 52, C1 CSI: never a raw ESC (or C1) byte.
if run escapes --stdout -- escapes; then
	out=$W/escapes.out
	esc=$(grep -c $'\x1b' "$out" || true)
	c1=$(od -An -tx1 -v "$out" | grep -cE '(^| )(9b|c2 9b)( |$)' || true)
	# The sequences were written in pieces: they are shown joined, as one line.
	if [ "$esc" = 0 ] && [ "$c1" = 0 ] && grep -qxF '  before' "$out" &&
		grep -qxF '  \e[2J\e[H\e]0;pwned title\x07\e]52;c;ZWNobyBwd25lZA==\x07 clipboard' "$out" &&
		grep -qxF '  split \e[2J done' "$out"; then
		pass "escapes-never-raw"
	else
		fail "escapes-never-raw" "$esc ESC lines, $c1 C1 bytes: $(head -c 300 "$out" | od -c | head -n 5)"
	fi
fi

# --color=always: the only ESC bytes are kubeglass's own SGR codes.
if run color --stdout --color=always -- escapes; then
	left=$(sed -E 's/\x1b\[(0|1|2|31|33|36)m//g' "$W/color.out" | grep -c $'\x1b' || true)
	if [ "$left" = 0 ] && grep -q $'\x1b\[36mfd 1' "$W/color.out"; then
		pass "color-always-only-own-sgr"
	else
		fail "color-always-only-own-sgr" "$left lines with a foreign ESC"
	fi
fi
if run nocolor --stdout --color=never -- escapes &&
	[ "$(grep -c $'\x1b' "$W/nocolor.out" || true)" = 0 ]; then
	pass "color-never"
else
	fail "color-never" "ESC in output"
fi

# The lines script: 5 x "same line", INFO other, 3 binary writes, ERROR one /
# INFO two / ERROR three (split across two writes), 3 x "same line", and a
# last line without a newline.
if run repeats-raw --stdout --no-repeats -F raw -- lines; then
	{
		printf 'same line\nINFO other\n'
		printf '\0\1\2\3\377\0x\0'
		printf 'ERROR one\nINFO two\nERROR three, split\nsame line\nlast ERROR, no newline'
	} >"$W/repeats.want"
	same "no-repeats-raw" "$W/repeats-raw.out" "$W/repeats.want"
	if grep -q '^kubeglass: --no-repeats hid 8 repeated messages$' "$W/repeats-raw.err"; then
		pass "no-repeats-report"
	else
		fail "no-repeats-report" "$(grep repeat "$W/repeats-raw.err")"
	fi
fi
if run repeats --stdout --no-repeats -- lines; then
	got=$(grep -E '^  ' "$W/repeats.out")
	want=$(printf '%s\n' '  same line' '  [previous message repeated 4 times]' '  INFO other' \
		'  00000000  00 01 02 03 ff 00 78 00                           |......x.|' \
		'  [previous message repeated 2 times]' '  ERROR one' '  INFO two' \
		'  ERROR three, split' '  same line' '  [previous message repeated 2 times]' \
		'  last ERROR, no newline [no newline]')
	if [ "$got" = "$want" ]; then
		pass "no-repeats-pretty"
	else
		fail "no-repeats-pretty" "$(echo "$got" | tr '\n' ';')"
	fi
fi

if run nobinary --stdout --no-binary -F raw -- lines; then
	{
		for _ in 1 2 3 4 5; do printf 'same line\n'; done
		printf 'INFO other\nERROR one\nINFO two\nERROR three, split\n'
		for _ in 1 2 3; do printf 'same line\n'; done
		printf 'last ERROR, no newline'
	} >"$W/nobinary.want"
	same "no-binary-raw" "$W/nobinary.out" "$W/nobinary.want"
	if grep -q '^kubeglass: --no-binary skipped 3 writes (24 bytes)$' "$W/nobinary.err"; then
		pass "no-binary-report"
	else
		fail "no-binary-report" "$(grep binary "$W/nobinary.err")"
	fi
fi

if run grep --stdout --grep 'ERROR' -F raw -- lines; then
	printf 'ERROR one\nERROR three, split\nlast ERROR, no newline' >"$W/grep.want"
	same "grep-keeps-exactly-matching-lines" "$W/grep.out" "$W/grep.want"
fi
if run grep-pretty --stdout --grep '^ERROR t' -- lines; then
	if [ "$(grep -c '^  ' "$W/grep-pretty.out")" = 1 ] &&
		grep -q '^  ERROR three, split$' "$W/grep-pretty.out"; then
		pass "grep-anchored-split-line"
	else
		fail "grep-anchored-split-line" "$(grep '^  ' "$W/grep-pretty.out" | tr '\n' ';')"
	fi
fi
# Binary writes are matched whole, NULs included.
if run grep-bin --stdout --grep 'x' -F raw -- lines; then
	if [ "$(od -An -tx1 "$W/grep-bin.out" | tr -d ' \n')" = "$(printf '00010203ff007800%.0s' 1 2 3)" ]; then
		pass "grep-binary-writes"
	else
		fail "grep-binary-writes" "$(od -An -c "$W/grep-bin.out" | head -n 3)"
	fi
fi

finish
