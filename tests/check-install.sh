#!/bin/sh
# check-install.sh PEOPLEGRAPH_REPO_DIR — 'make install' puts the program,
# the manual and the bash completion where they belong, and 'make uninstall'
# takes them away again.  Installs into a temporary DESTDIR only.
#
# The last line is 'install: N passed, N failed'; the exit status is 1 on
# failure.
set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 PEOPLEGRAPH_REPO_DIR" >&2
	exit 2
fi
dir=$1
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() {
	fail=$((fail + 1))
	echo "FAIL: $*"
}
is_prog() { test -f "$1" && test -x "$1"; }
check() { # check DESCRIPTION COMMAND...
	what=$1
	shift
	if "$@"; then ok; else bad "$what"; fi
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-install.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root
prefix=$root/usr/local
bin=$prefix/bin/peoplegraph
man=$prefix/share/man/man1/peoplegraph.1
comp=$prefix/share/bash-completion/completions/peoplegraph

if make -C "$dir" install DESTDIR="$root" PREFIX=/usr/local >"$tmp/log" 2>&1; then
	ok
	check "$bin is missing or not executable" is_prog "$bin"
	if out=$("$bin" --version 2>&1); then
		case $out in
		"peoplegraph "[0-9]*) ok ;;
		*) bad "'$bin --version' printed '$out'" ;;
		esac
	else
		bad "'$bin --version' failed: $out"
	fi
	check "$man is missing or empty" test -s "$man"
	check "$comp is missing or empty" test -s "$comp"
	if command -v bash >/dev/null 2>&1; then
		check "$comp is not valid bash" bash -n "$comp"
	fi
	# nothing outside the prefix
	extra=$(cd "$root" && find . ! -type d ! -path './usr/local/*')
	if [ -z "$extra" ]; then ok; else bad "installed outside /usr/local: $extra"; fi

	if make -C "$dir" uninstall DESTDIR="$root" PREFIX=/usr/local >"$tmp/log" 2>&1; then
		ok
		left=$(cd "$root" && find . ! -type d)
		if [ -z "$left" ]; then ok; else bad "left after 'make uninstall': $left"; fi
	else
		bad "make -C $dir uninstall failed:"
		sed 's/^/    /' "$tmp/log"
	fi
else
	bad "make -C $dir install DESTDIR=$root PREFIX=/usr/local failed:"
	tail -n 20 "$tmp/log" | sed 's/^/    /'
fi

echo "install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
