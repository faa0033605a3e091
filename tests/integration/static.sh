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

# shellcheck disable=SC2034 # capture_fd5 runs it
KG_BIN=kg_chroot
capture_fd5 "static-trace-in-empty-root" --sizes 1,4096,70000 --count 30

finish
