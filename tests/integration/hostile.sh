# A hostile target: terminal escapes (clear screen, title, OSC 52, cursor moves, DEC private
# modes), C1 controls, bidi overrides, invalid UTF-8, NULs, an escape in its process name, and a
# million 1-byte writes of every byte value. In every format meant for terminals none of its
# control bytes may reach the output raw; --format raw passes them, and warns on a terminal.
. "$(dirname "$0")/lib.sh"

HOSTILE=$KG_WORKLOADS/hostile
ONES=${KG_HOSTILE_ONES:-1000000}
# Every format meant for terminals; a new one is one more word.
SAFE_FORMATS="pretty json hex"

for fmt in $SAFE_FORMATS; do
	g=$(gate_new "$fmt")
	"$HOSTILE" --gate "$g" --ones "$ONES" >/dev/null 2>"$W/$fmt.made" &
	wpid=$!
	kg_start "$W/$fmt.out" "$W/$fmt.err" --pid "$wpid" --stdout --format "$fmt" --ring-size 256M
	gate_open "$fmt"
	wait "$wpid"
	kg_wait
	made=$(cat "$W/$fmt.made")
	# Every byte must be printable ASCII or a newline: the workload writes no UTF-8 that is
	# safe to show, so even multi-byte characters must arrive escaped.
	bad=$(LC_ALL=C tr -d '\n\040-\176' <"$W/$fmt.out" | wc -c)
	shown=$(report_field "$W/$fmt.err" writes)
	lost=$(report_field "$W/$fmt.err" lost)
	if [ "$KG_RC" -eq 0 ] && [ "$bad" -eq 0 ] && [ -s "$W/$fmt.out" ]; then
		pass "hostile-$fmt-no-raw-control-bytes ($(wc -c <"$W/$fmt.out") bytes of output, all printable)"
	else
		fail "hostile-$fmt-no-raw-control-bytes" "rc=$KG_RC, $bad bytes outside printable ASCII: $(LC_ALL=C grep -n -m 3 '[^[:print:]]' "$W/$fmt.out" | od -c | head -n 5)"
	fi
	if [ -n "$shown" ] && [ $((shown + lost)) -eq "$made" ]; then
		pass "hostile-$fmt-counts ($shown shown + $lost lost = $made writes)"
	else
		fail "hostile-$fmt-counts" "shown=$shown lost=$lost made=$made"
	fi
done

# What the escapes look like in pretty: named, and the process name escaped too.
# (A write that is mostly control bytes is a hexdump instead, whose text column shows '.'.)
if grep -qF '\e[2J\e[H' "$W/pretty.out" && grep -qF '\e]52;c;ZWNobyBwd25lZA==\x07' "$W/pretty.out" &&
	grep -qF '\xc2\x9b31m C1 CSI as UTF-8' "$W/pretty.out" &&
	grep -qF '\xe2\x80\xae bidi override' "$W/pretty.out" &&
	grep -qF ' \e]0;x\x07\e[2J[' "$W/pretty.out"; then
	pass "hostile-pretty-escapes-shown-escaped"
else
	fail "hostile-pretty-escapes-shown-escaped" "$(head -n 12 "$W/pretty.out")"
fi

# --format raw on a terminal warns (kubeglass gets a pty); into a file it does not.
on_pty() {
	python3 - "$@" <<'PY'
import os, subprocess, sys
master, slave = os.openpty()
p = subprocess.Popen(sys.argv[2:], stdin=slave, stdout=slave, stderr=slave)
os.close(slave)
with open(sys.argv[1], "wb", buffering=0) as out:
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the last writer to the pty has gone
            break
        if not data:
            break
        out.write(data)
sys.exit(p.wait())
PY
}
g=$(gate_new rawtty)
"$HOSTILE" --gate "$g" >/dev/null 2>/dev/null &
wpid=$!
on_pty "$W/rawtty.out" "$KG_BIN" --pid "$wpid" --stdout --format raw &
ppid=$!
if wait_line "$W/rawtty.out" 'kubeglass: tracing' 30; then
	gate_open rawtty
	wait "$wpid"
fi
wait "$ppid" || true
if grep -q 'kubeglass: warning: --format raw sends the target.s bytes, control sequences included, unfiltered to this terminal' "$W/rawtty.out" &&
	grep -q 'pwned title' "$W/rawtty.out"; then
	pass "raw-on-terminal-warns"
else
	fail "raw-on-terminal-warns" "$(head -c 400 "$W/rawtty.out" | od -c | head -n 5)"
fi
if grep -q 'warning' "$W/pretty.err"; then
	fail "no-warning-off-terminal" "$(grep warning "$W/pretty.err")"
else
	pass "no-warning-off-terminal"
fi

finish
