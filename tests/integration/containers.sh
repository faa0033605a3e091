# Containers and cgroups: a real runc container traced by a 12-character prefix
# of its 64-hex ID, a cgroup the test makes, and the errors of both.
. "$(dirname "$0")/lib.sh"

CGROOT=$(findmnt -n -t cgroup2 -o TARGET | head -n 1)
if [ -z "$CGROOT" ]; then
	echo "SKIP containers: the kernel has no cgroup2 file system mounted"
	exit 0
fi
STATIC_WRITER=$KG_WORKLOADS/writer-static
RUNC=(runc --root "$W/runc")
ID=$(head -c 32 /dev/urandom | sha256sum | cut -c 1-64)
CG=$CGROOT/kg-test-$$-$RANDOM
FAKE=$(head -c 32 /dev/urandom | sha256sum | cut -c 1-16)
FAKE1=${FAKE}$(head -c 32 /dev/urandom | sha256sum | cut -c 1-48)
FAKE2=${FAKE}$(head -c 32 /dev/urandom | sha256sum | cut -c 1-48)

_containers_cleanup() {
	"${RUNC[@]}" delete --force "$ID" >/dev/null 2>&1 || true
	local d
	for d in "$CG/sub" "$CG" "$CGROOT/$FAKE1" "$CGROOT/$FAKE2"; do
		[ -d "$d" ] || continue
		xargs -r kill -9 <"$d/cgroup.procs" 2>/dev/null || true
		for _ in 1 2 3 4 5 6 7 8 9 10; do rmdir "$d" 2>/dev/null && break; sleep 0.1; done
	done
	_kg_cleanup
}
trap _containers_cleanup EXIT

# Waits for kubeglass PID to end by itself (bounded); its status in $KG_RC.
wait_own_end() {
	local pid=$1 i
	for ((i = 0; i < 400; i++)); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.05
	done
	kill -9 "$pid" 2>/dev/null || true
	KG_RC=0
	wait "$pid" || KG_RC=$?
}

# kubeglass (the static build) in a container of its own, with the host's PIDs
# and CAP_SYS_ADMIN, as kubectl glass runs it, traces the test container. In a
# container on a hybrid host there is no cgroup2 mount at all; kubeglass makes
# one in a mount namespace of its own.
from_a_container() {
	local static=${KG_STATIC_BIN:-$KG_TOP/build/static/kubeglass} tb=$W/tracer tid=kgtr$$ p i
	if [ ! -x "$static" ]; then
		fail "container-traced-from-a-container" "$static is missing; run make static"
		return
	fi
	mkdir -p "$tb/rootfs/out"
	cp "$static" "$tb/rootfs/kubeglass"
	(cd "$tb" && runc spec)
	jq --arg p "${ID:0:12}" '.process.terminal = false | .root.readonly = false |
		.process.args = ["/kubeglass", "--container", $p, "--stdout", "-F", "raw", "-o", "/out/cap"] |
		.linux.namespaces = [{"type": "mount"}, {"type": "ipc"}, {"type": "uts"}, {"type": "network"}] |
		.process.capabilities.bounding = ["CAP_SYS_ADMIN", "CAP_BPF", "CAP_PERFMON", "CAP_SYS_PTRACE",
			"CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH"] |
		.process.capabilities.effective = .process.capabilities.bounding |
		.process.capabilities.permitted = .process.capabilities.bounding' \
		"$tb/config.json" >"$tb/config.new"
	mv "$tb/config.new" "$tb/config.json"
	(cd "$tb" && exec "${RUNC[@]}" run "$tid" </dev/null >"$W/tr.out" 2>&1) &
	p=$!
	if ! wait_line "$W/tr.out" '^kubeglass: tracing' 30; then
		fail "container-traced-from-a-container" "not ready: $(cat "$W/tr.out")"
		"${RUNC[@]}" delete --force "$tid" >/dev/null 2>&1 || true
		return
	fi
	"${RUNC[@]}" exec "$ID" /kg/writer --fd 1 --size 3000 --count 7 --seed 23 >/dev/null
	"${RUNC[@]}" kill "$tid" INT
	for ((i = 0; i < 200; i++)); do kill -0 "$p" 2>/dev/null || break; sleep 0.05; done
	"${RUNC[@]}" delete --force "$tid" >/dev/null 2>&1 || true
	wait "$p" || true
	"$WRITER" --fd 1 --size 3000 --count 7 --seed 23 --emit 1 >"$W/tr.want"
	same "container-traced-from-a-container" "$tb/rootfs/out/cap" "$W/tr.want"
}

# --- a real container ---------------------------------------------------------
bundle=$W/bundle
mkdir -p "$bundle/rootfs/bin" "$bundle/rootfs/kg"
cp /bin/busybox "$bundle/rootfs/bin/busybox"
for c in sh sleep; do ln -s busybox "$bundle/rootfs/bin/$c"; done
cp "$STATIC_WRITER" "$bundle/rootfs/kg/writer"
mkfifo "$bundle/rootfs/kg/gate"
(cd "$bundle" && runc spec)
script='read x </kg/gate; echo in-$$; /kg/writer --fd 1 --size 1000 --count 20 --seed 21; : >/kg/done; exec sleep 1000'
jq --arg s "$script" '.process.terminal = false | .process.args = ["/bin/sh", "-c", $s] |
	.root.readonly = false' "$bundle/config.json" >"$bundle/config.new"
mv "$bundle/config.new" "$bundle/config.json"
if ! (cd "$bundle" && "${RUNC[@]}" run -d "$ID" >"$W/ctr.out" 2>"$W/ctr.err" </dev/null); then
	fail "container-start" "runc run failed: $(cat "$W/ctr.err")"
	finish
fi
hostpid=$("${RUNC[@]}" state "$ID" | jq -r .pid)

"$KG_BIN" --container "${ID:0:12}" --stdout --format raw >"$W/ctr.raw" 2>"$W/ctr.raw.err" &
raw_pid=$!
"$KG_BIN" --container "containerd://${ID:0:12}" >"$W/ctr.pretty" 2>"$W/ctr.pretty.err" &
pretty_pid=$!
if wait_line "$W/ctr.raw.err" '^kubeglass: tracing' 30 &&
	wait_line "$W/ctr.pretty.err" '^kubeglass: tracing' 30; then
	# shellcheck disable=SC2016
	timeout 20 bash -c 'echo go >"$1"' _ "$bundle/rootfs/kg/gate"
	for ((i = 0; i < 400; i++)); do [ -e "$bundle/rootfs/kg/done" ] && break; sleep 0.05; done
	# A host process writing to its stdout meanwhile must not appear.
	"$WRITER" --fd 1 --size 1000 --count 20 --seed 99 >/dev/null &
	outside=$!
	wait "$outside"
	# A process started in the container after attach is traced too.
	"${RUNC[@]}" exec "$ID" /kg/writer --fd 1 --size 2000 --count 5 --seed 22 >"$W/exec.out"
	KG_PID=$raw_pid
	kg_stop
	raw_rc=$KG_RC
	{
		printf 'in-1\n'
		"$WRITER" --fd 1 --size 1000 --count 20 --seed 21 --emit 1
		"$WRITER" --fd 1 --size 2000 --count 5 --seed 22 --emit 1
	} >"$W/ctr.want"
	same "container-exact-capture" "$W/ctr.raw" "$W/ctr.want"
	if [ "$raw_rc" = 0 ]; then
		pass "container-interrupt-exit-0"
	else
		fail "container-interrupt-exit-0" "exited $raw_rc"
	fi
	if grep -q "^kubeglass: tracing container ${ID:0:12} (cgroup $CGROOT/$ID), 1 process now" \
		"$W/ctr.raw.err"; then
		pass "container-ready-line"
	else
		fail "container-ready-line" "$(head -n 1 "$W/ctr.raw.err")"
	fi
	from_a_container
	# Removing the container removes its cgroup: kubeglass says so and stops.
	"${RUNC[@]}" kill "$ID" KILL
	for ((i = 0; i < 100; i++)); do
		"${RUNC[@]}" delete "$ID" 2>/dev/null && break
		sleep 0.1
	done
	wait_own_end "$pretty_pid"
	if [ "$KG_RC" = 0 ] && grep -q "^kubeglass: the cgroup $CGROOT/$ID was removed" \
		"$W/ctr.pretty.err"; then
		pass "container-removed-stops"
	else
		fail "container-removed-stops" "exited $KG_RC: $(tail -n 3 "$W/ctr.pretty.err")"
	fi
	# (After the pretty instance has ended: its output is complete.)
	# The init process is PID 1 inside; the exec'd writer has its own PIDs there too.
	if grep -qE "^[0-9:.]+ sh\[$hostpid/$hostpid ns 1/1\] fd 1(<[^>]*>)? write 5 bytes$" "$W/ctr.pretty" &&
		grep -qE "^[0-9:.]+ writer\[[0-9]+/[0-9]+ ns [0-9]+/[0-9]+\] fd 1(<[^>]*>)? write 2000 bytes( \(binary\))?$" \
			"$W/ctr.pretty"; then
		pass "container-side-pids"
	else
		fail "container-side-pids" "$(grep -v '^ ' "$W/ctr.pretty" | head -n 3)"
	fi
	if grep -qE "\[$outside/" "$W/ctr.pretty"; then
		fail "container-nothing-from-outside" "host pid $outside appears"
	else
		pass "container-nothing-from-outside"
	fi
else
	fail "container-trace" "kubeglass did not start: $(cat "$W/ctr.raw.err" "$W/ctr.pretty.err")"
fi

# --- a cgroup the test makes ----------------------------------------------------
mkdir "$CG" "$CG/sub"
g=$(gate_new cg)
# shellcheck disable=SC2016
sh -c 'echo $$ >"$1/cgroup.procs"; shift; exec "$@"' _ "$CG" \
	"$WRITER" --gate "$g" --fd 5 --size 700 --count 10 --seed 31 5>/dev/null &
a=$!
if kg_start "$W/cg.cap" "$W/cg.err" --cgroup "$CG" --fds 5 --format raw; then
	cg_pid=$KG_PID
	gate_open cg
	wait "$a"
	# Started after attach, in a descendant cgroup.
	# shellcheck disable=SC2016
	sh -c 'echo $$ >"$1/cgroup.procs"; shift; exec "$@"' _ "$CG/sub" \
		"$WRITER" --fd 5 --size 900 --count 10 --seed 32 5>/dev/null
	"$WRITER" --fd 5 --size 800 --count 10 --seed 33 5>/dev/null # outside
	rmdir "$CG/sub" "$CG"
	wait_own_end "$cg_pid"
	KG_PID=
	{
		"$WRITER" --fd 5 --size 700 --count 10 --seed 31 --emit 5
		"$WRITER" --fd 5 --size 900 --count 10 --seed 32 --emit 5
	} >"$W/cg.want"
	same "cgroup-with-descendants" "$W/cg.cap" "$W/cg.want"
	if [ "$KG_RC" = 0 ] && grep -q "^kubeglass: the cgroup $CG was removed" "$W/cg.err"; then
		pass "cgroup-removed-stops"
	else
		fail "cgroup-removed-stops" "exited $KG_RC: $(tail -n 3 "$W/cg.err")"
	fi
else
	fail "cgroup-with-descendants" "kubeglass did not start"
fi

# --- errors -------------------------------------------------------------------
# expect_error NAME CODE REGEX ARGS...: one stderr line matching REGEX, exit CODE.
expect_error() {
	local name=$1 code=$2 re=$3 rc=0
	shift 3
	"$KG_BIN" "$@" >"$W/$name.out" 2>"$W/$name.err" || rc=$?
	if [ "$rc" = "$code" ] && [ "$(wc -l <"$W/$name.err")" = 1 ] && grep -qE "$re" "$W/$name.err"; then
		pass "$name"
	else
		fail "$name" "exited $rc: $(cat "$W/$name.err")"
	fi
}
mkdir "$CGROOT/$FAKE1" "$CGROOT/$FAKE2"
expect_error "error-ambiguous-prefix" 1 \
	"^kubeglass: container ID prefix ${FAKE:0:12} is ambiguous: it matches ($FAKE1,$FAKE2|$FAKE2,$FAKE1); give more of the ID$" \
	--container "docker://${FAKE:0:12}"
expect_error "error-unknown-container" 1 "^kubeglass: no container with ID ${FAKE}0000\.\.\. in " \
	--container "cri-o://${FAKE}0000"
expect_error "error-missing-cgroup" 1 "^kubeglass: no cgroup $CGROOT/kg-none-$$; " \
	--cgroup "$CGROOT/kg-none-$$"
expect_error "error-not-a-cgroup" 1 "^kubeglass: $W is not a cgroup v2 directory" --cgroup "$W"
expect_error "error-bad-container-id" 2 "^kubeglass: --container 'xyz': a container ID is 12 to 64" \
	--container xyz
expect_error "error-container-and-pid" 2 "does not combine with --pid" --container "$ID" --pid 1

finish
