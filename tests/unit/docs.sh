# shellcheck shell=bash
# The documentation that ships: the man page renders without warnings, and
# --help, the man page and the bash completion name the same long options.
# No root needed.
set -eu
export LC_ALL=C
top=${KG_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
kg=${KG_BIN:-$top/kubeglass}
man_page=$top/docs/kubeglass.8
W=$(mktemp -d /tmp/kg-docs.XXXXXX)
trap 'rm -rf "$W"' EXIT
FAILED=0
pass() { echo "PASS $1"; }
fail() {
	echo "FAIL $1: $2"
	FAILED=1
}

# man-db's --warnings passes groff's warnings through (-ww): none may appear.
if MANWIDTH=80 man --warnings -l "$man_page" >"$W/man.txt" 2>"$W/man.err" && [ ! -s "$W/man.err" ]; then
	pass man-no-warnings
else
	fail man-no-warnings "$(head -n 3 "$W/man.err")"
fi
missing=
for sec in NAME SYNOPSIS OPTIONS EXAMPLES "EXIT STATUS" OVERHEAD LIMITATIONS; do
	grep -q "^$sec\$" "$W/man.txt" || missing="$missing $sec"
done
if [ -z "$missing" ]; then pass man-sections; else fail man-sections "missing:$missing"; fi

long_opts() { grep -oE -- '--[a-z][a-z-]*[a-z]' | sort -u; }
"$kg" --help | long_opts >"$W/help.opts"
long_opts <"$W/man.txt" >"$W/man.opts"
if [ "$(wc -l <"$W/help.opts")" -gt 10 ] && cmp -s "$W/help.opts" "$W/man.opts"; then
	pass help-matches-man
else
	fail help-matches-man "only in --help: $(comm -23 "$W/help.opts" "$W/man.opts" | tr '\n' ' ');" \
		"only in the man page: $(comm -13 "$W/help.opts" "$W/man.opts" | tr '\n' ' ')"
fi

# Exit statuses documented in both.
if "$kg" --help | grep -q '0 success, 1 runtime failure.*2 usage error' ||
	"$kg" --help | tr '\n' ' ' | grep -q '0 success, 1 runtime failure.*2 usage error'; then
	pass help-exit-status
else
	fail help-exit-status "--help does not document exit status"
fi

# The completion offers exactly the long options of --help, and the formats.
complete_words() {
	bash -c '. "$1"; COMP_WORDS=("${@:2}"); COMP_CWORD=$(($# - 2)); _kubeglass; printf "%s\n" "${COMPREPLY[@]}"' \
		_ "$top/completion/kubeglass.bash" "$@"
}
complete_words kubeglass -- | sort -u >"$W/comp.opts"
if cmp -s "$W/help.opts" "$W/comp.opts"; then
	pass completion-options
else
	fail completion-options "differs from --help: $(diff "$W/help.opts" "$W/comp.opts" | tr '\n' ' ')"
fi
if [ "$(complete_words kubeglass --format "" | tr '\n' ' ')" = "pretty raw json hex " ] &&
	[ "$(complete_words kubeglass -p 1 --for)" = "--format" ] &&
	complete_words kubeglass --pid "" | grep -qx 1; then
	pass completion-values
else
	fail completion-values "formats: $(complete_words kubeglass --format "" | tr '\n' ' ')"
fi

# Usage errors of the new options: status 2, one line naming the fix.
usage() {
	local name=$1 want=$2 out rc=0
	shift 2
	out=$("$kg" "$@" 2>&1 >/dev/null) || rc=$?
	if [ "$rc" = 2 ] && [ "$(printf '%s\n' "$out" | wc -l)" = 1 ] && printf '%s' "$out" | grep -q -- "$want"; then
		pass "$name"
	else
		fail "$name" "rc $rc: $out"
	fi
}
usage usage-format 'use pretty, raw, json or hex' -p 1 --format xml
usage usage-raw-reads 'with --reads use --format json' -p 1 --reads --format raw
usage usage-duration-zero 'above 0' -p 1 --duration 0
usage usage-duration-junk 'not a time' -p 1 --duration 1s
usage usage-count-zero 'above 0' -p 1 --count 0
usage usage-count-junk 'not a count' -p 1 --count -3

# make install puts the man page and the completion where they belong.
if make -s -C "$top" install DESTDIR="$W/root" PREFIX=/usr >"$W/install.log" 2>&1 &&
	cmp -s "$W/root/usr/share/man/man8/kubeglass.8" "$man_page" &&
	cmp -s "$W/root/usr/share/bash-completion/completions/kubeglass" "$top/completion/kubeglass.bash" &&
	[ -x "$W/root/usr/bin/kubeglass" ]; then
	pass install-docs
else
	fail install-docs "$(find "$W/root" -type f | tr '\n' ' ') $(tail -n 3 "$W/install.log")"
fi
exit "$FAILED"
