# bash completion for kubeglass(8). Installed by `make install` under
# $(PREFIX)/share/bash-completion/completions/kubeglass.
# shellcheck shell=bash

_kubeglass_pids() {
	local p
	for p in /proc/[0-9]*; do
		printf '%s\n' "${p#/proc/}"
	done
}

_kubeglass() {
	local cur prev
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD - 1]}
	local opts="--pid --follow --no-follow --comm --container --cgroup --stdout --stderr --fds --all --max-bytes --reads --existing --tail
		--no-binary --no-repeats --grep --format --output --color --summary --duration
		--count --ring-size --hook --verbose --help --version"

	case $prev in
	-p | --pid)
		mapfile -t COMPREPLY < <(compgen -W "$(_kubeglass_pids)" -- "$cur")
		return
		;;
	--hook)
		mapfile -t COMPREPLY < <(compgen -W "btf tracepoint" -- "$cur")
		return
		;;
	-F | --format)
		mapfile -t COMPREPLY < <(compgen -W "pretty raw json hex" -- "$cur")
		return
		;;
	--color)
		mapfile -t COMPREPLY < <(compgen -W "auto always never" -- "$cur")
		return
		;;
	--cgroup)
		mapfile -t COMPREPLY < <(compgen -d -- "$cur")
		return
		;;
	--comm | --container)
		return
		;;
	-o | --output)
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		return
		;;
	--fds | --max-bytes | --ring-size | --duration | --count | --tail | --grep)
		return
		;;
	esac
	case $cur in
	--format=*)
		mapfile -t COMPREPLY < <(compgen -P "--format=" -W "pretty raw json hex" -- "${cur#--format=}")
		;;
	-*)
		mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
		;;
	esac
}

complete -F _kubeglass kubeglass
