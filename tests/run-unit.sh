#!/bin/sh
# run-unit.sh DIR: runs every unit test binary in DIR; prints one total line.
dir=$1
pass=0 fail=0
for t in "$dir"/*; do
	[ -x "$t" ] || continue
	out=$("$t" 2>&1); rc=$?
	line=$(printf '%s\n' "$out" | tail -n 1)
	p=$(printf '%s' "$line" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed/\1/p')
	f=$(printf '%s' "$line" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed/\2/p')
	pass=$((pass + ${p:-0})); fail=$((fail + ${f:-0}))
	if [ $rc -ne 0 ]; then
		printf '%s\n' "$out"
		[ "${f:-0}" = 0 ] && fail=$((fail + 1))
	fi
done
echo "unit: $pass passed, $fail failed"
[ $fail -eq 0 ]
