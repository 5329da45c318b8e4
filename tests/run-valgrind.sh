#!/bin/sh
# run-valgrind.sh PEOPLEGRAPH — memcheck over the main commands on
# examples/vault: no errors and no leaks, except the suppressed ones inside
# Graphviz, fontconfig and pango (tests/valgrind.supp).
PG=$1
top=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/pg-vg.XXXXXX")
trap 'rm -rf "$T"' EXIT
cp -r "$top/examples/vault" "$T/v"
pass=0 fail=0
vg() {
	name=$1; shift
	valgrind --quiet --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible \
		--errors-for-leak-kinds=definite,indirect,possible \
		--suppressions="$top/tests/valgrind.supp" "$PG" --vault "$T/v" --db "$T/i.db" --quiet "$@" \
		>/dev/null 2>"$T/log"
	rc=$?
	if [ $rc -eq 99 ]; then
		fail=$((fail + 1)); echo "FAIL: valgrind $name"; head -40 "$T/log"
	else
		pass=$((pass + 1))
	fi
}
vg "index --full" index --full
vg notes --no-index notes
vg people --no-index people --format json
vg history --no-index history "Patrick O'Halloran" --format json
vg person --no-index person Kate
vg tasks --no-index tasks --open
vg search --no-index search pricing
vg doctor --no-index doctor
vg "graph svg" --no-index graph --format svg -o "$T/g.svg"
vg "graph json" --no-index graph --format json -o "$T/g.json"
vg "graph gexf" --no-index graph --format gexf -o "$T/g.gexf"
vg "incremental index" index
echo "valgrind: $pass passed, $fail failed"
[ $fail -eq 0 ]
