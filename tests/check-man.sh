#!/bin/sh
# check-man.sh PEOPLEGRAPH MANPAGE — the manual and the program agree.
#
#   - every option in 'PEOPLEGRAPH --help' and 'PEOPLEGRAPH help COMMAND'
#     (option lines and usage lines) is in MANPAGE as '.Fl name';
#   - every command has an '.It Cm COMMAND' entry in its COMMANDS section,
#     and every such entry is a command;
#   - every '.Fl' option of MANPAGE is in some help output;
#   - 'mandoc -Tlint -W warning' is clean (skipped when mandoc is missing).
#
# The last line is 'man: N passed, N failed'; the exit status is 1 on failure.
set -u

if [ $# -ne 2 ]; then
	echo "usage: $0 PEOPLEGRAPH MANPAGE" >&2
	exit 2
fi
pg=$1
man=$2
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() {
	fail=$((fail + 1))
	echo "FAIL: $*"
}
finish() {
	rm -rf "$tmp"
	echo "man: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit $?
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-man.XXXXXX") || exit 1

if [ ! -r "$man" ]; then
	bad "cannot read $man"
	finish
fi
if ! "$pg" --help >"$tmp/help" 2>"$tmp/err"; then
	bad "'$pg --help' failed: $(cat "$tmp/err")"
	finish
fi

# The commands: the lines of the "commands:" section of --help.
sed -n '/^commands:/,/^$/s/^  \([a-z][a-z0-9-]*\) .*/\1/p' "$tmp/help" >"$tmp/commands"
if [ ! -s "$tmp/commands" ]; then
	bad "no commands in '$pg --help'"
	finish
fi

# All help texts together.
cp "$tmp/help" "$tmp/all"
while read -r c; do
	if "$pg" help "$c" >"$tmp/h" 2>"$tmp/err"; then
		ok
		cat "$tmp/h" >>"$tmp/all"
	else
		bad "'$pg help $c' failed: $(cat "$tmp/err")"
	fi
done <"$tmp/commands"

# Options of the help texts: on option lines ("  -o, --output FILE   text"),
# everything before the description; on usage lines, "[--x ...]" and
# "[--a|--b]".
awk '
	/^  -/ {
		s = $0
		sub(/^  /, "", s)
		sub(/  +.*/, "", s)
		n = split(s, part, /, /)
		for (i = 1; i <= n; i++) {
			o = part[i]
			sub(/ .*/, "", o)
			if (o ~ /^--?[A-Za-z0-9]/)
				print o
		}
	}
	/^usage:/ {
		s = $0
		while (match(s, /[[|]--?[a-z0-9][a-z0-9-]*/)) {
			print substr(s, RSTART + 1, RLENGTH - 1)
			s = substr(s, RSTART + RLENGTH)
		}
	}' "$tmp/all" | sort -u >"$tmp/help-opts"

# Options of the manual: the arguments of every Fl macro, on macro lines
# (".Op Fl -vault Ar dir", ".It Fl o Ar file , Fl -output Ar file").
awk '
	/^[.\047]/ {
		n = split($0, w, /[ \t]+/)
		for (i = 1; i <= n; i++) {
			if (w[i] != "Fl" && w[i] != ".Fl")
				continue
			for (j = i + 1; j <= n; j++) {
				# stop at the next macro or a delimiter
				if (w[j] !~ /^-?[a-z0-9][A-Za-z0-9_-]*$/)
					break
				print "-" w[j]
			}
			i = j - 1
		}
	}' "$man" | sort -u >"$tmp/man-opts"

while read -r o; do
	if grep -qxF -- "$o" "$tmp/man-opts"; then
		ok
	else
		bad "option $o is in the help but not in $man (as .Fl ${o#-})"
	fi
done <"$tmp/help-opts"

while read -r o; do
	if grep -qxF -- "$o" "$tmp/help-opts"; then
		ok
	else
		bad "option $o is in $man but in no help output"
	fi
done <"$tmp/man-opts"

# Command entries: ".It Cm NAME ..." in the COMMANDS section.
sed -n '/^\.Sh COMMANDS/,/^\.Sh /s/^\.It Cm \([^ ]*\).*/\1/p' "$man" | sort -u >"$tmp/man-cmds"
while read -r c; do
	if grep -qxF -- "$c" "$tmp/man-cmds"; then
		ok
	else
		bad "command $c has no '.It Cm $c' entry in the COMMANDS section of $man"
	fi
done <"$tmp/commands"
while read -r c; do
	if grep -qxF -- "$c" "$tmp/commands"; then
		ok
	else
		bad "$man describes a command $c that '$pg --help' does not list"
	fi
done <"$tmp/man-cmds"

# Lint.  mandoc's notes about its own database (mandoc.db) are not about
# the page and do not count.
if command -v mandoc >/dev/null 2>&1; then
	mandoc -Tlint -W warning "$man" >"$tmp/lint" 2>&1
	rc=$?
	grep -v 'mandoc\.db' "$tmp/lint" >"$tmp/lint2"
	if [ "$rc" -eq 0 ] && [ ! -s "$tmp/lint2" ]; then
		ok
	else
		bad "mandoc -Tlint -W warning $man:"
		sed 's/^/    /' "$tmp/lint2"
	fi
else
	echo "skip: mandoc is not installed; no lint"
fi

finish
