# bash completion for peoplegraph(1)                        -*- shell-script -*-
#
# Install as $(PREFIX)/share/bash-completion/completions/peoplegraph, or
# source it from ~/.bashrc.
#
# Commands, options and their values are read from the program's own help
# ('peoplegraph --help', 'peoplegraph help COMMAND') when completing, so this
# file needs no change when a command or an option is added.  People's names
# come from the index ('peoplegraph --no-index -q people --format csv'), and
# only when the index already exists: completing never creates or refreshes
# an index.

# _peoplegraph_dequote WORD: the value of a shell word as typed (quotes,
# backslashes, a leading ~) in REPLY.  Words holding anything that could run
# a command are taken literally.
_peoplegraph_dequote()
{
	REPLY=$1
	case $1 in
	*[\$\`\;\&\|\<\>\(\)]* | '') return ;;
	esac
	# a word still being typed may lack its closing quote
	eval "REPLY=$1" 2>/dev/null ||
		eval "REPLY=$1\"" 2>/dev/null ||
		eval "REPLY=$1'" 2>/dev/null ||
		REPLY=$1
}

# _peoplegraph_help PG [COMMAND]: the program's help text, in REPLY.  Not
# cached, so that a rebuilt program is always described as it is.
_peoplegraph_help()
{
	if [[ -n ${2-} ]]; then
		REPLY=$("$1" help "$2" 2>/dev/null)
	else
		REPLY=$("$1" --help 2>/dev/null)
	fi
}

# _peoplegraph_opts TEXT SECTION: for each option line of SECTION ("options"
# or "global options") of help TEXT, prints "OPTION METAVAR<TAB>DESCRIPTION",
# one line per option name ("-o, --output FILE" gives two lines).
_peoplegraph_opts()
{
	local line in=0 spec desc name meta
	while IFS= read -r line; do
		if [[ $line == "$2:" ]]; then
			in=1
			continue
		fi
		((in)) || continue
		[[ $line == "  -"* ]] || { [[ -z $line || $line == [^\ ]* ]] && in=0; continue; }
		line=${line#  }
		if [[ $line =~ ^(-[^ ]*(, -[^ ]*)*( [A-Z][A-Z_-]*)?)(\ {2,}(.*))?$ ]]; then
			spec=${BASH_REMATCH[1]}
			desc=${BASH_REMATCH[5]}
		else
			continue
		fi
		meta=
		[[ $spec =~ \ ([A-Z][A-Z_-]*)$ ]] && meta=${BASH_REMATCH[1]}
		spec=${spec% "$meta"}
		for name in ${spec//,/ }; do
			printf '%s %s\t%s\n' "$name" "$meta" "$desc"
		done
	done <<<"$1"
}

# _peoplegraph_names PG ARGS...: the names of the people in the index, one a
# line; ARGS are the global options to pass (--vault, --db, --config, ...).
_peoplegraph_names()
{
	local pg=$1
	shift
	"$pg" "$@" --no-index -q people --format csv 2>/dev/null | awk '
		NR == 1 { next }
		{
			# the first CSV field, with RFC 4180 quoting
			if (substr($0, 1, 1) == "\"") {
				s = substr($0, 2); f = ""
				while (1) {
					i = index(s, "\"")
					if (i == 0) { f = f s; break }
					f = f substr(s, 1, i - 1)
					if (substr(s, i + 1, 1) == "\"") { f = f "\""; s = substr(s, i + 2) }
					else break
				}
			} else {
				i = index($0, ","); f = i ? substr($0, 1, i - 1) : $0
			}
			if (f != "") print f
		}'
}

_peoplegraph()
{
	local cur prev words cword
	if declare -F _get_comp_words_by_ref >/dev/null; then
		_get_comp_words_by_ref -n =: cur prev words cword
	else
		# Without bash-completion: join "--opt" "=" "value" back together.
		words=()
		local i w
		cword=0
		local last=
		for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
			w=${COMP_WORDS[i]}
			last=
			((${#words[@]})) && last=${words[${#words[@]} - 1]}
			if [[ $w == = && $last == --* && $last != *=* ]] ||
				[[ $last == --*= && ${COMP_WORDS[i - 1]} == = ]]; then
				words[${#words[@]} - 1]+=$w
			else
				words+=("$w")
			fi
			((i == COMP_CWORD)) && cword=$((${#words[@]} - 1))
		done
		cur=${words[cword]-}
		prev=${words[cword - 1]-}
	fi
	COMPREPLY=()

	local pg=${words[0]}
	[[ $pg == \~/* ]] && pg=$HOME/${pg#\~/}
	if [[ $pg == */* ]]; then
		[[ -x $pg ]] || pg=peoplegraph
	else
		pg=peoplegraph
	fi
	type -P "$pg" >/dev/null 2>&1 || [[ -x $pg ]] || return 0

	local REPLY ghelp gopts
	_peoplegraph_help "$pg"
	ghelp=$REPLY
	gopts=$(_peoplegraph_opts "$ghelp" "global options")
	local commands
	commands=$(sed -n '/^commands:/,/^$/{/^  [a-z]/{s/^  \([^ ]*\).*/\1/;p;};}' <<<"$ghelp")

	# The options (with their metavariable) that take a value, globally.
	local -A meta=()
	local -A desc=()
	local o m d
	while IFS=$'\t' read -r o d; do
		m=${o#* }
		o=${o%% *}
		meta[$o]=$m
		desc[$o]=$d
	done <<<"$gopts"

	# Walk the words before the cursor: the command, the global options that
	# decide where the index is, the positional arguments so far.
	local cmd='' i w v npos=0 dd=0 copts=''
	local -a pos=()
	local -a gargs=()
	local vault='' db=''
	for ((i = 1; i < cword; i++)); do
		w=${words[i]}
		if ((dd)); then
			((npos++))
			continue
		fi
		if [[ $w == -- ]]; then
			dd=1
			continue
		fi
		if [[ $w == -* ]]; then
			o=${w%%=*}
			if [[ $w == *=* ]]; then
				v=${w#*=}
			elif [[ -n ${meta[$o]-} ]]; then
				((i++))
				v=${words[i]-}
				((i >= cword)) && break
			else
				v=
			fi
			_peoplegraph_dequote "$v"
			v=$REPLY
			case $o in
			--vault) vault=$v; gargs+=(--vault "$v") ;;
			--db) db=$v; gargs+=(--db "$v") ;;
			--config) gargs+=(--config "$v") ;;
			--include-private) gargs+=(--include-private) ;;
			esac
			continue
		fi
		if [[ -z $cmd ]]; then
			cmd=$w
			# the command's own options join the table
			_peoplegraph_help "$pg" "$cmd"
			local chelp=$REPLY
			copts=$(_peoplegraph_opts "$chelp" options)
			while IFS=$'\t' read -r o d; do
				[[ -n $o ]] || continue
				m=${o#* }
				o=${o%% *}
				meta[$o]=$m
				desc[$o]=$d
			done <<<"$copts"
			# the positional arguments of its usage line: NAME, [NAME],
			# A B, TEXT; not the values of options ("[--since DATE]")
			local usage depth=0 t
			local -a toks
			usage=$(sed -n '1s/^usage: [^]]*] *[^ ]* *//p' <<<"$chelp")
			read -ra toks <<<"$usage"
			pos=()
			for t in "${toks[@]}"; do
				if ((depth == 0)) && [[ $t =~ ^\[?([A-Z]+)\]?$ ]]; then
					pos+=("${BASH_REMATCH[1]}")
					continue
				fi
				[[ $t == '['* ]] && ((depth++))
				[[ $t == *']' ]] && ((depth--))
			done
			continue
		fi
		((npos++))
	done

	# What is being completed: the value of an option, or a word.
	local opt='' val=$cur
	if [[ $cur == --*=* ]]; then
		opt=${cur%%=*}
		val=${cur#*=}
	elif [[ $prev == -* && -n ${meta[$prev]-} && $cword -gt 1 ]]; then
		opt=$prev
	fi
	_peoplegraph_dequote "$val"
	local want=$REPLY

	local kind=
	if [[ -n $opt ]]; then
		kind=${meta[$opt]-}
		[[ -n $kind ]] || return 0
	elif [[ $cur == -* && $dd == 0 ]]; then
		# the global options, and the command's once it is known
		mapfile -t COMPREPLY < <(compgen -W "${!meta[*]}" -- "$cur" | LC_ALL=C sort)
		return 0
	elif [[ -z $cmd ]]; then
		((dd)) && return 0 # "--" cannot come before the command
		mapfile -t COMPREPLY < <(compgen -W "$commands" -- "$cur")
		return 0
	else
		kind=${pos[npos]-}
	fi

	case $kind in
	DIR)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -d -- "$want")
		;;
	FILE)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$want")
		;;
	NAME | A | B)
		if [[ $opt == --view ]]; then
			return 0 # a view from the config: not listed by the program
		fi
		# only an index that exists: never create one while completing
		local dbpath=$db
		if [[ -z $dbpath ]]; then
			vault=${vault:-${PEOPLEGRAPH_VAULT:-.}}
			dbpath=$vault/.peoplegraph/index.db
		fi
		[[ -f $dbpath ]] || return 0
		local name
		compopt -o filenames 2>/dev/null
		while IFS= read -r name; do
			[[ $name == "$want"* ]] && COMPREPLY+=("$name")
		done < <(_peoplegraph_names "$pg" "${gargs[@]}")
		;;
	COMMAND)
		mapfile -t COMPREPLY < <(compgen -W "$commands" -- "$want")
		;;
	LIST)
		# --edges: met, mentioned or both
		mapfile -t COMPREPLY < <(compgen -W "met mentioned met,mentioned" -- "$want")
		;;
	FMT | KEY | ROLE | ENGINE)
		# the values are listed in the option's description:
		# "json (the default), table, csv or md"
		local d=${desc[$opt]-} vals=
		local -a dw
		d=$(sed 's/([^)]*)//g; s/,/ /g; s/ or / /g' <<<"$d")
		read -ra dw <<<"$d"
		for w in "${dw[@]}"; do
			[[ $w =~ ^[a-z][a-z0-9-]*$ ]] && vals+=" $w"
		done
		mapfile -t COMPREPLY < <(compgen -W "$vals" -- "$want")
		;;
	esac
	return 0
} &&
	complete -F _peoplegraph peoplegraph

# ex: filetype=sh
