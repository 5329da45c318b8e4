#!/bin/bash
# tests/concurrency.sh PEOPLEGRAPH — readers and a second writer during an index.
#
# On a vault of ~3000 notes (bench/genvault.py):
#   1. readers: while `index --full` runs (after a handful of notes were added,
#      so it has something to commit), `--no-index people` and `--no-index
#      notes` are run in a loop; every one must exit 0 with valid JSON, and
#      notes must list exactly the old or exactly the new set (WAL snapshot).
#   2. two writers: a second `index` is started while one runs (staggered, and
#      at the same instant; incremental and --full).  The second must either
#      wait and succeed (exit 0/1) or fail with exit 3 and a message that says
#      it is busy (BUSY_RE below).  Which one happens is printed.
#   3. a query that indexes first (no --no-index) during an index.
#   4. a write lock held (by sqlite3) longer than the busy timeout: `index`
#      must give up with exit 3 and a clear message, readers still work, and
#      `index` succeeds once the lock is gone.
#   3. after each case: PRAGMA integrity_check is ok and the index lists
#      exactly the vault's .md files.
# Prints one line per failure and "concurrency: N passed, N failed".
#
# Environment: CONC_NOTES (default 3000), KEEP=1 keeps the scratch directory.
set -u

if [ $# -ne 1 ]; then
	echo "usage: tests/concurrency.sh PEOPLEGRAPH" >&2
	exit 2
fi
NAME=concurrency
. "$(dirname "$0")/lib.sh"
pg_setup "$1"
NOTES=${CONC_NOTES:-3000}

pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
# What counts as a clear "busy" message (the current one reads "database is
# locked (another peoplegraph is indexing; try again when it is done)").
BUSY_RE='busy|locked|another peoplegraph is indexing'

gen_vault "$NOTES" 7

# Sorted note paths from a notes JSON file; fails when it is not JSON.
json_paths() {
	python3 -c '
import json, sys
for n in json.load(open(sys.argv[1])):
    print(n["path"])' "$1" | LC_ALL=C sort
	return "${PIPESTATUS[0]}"
}
json_ok() { python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$1" 2> /dev/null; }
# The index is intact and lists exactly the vault.
consistent() { # NAME
	local r
	r=$(sqlite3 "$DB" 'PRAGMA integrity_check' 2>&1)
	if [ "$r" != ok ]; then
		bad "$1: integrity_check: $(echo "$r" | head -n 2 | tr '\n' ' ')"
		return
	fi
	if ! pgq --no-index --include-private notes --format json > "$WORK/n.json" 2> "$WORK/n.err"; then
		bad "$1: notes --no-index failed: $(head -c 300 "$WORK/n.err")"
		return
	fi
	list_vault > "$WORK/vault.list"
	if ! json_paths "$WORK/n.json" > "$WORK/idx.list"; then
		bad "$1: notes --no-index printed invalid JSON"
	elif ! cmp -s "$WORK/idx.list" "$WORK/vault.list"; then
		bad "$1: index lists $(wc -l < "$WORK/idx.list") notes, vault has $(wc -l < "$WORK/vault.list")"
	else
		ok "$1: index consistent ($(wc -l < "$WORK/idx.list") notes)"
	fi
}
NEWN=0
add_notes() { # COUNT
	local i
	mkdir -p "$VAULT/Meetings/conc"
	for ((i = 0; i < $1; i++)); do
		NEWN=$((NEWN + 1))
		printf -- '---\ntitle: Concurrency %d\ndate: 2025-03-%02d\nparticipants: [Reader Rita, Writer Walt]\n---\n\nAttendees: Reader Rita, Writer Walt\n\n- [ ] Lock check @Writer Walt\n' \
			"$NEWN" $((NEWN % 28 + 1)) > "$VAULT/Meetings/conc/conc $NEWN.md"
	done
}

t0=$(now_ms)
pgq index > /dev/null 2> "$WORK/first.err"
rc=$?
full_ms=$(( $(now_ms) - t0 ))
if [ $rc -gt 1 ]; then
	echo "concurrency: first index failed ($rc): $(head -c 300 "$WORK/first.err")" >&2
	exit 1
fi
echo "concurrency: full index of $(list_vault | wc -l) notes takes ${full_ms} ms"
consistent "first index"

# --- 1. readers during an index ---------------------------------------------------
list_vault > "$WORK/old.list"
add_notes 25
list_vault > "$WORK/new.list"
pgq index --full > /dev/null 2> "$WORK/w.err" &
wpid=$!
reads=0 rfail=0 states=""
mkdir -p "$WORK/reads"
while kill -0 "$wpid" 2> /dev/null; do
	for q in people notes; do
		reads=$((reads + 1))
		if ! pgq --no-index --include-private "$q" --format json > "$WORK/reads/$reads.$q" 2> "$WORK/r.err"; then
			rfail=$((rfail + 1))
			[ $rfail -le 3 ] && bad "reader: $q --no-index during index exited non-zero: $(head -c 300 "$WORK/r.err")"
			rm -f "$WORK/reads/$reads.$q"
		fi
	done
done
wait "$wpid"
wrc=$?
for f in "$WORK"/reads/*; do
	[ -f "$f" ] || continue
	case $f in
	*.people)
		if ! json_ok "$f"; then
			rfail=$((rfail + 1))
			[ $rfail -le 3 ] && bad "reader: people --no-index during index printed invalid JSON"
		fi ;;
	*.notes)
		if ! json_paths "$f" > "$WORK/r.list"; then
			rfail=$((rfail + 1))
			[ $rfail -le 3 ] && bad "reader: notes --no-index during index printed invalid JSON"
		elif cmp -s "$WORK/r.list" "$WORK/old.list"; then
			states="$states old"
		elif cmp -s "$WORK/r.list" "$WORK/new.list"; then
			states="$states new"
		else
			rfail=$((rfail + 1))
			[ $rfail -le 3 ] && bad "reader: notes --no-index saw $(wc -l < "$WORK/r.list") notes, neither $(wc -l < "$WORK/old.list") nor $(wc -l < "$WORK/new.list")"
		fi ;;
	esac
done
nold=$(echo "$states" | tr ' ' '\n' | grep -c '^old$')
nnew=$(echo "$states" | tr ' ' '\n' | grep -c '^new$')
if [ $wrc -gt 1 ]; then
	bad "readers: the index they ran against exited $wrc: $(head -c 300 "$WORK/w.err")"
elif [ $reads -lt 4 ]; then
	bad "readers: only $reads queries ran during the index (${full_ms} ms); too fast to tell"
elif [ $rfail = 0 ]; then
	ok "readers: $reads --no-index queries during index --full all succeeded (notes saw old state $nold times, new $nnew)"
fi
consistent "after readers"

# --- 2. two writers ---------------------------------------------------------------
classify() { # RC STDERR-FILE
	if [ "$1" -le 1 ]; then echo waited
	elif [ "$1" = 3 ] && grep -qiE "$BUSY_RE" "$2"; then echo busy
	else echo bad; fi
}
# CASE: name, stagger in ms before the second starts, args of first, args of second
two_writers() {
	local name=$1 stagger=$2 a1=$3 a2=$4
	add_notes 10
	# shellcheck disable=SC2086
	pgq index $a1 > /dev/null 2> "$WORK/w1.err" &
	local p1=$!
	[ "$stagger" -gt 0 ] && sleep "$(awk -v m="$stagger" 'BEGIN { printf "%.3f", m / 1000 }')"
	local t
	t=$(now_ms)
	# shellcheck disable=SC2086
	pgq index $a2 > /dev/null 2> "$WORK/w2.err" &
	local p2=$!
	wait "$p2"
	local rc2=$? el=$(( $(now_ms) - t ))
	wait "$p1"
	local rc1=$?
	# each run either succeeded (0, or 1 = some notes had errors), or failed
	# cleanly (exit 3 with "busy"); at least one must have succeeded.  When
	# they start together either may be the one that waits or fails.
	local c1 c2
	c1=$(classify $rc1 "$WORK/w1.err")
	c2=$(classify $rc2 "$WORK/w2.err")
	if [ "$c1" = bad ] || [ "$c2" = bad ]; then
		bad "$name: first exited $rc1 ($(head -c 200 "$WORK/w1.err")), second exited $rc2 ($(head -c 200 "$WORK/w2.err"))"
	elif [ "$c1" = busy ] && [ "$c2" = busy ]; then
		bad "$name: both runs gave up as busy: $(head -n 1 "$WORK/w2.err")"
	elif [ "$c1" = waited ] && [ "$c2" = waited ]; then
		ok "$name: second run waited and succeeded (exit $rc2, ${el} ms)"
	elif [ "$c2" = busy ]; then
		ok "$name: second run failed cleanly with exit 3 after ${el} ms: $(head -n 1 "$WORK/w2.err")"
	else
		ok "$name: first run failed cleanly with exit 3: $(head -n 1 "$WORK/w1.err")"
	fi
	consistent "$name"
}
two_writers "second incremental index 200 ms into an index --full" 200 --full ""
two_writers "second index --full 200 ms into an index --full" 200 --full --full
two_writers "two index --full started together" 0 --full --full
two_writers "two incremental index started together" 0 "" ""

# --- 3. a reader that does not pass --no-index waits for the writer ------------------
add_notes 5
pgq index --full > /dev/null 2> "$WORK/w.err" &
wpid=$!
sleep 0.2
if pgq --include-private notes --format json > "$WORK/r.json" 2> "$WORK/r.err" || [ $? = 1 ]; then
	if json_paths "$WORK/r.json" > "$WORK/r.list" && cmp -s "$WORK/r.list" "$(list_vault > "$WORK/vault.list"; echo "$WORK/vault.list")"; then
		ok "query with indexing during an index: waited and saw the whole vault"
	else
		bad "query with indexing during an index: output is not the whole vault ($(wc -l < "$WORK/r.list") notes)"
	fi
elif grep -qiE "$BUSY_RE" "$WORK/r.err"; then
	ok "query with indexing during an index: failed cleanly: $(head -n 1 "$WORK/r.err")"
else
	bad "query with indexing during an index failed: $(head -c 300 "$WORK/r.err")"
fi
wait "$wpid"
consistent "after the indexing query"

# --- 4. a lock held longer than the busy timeout -------------------------------------
add_notes 5
before_n=$(pgq --no-index --include-private notes --format json | python3 -c 'import json, sys; print(len(json.load(sys.stdin)))')
mkfifo "$WORK/lock.fifo"
sqlite3 "$DB" < "$WORK/lock.fifo" > /dev/null 2>&1 &
lpid=$!
exec 9> "$WORK/lock.fifo"
echo 'BEGIN IMMEDIATE;' >&9
echo 'CREATE TEMP TABLE held(x);' >&9 # a statement round-trip: the lock is taken
sleep 0.3
t=$(now_ms)
pgq index > /dev/null 2> "$WORK/w.err"
rc=$?
el=$(( $(now_ms) - t ))
if pgq --no-index people --format json > "$WORK/r.json" 2> "$WORK/r.err" && json_ok "$WORK/r.json"; then
	ok "lock held: --no-index people works while another connection holds the write lock"
else
	bad "lock held: --no-index people failed: $(head -c 300 "$WORK/r.err")"
fi
echo 'COMMIT;' >&9
exec 9>&-
wait "$lpid"
if [ $rc = 3 ] && grep -qiE "$BUSY_RE" "$WORK/w.err"; then
	ok "lock held: index gave up after ${el} ms with exit 3: $(head -n 1 "$WORK/w.err")"
elif [ $rc -le 1 ]; then
	bad "lock held: index exited $rc after ${el} ms although the write lock was held"
else
	bad "lock held: index exited $rc after ${el} ms: $(head -c 300 "$WORK/w.err")"
fi
after_n=$(pgq --no-index --include-private notes --format json | python3 -c 'import json, sys; print(len(json.load(sys.stdin)))')
if [ "$before_n" = "$after_n" ]; then
	ok "lock held: the index was left as it was ($after_n notes)"
else
	bad "lock held: index changed from $before_n to $after_n notes although it could not write"
fi
pgq index > /dev/null 2> "$WORK/w.err"
rc=$?
[ $rc -le 1 ] && ok "lock released: index succeeds" || bad "lock released: index exited $rc: $(head -c 300 "$WORK/w.err")"
consistent "after the held lock"

echo "concurrency: $pass passed, $fail failed"
[ $fail = 0 ]
