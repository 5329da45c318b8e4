#!/bin/bash
# tests/crash.sh PEOPLEGRAPH — is the index crash-safe?
#
# Builds a vault of ~3000 notes (bench/genvault.py), indexes it once, then runs TRIALS trials:
# add/modify/delete a random handful of notes, start `index` (every other
# trial `index --full`) in the background and kill -9 it after a random delay
# between 10 ms and the measured time of a full index.  After each kill:
#   - `sqlite3 DB 'PRAGMA integrity_check'` prints ok;
#   - `notes --no-index --format json` succeeds and lists exactly the notes of
#     the vault before the edit or exactly those after it (one transaction
#     per index run: never a mix);
#   - `index` then runs to completion and the index lists exactly the .md files.
# One extra trial kills the very first index of a fresh database.
# Prints one line per failure and "crash: N passed, N failed"; exit 1 on failure.
#
# Environment: CRASH_TRIALS (default 24), CRASH_NOTES (3000), CRASH_SEED
# (default: random; printed, so a failing run can be repeated), KEEP=1 keeps
# the scratch directory.
set -u

if [ $# -ne 1 ]; then
	echo "usage: tests/crash.sh PEOPLEGRAPH" >&2
	exit 2
fi
NAME=crash
. "$(dirname "$0")/lib.sh"
pg_setup "$1"
TRIALS=${CRASH_TRIALS:-24}
NOTES=${CRASH_NOTES:-3000}
SEED=${CRASH_SEED:-$(( $(date +%s) % 100000 ))}
RANDOM=$SEED
echo "crash: seed $SEED, $TRIALS trials, scratch $WORK"

pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }

# --- the vault ---------------------------------------------------------------
gen_vault "$NOTES" "$((SEED % 1000 + 1))"

# Sorted paths the index lists; fails when the query fails or is not JSON.
list_index() {
	pgq --no-index --include-private notes --format json > "$WORK/notes.json" 2> "$WORK/notes.err" ||
		return 1
	python3 -c '
import json, sys
for n in json.load(open(sys.argv[1])):
    print(n["path"])' "$WORK/notes.json" | LC_ALL=C sort
	return "${PIPESTATUS[0]}"
}
integrity() {
	local r
	r=$(sqlite3 "$DB" 'PRAGMA integrity_check' 2>&1)
	[ "$r" = ok ] || { echo "$r" | head -n 5; return 1; }
}
rand_ms() { # LO HI
	echo $(( $1 + (RANDOM * 32768 + RANDOM) % ($2 - $1 + 1) ))
}
sleep_ms() { sleep "$(awk -v m="$1" 'BEGIN { printf "%.3f", m / 1000 }')"; }

# Runs `index ARGS` in the background, kills it after DELAY ms; sets KILLED
# (1 when the kill landed) and RC.
index_and_kill() { # DELAY ARGS...
	local delay=$1
	shift
	# Not through pgq: a shell function in the background is a subshell,
	# and kill -9 would stop the subshell while peoplegraph runs on.
	"$PG" --vault "$VAULT" --db "$DB" -q index "$@" > /dev/null 2> "$WORK/index.err" &
	local pid=$!
	sleep_ms "$delay"
	kill -9 "$pid" 2> /dev/null
	wait "$pid" 2> /dev/null
	RC=$?
	KILLED=$((RC == 137))
}

# After a run that may have been killed: the index must be intact and list
# exactly BEFORE or exactly AFTER.  Then a full run must finish and list the
# vault.  $1 names the trial.
check_after_kill() {
	local name=$1 failed=0
	if ! integrity; then
		bad "$name: integrity_check is not ok"
		failed=1
	fi
	if ! list_index > "$WORK/got"; then
		bad "$name: notes --no-index failed: $(head -c 300 "$WORK/notes.err")"
		failed=1
	elif cmp -s "$WORK/got" "$WORK/before"; then
		STATE=before
	elif cmp -s "$WORK/got" "$WORK/after"; then
		STATE=after
	else
		bad "$name: index lists $(wc -l < "$WORK/got") notes; before $(wc -l < "$WORK/before"), after $(wc -l < "$WORK/after") (not one of the two states; $(comm -23 "$WORK/got" "$WORK/after" | head -n 2 | tr '\n' ' '))"
		failed=1
	fi
	pgq index > /dev/null 2> "$WORK/index2.err"
	local rc=$?
	if [ $rc -gt 1 ]; then
		bad "$name: index after the kill exited $rc: $(head -c 300 "$WORK/index2.err")"
		failed=1
	elif ! list_index > "$WORK/got"; then
		bad "$name: notes after the completed index failed: $(head -c 300 "$WORK/notes.err")"
		failed=1
	elif ! cmp -s "$WORK/got" "$WORK/after"; then
		bad "$name: completed index lists $(wc -l < "$WORK/got") notes, the vault has $(wc -l < "$WORK/after")"
		failed=1
	elif ! integrity; then
		bad "$name: integrity_check not ok after the completed index"
		failed=1
	fi
	[ $failed = 0 ] && ok
	return $failed
}

# --- trial 0: kill the first index of a fresh database ------------------------
t0=$(now_ms)
pgq index > /dev/null 2> "$WORK/index.err"
rc=$?
full_ms=$(( $(now_ms) - t0 ))
[ $rc -le 1 ] || { echo "crash: the first index failed ($rc): $(head -c 300 "$WORK/index.err")" >&2; exit 1; }
rm -f "$DB" "$DB-wal" "$DB-shm"
list_vault > "$WORK/after"
: > "$WORK/before"
index_and_kill "$(rand_ms 10 "$full_ms")"
# Before the first commit there may be no schema yet: `notes --no-index` may
# then fail with a message or list nothing; a partial list is a failure.
t0fail=0
if ! integrity > "$WORK/t0.err" 2>&1; then
	bad "trial 0 (fresh database, killed=$KILLED): integrity_check: $(head -n 1 "$WORK/t0.err")"
	t0fail=1
fi
if list_index > "$WORK/got"; then
	fresh="index readable, $(wc -l < "$WORK/got") notes"
	if [ -s "$WORK/got" ] && ! cmp -s "$WORK/got" "$WORK/after"; then
		bad "trial 0 (fresh database, killed=$KILLED): partial index, $(wc -l < "$WORK/got") of $(wc -l < "$WORK/after") notes"
		t0fail=1
	fi
else
	fresh="index not readable yet: $(head -n 1 "$WORK/notes.err")"
fi
pgq index > /dev/null 2> "$WORK/index2.err"
rc=$?
if [ $rc -gt 1 ]; then
	bad "trial 0: index after the kill exited $rc: $(head -c 300 "$WORK/index2.err")"
	t0fail=1
elif ! list_index > "$WORK/got" || ! cmp -s "$WORK/got" "$WORK/after"; then
	bad "trial 0: completed index lists $(wc -l < "$WORK/got") notes, the vault has $(wc -l < "$WORK/after")"
	t0fail=1
elif ls "$DB".build-* > /dev/null 2>&1; then
	# a first index is built in DB.build-PID; the next run deletes the file
	# of one that was killed
	bad "trial 0: the killed first index left $(ls "$DB".build-* | head -n 1)"
	t0fail=1
fi
[ $t0fail = 0 ] && ok
echo "trial 0: fresh database, killed=$KILLED: $fresh"
cp "$WORK/after" "$WORK/before"
echo "crash: full index of $(wc -l < "$WORK/after") notes takes ${full_ms} ms"


# --- mutations -----------------------------------------------------------------
NEWN=0
new_note() {
	NEWN=$((NEWN + 1))
	local d
	d=$(printf '2025-%02d-%02d' $((RANDOM % 12 + 1)) $((RANDOM % 28 + 1)))
	mkdir -p "$VAULT/Meetings/crash"
	cat > "$VAULT/Meetings/crash/$d crash test $SEED-$NEWN.md" <<EOF
---
title: "Crash test $NEWN"
date: $d
participants: ["Crash Tester$((RANDOM % 7))", "Wanda Kill$((RANDOM % 5))"]
tags: [topic/crash-$((RANDOM % 4))]
---

# Crash test $NEWN

Attendees: Crash Tester$((RANDOM % 7)), Wanda Kill$((RANDOM % 5))

Wanda said the index must survive kill -9.

## Action Items

- [ ] Check the WAL @Wanda Kill$((RANDOM % 5)) 📅 $d
EOF
}
random_note() { # a random existing .md (absolute)
	local n
	n=$(wc -l < "$WORK/before")
	echo "$VAULT/$(sed -n "$((RANDOM % n + 1))p" "$WORK/before")"
}
mutate() {
	local ops=$((RANDOM % 6 + 1)) adds=0 dels=0 i f
	for ((i = 0; i < ops; i++)); do
		case $((RANDOM % 4)) in
		0) new_note; adds=$((adds + 1)) ;;
		1) f=$(random_note); [ -f "$f" ] && rm -f "$f" && dels=$((dels + 1)) ;;
		2) f=$(random_note)
		   [ -f "$f" ] && printf '\nAttendees: Late Joiner%d, %s\n\n- [ ] Follow up @Late Joiner%d\n' \
			$((RANDOM % 9)) "Crash Tester$((RANDOM % 7))" $((RANDOM % 9)) >> "$f" ;;
		3) # a person note: changes the registry, so the whole vault is resolved again
		   f=$(grep '^People/' "$WORK/before" | sed -n "$((RANDOM % 50 + 1))p")
		   if [ -n "$f" ] && [ -f "$VAULT/$f" ]; then
			printf '\nAlso known as Nick%d.\n' $((RANDOM % 100)) >> "$VAULT/$f"
		   else
			new_note; adds=$((adds + 1))
		   fi ;;
		esac
	done
	# make sure the two states differ in size
	[ $adds = $dels ] && new_note
	return 0
}

# --- trials ----------------------------------------------------------------------
declare -A seen=()
for ((t = 1; t <= TRIALS; t++)); do
	mutate
	list_vault > "$WORK/after"
	if ((t % 2 == 0)); then
		mode=--full
		delay=$(rand_ms 10 "$full_ms")
		index_and_kill "$delay" --full
	else
		mode=incremental
		delay=$(rand_ms 10 "$full_ms")
		index_and_kill "$delay"
	fi
	if [ $KILLED = 0 ] && [ $RC -gt 1 ]; then
		bad "trial $t: index exited $RC before the kill: $(head -c 300 "$WORK/index.err")"
	fi
	STATE="?"
	check_after_kill "trial $t ($mode, kill after ${delay} ms, killed=$KILLED)"
	seen["$mode killed=$KILLED state=$STATE"]=$(( ${seen["$mode killed=$KILLED state=$STATE"]:-0} + 1 ))
	cp "$WORK/after" "$WORK/before"
done

for k in "${!seen[@]}"; do
	echo "  ${seen[$k]} x $k"
done | LC_ALL=C sort -k3
echo "crash: $pass passed, $fail failed"
[ $fail = 0 ]
