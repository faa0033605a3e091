# Every option with invalid values: each must exit 2 (usage) or 1 (runtime) with exactly one
# line that names the problem; never a crash, a hang or a silent default. One row per case: a
# later option is one more line. Placeholders in ARGS: @SELF a live process (this shell), @ZOMBIE
# a process that has exited (a zombie: it passes the checks, then is gone at attach), @OUT a
# writable file in the work folder.
. "$(dirname "$0")/lib.sh"

# A zombie: its parent never reaps it.
sh -c 'sleep 0 & exec sleep 60' &
zparent=$!
zombie=
for ((i = 0; i < 100; i++)); do
	zombie=$(cat "/proc/$zparent/task/$zparent/children" 2>/dev/null | awk '{ print $1 }')
	[ -n "$zombie" ] && [ "$(awk '{ print $3 }' "/proc/$zombie/stat" 2>/dev/null)" = Z ] && break
	sleep 0.05
done

: >"$W/out"

# NAME | EXIT | REGEX the one stderr line must match (no '|' in it) | ARGS
while IFS='|' read -r name want re args; do
	name=$(echo $name)
	want=$(echo $want)
	[ -z "$name" ] || [ "${name#\#}" != "$name" ] && continue
	re=$(echo "$re" | sed 's/^ *//; s/ *$//')
	args=${args//@SELF/$$}
	args=${args//@ZOMBIE/$zombie}
	args=${args//@OUT/$W/out}
	re=${re//@OUT/$W/out}
	rc=0
	# shellcheck disable=SC2086
	eval "timeout 10 \"\$KG_BIN\" $args" >"$W/$name.out" 2>"$W/$name.err" </dev/null || rc=$?
	if [ "$rc" -eq "$want" ] && [ "$(wc -l <"$W/$name.err")" -eq 1 ] && grep -qE "$re" "$W/$name.err"; then
		pass "bad-input-$name"
	else
		fail "bad-input-$name" "rc=$rc (want $want), args '$args': $(head -c 300 "$W/$name.err")"
	fi
done <<'TABLE'
# --- targets
no-target           | 2 | ^kubeglass: no target: give --pid PID                        |
pid-empty           | 2 | ^kubeglass: --pid needs a value                              | --pid ''
pid-negative        | 2 | ^kubeglass: --pid: '-1' is not a process ID \(1 to           | --pid -1
pid-zero            | 2 | ^kubeglass: --pid: '0' is not a process ID                   | --pid 0
pid-garbage         | 2 | ^kubeglass: --pid: '12ab' is not a process ID                | --pid 12ab
pid-plus-sign       | 2 | ^kubeglass: --pid: '\+5' is not a process ID                 | --pid +5
pid-hex             | 2 | ^kubeglass: --pid: '0x10' is not a process ID                | --pid 0x10
pid-overflow        | 2 | ^kubeglass: --pid: '18446744073709551617' is not a process ID | --pid 18446744073709551617
pid-above-limit     | 2 | ^kubeglass: --pid: '4194304' is not a process ID             | --pid 4194304
pid-empty-item      | 2 | ^kubeglass: --pid '1,,2' has an empty item                   | --pid 1,,2
pid-trailing-comma  | 2 | ^kubeglass: --pid '1,' has an empty item                     | --pid 1,
pid-only-comma      | 2 | ^kubeglass: --pid ',' has an empty item                      | --pid ,
pid-duplicate       | 2 | ^kubeglass: --pid: 7 is given twice                          | --pid 7,7
pid-duplicate-flags | 2 | ^kubeglass: --pid: 7 is given twice                          | --pid 7 -p 7
pid-missing-value   | 2 | ^kubeglass: option --pid needs a value                       | --pid
pid-no-process      | 1 | ^kubeglass: no process with pid 4194303; check it with       | --pid 4194303
pid-kernel-thread   | 1 | ^kubeglass: pid 2 is a kernel thread                         | --pid 2
pid-exited-before-attach | 1 | ^kubeglass: every target exited before tracing started  | --pid @ZOMBIE
# --- fds
fds-empty           | 2 | ^kubeglass: --fds needs a value                              | --pid @SELF --fds ''
fds-negative        | 2 | ^kubeglass: --fds: '-1' is not an fd number                  | --pid @SELF --fds=-1
fds-garbage         | 2 | ^kubeglass: --fds: 'x' is not an fd number                   | --pid @SELF --fds 1,x
fds-too-large       | 2 | ^kubeglass: fd 65536 is too large for --fds: the limit is 65535 | --pid @SELF --fds 65536
fds-overflow        | 2 | ^kubeglass: fd 99999999999999999999 is too large for --fds   | --pid @SELF --fds 99999999999999999999
fds-empty-item      | 2 | ^kubeglass: --fds '1,,2' has an empty item                   | --pid @SELF --fds 1,,2
fds-duplicate       | 2 | ^kubeglass: --fds: fd 5 is given twice                       | --pid @SELF --fds 5,5
stdout-twice        | 2 | ^kubeglass: fd 1 is selected twice                           | --pid @SELF --stdout --stdout
stdout-and-fds-1    | 2 | ^kubeglass: fd 1 is selected twice                           | --pid @SELF --fds 1 --stdout
stderr-and-fds-2    | 2 | ^kubeglass: --fds: fd 2 is given twice                       | --pid @SELF --stderr --fds 2
all-and-fds         | 2 | ^kubeglass: --all conflicts with --stdout, --stderr and --fds | --pid @SELF --all --fds 3
# --- sizes
max-bytes-empty     | 2 | ^kubeglass: --max-bytes: '' is not a size                    | --pid @SELF --max-bytes ''
max-bytes-negative  | 2 | ^kubeglass: --max-bytes: '-1' is not a size                  | --pid @SELF --max-bytes -1
max-bytes-garbage   | 2 | ^kubeglass: --max-bytes: '1.5M' is not a size                | --pid @SELF --max-bytes 1.5M
max-bytes-bad-suffix | 2 | ^kubeglass: --max-bytes: '1T' is not a size                 | --pid @SELF --max-bytes 1T
max-bytes-suffix-only | 2 | ^kubeglass: --max-bytes: 'K' is not a size                 | --pid @SELF --max-bytes K
max-bytes-overflow  | 2 | ^kubeglass: --max-bytes 18446744073709551616 is too large    | --pid @SELF --max-bytes 18446744073709551616
max-bytes-overflow-suffix | 2 | ^kubeglass: --max-bytes 17179869184G is too large    | --pid @SELF --max-bytes 17179869184G
max-bytes-huge      | 2 | ^kubeglass: --max-bytes 4611686018427387904 is more than one write can carry \(2G\); give 0 | --pid @SELF --max-bytes 4611686018427387904
max-bytes-3G        | 2 | ^kubeglass: --max-bytes 3G is more than one write can carry  | --pid @SELF --max-bytes 3G
max-bytes-twice     | 2 | ^kubeglass: --max-bytes is given twice                       | --pid @SELF --max-bytes 1 --max-bytes 2
ring-size-zero      | 2 | ^kubeglass: --ring-size 0: give a power of two from 64K to 1G | --pid @SELF --ring-size 0
ring-size-not-pow2  | 2 | ^kubeglass: --ring-size 100K: give a power of two            | --pid @SELF --ring-size 100K
ring-size-too-small | 2 | ^kubeglass: --ring-size 32K: give a power of two from 64K    | --pid @SELF --ring-size 32K
ring-size-too-large | 2 | ^kubeglass: --ring-size 2G: give a power of two from 64K to 1G | --pid @SELF --ring-size 2G
ring-size-garbage   | 2 | ^kubeglass: --ring-size: 'big' is not a size                 | --pid @SELF --ring-size big
ring-size-overflow  | 2 | ^kubeglass: --ring-size 99999999999999999999G is too large   | --pid @SELF --ring-size 99999999999999999999G
# --- output
format-empty        | 2 | ^kubeglass: --format: '' is not a format; use pretty         | --pid @SELF --format=
format-unknown      | 2 | ^kubeglass: --format: 'xml' is not a format                  | --pid @SELF -F xml
format-case         | 2 | ^kubeglass: --format: 'RAW' is not a format                  | --pid @SELF -F RAW
output-empty        | 2 | ^kubeglass: --output needs a file name                       | --pid @SELF -o ''
output-no-dir       | 1 | ^kubeglass: cannot write to /nonexistent/out: No such file or directory; choose a writable path for -o | --pid @SELF -o /nonexistent/out
output-directory    | 1 | ^kubeglass: cannot write to /tmp: Is a directory             | --pid @SELF -o /tmp
output-not-writable | 1 | ^kubeglass: cannot write to /sys/kernel/notes: Permission denied; choose a writable path | --pid @SELF -o /sys/kernel/notes
output-not-a-dir    | 1 | ^kubeglass: cannot write to @OUT/x: Not a directory          | --pid @SELF -o @OUT/x
# --- existing content, filters, stopping, hooks
tail-huge           | 2 | ^kubeglass: --tail: '18446744073709551616' is not a line count | --pid @SELF --existing --tail 18446744073709551616
tail-above-limit    | 2 | ^kubeglass: --tail: '4294967297' is not a line count         | --pid @SELF --existing --tail 4294967297
tail-negative       | 2 | ^kubeglass: --tail: '-1' is not a line count                 | --pid @SELF --existing --tail -1
tail-alone          | 2 | ^kubeglass: --tail only makes sense with --existing          | --pid @SELF --tail 5
grep-bad-regex      | 2 | ^kubeglass: --grep '\(' is not an extended regular expression | --pid @SELF --grep '('
color-unknown       | 2 | ^kubeglass: --color: 'maybe' is not auto, always or never    | --pid @SELF --color maybe
hook-unknown        | 2 | ^kubeglass: --hook: 'nope' is not a hook                     | --pid @SELF --hook nope
duration-zero       | 2 | ^kubeglass: --duration: '0' is not a time                    | --pid @SELF --duration 0
duration-negative   | 2 | ^kubeglass: --duration: '-1' is not a time                   | --pid @SELF --duration -1
count-zero          | 2 | ^kubeglass: --count: '0' is not a count                      | --pid @SELF --count 0
comm-empty          | 2 | ^kubeglass: --comm needs a process name                      | --comm ''
# --- containers and cgroups
container-garbage   | 2 | ^kubeglass: --container 'xyz': a container ID is 12 to 64 hexadecimal | --container xyz
container-unknown   | 1 | ^kubeglass: no container with ID deadbeef0000\.\.\. in the cgroups | --container deadbeef0000
container-and-pid   | 2 | ^kubeglass: --container selects its own processes            | --pid @SELF --container deadbeef0000
cgroup-missing      | 1 | ^kubeglass: no cgroup /nonexistent; give a cgroup v2 directory | --cgroup /nonexistent
cgroup-not-cgroup   | 1 | ^kubeglass: /tmp is not a cgroup v2 directory                | --cgroup /tmp
# --- the command line itself
unknown-long        | 2 | ^kubeglass: unknown option '--bogus'; see kubeglass --help   | --pid @SELF --bogus
unknown-short       | 2 | ^kubeglass: unknown option '-x'; see kubeglass --help        | --pid @SELF -x
unknown-in-cluster  | 2 | ^kubeglass: unknown option '-x'                              | -vx --pid @SELF
extra-argument      | 2 | ^kubeglass: unexpected argument 'extra'                      | --pid @SELF extra
flag-with-value     | 2 | ^kubeglass: unknown option '--stdout=1'                      | --pid @SELF --stdout=1
TABLE

kill "$zparent" 2>/dev/null || true
finish
