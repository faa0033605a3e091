# shellcheck shell=bash
# The container image (make image): it holds only /kubeglass, and run with
# podman --pid=host it traces a process of the host by PID, byte-exactly, with
# --privileged or with the documented capability list instead.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"

: "${KG_IMAGE:=localhost/kubeglass:$(cat "$KG_TOP/VERSION")}"
: "${KG_STORAGE=vfs}"
PODMAN=(podman ${KG_STORAGE:+--storage-driver "$KG_STORAGE"} --runtime runc
	--cgroup-manager cgroupfs)
podman_() { "${PODMAN[@]}" "$@"; }
if ! command -v podman >/dev/null || ! podman_ image exists "$KG_IMAGE"; then
	fail "image-present" "no podman or no image $KG_IMAGE; run make image-test"
	finish
fi

# One layer, one file, and the entrypoint.
podman_ save -q --format docker-archive -o "$W/image.tar" "$KG_IMAGE"
# Layers are the regular *.tar members; the rest are symlinks to them.
files=$(tar -tvf "$W/image.tar" | awk '/^-/ && $NF ~ /\.tar$/ { print $NF }' | while read -r layer; do
	tar -xOf "$W/image.tar" "$layer" | tar -t
done)
entry=$(podman_ image inspect --format '{{json .Config.Entrypoint}}' "$KG_IMAGE")
if [ "$files" = kubeglass ] && [ "$entry" = '["/kubeglass"]' ]; then
	pass "image-only-the-binary"
else
	fail "image-only-the-binary" "files: $(echo "$files" | tr '\n' ' '); entrypoint $entry"
fi
echo "image size: $(podman_ image inspect --format '{{.Size}}' "$KG_IMAGE") bytes"

# Root here lacks CAP_SYS_RESOURCE, so runc cannot raise RLIMIT_NOFILE above
# what it is: both limits are given explicitly.
RUN_ARGS=(run --rm --pid=host --network=none --ulimit "nofile=1024:$(ulimit -Hn)"
	--ulimit nproc=1024:1024)
CONTAINERS=()
kg_image() {
	exec "${PODMAN[@]}" "${RUN_ARGS[@]}" --name "${CONTAINERS[-1]}" "${OPTS[@]}" "$KG_IMAGE" "$@"
}
# shellcheck disable=SC2317 # run by the trap
_image_cleanup() {
	local c
	for c in "${CONTAINERS[@]}"; do podman_ rm -f "$c" >/dev/null 2>&1 || true; done
	_kg_cleanup
}
trap _image_cleanup EXIT

# trace_host NAME PODMAN-OPTIONS...: a writer on the host, kubeglass in the container.
trace_host() {
	local name=$1
	shift
	OPTS=("$@")
	CONTAINERS+=("kg-test-$$-$name")
	# shellcheck disable=SC2034 # capture_fd5 runs it
	KG_BIN=kg_image
	capture_fd5 "$name" --sizes 1,4096,70000 --count 30
}

trace_host "image-privileged-pid-host" --privileged
# The list README.md gives instead of --privileged. CAP_SYS_ADMIN is there for
# the runtime's default seccomp profile, which allows bpf(2) only with it.
trace_host "image-capabilities" --cap-drop=all --cap-add=CAP_BPF,CAP_PERFMON,CAP_SYS_ADMIN

# Without them it must refuse, with its one-line error: the case above is
# only worth something if the capabilities matter.
CONTAINERS+=("kg-test-$$-nocaps")
OPTS=(--cap-drop=all)
rc=0
(kg_image --pid 1) >"$W/nocaps.out" 2>"$W/nocaps.err" || rc=$?
if [ "$rc" -eq 1 ] && grep -q '^kubeglass: missing capabilit' "$W/nocaps.err"; then
	pass "image-no-capabilities-refused"
else
	fail "image-no-capabilities-refused" "exit $rc: $(head -n 1 "$W/nocaps.err")"
fi

finish
