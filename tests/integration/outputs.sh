# shellcheck shell=bash source-path=SCRIPTDIR
# --format json and hex, --reads, --summary, --duration and --count, on real
# BPF: what comes out, decoded, is cmp-identical to what the workload wrote or read.
. "$(dirname "$0")/lib.sh"

PEER=$KG_WORKLOADS/peer

# Every "data" event of fd 7 in DIRECTION, decoded from JSON, concatenated.
json_data() {
	python3 - "$1" "$2" <<'PY'
import base64, json, sys
out = bytearray()
for line in open(sys.argv[1], encoding="utf-8"):
    ev = json.loads(line)
    if ev["type"] != "data" or ev["fd"] != 7 or ev["direction"] != sys.argv[2]:
        continue
    assert ("data" in ev) != ("data_b64" in ev), "exactly one of data, data_b64"
    b = ev["data"].encode("utf-8") if "data" in ev else base64.b64decode(ev["data_b64"], validate=True)
    assert len(b) == ev["captured"], "captured %d, data %d" % (ev["captured"], len(b))
    out += b
sys.stdout.buffer.write(out)
PY
}

# The bytes of a --format hex capture, from its hexdump lines.
hex_data() {
	python3 - "$1" <<'PY'
import re, sys
out = bytearray()
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"^([0-9a-f]{8})  ((?:[0-9a-f]{2} {1,2}| {3,4}){16}) \|", line)
    if m:
        assert int(m.group(1), 16) % 16 == 0
        out += bytes.fromhex(m.group(2).replace(" ", ""))
sys.stdout.buffer.write(out)
PY
}

# peer_run NAME INPUT KG-ARGS... -- PEER-ARGS...: traces one peer run on fd 7.
peer_run() {
	local name=$1 input=$2 g kargs=() wpid
	shift 2
	while [ "$1" != -- ]; do kargs+=("$1"); shift; done
	shift
	g=$(gate_new "$name")
	if [ "${PEER_FD7:-}" ]; then
		"$PEER" --gate "$g" --in "$input" "$@" 7<"$PEER_FD7" &
	else
		"$PEER" --gate "$g" --in "$input" "$@" 7>"$W/$name.dest" &
	fi
	wpid=$!
	if ! kg_start "$W/$name.out" "$W/$name.err" --pid "$wpid" --fds 7 "${kargs[@]}"; then
		fail "$name" "kubeglass did not start"
		return 1
	fi
	gate_open "$name"
	wait "$wpid" || fail "$name" "workload failed"
	kg_wait
	if [ "$KG_RC" -ne 0 ]; then
		fail "$name" "kubeglass exited $KG_RC: $(tail -n 2 "$W/$name.err")"
		return 1
	fi
}

# The inputs: every case the JSON encoding must carry without loss.
printf 'plain ASCII, with "quotes", a \\ backslash and a tab\there\n' >"$W/ascii.in"
printf 'multi-byte UTF-8: h\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xe2\x80\xa8 \xe2\x80\xae end\n' >"$W/utf8.in"
printf 'invalid UTF-8: \xc3\x28 \xff \xed\xa0\x80 \xc0\xaf\n' >"$W/invalid.in"
printf 'NUL\000bytes\000\000 and \033[2J escapes\n' >"$W/nul.in"
head -c 1048576 /dev/urandom >"$W/binary.in"

for c in ascii utf8 invalid nul binary; do
	if peer_run "json-$c" "$W/$c.in" --format json -- --mode write; then
		json_data "$W/json-$c.out" write >"$W/json-$c.got" &&
			same "json-$c" "$W/json-$c.got" "$W/$c.in"
	fi
done
# Valid UTF-8 travels as a string, anything else as base64.
if jq -se '[.[] | select(.type == "data")] | length == 1 and all(has("data"))' \
	"$W/json-utf8.out" >/dev/null &&
	jq -se '[.[] | select(.type == "data")] | length == 1 and all(has("data_b64"))' \
		"$W/json-invalid.out" >/dev/null; then
	pass "json-string-or-base64"
else
	fail "json-string-or-base64" "utf8: $(head -c 300 "$W/json-utf8.out")"
fi
# A raw ESC from the target never reaches the JSON stream.
if grep -q $'\033' "$W/json-nul.out"; then
	fail "json-no-raw-escape" "an ESC byte is in the JSON output"
else
	pass "json-no-raw-escape"
fi
# The final object reports the run's totals.
if jq -se '.[-1] | .type == "summary" and .events == 1 and .lost == 0 and .calls == 1 and
	.bytes == 1048576' "$W/json-binary.out" >/dev/null; then
	pass "json-final-summary"
else
	fail "json-final-summary" "$(tail -n 1 "$W/json-binary.out")"
fi
if jq -se '[.[] | select(.type == "data")][0] | .syscall == "write" and .direction == "write"
	and .requested == 1048576 and .ret == 1048576 and .size == 1048576 and
	.captured == 1048576 and .truncated == false and .fd_type == "file" and
	(.fd_name | endswith("json-binary.dest"))' "$W/json-binary.out" >/dev/null; then
	pass "json-fields"
else
	fail "json-fields" "$(head -c 400 "$W/json-binary.out")"
fi

# --format hex: the hexdump lines decode to exactly the bytes written.
for c in utf8 binary; do
	if peer_run "hex-$c" "$W/$c.in" --format hex -- --mode write; then
		hex_data "$W/hex-$c.out" >"$W/hex-$c.got" && same "hex-$c" "$W/hex-$c.got" "$W/$c.in"
	fi
done
if grep -qE '^[0-9:.]+ peer\[[0-9]+/[0-9]+\] fd 7 \(file [^)]*\) write out 1048576 bytes$' \
	"$W/hex-binary.out"; then
	pass "hex-header"
else
	fail "hex-header" "$(grep -v '^[0-9a-f]\{8\}' "$W/hex-binary.out" | head -n 3)"
fi

# --reads: exactly what a peer sent, over a socketpair and TCP, and what was
# read from a file; in json, hex and pretty. The gate read (fd 3) is filtered out.
for mode in socketpair tcp; do
	for sys in read recvfrom recvmsg readv; do
		n=reads-$mode-$sys
		if peer_run "$n" "$W/binary.in" --reads --format json -- --mode "$mode" --syscall "$sys"; then
			json_data "$W/$n.out" read >"$W/$n.got" && same "$n" "$W/$n.got" "$W/binary.in"
		fi
	done
done
for sys in read pread64 preadv; do
	n=reads-file-$sys
	if PEER_FD7=$W/binary.in peer_run "$n" "$W/binary.in" --reads --format json -- \
		--mode file --syscall "$sys"; then
		json_data "$W/$n.out" read >"$W/$n.got" && same "$n" "$W/$n.got" "$W/binary.in"
	fi
done
if jq -se 'all(.[]; .type != "data" or .fd == 7)' "$W/reads-tcp-read.out" >/dev/null; then
	pass "reads-fd-filter"
else
	fail "reads-fd-filter" "events of other fds"
fi
if peer_run reads-hex "$W/utf8.in" --reads --format hex -- --mode socketpair; then
	hex_data "$W/reads-hex.out" >"$W/reads-hex.got" && same reads-hex "$W/reads-hex.got" "$W/utf8.in"
	if grep -qE ' fd 7 (\([^)]*\) )?read in ' "$W/reads-hex.out"; then
		pass reads-hex-direction
	else
		fail reads-hex-direction "$(grep -v "^[0-9a-f]\{8\}" "$W/reads-hex.out" | head -n 2)"
	fi
fi
if peer_run reads-pretty "$W/ascii.in" --reads -- --mode socketpair; then
	if grep -qE '\] fd 7(<[^>]*>)? <- read ' "$W/reads-pretty.out"; then
		pass reads-pretty-direction
	else
		fail reads-pretty-direction "$(head -n 2 "$W/reads-pretty.out")"
	fi
fi
# Without --reads nothing is read.
if peer_run no-reads "$W/ascii.in" --format json -- --mode socketpair; then
	if jq -se '[.[] | select(.type == "data")] | length == 0' "$W/no-reads.out" >/dev/null; then
		pass no-reads-by-default
	else
		fail no-reads-by-default "data events without --reads"
	fi
fi

# --summary: per process and fd, the workload's own counts; sorted by bytes.
# Process A writes 7 calls of known sizes to fds 5 and 6; process B 3 bigger ones to fd 5.
ga=$(gate_new sum-a)
gb=$(gate_new sum-b)
"$WRITER" --gate "$ga" --fd 5,6 --sizes 10,200,3000 --count 7 5>/dev/null 6>"$W/sum.f6" &
pa=$!
"$WRITER" --gate "$gb" --fd 5 --size 5000 --count 3 --syscall writev 5>/dev/null &
pb=$!
if kg_start "$W/sum.out" "$W/sum.err" --pid "$pa,$pb" --summary; then
	gate_open sum-a
	gate_open sum-b
	wait "$pa" "$pb"
	kg_wait
	# A: per fd 7 calls, sizes 10,200,3000,10,200,3000,10 = 6430 bytes, largest 3000.
	want=$(printf '%s\n' "$pb 5 write 3 15000 5000 0 0 0 0" "$pa 5 write 7 6430 3000 0 0 0 0" \
		"$pa 6 write 7 6430 3000 0 0 0 0")
	got=$(awk 'NR > 1 { print $1, $3, $4, $5, $6, $7, $8, $9, $10, $11 }' "$W/sum.out")
	if [ "$KG_RC" = 0 ] && [ "$got" = "$want" ] && head -n 1 "$W/sum.out" | grep -q '^ *PID'; then
		pass summary-alone
	else
		fail summary-alone "rc $KG_RC; got: $(cat "$W/sum.out")"
	fi
fi

# --summary with --format json: fd_summary objects, and the events too.
g=$(gate_new sum-json)
"$WRITER" --gate "$g" --fd 5,6 --sizes 1,2,3 --count 5 5>/dev/null 6>/dev/null &
wpid=$!
if kg_start "$W/sumj.out" "$W/sumj.err" --pid "$wpid" --summary --format json; then
	gate_open sum-json
	wait "$wpid"
	kg_wait
	if jq -se '([.[] | select(.type == "data")] | length == 10) and
		([.[] | select(.type == "fd_summary") | [.fd, .calls, .bytes, .largest]] ==
		 [[5, 5, 9, 3], [6, 5, 9, 3]])' "$W/sumj.out" >/dev/null; then
		pass summary-json
	else
		fail summary-json "$(grep fd_summary "$W/sumj.out")"
	fi
fi

# --summary after raw output goes to standard error; the raw stream stays exact.
g=$(gate_new sum-raw)
"$WRITER" --gate "$g" --fd 5 --sizes 100,4096,7 --count 9 5>/dev/null &
wpid=$!
if kg_start "$W/sumr.out" "$W/sumr.err" --pid "$wpid" --fds 5 --summary --format raw; then
	gate_open sum-raw
	wait "$wpid"
	kg_wait
	"$WRITER" --fd 5 --sizes 100,4096,7 --count 9 --emit 5 >"$W/sumr.want"
	same summary-raw-exact "$W/sumr.out" "$W/sumr.want"
	if grep -qE "^ +$wpid +writer +5 write +9 +12609 +4096 " "$W/sumr.err"; then
		pass summary-raw-stderr
	else
		fail summary-raw-stderr "$(cat "$W/sumr.err")"
	fi
fi

# Losses per fd: a 64 KiB ring and 30000-byte writes make the reader fall
# behind. Whatever is lost, each fd's calls shown + lost add up to what the
# workload made, and the per-fd losses add up to the total reported.
g=$(gate_new sum-lost)
"$WRITER" --gate "$g" --fd 5,6 --threads --size 30000 --count 300 5>/dev/null 6>/dev/null &
wpid=$!
if kg_start "$W/suml.out" "$W/suml.err" --pid "$wpid" --summary --format json --ring-size 64K \
	--max-bytes 0; then
	gate_open sum-lost
	wait "$wpid"
	kg_wait
	if jq -se '([.[] | select(.type == "fd_summary" and (.fd == 5 or .fd == 6)) |
			.calls + .lost] == [300, 300]) and
		([.[] | select(.type == "fd_summary") | .lost] | add) == .[-1].lost and
		([.[] | select(.type == "data")] | length) == .[-1].events' "$W/suml.out" >/dev/null; then
		pass summary-lost-per-fd
		echo "   (lost $(jq -s '.[-1].lost' "$W/suml.out") of 600 calls)"
	else
		fail summary-lost-per-fd "$(grep -E 'fd_summary|"summary"' "$W/suml.out")"
	fi
fi

# --count N: exactly the first N events, then it stops by itself while the
# target still runs. --duration: stops after that long, and every call the
# kernel side saw before detaching is shown (drained), none lost.
g=$(gate_new count)
"$PEER" --gate "$g" --mode trickle --lines 60000 7>/dev/null &
wpid=$!
if kg_start "$W/count.out" "$W/count.err" --pid "$wpid" --fds 7 --count 25 --format json; then
	gate_open count
	kg_wait
	for i in $(seq 1 25); do printf 'line %06d\n' "$i"; done >"$W/count.want"
	jq -j 'select(.type == "data") | .data' "$W/count.out" >"$W/count.got"
	if [ "$KG_RC" = 0 ] && kill -0 "$wpid" 2>/dev/null &&
		grep -q '^kubeglass: --count reached$' "$W/count.err"; then
		same count-first-n "$W/count.got" "$W/count.want"
	else
		fail count-first-n "rc $KG_RC; $(tail -n 3 "$W/count.err")"
	fi
	kill "$wpid" 2>/dev/null || true
	wait "$wpid" 2>/dev/null || true
fi

g=$(gate_new duration)
"$PEER" --gate "$g" --mode trickle --lines 60000 7>/dev/null &
wpid=$!
if kg_start "$W/dur.out" "$W/dur.err" --pid "$wpid" --fds 7 --duration 1.5 --format json; then
	gate_open duration
	start=$(date +%s%N)
	kg_wait
	ms=$((($(date +%s%N) - start) / 1000000))
	alive=0
	kill -0 "$wpid" 2>/dev/null && alive=1
	kill "$wpid" 2>/dev/null || true
	wait "$wpid" 2>/dev/null || true
	n=$(jq -s '[.[] | select(.type == "data")] | length' "$W/dur.out")
	for i in $(seq 1 "$n"); do printf 'line %06d\n' "$i"; done >"$W/dur.want"
	jq -j 'select(.type == "data") | .data' "$W/dur.out" >"$W/dur.got"
	# The lower bound is exact; the upper one only catches a tool that never stops.
	if [ "$KG_RC" = 0 ] && [ "$alive" = 1 ] && [ "$ms" -ge 1400 ] && [ "$ms" -lt 30000 ] &&
		[ "$n" -gt 0 ] && grep -q '^kubeglass: --duration reached$' "$W/dur.err" &&
		jq -se --argjson n "$n" '.[-1] | .type == "summary" and .events == $n and
			.calls == $n and .lost == 0' "$W/dur.out" >/dev/null; then
		same duration-drained "$W/dur.got" "$W/dur.want"
	else
		fail duration-drained "rc $KG_RC, alive $alive, $ms ms, $n events; $(tail -n 1 "$W/dur.out")"
	fi
fi

finish
