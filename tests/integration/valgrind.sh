# kubeglass under valgrind memcheck: a real capture (pretty and raw, with reassembly of chunked
# writes) must give zero errors and no leaks. Suppressions, each with its reason, are in
# tests/valgrind.supp.
. "$(dirname "$0")/lib.sh"

if grep -q __asan_init "$KG_BIN"; then
	# valgrind cannot run an ASan binary; the plain `make check` runs this test.
	echo "SKIP valgrind: $KG_BIN is built with ASan (make check SANITIZE=1), which valgrind cannot run"
	finish
fi
if ! command -v valgrind >/dev/null; then
	fail valgrind "valgrind is not installed (scripts/install-deps --test installs it)"
	finish
fi

vg_case() {
	local name=$1
	shift
	local g
	g=$(gate_new "$name")
	"$WRITER" --gate "$g" --sizes 1,100,20000,70000 --count 8 --fd 5 5>/dev/null &
	local wpid=$!
	valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=all \
		--show-leak-kinds=definite,indirect,possible \
		--suppressions="$KG_TOP/tests/valgrind.supp" --log-file="$W/$name.vg" \
		"$KG_BIN" --pid "$wpid" --fds 5 "$@" >"$W/$name.cap" 2>"$W/$name.err" &
	KG_PID=$!
	local i
	for ((i = 0; i < 1200; i++)); do
		grep -q '^kubeglass: tracing' "$W/$name.err" 2>/dev/null && break
		kill -0 "$KG_PID" 2>/dev/null || break
		sleep 0.05
	done
	if ! grep -q '^kubeglass: tracing' "$W/$name.err"; then
		fail "$name" "kubeglass under valgrind did not start: $(tail -n 5 "$W/$name.vg")"
		return
	fi
	gate_open "$name"
	wait "$wpid"
	kg_wait
	if [ "$KG_RC" -eq 0 ] && grep -q 'ERROR SUMMARY: 0 errors' "$W/$name.vg"; then
		pass "$name ($(grep -o 'total heap usage.*' "$W/$name.vg"))"
	else
		fail "$name" "exit $KG_RC; $(grep -E 'ERROR SUMMARY|definitely|Invalid|uninitialised' "$W/$name.vg" | head -n 5)"
		sed 's/^/      /' "$W/$name.vg" | head -n 60
	fi
}

vg_case valgrind-pretty
vg_case valgrind-raw --format raw
"$WRITER" --sizes 1,100,20000,70000 --count 8 --fd 5 --emit 5 >"$W/raw.want"
same valgrind-raw-bytes "$W/valgrind-raw.cap" "$W/raw.want"

finish
