# tests/lib.sh — the set-up that tests/crash.sh and tests/concurrency.sh
# share.  Source it with NAME set (the prefix of every message) after
# checking the arguments, then call:
#   pg_setup PEOPLEGRAPH  sets PG (absolute), ROOT, WORK (scratch, removed at
#                         exit unless KEEP=1), VAULT and DB; exits 2 when the
#                         binary, sqlite3 or python3 is missing
#   gen_vault N SEED      writes N notes into $VAULT with bench/genvault.py
#   pgq ARGS...           peoplegraph on $VAULT and $DB, quiet
#   list_vault            sorted vault-relative paths of the .md files
#   now_ms                milliseconds since the epoch

pg_setup() {
	PG=$(command -v "$1" 2>/dev/null || true)
	case $PG in
	/*) ;;
	"") echo "$NAME: $1: not found" >&2; exit 2 ;;
	*) PG=$(cd "$(dirname "$PG")" && pwd)/$(basename "$PG") ;;
	esac
	for tool in sqlite3 python3; do
		command -v $tool >/dev/null || { echo "$NAME: needs $tool" >&2; exit 2; }
	done
	ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/pg-$NAME.XXXXXX")
	VAULT=$WORK/vault
	DB=$WORK/index.db
	trap '[ "${KEEP:-0}" = 1 ] && echo "$NAME: kept $WORK" || rm -rf "$WORK"' EXIT
}

gen_vault() {
	python3 "$ROOT/bench/genvault.py" "$VAULT" --notes "$1" --seed "$2" >/dev/null ||
		{ echo "$NAME: bench/genvault.py failed" >&2; exit 2; }
}

pgq() { "$PG" --vault "$VAULT" --db "$DB" -q "$@"; }

# (hidden folders skipped, as the scan does)
list_vault() {
	(cd "$VAULT" && find . -name '.?*' -prune -o -type f -name '*.md' -print) |
		sed 's|^\./||' | LC_ALL=C sort
}

now_ms() { date +%s%3N; }
