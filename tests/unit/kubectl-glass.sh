# shellcheck shell=bash
# kubectl glass (deploy/kubectl-glass) against a stand-in kubectl that serves
# real pod documents from tests/data/kubectl and records what it was asked.
# No cluster is involved: this checks the plugin's logic, errors and the pod it
# would create, parsed with a real YAML parser.
set -eu
export LC_ALL=C
top=${KG_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
PLUGIN=$top/deploy/kubectl-glass
DATA=$top/tests/data/kubectl
PY=/usr/bin/python3
W=$(mktemp -d /tmp/kg-glass.XXXXXX)
trap 'rm -rf "$W"' EXIT
FAILED=0
pass() { echo "PASS $1"; }
fail() {
	echo "FAIL $1: $2"
	FAILED=1
}

CID_CONTAINERD=8d6f1c0b2a4e93f7c5d1e0b9a8f7e6d5c4b3a2918f7e6d5c4b3a29180f1e2d3c
CID_CRIO=3fa94c1e7b2d8a6f0e5c4b3a29187f6e5d4c3b2a1908f7e6d5c4b3a2f1e0d9c8
CID_DOCKER=b7e1d9c4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6
CID_ENVOY=f0e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a5968778695a4b3c2d1e0f

# The stand-in. FAKE_POD: the document "get pod" serves; FAKE_DEBUG=sysadmin:
# its "debug --help" lists that profile; FAKE_STATES: the helper pod's states,
# one per "get pod" of it (PHASE|EXITCODE|WAITING-REASON), the last repeated;
# FAKE_FORBID: a verb answered with Forbidden; FAKE_LOGS_BLOCK: logs -f never ends.
mkdir -p "$W/bin"
cat >"$W/bin/kubectl" <<'FAKE'
#!/bin/sh
{ printf 'kubectl'; for a in "$@"; do printf ' [%s]' "$a"; done; echo; } >>"$FAKE_LOG"
if [ "$1" = "${FAKE_FORBID:-}" ]; then
	echo "Error from server (Forbidden): pods is forbidden: User \"dev@example.com\" cannot $1 resource \"pods\" in API group \"\" in the namespace \"shop\"" >&2
	exit 1
fi
case "$1 $2" in
"get pod")
	case $3 in
	kubeglass-* | node-debugger-*)
		n=$(($(cat "$FAKE_DIR/state.n" 2>/dev/null || echo 0) + 1))
		echo "$n" >"$FAKE_DIR/state.n"
		st=$(printf '%s\n' "$FAKE_STATES" | tr ' ' '\n' | sed -n "${n}p")
		[ -n "$st" ] || st=$(printf '%s\n' "$FAKE_STATES" | tr ' ' '\n' | tail -n 1)
		IFS='|' read -r phase code reason <<EOS
$st
EOS
		if [ -n "$code" ]; then state="{\"terminated\": {\"exitCode\": $code, \"reason\": \"Completed\"}}"
		elif [ -n "$reason" ]; then state="{\"waiting\": {\"reason\": \"$reason\"}}"
		else state='{"running": {"startedAt": "2026-11-30T10:00:00Z"}}'; fi
		printf '{"kind": "Pod", "metadata": {"name": "%s"}, "status": {"phase": "%s", "containerStatuses": [{"name": "kubeglass", "state": %s}]}}\n' "$3" "$phase" "$state"
		;;
	*)
		if [ -z "${FAKE_POD:-}" ]; then
			echo "Error from server (NotFound): pods \"$3\" not found" >&2
			exit 1
		fi
		cat "$FAKE_POD"
		;;
	esac
	;;
"debug --help")
	if [ "${FAKE_DEBUG:-}" = sysadmin ]; then
		echo '    --profile='"'"'legacy'"'"': Options are "legacy", "general", "baseline", "netadmin", "restricted" or "sysadmin".'
	else
		echo '    --profile='"'"'legacy'"'"': Options are "legacy", "general", "baseline", "netadmin" or "restricted".'
	fi
	;;
debug\ node/*)
	echo "Creating debugging pod node-debugger-${2#node/}-bx7kq with container debugger on node ${2#node/}." >&2
	;;
"create -f")
	cp "$3" "$FAKE_DIR/created.yaml"
	echo "pod/kubeglass-x7q2m"
	;;
"logs -f")
	echo "kubeglass: tracing container"
	echo "GET /health HTTP/1.1"
	if [ -n "${FAKE_LOGS_BLOCK:-}" ]; then
		echo started >"$FAKE_DIR/logs.started"
		exec sleep 1000
	fi
	;;
esac
exit 0
FAKE
chmod +x "$W/bin/kubectl"
export PATH="$W/bin:$PATH" FAKE_LOG FAKE_DIR FAKE_POD FAKE_DEBUG FAKE_STATES FAKE_FORBID FAKE_LOGS_BLOCK

# glass NAME ARGS...: run the plugin with /bin/sh (dash on Debian: POSIX only)
# in a fresh folder; stdout, stderr, status and the call log land in $W/NAME.*.
glass() {
	local name=$1
	shift
	LAST=$name
	FAKE_DIR=$W/$name.d
	FAKE_LOG=$W/$name.log
	mkdir -p "$FAKE_DIR"
	: >"$FAKE_LOG"
	RC=0
	KUBEGLASS_IMAGE=registry.example.com/kubeglass:0.1.0 KUBEGLASS_START_TIMEOUT=3 \
		sh "$PLUGIN" "$@" >"$W/$name.out" 2>"$W/$name.err" || RC=$?
}
reset_fake() {
	FAKE_POD='' FAKE_DEBUG='' FAKE_STATES='Running Succeeded|0' FAKE_FORBID='' FAKE_LOGS_BLOCK=''
}

# yaml_check FILE EXPR: a python expression over m, the parsed manifest.
yaml_check() {
	"$PY" - "$1" "$2" <<'PY'
import sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1]).read().split("---\n", 1)[-1]) if d]
m = docs[0]
sys.exit(0 if eval("(" + sys.argv[2] + ")") else 1)
PY
}

expect_error() { # TEST STATUS REGEX: the last run failed so, and created nothing
	local test=$1 st=$2 re=$3 name=$LAST
	if [ "$RC" -ne "$st" ]; then
		fail "$test" "exit $RC, wanted $st: $(head -n 1 "$W/$name.err")"
	elif ! grep -qE "^kubectl-glass: $re" "$W/$name.err" || [ "$(wc -l <"$W/$name.err")" -ne 1 ]; then
		fail "$test" "message: $(cat "$W/$name.err")"
	elif [ -e "$W/$name.d/created.yaml" ] || grep -qF '[debug] [node/' "$W/$name.log"; then
		fail "$test" "started a pod anyway"
	else
		pass "$test"
	fi
}

# 1. One pod per runtime: the ID loses its prefix, the manifest is right.
for rt in containerd crio docker; do
	reset_fake
	FAKE_POD=$DATA/pod-$rt.json
	glass "dry-$rt" web-7d9f8c6b5-kx2vq -n shop --mode manifest --dry-run -- --stdout --max-bytes 4K
	case $rt in containerd) id=$CID_CONTAINERD node=gke-prod-pool-1-8f2c1a7d-x9k2 ;;
	crio) id=$CID_CRIO node=worker-2.ocp.example.internal ;;
	docker) id=$CID_DOCKER node=minikube ;;
	esac
	if [ "$RC" -eq 0 ] &&
		grep -qxF "command: /kubeglass --container $id --stdout --max-bytes 4K" "$W/dry-$rt.out" &&
		grep -qxF "node: $node" "$W/dry-$rt.out" &&
		grep -qF 'kubectl [get] [pod] [web-7d9f8c6b5-kx2vq] [-n] [shop] [-o] [json]' "$W/dry-$rt.log" &&
		yaml_check "$W/dry-$rt.out" "m['kind'] == 'Pod' and m['apiVersion'] == 'v1' and
			m['metadata']['namespace'] == 'shop' and m['spec']['nodeName'] == '$node' and
			m['spec']['hostPID'] is True and m['spec']['restartPolicy'] == 'Never' and
			len(m['spec']['containers']) == 1 and
			m['spec']['containers'][0]['image'] == 'registry.example.com/kubeglass:0.1.0' and
			m['spec']['containers'][0]['args'] == ['--container', '$id', '--stdout', '--max-bytes', '4K'] and
			m['spec']['containers'][0]['securityContext'] == {'privileged': True} and
			m['metadata']['annotations']['kubeglass.io/target'] == 'shop/web-7d9f8c6b5-kx2vq/web'"; then
		pass "runtime-$rt"
	else
		fail "runtime-$rt" "exit $RC: $(head -n 3 "$W/dry-$rt.err" "$W/dry-$rt.out" | tr '\n' ' ')"
	fi
done

# 2. Arguments that YAML and the shell could mangle arrive unchanged.
reset_fake
FAKE_POD=$DATA/pod-containerd.json
glass quoting web-7d9f8c6b5-kx2vq --mode manifest --dry-run -- -o '/tmp/a b' 'say "hi"' 'back\slash' '#x: y' '*' '- z' "it's"
if [ "$RC" -eq 0 ] && yaml_check "$W/quoting.out" \
	"m['spec']['containers'][0]['args'][2:] == ['-o', '/tmp/a b', 'say \"hi\"', 'back\\\\slash', '#x: y', '*', '- z', \"it's\"]"; then
	pass "args-quoting"
else
	fail "args-quoting" "$(grep -A30 args: "$W/quoting.out" | head -n 12 | tr '\n' ' ')"
fi

# 3. The manifest is deploy/kubernetes/kubeglass-pod.yaml, filled in.
if "$PY" - "$top/deploy/kubernetes/kubeglass-pod.yaml" "$W/dry-containerd.out" "$CID_CONTAINERD" <<'PY'; then
import sys, yaml
tmpl = open(sys.argv[1]).read()
for k, v in {"NAMESPACE": "shop", "POD": "web-7d9f8c6b5-kx2vq", "CONTAINER": "web",
             "NODE": "gke-prod-pool-1-8f2c1a7d-x9k2", "CONTAINER_ID": sys.argv[3],
             "IMAGE": "registry.example.com/kubeglass:0.1.0"}.items():
    tmpl = tmpl.replace("${%s}" % k, v)
want = yaml.safe_load(tmpl)
got = yaml.safe_load(open(sys.argv[2]).read().split("---\n", 1)[1])
want["spec"]["containers"][0]["args"] += ["--stdout", "--max-bytes", "4K"]
sys.exit(0 if want == got else 1)
PY
	pass "manifest-is-deploy-file"
else
	fail "manifest-is-deploy-file" "the plugin's pod and deploy/kubernetes/kubeglass-pod.yaml differ"
fi
if "$PY" -c 'import sys, yaml; d = yaml.safe_load(open(sys.argv[1])); c = d["spec"]["template"]["spec"]; sys.exit(0 if d["kind"] == "DaemonSet" and c["hostPID"] and c["containers"][0]["securityContext"]["privileged"] else 1)' \
	"$top/deploy/kubernetes/daemonset.yaml"; then
	pass "daemonset-parses"
else
	fail "daemonset-parses" "not a hostPID privileged DaemonSet"
fi

# 4. A whole run with a generated manifest: created, streamed, exit status
#    passed on, deleted.
reset_fake
FAKE_POD=$DATA/pod-containerd.json
FAKE_STATES='Pending||ContainerCreating Running Succeeded|3'
glass run-manifest web-7d9f8c6b5-kx2vq -n shop -- --stdout
if [ "$RC" -eq 3 ] && grep -qx 'GET /health HTTP/1.1' "$W/run-manifest.out" &&
	grep -qF 'kubectl [create] [-f]' "$W/run-manifest.log" &&
	grep -qF 'kubectl [logs] [-f] [pod/kubeglass-x7q2m] [-n] [shop]' "$W/run-manifest.log" &&
	tail -n 1 "$W/run-manifest.log" | grep -qF 'kubectl [delete] [pod] [kubeglass-x7q2m] [-n] [shop]' &&
	yaml_check "$W/run-manifest.d/created.yaml" \
		"m['spec']['containers'][0]['args'] == ['--container', '$CID_CONTAINERD', '--stdout']"; then
	pass "run-manifest"
else
	fail "run-manifest" "exit $RC; $(tr '\n' ' ' <"$W/run-manifest.err")"
fi

# 5. Where kubectl debug has --profile=sysadmin, it is used.
reset_fake
FAKE_POD=$DATA/pod-crio.json
FAKE_DEBUG=sysadmin
glass run-debug web-7d9f8c6b5-kx2vq -n shop -- --stderr
node=worker-2.ocp.example.internal
if [ "$RC" -eq 0 ] &&
	grep -qxF "kubectl [debug] [node/$node] [-n] [shop] [--profile=sysadmin] [--image=registry.example.com/kubeglass:0.1.0] [--] [/kubeglass] [--container] [$CID_CRIO] [--stderr]" "$W/run-debug.log" &&
	! grep -qF '[create]' "$W/run-debug.log" &&
	tail -n 1 "$W/run-debug.log" | grep -qF "kubectl [delete] [pod] [node-debugger-$node-bx7kq] [-n] [shop]"; then
	pass "run-debug-node"
else
	fail "run-debug-node" "exit $RC; $(tr '\n' ' ' <"$W/run-debug.err")"
fi

# 6. Several containers: -c is required, and chooses.
reset_fake
FAKE_POD=$DATA/pod-multi.json
glass multi-no-c api-5c8d7f9b4-q7wzt -n shop
expect_error "multi-container-needs-c" 2 "pod shop/api-5c8d7f9b4-q7wzt has 2 containers \(app, envoy\); choose one with -c"
glass multi-c api-5c8d7f9b4-q7wzt -n shop -c envoy --mode manifest --dry-run
if [ "$RC" -eq 0 ] && grep -qxF "command: /kubeglass --container $CID_ENVOY" "$W/multi-c.out"; then
	pass "multi-container-c"
else
	fail "multi-container-c" "exit $RC: $(head -n 2 "$W/multi-c.err" "$W/multi-c.out" | tr '\n' ' ')"
fi
glass multi-bad-c api-5c8d7f9b4-q7wzt -n shop -c nginx
expect_error "unknown-container" 2 "pod shop/api-5c8d7f9b4-q7wzt has no container 'nginx'; its containers: app, envoy"

# 7. Pods that cannot be traced.
reset_fake
FAKE_POD=$DATA/pod-pending.json
glass pending web-7d9f8c6b5-m4p8r -n shop
expect_error "pending-pod" 1 "pod shop/web-7d9f8c6b5-m4p8r is not running yet \(Pending: ContainerCreating\)"
FAKE_POD=$DATA/pod-completed.json
glass completed db-migrate-28871530-vx5rl -n shop
expect_error "completed-pod" 1 "pod shop/db-migrate-28871530-vx5rl has completed \(Succeeded\)"
FAKE_POD=''
glass notfound nope -n shop
expect_error "pod-not-found" 1 "pod nope not found in namespace shop"

# 8. RBAC: reading the pod, or creating the helper, forbidden.
reset_fake
FAKE_POD=$DATA/pod-containerd.json
FAKE_FORBID='get'
glass rbac-get web-7d9f8c6b5-kx2vq -n shop
expect_error "rbac-get-forbidden" 1 "not allowed to get pod web-7d9f8c6b5-kx2vq \(RBAC\):.*rbac.yaml"
FAKE_FORBID=create
glass rbac-create web-7d9f8c6b5-kx2vq -n shop --mode manifest
expect_error "rbac-create-forbidden" 1 "not allowed to create a pod in namespace shop \(RBAC\):.*rbac.yaml"

# 9. An image the node cannot pull: a clear error, and the helper deleted.
reset_fake
FAKE_POD=$DATA/pod-docker.json
FAKE_STATES='Pending||ErrImagePull'
glass pull web-7d9f8c6b5-kx2vq -n shop --mode manifest
if [ "$RC" -eq 1 ] && grep -q "cannot pull registry.example.com/kubeglass:0.1.0 (ErrImagePull)" "$W/pull.err" &&
	tail -n 1 "$W/pull.log" | grep -qF 'kubectl [delete] [pod] [kubeglass-x7q2m]'; then
	pass "image-pull-error"
else
	fail "image-pull-error" "exit $RC: $(tr '\n' ' ' <"$W/pull.err")"
fi

# 10. Ctrl-C while streaming: the helper pod is deleted. Job control gives the
#     plugin its own process group, as a terminal would, and keeps SIGINT live.
reset_fake
FAKE_POD=$DATA/pod-containerd.json
FAKE_LOGS_BLOCK=1
FAKE_DIR=$W/ctrlc.d FAKE_LOG=$W/ctrlc.log
mkdir -p "$FAKE_DIR"
set -m
KUBEGLASS_IMAGE=registry.example.com/kubeglass:0.1.0 sh "$PLUGIN" web-7d9f8c6b5-kx2vq -n shop --mode manifest \
	>"$W/ctrlc.out" 2>"$W/ctrlc.err" &
gpid=$!
set +m
for _ in $(seq 200); do [ -f "$FAKE_DIR/logs.started" ] && break; sleep 0.05; done
kill -INT -- "-$gpid" 2>/dev/null || true
RC=0
wait "$gpid" || RC=$?
if [ "$RC" -eq 130 ] && tail -n 1 "$W/ctrlc.log" | grep -qF 'kubectl [delete] [pod] [kubeglass-x7q2m] [-n] [shop]'; then
	pass "ctrl-c-deletes-pod"
else
	fail "ctrl-c-deletes-pod" "exit $RC; last call: $(tail -n 1 "$W/ctrlc.log")"
fi

# 11. Usage errors, and the version (the default image's tag) kept in step.
glass version --version
if [ "$(cat "$W/version.out")" = "kubectl-glass $(cat "$top/VERSION")" ]; then
	pass "plugin-version"
else
	fail "plugin-version" "$(cat "$W/version.out") but VERSION is $(cat "$top/VERSION")"
fi
glass usage-none
expect_error "usage-no-pod" 2 "which pod\?"
glass usage-two a b
expect_error "usage-two-pods" 2 "one pod at a time"
glass usage-cntrl web -- "$(printf 'a\nb')"
expect_error "usage-control-character" 2 "an option holds a control character"

if command -v shellcheck >/dev/null; then
	if shellcheck "$PLUGIN" >"$W/sc.out" 2>&1; then
		pass "shellcheck-plugin"
	else
		fail "shellcheck-plugin" "$(head -n 3 "$W/sc.out" | tr '\n' ' ')"
	fi
else
	echo "SKIP shellcheck-plugin: shellcheck not installed (scripts/install-deps --test)"
fi
exit "$FAILED"
