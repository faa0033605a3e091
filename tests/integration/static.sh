# shellcheck shell=bash
# The static build (make static): no shared libraries, and it traces a process
# from a directory that holds nothing but the binary (a chroot with only /proc
# and /sys mounted), as on a node without any of the build packages.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"

STATIC=${KG_STATIC_BIN:-$KG_TOP/build/static/kubeglass}
if [ ! -x "$STATIC" ]; then
	fail "static-built" "$STATIC is missing; run make static"
	finish
fi

if LC_ALL=C ldd "$STATIC" 2>&1 | grep -q 'not a dynamic executable'; then
	pass "static-not-dynamic"
else
	fail "static-not-dynamic" "ldd: $(ldd "$STATIC" 2>&1 | head -n 1)"
fi
if readelf -lW "$STATIC" | grep -q 'INTERP'; then
	fail "static-no-interpreter" "the binary asks for a dynamic loader"
else
	pass "static-no-interpreter"
fi

# An empty root: the binary, and mount points for /proc and /sys (pid files,
# kernel BTF). unshare gives the mounts their own namespace, so they vanish
# with it.
ROOT=$W/root
mkdir -p "$ROOT/proc" "$ROOT/sys"
cp "$STATIC" "$ROOT/kubeglass"
kg_chroot() {
	# shellcheck disable=SC2016 # expanded by the inner sh
	exec unshare --mount --propagation private sh -c \
		'mount --rbind /proc "$0/proc" && mount --rbind /sys "$0/sys" && exec chroot "$0" /kubeglass "$@"' \
		"$ROOT" "$@"
}

if [ "$(kg_chroot --version 2>&1)" = "kubeglass $(cat "$KG_TOP/VERSION")" ]; then
	pass "static-version-in-empty-root"
else
	fail "static-version-in-empty-root" "$(kg_chroot --version 2>&1 | head -n 1)"
fi

g=$(gate_new chroot)
"$WRITER" --gate "$g" --sizes 1,4096,70000 --count 30 --fd 5 5>/dev/null &
wpid=$!
# shellcheck disable=SC2034 # kg_start runs it
KG_BIN=kg_chroot
if kg_start "$W/chroot.cap" "$W/chroot.err" --pid "$wpid" --fds 5 --format raw; then
	gate_open chroot
	wait "$wpid" || fail "static-trace-in-empty-root" "workload failed"
	kg_wait
	"$WRITER" --sizes 1,4096,70000 --count 30 --fd 5 --emit 5 >"$W/chroot.want"
	if [ "$KG_RC" -ne 0 ]; then
		fail "static-trace-in-empty-root" "exited $KG_RC: $(tail -n 2 "$W/chroot.err")"
	else
		same "static-trace-in-empty-root" "$W/chroot.cap" "$W/chroot.want"
	fi
else
	fail "static-trace-in-empty-root" "did not start: $(tail -n 2 "$W/chroot.err")"
fi

finish
