#!/usr/bin/env bash
# Benchmark peoplegraph on generated vaults and print a markdown table of
# medians per vault size. See bench/README.md for what each row means.
#
# Environment:
#   PEOPLEGRAPH       binary to measure (default: ./peoplegraph in the repo root)
#   BENCH_SIZES       vault sizes in notes (default "1000 20000"; 100000 works)
#   BENCH_DIR         cache for vaults, databases and results (/tmp/peoplegraph-bench)
#   BENCH_RUNS        timed runs per measurement (default 5; at most 3 above 20k notes)
#   BENCH_PEER_RUNS   runs of the Python peer (default 2 up to 1k notes, else 1; 0 skips)
#   BENCH_SEED        generator seed (default 1)
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
sizes=${BENCH_SIZES:-"1000 20000"}
dir=${BENCH_DIR:-/tmp/peoplegraph-bench}
runs=${BENCH_RUNS:-5}
seed=${BENCH_SEED:-1}
peer=$repo/../shared/bench/peer_python.py

# A relative $PEOPLEGRAPH means relative to where the user is; only the
# default is relative to the repo root.
pg=${PEOPLEGRAPH:-$repo/peoplegraph}
[[ $pg == */* ]] || pg=$(command -v "$pg" || echo "$pg")
if [[ ! -x $pg || -d $pg ]]; then
    echo "bench: no peoplegraph binary at '$pg'." >&2
    echo "bench: build it with 'make' or point PEOPLEGRAPH at one." >&2
    exit 1
fi
pg=$(cd "$(dirname "$pg")" && pwd)/$(basename "$pg")

have() { command -v "$1" >/dev/null 2>&1; }
q() { printf '%q ' "$@"; }        # quote a command for hyperfine's shell

mkdir -p "$dir" || exit 1
tmp=$(mktemp -d "$dir/run.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
log=$dir/last-run.log              # stderr of everything measured, for failures
: >"$log"
status=0

# median_of FILE: median of the numbers in FILE, one per line.
median_of() {
    python3 -c 'import statistics,sys; print(statistics.median(float(l) for l in open(sys.argv[1]) if l.strip()))' "$1"
}

# measure RUNS WARMUP PREPARE COMMAND: print the median wall time in seconds,
# or fail. PREPARE (may be empty) runs untimed before every run, so each run
# starts from the same state (fresh database, one edited note, ...).
measure() {
    local n=$1 warm=$2 prep=$3 cmd=$4
    echo "### $cmd" >>"$log"
    if have hyperfine; then
        # hyperfine subtracts its shell's start-up, which matters for the
        # millisecond-scale queries on the small vault.
        local json=$tmp/hf.json args
        args=(--style none --runs "$n" --warmup "$warm" --export-json "$json")
        [[ -n $prep ]] && args+=(--prepare "$prep")
        hyperfine "${args[@]}" "$cmd" >>"$log" 2>&1 || return 1
        python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$json"
    else
        python3 - "$n" "$warm" "$prep" "$cmd" 2>>"$log" <<'PY'
import statistics, subprocess, sys, time
n, warm, prep, cmd = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
def run(c):
    return subprocess.run(c, shell=True, stdout=subprocess.DEVNULL).returncode
def timed(c):
    t = time.perf_counter()
    rc = run(c)
    return rc, time.perf_counter() - t
# What starting the shell costs, measured and subtracted as hyperfine does:
# a few milliseconds, which matter for queries of a few tens.
shell = statistics.median(timed(":")[1] for _ in range(20))
times = []
for i in range(warm + n):
    if prep and run(prep):
        sys.exit("prepare failed")
    rc, t = timed(cmd)
    if rc:
        sys.exit("command failed")
    if i >= warm:
        times.append(t)
print(f"shell start-up subtracted: {shell * 1000:.1f} ms", file=sys.stderr)
print(max(statistics.median(times) - shell, 0.0))
PY
    fi
}

# peak_rss CMD...: print "seconds kilobytes" of one run. /usr/bin/time reads
# the kernel's maxrss for the child; without it, Python's getrusage reads the
# same number, so nothing has to be installed.
peak_rss() {
    if [[ -x /usr/bin/time ]]; then
        /usr/bin/time -o "$tmp/rss" -f '%e %M' "$@" >/dev/null 2>>"$log" || return 1
        cat "$tmp/rss"
    else
        python3 - "$@" 2>>"$log" <<'PY'
import resource, subprocess, sys, time
t = time.perf_counter()
rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
print(f"{time.perf_counter() - t:.3f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
sys.exit(rc)
PY
    fi
}

# vault N: path of a generated vault of N notes, regenerated only when the
# generator or its arguments change (20k notes take ~10 s to write).
vault() {
    local n=$1 v=$dir/vault-$1 stamp
    stamp="$(sha256sum "$here/genvault.py" | cut -c1-16) notes=$n seed=$seed"
    if [[ ! -f $v/.stamp || $(cat "$v/.stamp") != "$stamp" ]]; then
        echo "bench: generating $n notes into $v" >&2
        rm -rf "$v" "$v.tmp"
        python3 "$here/genvault.py" "$v.tmp" --notes "$n" --seed "$seed" >&2 || return 1
        echo "$stamp" >"$v.tmp/.stamp"
        mv "$v.tmp" "$v"            # only complete vaults enter the cache
    fi
    echo "$v"
}

# vault_facts VAULT PERSON_MD: set hub, focus, edit, newp and people from the
# generator's .genvault.json, and write the person note the last refresh adds.
vault_facts() {
    eval "$(python3 - "$1" "$2" <<'PY'
import json, os, shlex, sys
vault, person_md = sys.argv[1], sys.argv[2]
m = json.load(open(os.path.join(vault, ".genvault.json")))
p = m["new_person"]
with open(person_md, "w", encoding="utf-8") as f:
    f.write(f"---\ntype: person\naliases: {json.dumps(p['aliases'], ensure_ascii=False)}\n"
            f"org: {json.dumps(p['org'])}\nrole: {json.dumps(p['role'])}\n---\n\n"
            f"# {p['name']}\n")
for var, val in [("hub", m["hub"]), ("focus", m["focus"]), ("edit", m["edit_note"]),
                 ("newp", f"People/{p['name']}.md"), ("people", m["people"])]:
    print(f"{var}={shlex.quote(str(val))}")
PY
)"
}

# row LABEL VALUE: one table row; ratios against cat and the peer's full run.
row() {
    local label=$1 t=$2
    if [[ $t == FAIL || $t == - ]]; then
        printf '| %s | %s | | |\n' "$label" "$t"
        return
    fi
    python3 - "$label" "$t" "$cat_t" "$peer_t" <<'PY'
import sys
label, t, cat, peer = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4]
ratio = lambda a, b: f"{a / b:.1f}x" if a and b else "-"
vs_cat = ratio(t, float(cat)) if cat not in ("", "FAIL") else "-"
vs_peer = ratio(float(peer), t) if peer not in ("", "-", "FAIL") else "-"
print(f"| {label} | {t:.3f} s | {vs_cat} | {vs_peer} |")
PY
}

bench_size() {
    local n=$1 r=$runs v work db pgq hub focus edit newp people mb
    (( n > 20000 && r > 3 )) && r=3
    v=$(vault "$n") || { echo "bench: could not generate $n notes" >&2; return 1; }

    # Measure on a copy: the refresh benchmarks edit notes, and the cached
    # vault must stay byte-identical to what genvault.py writes.
    work=$dir/work-$n db=$dir/work-$n.db
    rm -rf "$work" "$db" "$db-wal" "$db-shm"
    cp -a "$v" "$work" || return 1
    pgq=$(q "$pg" --vault "$work" --db "$db" --quiet)
    vault_facts "$v" "$tmp/person.md" || return 1
    mb=$(du -sm --apparent-size "$work" | cut -f1)
    echo
    echo "## $n notes ($mb MB, $people people; hub: $hub; focus: $focus; runs: $r)"
    echo

    # The peer first: its time is the denominator of the last column.
    peer_t=- cat_t=
    local peer_rss=- pr=${BENCH_PEER_RUNS:-$(( n <= 1000 ? 2 : 1 ))}
    # Run the peer under the interpreter its #! names: that is the one with
    # PyYAML's C loader, as its author intended.
    local py=python3 shebang
    if [[ -f $peer ]]; then
        read -r shebang <"$peer"
        read -r -a shebang <<<"${shebang#\#!}"
        py=${shebang[0]:-python3}
        [[ ${py##*/} == env ]] && py=${shebang[1]:-python3}
    fi
    if [[ $pr -gt 0 && -f $peer ]] && "$py" -c 'import yaml, networkx' 2>/dev/null; then
        : >"$tmp/peer.t"; : >"$tmp/peer.m"
        for ((i = 0; i < pr; i++)); do
            read -r t m < <(peak_rss "$py" "$peer" "$work") || { peer_t=FAIL; break; }
            echo "$t" >>"$tmp/peer.t"; echo "$m" >>"$tmp/peer.m"
        done
        if [[ $peer_t != FAIL ]]; then
            peer_t=$(median_of "$tmp/peer.t") peer_rss=$(median_of "$tmp/peer.m")
        fi
    elif [[ $pr -le 0 ]]; then
        echo "(BENCH_PEER_RUNS=0: Python peer skipped)"
        echo
    elif [[ ! -f $peer ]]; then
        echo "(no Python peer at $peer: peer column left empty)"
        echo
    else
        echo "(Python peer needs python3-yaml and python3-networkx: peer column left empty)"
        echo
    fi

    local t
    cat_t=$(measure "$r" 1 "" "find $(q "$work") -name '*.md' -print0 | xargs -0 cat >/dev/null") || cat_t=FAIL

    echo "| measurement | median | ÷ cat | peer ÷ this |"
    echo "|---|---:|---:|---:|"
    row "read all .md files (cat, warm cache)" "$cat_t"

    local fresh
    fresh="rm -f $(q "$db" "$db-wal" "$db-shm")"
    t=$(measure "$r" 0 "$fresh" "$pgq index --full") || { t=FAIL; status=1; }
    row "index --full, fresh database" "$t"

    # Peak RSS varies little between runs: three are enough for a median.
    local rss=FAIL
    : >"$tmp/rss.m"
    for ((i = 0; i < (r < 3 ? r : 3); i++)); do
        rm -f "$db" "$db-wal" "$db-shm"
        read -r _ m < <(peak_rss "$pg" --vault "$work" --db "$db" --quiet index --full) || break
        echo "$m" >>"$tmp/rss.m"
    done
    [[ -s $tmp/rss.m ]] && rss=$(median_of "$tmp/rss.m")

    t=$(measure "$r" 1 "" "$pgq index") || { t=FAIL; status=1; }
    row "index, nothing changed" "$t"
    t=$(measure "$r" 1 "" "$pgq history $(q "$hub") --format json") || { t=FAIL; status=1; }
    row "history (busiest person), json" "$t"
    t=$(measure "$r" 1 "" "$pgq graph --focus $(q "$focus") --depth 2 -o $(q "$tmp/focus.svg")") || { t=FAIL; status=1; }
    row "graph --focus --depth 2, svg" "$t"
    t=$(measure "$r" 1 "" "$pgq graph --top 300 -o $(q "$tmp/top.svg")") || { t=FAIL; status=1; }
    row "graph --top 300, svg" "$t"

    # Each run appends one more line, so every run has exactly one changed note.
    t=$(measure "$r" 1 "echo $(q "- Late addition: $hub will follow up.") >> $(q "$work/$edit")" "$pgq index") || { t=FAIL; status=1; }
    row "index after editing one note" "$t"
    # The new person note gives a frequent person an alias, which can change
    # what their first name resolves to in every old note: undo, reindex, redo.
    t=$(measure "$r" 1 "rm -f $(q "$work/$newp") && $pgq index && cp $(q "$tmp/person.md" "$work/$newp")" "$pgq index") || { t=FAIL; status=1; }
    row "index after adding one person note" "$t"

    [[ -n $peer_t && $peer_t != - ]] && row "Python peer (PyYAML + regex + networkx), one full run" "$peer_t"
    rss_row
    queries
}

# queries: the query commands alone (--no-index, the index is up to date),
# each its own row; the issue's target is 50 ms at 20,000 notes.
queries() {
    local pgn rare word owner
    pgn=$(q "$pg" --vault "$work" --db "$db" --quiet --no-index)
    "$pg" --vault "$work" --db "$db" --quiet index >/dev/null 2>>"$log"
    # someone met least often, but at least twice (a typical contact), and
    # a word found in few notes
    rare=$("$pg" --vault "$work" --db "$db" --quiet --no-index people --format csv 2>>"$log" |
        awk -F, 'NR > 1 && $4 >= 2 { name = $1 } END { print name }')
    word=${focus##* }
    # the owner is in the most meetings: the first row of people
    owner=$("$pg" --vault "$work" --db "$db" --quiet --no-index people --format csv 2>>"$log" |
        awk -F, 'NR == 2 { print $1 }')
    echo
    echo "Queries alone (\`--no-index\`; output to /dev/null):"
    echo
    echo "| query | median |"
    echo "|---|---:|"
    qrow() {
        local label=$1 t
        shift
        t=$(measure "$r" 1 "" "$pgn $*") || { t=FAIL; status=1; }
        if [[ $t == FAIL ]]; then printf '| %s | FAIL |\n' "$label"; else
            python3 -c 'import sys; print(f"| {sys.argv[1]} | {float(sys.argv[2]) * 1000:.0f} ms |")' "$label" "$t"; fi
    }
    qrow "history, person in the top 2% ($focus)" history "$(q "$focus")"
    [[ -n $rare ]] && qrow "history, person met least often ($rare)" history "$(q "$rare")"
    qrow "history, busiest person ($hub), json" history "$(q "$hub")" --format json
    qrow "person (dossier), top 2%" person "$(q "$focus")"
    qrow "person (dossier), busiest" person "$(q "$hub")"
    qrow "people" people
    qrow "tasks NAME --open" tasks "$(q "$focus")" --open
    qrow "topics" topics
    qrow "topics --person" topics --person "$(q "$focus")"
    [[ -n $rare ]] && qrow "path (top 2% to met least often)" path "$(q "$focus")" "$(q "$rare")"
    qrow "search, word in most notes ('capacity')" search capacity
    qrow "search, surname ('$word')" search "$(q "$word")"
    qrow "stale --days 90" stale --days 90
    qrow "doctor" doctor
    # whole-vault listings: their size grows with the vault, not with a person
    qrow "tasks --open, every open item of the vault" tasks --open
    qrow "tasks, every item of the vault (open and done)" tasks
    qrow "history of the vault owner (in every note), json" history "$(q "$owner")" --format json
}

rss_row() {
    python3 - "$rss" "$peer_rss" <<'PY'
import sys
rss, peer = sys.argv[1], sys.argv[2]
mb = lambda kb: f"{float(kb) / 1024:.0f} MB"
if rss == "FAIL":
    print("| peak RSS, index --full | FAIL | | |")
else:
    note = f"{float(peer) / float(rss):.1f}x" if peer not in ("-", "FAIL") else "-"
    print(f"| peak RSS, index --full (peer: {mb(peer) if peer not in ('-', 'FAIL') else '-'}) | {mb(rss)} | | {note} |")
PY
}

{
    echo "# peoplegraph benchmark"
    echo
    # the commit of the checkout the binary sits in (PEOPLEGRAPH may name
    # another one than this script's)
    echo "- binary: $pg ($(git -C "$(dirname "$pg")" rev-parse --short HEAD 2>/dev/null || echo 'no commit'))"
    echo "- machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "- timer: $(have hyperfine && hyperfine --version || echo 'python loop (no hyperfine), shell start-up subtracted'); medians of $runs runs ($(( runs < 3 ? runs : 3 )) above 20k notes)"
    for n in $sizes; do
        bench_size "$n" || status=1
    done
    echo
    [[ $status -ne 0 ]] && echo "Some measurements failed: see $log"
} | tee "$dir/results.md"
# The block above ran in a subshell of the pipe: read its verdict back.
grep -q '| FAIL |\|^Some measurements failed' "$dir/results.md" && status=1
echo "bench: results in $dir/results.md" >&2
exit $status
