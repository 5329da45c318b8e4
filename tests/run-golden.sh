#!/bin/sh
# run-golden.sh PEOPLEGRAPH — end-to-end tests: labeled vaults, golden
# outputs, bad input, escaping, incremental indexing.  UPDATE=1 rewrites
# the golden files from the current output (review the diff before commit).
PG=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/pg-golden.XXXXXX")
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { # check NAME COMMAND...: the command must succeed
	name=$1; shift
	if "$@" >"$T/out" 2>"$T/err"; then ok; else bad "$name"; sed 's/^/  /' "$T/out" "$T/err" | head -20; fi
}
golden() { # golden NAME: compares $T/got with tests/golden/NAME
	g="$top/tests/golden/$1"
	if [ -n "$UPDATE" ]; then mkdir -p "$(dirname "$g")"; cp "$T/got" "$g"; ok; return; fi
	if diff -u "$g" "$T/got" >"$T/diff" 2>&1; then ok; else bad "golden $1"; head -30 "$T/diff"; fi
}

# --- labeled vaults: extraction quality may not drop below what it reached
score() { # score VAULT MIN_P MIN_R [MIN_OWNER_F1, default 1.0]
	v=$1; p=$2; r=$3; o=${4:-1.0}
	rm -rf "$T/sv"; cp -r "$top/$v" "$T/sv"
	"$PG" --vault "$T/sv" --db "$T/sv.db" --include-private notes >"$T/sv.json" 2>"$T/sv.err"
	check "score $v (P>=$p R>=$r)" python3 "$top/tests/score.py" "$top/$v/labels.json" "$T/sv.json" \
		--min-p "$p" --min-r "$r" --min-owner "$o" --verbose
	rm -f "$T/sv.db"*
}
score tests/seed 1.0 1.0
score examples/vault 1.0 1.0
score tests/vaults/hard 1.0 1.0
score tests/vaults/minutes 1.0 1.0
score tests/vaults/names 1.0 1.0
score tests/vaults/formats 0.98 0.95
score tests/vaults/tools 1.0 0.88
score tests/vaults/biotech 1.0 0.98

# the seed note: exactly its labels, and none of its not-people
rm -rf "$T/seed"; cp -r "$top/tests/seed" "$T/seed"
"$PG" notes --vault "$T/seed" --db "$T/seed.db" --me "Jason Vallery" --format json >"$T/seed.json"
check "seed exact" python3 - "$top/tests/seed/labels.json" "$T/seed.json" <<'PY'
import json, sys
lab = json.load(open(sys.argv[1]))
out = json.load(open(sys.argv[2]))
(path, want), = lab.items()
got, = out
assert got["path"] == path, got["path"]
assert got["date"] == want["date"], got["date"]
assert sorted(got["participants"]) == sorted(want["participants"]), got["participants"]
assert sorted(got["referenced"]) == sorted(want["referenced"]), got["referenced"]
assert [(t["owner"], t["due"]) for t in got["tasks"]] == [(t["owner"], t["due"]) for t in want["tasks"]], got["tasks"]
names = {n.casefold() for n in got["participants"] + got["referenced"]}
leaked = [n for n in want["not_people"] if n.casefold() in names]
assert not leaked, leaked
PY

# --- golden outputs on examples/vault
E="$T/ex"; cp -r "$top/examples/vault" "$E"
run() { "$PG" --vault "$E" --db "$T/ex.db" --quiet "$@"; }
run index --full >/dev/null 2>&1
run --no-index notes >"$T/got" && golden examples/notes.json
for f in table json csv md; do
	run --no-index people --format $f >"$T/got" && golden "examples/people.$f"
done
for f in table json csv md; do
	run --no-index history "Patrick O'Halloran" --format $f >"$T/got" && golden "examples/history-patrick.$f"
done
run --no-index history "Renee Lefebvre" --format json >"$T/got" && golden examples/history-renee-no-accents.json
run --no-index history "Kate" --since 2025-03-01 --until 2025-06-30 --format json >"$T/got" && golden examples/history-kate-range.json
# the same histories read by the walk over every note (what the vault's
# owner gets on a large vault)
for f in table json csv md; do
	PG_TEST_LARGE=1 run --no-index history "Patrick O'Halloran" --format $f >"$T/got" &&
		golden "examples/history-patrick.$f"
done
PG_TEST_LARGE=1 run --no-index history "Kate" --since 2025-03-01 --until 2025-06-30 --format json \
	>"$T/got" && golden examples/history-kate-range.json
run --no-index history Leo >"$T/got" 2>"$T/err"; rc=$?
if [ $rc -eq 2 ] && grep -q "Leo Ashdown" "$T/err" && grep -q "Leo Varga" "$T/err"; then ok; else bad "ambiguous Leo exits 2 with candidates (rc=$rc)"; fi
for f in table json csv md; do
	run --no-index tasks --as-of 2025-07-01 --format $f >"$T/got" && golden "examples/tasks.$f"
	# the same, read and printed by two threads (what a large vault gets)
	PG_TEST_LARGE=1 run --no-index tasks --as-of 2025-07-01 --format $f >"$T/got" &&
		golden "examples/tasks.$f"
	run --no-index topics --format $f >"$T/got" && golden "examples/topics.$f"
	run --no-index stale --days 60 --as-of 2025-10-01 --format $f >"$T/got" && golden "examples/stale.$f"
	run --no-index path Anouk "Patrick O'Halloran" --format $f >"$T/got" && golden "examples/path.$f"
	run --no-index search "pricing model" --format $f >"$T/got" && golden "examples/search.$f"
	run --no-index doctor --format $f >"$T/got" && golden "examples/doctor.$f"
done
run --no-index search pricing --sort date --format json >"$T/got" && golden examples/search-date.json
run --no-index search pricing --sort rank --limit 1 --format csv >"$T/got" && golden examples/search-rank-1.csv
"$PG" --vault "$E" --db "$T/ex.db" --no-index search pricing --limit 1 >/dev/null 2>"$T/err"
if grep -q "^peoplegraph: 5 notes match; these are the 1 best (--limit N shows more)$" "$T/err"; then ok; else bad "search says how many hits it left out"; cat "$T/err"; fi
# stale before the last meeting: counted up to the as-of day, not from the summary
run --no-index stale --days 30 --as-of 2025-06-01 --format json >"$T/got" && golden examples/stale-past.json

# path over tests/vaults/chain: Ada-Ben-{Cleo,Xavi}-Dov-Eve has two shortest
# routes through its middle (the earliest meetings decide); Ada and Ben met
# twice (the earlier meeting names the step); Fay and Gus meet only each other.
C="$T/chain"; cp -r "$top/tests/vaults/chain" "$C"
crun() { "$PG" --vault "$C" --db "$T/chain.db" --quiet "$@"; }
crun index >/dev/null 2>&1
crun --no-index path Ada Eve >"$T/got" && golden chain/path-ada-eve.table
crun --no-index path "Eve Lund" "Ada Quinn" --format json >"$T/got" && golden chain/path-eve-ada.json
crun --no-index path Cleo Xavi --format csv >"$T/got" && golden chain/path-cleo-xavi.csv
crun --no-index path Ada Fay >"$T/got" 2>"$T/err"; rc=$?
if [ $rc -eq 1 ] && grep -q "no chain of meetings connects them" "$T/err"; then ok; else bad "path without a chain exits 1 and says so (rc=$rc)"; fi
crun --no-index path Ada Ada --format json >"$T/got" && golden chain/path-ada-ada.json

for f in table json csv md; do
	run --no-index person Kate --format $f >"$T/got" && golden "examples/person-kate.$f"
done
run --no-index tasks "Katherine Brennan" --open --format json >"$T/got" && golden examples/tasks-kate-open.json
run --no-index tasks --overdue --as-of 2025-03-01 --format json >"$T/got" && golden examples/tasks-overdue.json
# what another tool could write into an index: dues and a note date that
# are not dates of the usual form (sorted as text, as SQLite would), a
# note id far above the others, done values other than 0 and 1 (sorted
# by value; 0.5 reads as 0, open)
sqlite3 "$T/ex.db" ".backup '$T/odd.db'"
sqlite3 "$T/odd.db" "UPDATE task SET due = 'next sprint' WHERE (note, seq) =
	(SELECT note, seq FROM task WHERE due IS NOT NULL ORDER BY note, seq LIMIT 1);
UPDATE task SET due = '2025-99-01' WHERE (note, seq) =
	(SELECT note, seq FROM task WHERE due IS NOT NULL ORDER BY note DESC, seq DESC LIMIT 1);
UPDATE note SET date = 'spring 2025' WHERE id = (SELECT min(note) FROM task WHERE due IS NULL);
UPDATE note SET id = 200000000 WHERE id = (SELECT max(note) FROM task);
UPDATE task SET note = 200000000 WHERE note = (SELECT max(note) FROM task);
UPDATE mention SET note = 200000000 WHERE note NOT IN (SELECT id FROM note);
UPDATE task SET done = 2 WHERE (note, seq) = (SELECT note, seq FROM task WHERE done = 1 LIMIT 1);
UPDATE task SET done = 0.5 WHERE (note, seq) =
	(SELECT note, seq FROM task WHERE done = 0 ORDER BY note DESC LIMIT 1);"
"$PG" --vault "$E" --db "$T/odd.db" --quiet --no-index tasks --as-of 2025-07-01 --format csv \
	>"$T/got" && golden examples/tasks-odd-due.csv
PG_TEST_LARGE=1 "$PG" --vault "$E" --db "$T/odd.db" --quiet --no-index tasks --as-of 2025-07-01 \
	--format csv >"$T/got" && golden examples/tasks-odd-due.csv
# a history that passes the note of id 200,000,000 (a byte per note id
# would take 200 MB)
for large in 0 1; do
	PG_TEST_LARGE=$large "$PG" --vault "$E" --db "$T/odd.db" --quiet --no-index history \
		"Gwen Partridge" --format json >"$T/got" && golden examples/history-odd-id.json
done
for w in open done; do
	for large in 0 1; do
		PG_TEST_LARGE=$large "$PG" --vault "$E" --db "$T/odd.db" --quiet --no-index tasks \
			--$w --as-of 2025-07-01 --format csv >"$T/got" && golden "examples/tasks-odd-due-$w.csv"
	done
done
run --no-index topics --person "Patrick O'Halloran" --format json >"$T/got" && golden examples/topics-patrick.json
run --no-index history "Patrick O'Halloran" --role owner --format json >"$T/got" && golden examples/history-patrick-owner.json
PG_TEST_LARGE=1 run --no-index history "Patrick O'Halloran" --role owner --format json >"$T/got" &&
	golden examples/history-patrick-owner.json
for f in dot json graphml gexf mermaid; do
	run --no-index graph --format $f >"$T/got" 2>/dev/null && golden "examples/graph.$f"
done
run --no-index graph --focus "Katherine Brennan" --depth 1 --format json >"$T/got" 2>/dev/null && golden examples/graph-focus-kate.json
run --no-index graph --format svg -o "$T/g.svg" 2>/dev/null
check "svg is well-formed XML" xmllint --noout "$T/g.svg"
if grep -q "$top\|/tmp/\|source_ref\|/Users/" "$T/g.svg" "$T/got"; then bad "absolute path in graph output"; else ok; fi

# --- privacy: the confidential note is in no output unless asked
priv="Board prep with Ren"
if run --no-index notes | grep -q "$priv"; then bad "private note in notes"; else ok; fi
if run --no-index --include-private notes | grep -q "$priv"; then ok; else bad "--include-private shows the private note"; fi
for cmd in "people --format json" "history Celeste --format json" "graph --format json"; do
	# Celeste Moreau only attends the private board prep and one other meeting
	run --no-index $cmd >"$T/got" 2>/dev/null
	if grep -q "2025-02-18" "$T/got"; then bad "private note leaks through '$cmd'"; else ok; fi
done
if run --no-index notes | grep -q "source_ref\|/Users/"; then bad "source_ref leaks"; else ok; fi

# --- bad input: diagnostics with path:line, exit 1, the rest indexed
B="$T/bad"; mkdir -p "$B/sub"
cp "$top/tests/seed/2025-10-30 - 1-1 with Lior Genzel.md" "$B/good.md"
printf -- '---\ntitle: "broken\nparticipants: [a, b\n---\nbody\n' >"$B/broken-yaml.md"
printf -- '---\ntitle: never closed\nparticipants: [Ann Lee]\n\nbody\n' >"$B/unterminated.md"
printf -- '---\na: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n---\nbomb\n' >"$B/alias-bomb.md"
python3 -c "print('---\nx: ' + '['*200 + ']'*200 + '\n---\ndeep')" >"$B/deep.md"
printf 'Attendees: Ana \377\376 Silva, Bo Chen\n\nbad bytes\n' >"$B/invalid-utf8.md"
printf 'PK\003\004\000\000binary' >"$B/binary.md"
: >"$B/empty.md"
printf '\357\273\277---\r\ntitle: "CRLF and BOM"\r\ndate: 2025-01-02\r\nparticipants: ["Dana Ruiz", "Eli Park"]\r\n---\r\n\r\nDana Ruiz said hi.\r\n' >"$B/crlf-bom.md"
python3 -c "import sys; sys.stdout.write('x' * (50 << 20))" >"$B/huge.md"
ln -s .. "$B/sub/loop"
ln -s "$B/gone-before-the-scan.md" "$B/vanished.md"   # a file that disappears: a dangling link
printf -- '---\ndate: 03/04/2025\n---\nx\n' >"$B/ambiguous-date.md"
printf 'PNG' >"$B/image.png"; mkdir -p "$B/.obsidian"
# bounded memory and time: 1.5 GB of address space, 60 s
# (not under ASan, whose shadow memory needs a huge address space)
( [ -n "${ASAN_OPTIONS:-}" ] || ulimit -v 1500000; timeout 60 "$PG" --vault "$B" --db "$T/bad.db" --quiet index ) >"$T/out" 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && ok || bad "bad vault exits 1 (got $rc)"
for pat in "broken-yaml.md:[0-9]*: error" "unterminated.md:1: error" "alias-bomb.md:[0-9]*: error" \
	"deep.md:[0-9]*: error" "invalid-utf8.md:1: error" "binary.md:1: error" "huge.md:1: error" \
	"sub/loop: warning" "vanished.md:1: warning" \
	"ambiguous-date.md:2: warning: date .03/04/2025. could be day/month or month/day"; do
	if grep -q "^$pat" "$T/err"; then ok; else bad "diagnostic '$pat'"; cat "$T/err"; fi
done
"$PG" --vault "$B" --db "$T/bad.db" --no-index notes >"$T/bad.json" 2>/dev/null
check "good notes of a bad vault still indexed" python3 -c "
import json,sys
d={n['path']:n for n in json.load(open('$T/bad.json'))}
assert d['good.md']['participants']==['Jason Vallery','Lior Genzel'] or sorted(d['good.md']['participants'])==['Jason Vallery','Lior Genzel'], d['good.md']
assert sorted(d['crlf-bom.md']['participants'])==['Dana Ruiz','Eli Park'], d['crlf-bom.md']
assert d['crlf-bom.md']['date']=='2025-01-02'
assert 'Bo Chen' in d['invalid-utf8.md']['participants'], d['invalid-utf8.md']
assert d['empty.md']['participants']==[]
"
check "index passes integrity_check" sh -c "[ \"\$(sqlite3 '$T/bad.db' 'PRAGMA integrity_check')\" = ok ]"
"$PG" --vault "$B" --db "$T/bad.db" --verbose index >"$T/out" 2>"$T/err"
if grep -q "^image.png: note: not markdown (.md); skipped" "$T/err" && grep -q "^.obsidian: note: hidden; skipped" "$T/err"; then ok; else bad "--verbose explains skips"; cat "$T/err"; fi
"$PG" --vault "$B" --db "$T/bad.db" index >"$T/out" 2>"$T/err"
if grep -q "image.png" "$T/err"; then bad "skips are explained only with --verbose"; else ok; fi
# an unreadable note: run as an unprivileged user (root reads everything)
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	U="$T/unread"; mkdir -p "$U"; cp "$top/tests/seed/"*.md "$U/"
	printf -- '---\nparticipants: [Ann Lee]\n---\nsecret\n' >"$U/locked.md"
	chmod 000 "$U/locked.md"; chmod 777 "$U"; chmod 755 "$T"
	setpriv --reuid=65534 --regid=65534 --clear-groups "$PG" --vault "$U" --db "$U/i.db" --quiet index >"$T/out" 2>"$T/err"; rc=$?
	if [ $rc -eq 1 ] && grep -q "^locked.md:1: error: cannot read: Permission denied" "$T/err"; then ok; else bad "unreadable note (rc=$rc)"; cat "$T/err"; fi
	setpriv --reuid=65534 --regid=65534 --clear-groups "$PG" --vault "$U" --db "$U/i.db" --no-index notes >"$T/unread.json" 2>/dev/null
	if grep -q "Lior Genzel" "$T/unread.json"; then ok; else bad "readable notes beside an unreadable one"; fi
else
	echo "note: not root or no setpriv; unreadable-file test skipped"
fi

# --- escaping: hostile names stay data in every format
X="$T/esc"; mkdir -p "$X"
cat >"$X/n.md" <<'MD'
---
title: "Q\"uote <script>alert(1)</script> & {braces} \\ back"
date: 2025-03-03
participants: ["Zoë \"Z\" O'Neil", "Ann <b>Lee</b>", "Bob {Brace} Smith", "Carl ]] Jones", "Dee & Dum"]
---
- [ ] fix it @Zoë "Z" O'Neil 📅 2025-03-04
MD
"$PG" --vault "$X" --db "$T/esc.db" --quiet index >/dev/null 2>&1
for f in json graphml gexf mermaid dot svg; do
	"$PG" --vault "$X" --db "$T/esc.db" --no-index graph --format $f -o "$T/esc.$f" 2>/dev/null || bad "graph $f on hostile names"
done
check "json valid" python3 -c "import json; json.load(open('$T/esc.json'))"
check "graphml well-formed" xmllint --noout "$T/esc.graphml"
check "gexf well-formed" xmllint --noout "$T/esc.gexf"
check "svg well-formed" xmllint --noout "$T/esc.svg"
if grep -qi "<script" "$T/esc.svg" "$T/esc.graphml" "$T/esc.gexf"; then bad "script element in output"; else ok; fi
check "dot parses" dot -Tcanon -o /dev/null "$T/esc.dot"
"$PG" --vault "$X" --db "$T/esc.db" --no-index notes >"$T/esc-notes.json"
check "notes json valid" python3 -c "import json; json.load(open('$T/esc-notes.json'))"
"$PG" --vault "$X" --db "$T/esc.db" --no-index people --format csv >"$T/esc.csv"
check "csv parses" python3 -c "
import csv; rows=list(csv.reader(open('$T/esc.csv'))); assert rows[0][0]=='name' and len(rows)>1, rows"

# --- control characters in tags (YAML escapes) never split a topic:
#     note.topics separates terms with \x1f
K="$T/ctl"; mkdir -p "$K"
cat >"$K/n.md" <<'MD'
---
title: "Control test"
date: 2025-03-03
participants: ["Ann Lee", "Bob Smith"]
tags: ["ab\x1fcd", "ef\tgh", "qq"]
---
Ann Lee and Bob Smith met.
MD
"$PG" --vault "$K" --db "$T/ctl.db" --quiet index >/dev/null 2>&1
"$PG" --vault "$K" --db "$T/ctl.db" --quiet --no-index history "Ann Lee" --format json >"$T/ctl.json"
"$PG" --vault "$K" --db "$T/ctl.db" --quiet --no-index person "Ann Lee" --format json >"$T/ctl-p.json"
check "control characters in tags: one topic each" python3 - "$T/ctl.json" "$T/ctl-p.json" <<'PY'
import json, sys
h = json.load(open(sys.argv[1]))
assert h[0]["topics"] == ["ab cd", "ef gh", "qq", "Control test"], h[0]["topics"]
p = json.load(open(sys.argv[2]))
assert sorted(t["topic"] for t in p["topics"]) == ["Control test", "ab cd", "ef gh", "qq"], p["topics"]
PY

# --- doctor: a name found in many places shows three of them in a table;
#     JSON keeps every place
A="$T/amb"; mkdir -p "$A"
printf -- '---\ndate: 2025-01-01\nparticipants: [Ann Lee, Ann Park]\n---\nKickoff.\n' >"$A/a.md"
for i in 1 2 3 4 5; do # "; " in a name: the places are still counted right
	printf -- '---\ndate: 2025-02-0%s\nparticipants: [Bo Chen]\n---\nAnn said the plan holds.\n' "$i" >"$A/n; $i.md"
done
"$PG" --vault "$A" --db "$T/amb.db" --quiet --me "Bo Chen" doctor >"$T/amb.table" 2>/dev/null
"$PG" --vault "$A" --db "$T/amb.db" --quiet --me "Bo Chen" --no-index doctor --format json >"$T/amb.json" 2>/dev/null
if grep -q "^ambiguous .*'Ann'.*; \.\.\. and 2 more (--format json lists all)\$" "$T/amb.table"; then ok; else bad "doctor table caps places"; cat "$T/amb.table"; fi
check "doctor json lists every place" python3 -c "
import json; d=json.load(open('$T/amb.json')); w=[x['where'] for x in d if x['kind']=='ambiguous'][0]
assert sorted(w.split('.md:5; ')) == ['n; %d' % i for i in range(1, 5)] + ['n; 5.md:5'], w"

# --- doctor: a list entry of given names only ("Andrew Jeff Nathan") is
#     flagged with the note that writes it
R="$T/runon"; mkdir -p "$R"
printf -- '---\ndate: 2025-01-01\n---\nAttendees: Andrew Jeff Nathan, Bo Chen\n\nWe met.\n' >"$R/list.md"
printf -- '---\ndate: 2025-01-08\nparticipants: [Bo Chen, Andrew]\n---\nAgain.\n' >"$R/again.md"
"$PG" --vault "$R" --db "$T/runon.db" --quiet --me "Bo Chen" doctor --format csv >"$T/runon.csv" 2>/dev/null
if grep -q "^run-on?,\"'Andrew Jeff Nathan' is only given names.*\",list.md\$" "$T/runon.csv"; then ok; else bad "doctor flags a run-on list entry"; cat "$T/runon.csv"; fi

# --- a first index is built in a file of its own and renamed into place:
#     a query without an index leaves nothing behind, and the build file of
#     an indexer that was killed is deleted by the next one
F="$T/first"; mkdir -p "$F"
dead=$(sh -c 'echo $$')
: >"$F/idx.db.build-$dead"
"$PG" --vault "$E" --db "$F/idx.db" --quiet --no-index people >/dev/null 2>&1
check "a query without an index creates no file" test -z "$(ls "$F")"
: >"$F/idx.db.build-$dead"
"$PG" --vault "$E" --db "$F/idx.db" --quiet index >/dev/null 2>&1
check "a first index is one file, in WAL mode, with no build file left" test "$(ls "$F")" = idx.db
check "a first index opens in WAL mode" test "$(sqlite3 "$F/idx.db" 'PRAGMA journal_mode')" = wal
check "a first index passes integrity_check" test "$(sqlite3 "$F/idx.db" 'PRAGMA integrity_check')" = ok
check "a first index has 16 KB pages" test "$(sqlite3 "$F/idx.db" 'PRAGMA page_size')" = 16384
# on a file system without hard links (link() fails as on FAT), it is renamed
printf '#include <errno.h>\nint link(const char *a, const char *b) { (void)a; (void)b; errno = EPERM; return -1; }\n' >"$T/nolink.c"
if ${CC:-cc} -shared -fPIC -o "$T/nolink.so" "$T/nolink.c" 2>/dev/null; then
	mkdir -p "$F/nolink"
	# (under ASan the preloaded library comes before its runtime: allowed)
	LD_PRELOAD="$T/nolink.so" ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
		"$PG" --vault "$E" --db "$F/nolink/idx.db" --quiet index >/dev/null 2>&1
	check "without hard links, a first index is renamed into place" test "$(ls "$F/nolink")" = idx.db
	check "without hard links, the index is whole" test "$(sqlite3 "$F/nolink/idx.db" 'SELECT count(*) FROM note')" = "$(sqlite3 "$F/idx.db" 'SELECT count(*) FROM note')"
fi

# --- incremental: after edits, deletions, renames and a new person note,
#     the index equals a full rebuild
I="$T/inc"; cp -r "$top/examples/vault" "$I"
inc() { "$PG" --vault "$I" --db "$T/inc.db" --quiet --include-private "$@"; }
inc index >/dev/null 2>&1
echo "Also Patrick O'Halloran and Dmitri Volkov said yes." >>"$I/Meetings/2025/2025-09-09 - Q3 planning offsite.md"
rm "$I/Customers/Greystone Utilities/2025-06-10 - Greystone pricing negotiation.md"
mv "$I/1-1s/2025-07-22 - Jonah 1-1.md" "$I/1-1s/renamed jonah.md"
printf -- '---\ntype: person\naliases: [Toby]\norg: Caldera Cloud\n---\n# Tobias Wexler\n' >"$I/People/Tobias Wexler.md"
inc index >/dev/null 2>&1
inc --no-index notes >"$T/inc1.json"; inc --no-index people --format json >"$T/inc1p.json"
rm -f "$T/inc.db"*
inc index --full >/dev/null 2>&1
inc --no-index notes >"$T/inc2.json"; inc --no-index people --format json >"$T/inc2p.json"
check "incremental notes == full rebuild" cmp "$T/inc1.json" "$T/inc2.json"
check "incremental people == full rebuild" cmp "$T/inc1p.json" "$T/inc2p.json"
check "new person note gives the org" grep -q '"Tobias Wexler", "org": "Caldera Cloud"' "$T/inc2p.json"

# --- terminal conventions: colour only on a terminal and never with
#     NO_COLOR; progress only on a terminal and never with --quiet
if command -v script >/dev/null 2>&1; then
	script -qec "\"$PG\" --vault \"$E\" --db \"$T/ex.db\" --no-index people" /dev/null >"$T/tty" 2>&1
	if grep -q "$(printf '\033')\[1m" "$T/tty"; then ok; else bad "bold header on a terminal"; fi
	NO_COLOR=1 script -qec "\"$PG\" --vault \"$E\" --db \"$T/ex.db\" --no-index people" /dev/null >"$T/tty" 2>&1
	if grep -q "$(printf '\033')" "$T/tty"; then bad "NO_COLOR honoured"; else ok; fi
	script -qec "\"$PG\" --vault \"$E\" --db \"$T/tty.db\" index" /dev/null >"$T/tty" 2>&1
	if grep -q "indexing: " "$T/tty"; then ok; else bad "progress line on a terminal"; cat "$T/tty"; fi
	if grep -q "resolving: .* note passes" "$T/tty"; then ok; else bad "progress of the resolution passes"; cat "$T/tty"; fi
	rm -f "$T/tty.db"*
	script -qec "\"$PG\" --vault \"$E\" --db \"$T/tty.db\" --quiet index" /dev/null >"$T/tty" 2>&1
	if grep -q "indexing: \|resolving: " "$T/tty"; then bad "--quiet silences progress"; else ok; fi
else
	echo "note: no script(1); terminal tests skipped"
fi
rm -f "$T/tty.db"*
"$PG" --vault "$E" --db "$T/tty.db" index >"$T/out" 2>"$T/err"
if grep -q "indexing" "$T/err"; then bad "progress off a terminal"; else ok; fi
if grep -q "$(printf '\033')" "$T/out"; then bad "escape codes off a terminal"; else ok; fi

# --- config: unknown keys are errors with their line; PEOPLEGRAPH_VAULT
C="$T/cfg"; mkdir -p "$C"; cp "$top/tests/seed/"*.md "$C/"
printf 'me: Jason Vallery\npeeople: []\n' >"$C/.peoplegraph.yaml"
"$PG" --vault "$C" --db "$T/cfg.db" people >"$T/out" 2>"$T/err"; rc=$?
if [ $rc -eq 3 ] && grep -q "^.peoplegraph.yaml:2: error: unknown key 'peeople'" "$T/err"; then ok; else bad "config unknown key (rc=$rc)"; cat "$T/err"; fi
printf 'me: Jason Vallery\nnot_people: [Renen]\n' >"$C/.peoplegraph.yaml"
PEOPLEGRAPH_VAULT="$C" "$PG" --db "$T/cfg2.db" --quiet notes >"$T/cfg.json" 2>"$T/err"
check "PEOPLEGRAPH_VAULT and not_people" python3 -c "
import json; n=json.load(open('$T/cfg.json'))[0]; assert 'Renen' not in n['referenced'] and 'Igal Figlin' in n['referenced'], n"
"$PG" --vault "$T/nonexistent" people >"$T/out" 2>"$T/err"; rc=$?
if [ $rc -eq 3 ] && grep -q "cannot open vault" "$T/err"; then ok; else bad "missing vault exits 3 (rc=$rc)"; fi
"$PG" --vault "$E" --db "$T/ex.db" nosuchcommand >"$T/out" 2>"$T/err"; rc=$?
[ $rc -eq 2 ] && ok || bad "unknown command exits 2"
"$PG" --vault "$E" --db "$T/ex.db" --me "" people >"$T/out" 2>"$T/err"; rc=$?
if [ $rc -eq 2 ] && grep -q -- "--me needs a name" "$T/err"; then ok; else bad "--me '' exits 2 (rc=$rc)"; fi

# --- random edits: the incremental index equals a full rebuild
check "incremental == full (examples)" python3 "$top/tests/incremental.py" "$PG" "$top/examples/vault" 12 7
check "incremental == full (hard)" python3 "$top/tests/incremental.py" "$PG" "$top/tests/vaults/hard" 12 11
# cmark-gfm keeps its extensions' special characters in one process-wide
# table that every parse changes: notes parsed on several threads at once
# must still all see '~~' and tables (many notes, so the threads overlap)
mkdir -p "$T/md"
i=0
while [ $i -lt 400 ]; do
	printf -- '---\ndate: 2025-03-%02d\n---\n\n| Name | Org |\n|---|---|\n| Ada Quinn | Acme |\n| Ben Ortiz | Acme |\n\n## Action Items\n\n- [ ] Send the ~~draft~~ final deck @Ada Quinn\n- [ ] Book the ~~room~~ hall @Ben Ortiz\n' $((i % 28 + 1)) >"$T/md/n$i.md"
	i=$((i + 1))
done
"$PG" --vault "$T/md" --db "$T/md.db" --quiet notes >"$T/md.json" 2>"$T/err"
check "markdown extensions on every thread" python3 - "$T/md.json" <<'PY'
import json, sys
notes = json.load(open(sys.argv[1]))
assert len(notes) == 400, len(notes)
for n in notes:
    texts = [t["text"] for t in n["tasks"]]
    assert texts == ["Send the draft final deck", "Book the room hall"], (n["path"], texts)
    assert sorted(n["participants"]) == ["Ada Quinn", "Ben Ortiz"], (n["path"], n["participants"])
PY

# a vault larger than the parsing window (256 notes) and than two batches of
# stored notes (512): the streamed index, refreshed after edits, equals a
# full rebuild
python3 "$top/bench/genvault.py" "$T/gen" --notes 1200 --seed 3 >/dev/null 2>&1
check "incremental == full (generated, 1,200 notes)" python3 "$top/tests/incremental.py" "$PG" "$T/gen" 4 5

echo "golden: $pass passed, $fail failed"
[ $fail -eq 0 ]
