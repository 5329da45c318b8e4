# peoplegraph — see README.md.  `make demo`, `make check`.
#
# Variables a user may set: PREFIX, DESTDIR, CC, CFLAGS, BUILD (output dir),
# SANITIZE=1 (ASan+UBSan build, used by `make check`), DEVELOPER=0 (drop -Werror).

PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
MANDIR    ?= $(PREFIX)/share/man
COMPDIR   ?= $(PREFIX)/share/bash-completion/completions
BUILD     ?= build
DEVELOPER ?= 1

PKGS := libgvc libcgraph yaml-0.1 sqlite3 libcmark-gfm libutf8proc
DEB_PKGS := build-essential pkg-config libgraphviz-dev graphviz libyaml-dev \
	libsqlite3-dev sqlite3 libcmark-gfm-dev libcmark-gfm-extensions-dev \
	libutf8proc-dev python3 libxml2-utils mandoc clang libclang-rt-14-dev valgrind

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# The program is not linked with Graphviz: src/lib/gvload.c opens it when
# a graph is drawn, by the soname of the libgvc found here.  Tests that
# call Graphviz themselves link it (PKG_LIBS).
GV_PKGS    := libgvc libcgraph
BASE_LIBS  := $(shell pkg-config --libs $(filter-out $(GV_PKGS),$(PKGS)) 2>/dev/null) \
	-lcmark-gfm-extensions -lpthread -lm -ldl
PKG_LIBS   := $(shell pkg-config --libs $(GV_PKGS) 2>/dev/null) $(BASE_LIBS)
GVC_SONAME := $(shell objdump -p "$$(pkg-config --variable=libdir libgvc 2>/dev/null)/libgvc.so" \
	2>/dev/null | awk '$$1 == "SONAME" { print $$2 }')
ifneq ($(GVC_SONAME),)
PKG_CFLAGS += -DPG_GVC_SONAME='"$(GVC_SONAME)"'
endif

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wno-unused-parameter -Wformat=2 -Wvla
ifeq ($(DEVELOPER),1)
WARN += -Werror
endif
ifeq ($(SANITIZE),1)
CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
endif
ALL_CFLAGS := -std=c11 -D_GNU_SOURCE $(WARN) -Iinclude -Isrc/lib $(PKG_CFLAGS) $(CFLAGS)

LIB_SRC  := $(wildcard src/lib/*.c)
CMD_SRC  := src/main.c $(wildcard src/cmd/*.c)
LIB_OBJ  := $(LIB_SRC:src/%.c=$(BUILD)/%.o) $(BUILD)/lib/firstnames.o
CMD_OBJ  := $(CMD_SRC:src/%.c=$(BUILD)/%.o)
TEST_SRC := $(wildcard tests/unit/*.c)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
LIBA     := $(BUILD)/libpeoplegraph.a

ifeq ($(BUILD),build)
PROG := peoplegraph
else
PROG := $(BUILD)/peoplegraph
endif

.PHONY: all deps check check-fast check-asan check-man check-install unit golden demo install uninstall \
	crash concurrency stress \
	clean bench bench-parse fuzz format lint valgrind
.SUFFIXES:

all: $(PROG)

$(PROG): $(CMD_OBJ) $(LIBA)
	$(CC) $(LDFLAGS) -o $@ $(CMD_OBJ) $(LIBA) $(BASE_LIBS)

$(LIBA): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/%.o: src/%.c $(wildcard include/peoplegraph/*.h src/lib/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The given-name lexicon is data; it is compiled in so the binary needs no
# data files at run time.
$(BUILD)/lib/firstnames.c: data/firstnames.txt tools/embed-list.sh
	@mkdir -p $(dir $@)
	sh tools/embed-list.sh pg_firstnames < data/firstnames.txt > $@

$(BUILD)/lib/firstnames.o: $(BUILD)/lib/firstnames.c
	$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(LIBA) tests/unit/test.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(LIBA) $(PKG_LIBS)

# deps: install the Debian packages the build and tests need.
deps:
	@missing=""; for p in $(PKGS); do pkg-config --exists $$p || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ] && command -v xmllint >/dev/null && command -v mandoc >/dev/null; then \
		echo "deps: all present"; exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEB_PKGS); \
	else \
		echo "deps: missing:$$missing; run as root:"; \
		echo "  apt-get update && apt-get install -y $(DEB_PKGS)"; exit 1; \
	fi

unit: $(TEST_BIN)
	@sh tests/run-unit.sh $(BUILD)/tests

golden: $(PROG)
	@sh tests/run-golden.sh ./$(PROG)

check-man: $(PROG)
	@sh tests/check-man.sh ./$(PROG) docs/peoplegraph.1

check-install:
	@sh tests/check-install.sh $(CURDIR)

check-fast: all unit golden check-man

# check: the whole suite, then again under ASan+UBSan in a separate tree.
check: deps
	$(MAKE) check-fast check-install
	$(MAKE) check-asan
	$(MAKE) valgrind

check-asan:
	ASAN_OPTIONS=fast_unwind_on_malloc=0:detect_leaks=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	$(MAKE) BUILD=build-asan SANITIZE=1 CFLAGS="-O1 -g" check-fast

valgrind: all
	@sh tests/run-valgrind.sh ./$(PROG)

DEMO_PERSON ?= Katherine Brennan
DEMO_DB := output/demo.db

# demo: index the bundled vault, draw it, and print one person's history.
demo: deps all
	@mkdir -p output
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	./$(PROG) --vault examples/vault --db $(DEMO_DB) index
	./$(PROG) --vault examples/vault --db $(DEMO_DB) --no-index graph -o output/people.svg
	./$(PROG) --vault examples/vault --db $(DEMO_DB) --no-index graph -o output/people.dot
	./$(PROG) --vault examples/vault --db $(DEMO_DB) --no-index graph --focus "$(DEMO_PERSON)" --depth 1 -o output/focus.svg
	./$(PROG) --vault examples/vault --db $(DEMO_DB) --no-index people
	./$(PROG) --vault examples/vault --db $(DEMO_DB) --no-index history "$(DEMO_PERSON)"
	@echo "wrote output/people.svg, output/people.dot and output/focus.svg"

bench: all
	bench/run.sh

# bench-parse: instructions to parse the first 300 notes of the 20k bench
# vault, counted by callgrind (steady where times are not)
BENCH_VAULT ?= /tmp/peoplegraph-bench/vault-20000
bench-parse: $(LIBA)
	$(CC) $(ALL_CFLAGS) -o $(BUILD)/parse_count bench/parse_count.c $(LIBA) $(PKG_LIBS)
	@test -d $(BENCH_VAULT) || python3 bench/genvault.py --notes 20000 --seed 1 $(BENCH_VAULT) >/dev/null
	find $(BENCH_VAULT) -name '*.md' | LC_ALL=C sort | head -300 | \
		valgrind --tool=callgrind --callgrind-out-file=$(BUILD)/parse_count.cg \
		$(BUILD)/parse_count 300 2>&1 | grep -E 'parse_count:|Collected'

FUZZ_SECONDS ?= 60
# fuzz: each libFuzzer target for FUZZ_SECONDS (clang; builds into build-fuzz/)
fuzz:
	sh tests/fuzz/run.sh $(FUZZ_SECONDS)

# stress: kill -9 during indexing, and queries and indexers running at once
crash: all
	bash tests/crash.sh ./$(PROG)

concurrency: all
	bash tests/concurrency.sh ./$(PROG)

stress: crash concurrency

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(COMPDIR)
	install -m 755 $(PROG) $(DESTDIR)$(BINDIR)/peoplegraph
	install -m 644 docs/peoplegraph.1 $(DESTDIR)$(MANDIR)/man1/peoplegraph.1
	install -m 644 contrib/peoplegraph.bash $(DESTDIR)$(COMPDIR)/peoplegraph

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/peoplegraph $(DESTDIR)$(MANDIR)/man1/peoplegraph.1 \
		$(DESTDIR)$(COMPDIR)/peoplegraph

format:
	clang-format -i src/*.c src/lib/*.c src/lib/*.h src/cmd/*.c include/peoplegraph/*.h tests/unit/*.c

clean:
	rm -rf build build-asan build-fuzz peoplegraph
