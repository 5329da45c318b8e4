#!/bin/sh
# tests/fuzz/run.sh [SECONDS] — build the libFuzzer targets with clang and run
# each for SECONDS (default 60) on a scratch copy of its seed corpus.
#
# Before fuzzing a target, every file tests/fuzz/regress/<target>-* is replayed
# once, so a fixed crash stays fixed.  Output: one PASS/FAIL line per check,
# then "fuzz: N passed, N failed".  Exit status 1 when anything failed.
#
# Environment: FUZZ_TARGETS (default: all four), FUZZ_OUT (build directory,
# default build-fuzz), FUZZ_CC (default clang), FUZZ_JOBS (compile jobs,
# default nproc), FUZZ_EXTRA_CFLAGS (e.g. -fno-sanitize=nonnull-attribute to
# look past a known finding; use a separate FUZZ_OUT for such builds).
set -u

SECONDS_EACH=${1:-60}
cd "$(dirname "$0")/../.." || exit 2
ROOT=$(pwd)
OUT=${FUZZ_OUT:-build-fuzz}
FCC=${FUZZ_CC:-clang}
TARGETS=${FUZZ_TARGETS:-fuzz_note fuzz_yaml fuzz_resolve fuzz_text}
JOBS=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
PKGS="libgvc libcgraph yaml-0.1 sqlite3 libcmark-gfm libutf8proc"

command -v "$FCC" >/dev/null || { echo "fuzz: $FCC not found (apt-get install clang libclang-rt-14-dev)"; exit 2; }
PKG_CFLAGS=$(pkg-config --cflags $PKGS) || { echo "fuzz: pkg-config failed"; exit 2; }
PKG_LIBS="$(pkg-config --libs $PKGS) -lcmark-gfm-extensions -lpthread -lm"

SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
CFLAGS_F="-std=c11 -D_GNU_SOURCE -g -O1 $SAN -Iinclude -Isrc/lib $PKG_CFLAGS -w ${FUZZ_EXTRA_CFLAGS:-}"
export FCC CFLAGS_F OUT

mkdir -p "$OUT/obj" "$OUT/work"

# --- build: one archive of src/lib/*.c (+ the embedded name list), shared by
# every target; an object is rebuilt when its source or any header is newer.
if [ ! -f "$OUT/obj/firstnames.c" ] || [ data/firstnames.txt -nt "$OUT/obj/firstnames.c" ] ||
   [ tools/embed-list.sh -nt "$OUT/obj/firstnames.c" ]; then
	sh tools/embed-list.sh pg_firstnames < data/firstnames.txt > "$OUT/obj/firstnames.c" || exit 2
fi
newest_h=$(ls -t include/peoplegraph/*.h src/lib/*.h | head -n 1)
stale=""
for src in src/lib/*.c "$OUT/obj/firstnames.c"; do
	obj="$OUT/obj/$(basename "$src" .c).o"
	if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] || [ "$newest_h" -nt "$obj" ]; then
		stale="$stale $src"
	fi
done
if [ -n "$stale" ]; then
	echo "fuzz: compiling$(echo $stale | wc -w | sed 's/^/ /') objects"
	# shellcheck disable=SC2086
	printf '%s\n' $stale | xargs -P "$JOBS" -I{} sh -c \
		'o="$OUT/obj/$(basename "{}" .c).o"; $FCC $CFLAGS_F -fsanitize=fuzzer-no-link -c -o "$o" "{}" || { rm -f "$o"; exit 255; }' ||
		{ echo "fuzz: build of the library failed"; echo "fuzz: 0 passed, 1 failed"; exit 1; }
	rm -f "$OUT/libpg-fuzz.a"
fi
for src in src/lib/*.c "$OUT/obj/firstnames.c"; do
	objs="${objs:-} $OUT/obj/$(basename "$src" .c).o"
done
# objects of files removed from src/lib must not linger in the archive
if [ "$(cat "$OUT/objs.list" 2>/dev/null)" != "$objs" ]; then
	rm -f "$OUT/libpg-fuzz.a"
	printf '%s' "$objs" > "$OUT/objs.list"
fi
if [ ! -f "$OUT/libpg-fuzz.a" ]; then
	# shellcheck disable=SC2086
	ar rcs "$OUT/libpg-fuzz.a" $objs || exit 2
fi

pass=0
fail=0
ok() { pass=$((pass + 1)); echo "PASS $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:fast_unwind_on_malloc=0:abort_on_error=0}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$ROOT/tests/lsan.supp:print_suppressions=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

for t in $TARGETS; do
	bin="$OUT/$t"
	if [ ! -x "$bin" ] || [ "tests/fuzz/$t.c" -nt "$bin" ] || [ "$OUT/libpg-fuzz.a" -nt "$bin" ]; then
		# shellcheck disable=SC2086
		if ! $FCC $CFLAGS_F -fsanitize=fuzzer -o "$bin" "tests/fuzz/$t.c" \
			"$OUT/libpg-fuzz.a" $PKG_LIBS; then
			bad "$t: build"
			continue
		fi
	fi
	work="$OUT/work/$t"
	rm -rf "$work"
	mkdir -p "$work/corpus" "$work/artifacts"
	[ -d "tests/fuzz/corpus/$t" ] && cp -R "tests/fuzz/corpus/$t/." "$work/corpus/"
	dict=""
	[ -f "tests/fuzz/$t.dict" ] && dict="-dict=tests/fuzz/$t.dict"
	common="-rss_limit_mb=2048 -timeout=10 -artifact_prefix=$work/artifacts/"

	# replay the regression inputs of this target
	for r in tests/fuzz/regress/"$t"-*; do
		[ -f "$r" ] || continue
		# shellcheck disable=SC2086
		if "$bin" $common "$r" > "$work/regress.log" 2>&1; then
			ok "$t: regress $(basename "$r")"
		else
			bad "$t: regress $(basename "$r") (log: $work/regress.log)"
			grep -m1 -A12 -E 'ERROR: |runtime error|invariant|fuzz_[a-z]+: ' "$work/regress.log" |
				grep -v 'in fuzzer::\|libc_start\|in _start\|in main '
		fi
	done

	echo "fuzz: running $t for ${SECONDS_EACH}s"
	# shellcheck disable=SC2086
	"$bin" $common $dict -max_total_time="$SECONDS_EACH" -print_final_stats=1 \
		"$work/corpus" > "$work/fuzz.log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/fuzz.log" | tail -n 1)
	if [ $rc -eq 0 ]; then
		ok "$t (${SECONDS_EACH}s, ${runs:-?} runs)"
	else
		crash=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$work/fuzz.log" | tail -n 1)
		bad "$t (exit $rc; log: $work/fuzz.log; crash file: ${crash:-none})"
		grep -m1 -A12 -E 'ERROR: |runtime error|invariant|fuzz_[a-z]+: ' "$work/fuzz.log" |
			grep -v 'in fuzzer::\|libc_start\|in _start\|in main '
	fi
done

echo "fuzz: $pass passed, $fail failed"
[ $fail -eq 0 ]
