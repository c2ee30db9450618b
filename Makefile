# decant — build, test, measure.  See README.md.
#
#   make            library + CLI in $(BUILD)/
#   make demo       set up, build, extract the bundled sample pages
#   make check      set up, build, run every test (also under ASan+UBSan, valgrind)
#   make eval       accuracy on ../shared/bench (or EVAL=dir)
#   make bench      speed and memory on the scrapinghub pages
#   make bench-warc speed and memory on a WARC of the wcxb-dev pages
#   make fuzz       each libFuzzer target for FUZZ_SECONDS (fuzz-smoke: FUZZ_SMOKE)
#   make python     the Python module, in place in python/decant (bench-python: its speed)
#   make shared     the shared library, $(BUILD)/libdecant.so.1 (from -fPIC objects)
#   make install    CLI, both libraries, header, decant.pc and man page under
#                   $(DESTDIR)$(PREFIX) (default /usr/local); make uninstall removes them
#   make pagetype-model  retrain lib/pagetype_model.c on the dev sets (scripts/train_pagetype.py)

BUILD   ?= build
CC      ?= cc
CXX     ?= c++
OPT     ?= -O2
WERROR  ?= -Werror
CFLAGS  ?= $(OPT) -g
# libxml2 (feeds and sitemaps) keeps its headers in a folder of their own.
XML_CFLAGS := $(shell pkg-config --cflags libxml-2.0 2>/dev/null || echo -I/usr/include/libxml2)
CFLAGS  += -std=c17 -Wall -Wextra $(WERROR) -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
           -Iinclude -Ilib $(XML_CFLAGS) $(SAN)
CXXFLAGS ?= $(OPT) -g
CXXFLAGS += -std=c++17 -Wall -Wextra $(WERROR) -Iinclude -Ilib $(SAN)
LDFLAGS += $(SAN)
# CLD2 (language detection) is C++: lib/*.cc shims it, hence -lstdc++.
# libcurl (fetching pages, feeds and sitemaps) and libxml2 (reading the
# feeds) are not linked: lib/fetch_libs.c opens them on first use, so that a
# run that fetches nothing does not load them and the thirty libraries they
# need (their headers are still needed to build).
LIBS     = -lmodest -lm -luchardet -lcjson -lz -lzstd -ldeflate -lcld2 -lstdc++ -lpthread

LIB_SRC  = $(sort $(wildcard lib/*.c))
LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o) $(patsubst %.cc,$(BUILD)/%.o,$(sort $(wildcard lib/*.cc)))
CLI_SRC  = $(sort $(wildcard cli/*.c))
CLI_OBJ  = $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC = $(sort $(wildcard tests/unit/*.c))
UNIT_OBJ = $(UNIT_SRC:%.c=$(BUILD)/%.o)

.PHONY: all setup demo check test unit golden cli-test asan valgrind eval bench bench-warc clean golden-update \
        fuzz fuzz-smoke fuzz-build python bench-python shared install uninstall pagetype-model

all: $(BUILD)/decant $(BUILD)/libdecant.a $(BUILD)/unit

setup:
	@sh scripts/setup.sh

$(BUILD)/%.o: %.c $(wildcard include/*.h lib/*.h cli/*.h tests/unit/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/%.o: %.cc $(wildcard include/*.h lib/*.h)
	@mkdir -p $(dir $@)
	$(CXX) $(CXXFLAGS) -c $< -o $@

$(BUILD)/libdecant.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/decant: $(CLI_OBJ) $(BUILD)/libdecant.a
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libdecant.a $(LIBS)

# tests/unit/test_alloc.c sees every call decant's own code makes to the C
# library's allocator: those references are wrapped (GNU ld, lld).
UNIT_WRAP = $(foreach f,malloc calloc realloc free strdup strndup posix_memalign aligned_alloc,-Wl,--wrap=$(f))

$(BUILD)/unit: $(UNIT_OBJ) $(BUILD)/libdecant.a
	$(CC) $(LDFLAGS) $(UNIT_WRAP) -o $@ $(UNIT_OBJ) $(BUILD)/libdecant.a $(LIBS)

# ---------------------------------------------------------------- shared library
# The project's version is the header's; the shared library's is its ABI's:
# SOVERSION (the soname's number) goes up when the ABI breaks, ABI_MINOR when
# it only grows.  Only the decant_* symbols of decant.h are exported
# (lib/decant.map), so the dc_* internals can change freely.
VERSION    := $(shell sed -n 's/^\#define DECANT_VERSION_STRING "\(.*\)"/\1/p' include/decant.h)
SOVERSION   = 1
ABI_MINOR   = 0.0
SONAME      = libdecant.so.$(SOVERSION)
SHLIB       = $(SONAME).$(ABI_MINOR)
PIC_OBJ     = $(LIB_OBJ:$(BUILD)/%=$(BUILD)/pic/%)

$(BUILD)/pic/%.o: %.c $(wildcard include/*.h lib/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -fPIC -c $< -o $@

$(BUILD)/pic/%.o: %.cc $(wildcard include/*.h lib/*.h)
	@mkdir -p $(dir $@)
	$(CXX) $(CXXFLAGS) -fPIC -c $< -o $@

$(BUILD)/$(SHLIB): $(PIC_OBJ) lib/decant.map Makefile
	$(CC) $(LDFLAGS) -shared -Wl,-soname,$(SONAME) -Wl,--version-script=lib/decant.map \
	    -Wl,-z,defs -o $@ $(PIC_OBJ) $(LIBS)
	ln -sf $(SHLIB) $(BUILD)/$(SONAME)
	ln -sf $(SONAME) $(BUILD)/libdecant.so

shared: $(BUILD)/$(SHLIB)

# ---------------------------------------------------------------- install
# GNU conventions: PREFIX (default /usr/local) and the directories under it
# may each be overridden; DESTDIR stages the whole tree elsewhere (packaging).
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
PCDIR      ?= $(LIBDIR)/pkgconfig
MANDIR     ?= $(PREFIX)/share/man
INSTALL    ?= install

install: all shared
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) \
	    $(DESTDIR)$(PCDIR) $(DESTDIR)$(MANDIR)/man1
	$(INSTALL) -m 755 $(BUILD)/decant $(DESTDIR)$(BINDIR)/decant
	$(INSTALL) -m 644 $(BUILD)/libdecant.a $(DESTDIR)$(LIBDIR)/libdecant.a
	$(INSTALL) -m 755 $(BUILD)/$(SHLIB) $(DESTDIR)$(LIBDIR)/$(SHLIB)
	ln -sf $(SHLIB) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libdecant.so
	$(INSTALL) -m 644 include/decant.h $(DESTDIR)$(INCLUDEDIR)/decant.h
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(LIBDIR)|g' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' -e 's|@VERSION@|$(VERSION)|g' \
	    lib/decant.pc.in >$(DESTDIR)$(PCDIR)/decant.pc
	chmod 644 $(DESTDIR)$(PCDIR)/decant.pc
	$(INSTALL) -m 644 docs/decant.1 $(DESTDIR)$(MANDIR)/man1/decant.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/decant $(DESTDIR)$(LIBDIR)/libdecant.a \
	    $(DESTDIR)$(LIBDIR)/$(SHLIB) $(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/libdecant.so \
	    $(DESTDIR)$(INCLUDEDIR)/decant.h $(DESTDIR)$(PCDIR)/decant.pc \
	    $(DESTDIR)$(MANDIR)/man1/decant.1

demo: setup
	@$(MAKE) --no-print-directory all
	@sh scripts/demo.sh $(BUILD)/decant

# The test suites, once normally, once under ASan+UBSan, golden pages under valgrind.
check: setup
	@$(MAKE) --no-print-directory all
	@sh tests/run.sh $(BUILD)

test: all
	@sh tests/run.sh $(BUILD) quick

unit: $(BUILD)/unit
	$(BUILD)/unit

golden: all
	@sh tests/golden/run.sh $(BUILD)/decant

cli-test: all
	@if [ -f tests/cli.sh ]; then sh tests/cli.sh $(BUILD)/decant; else echo "no tests/cli.sh"; fi

valgrind: all
	valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
	    $(BUILD)/decant -j 1 --quiet tests/golden/*.html >/dev/null

asan:
	@$(MAKE) --no-print-directory BUILD=build-asan CC=clang OPT=-O1 \
	    SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" all

golden-update: all
	@sh tests/golden/update.sh $(BUILD)/decant

eval: setup
	@$(MAKE) --no-print-directory all
	@sh bench/eval.sh $(BUILD)/decant

bench: setup
	@$(MAKE) --no-print-directory all
	@sh bench/bench.sh $(BUILD)/decant

bench-warc: setup
	@$(MAKE) --no-print-directory all
	@sh bench/bench_warc.sh $(BUILD)/decant

# libFuzzer targets (fuzz/fuzz_*.c), clang with ASan+UBSan, in $(FUZZ_BUILD)/;
# fuzz/run.sh runs them and prints "fuzz: N passed, N failed".
FUZZ_BUILD   ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_SMOKE   ?= 60
FUZZ_TARGETS ?= extract decode date jsonld $(if $(wildcard lib/warc.h),warc) fetch sitemodel
FUZZ_SAN      = -fsanitize=address,undefined,fuzzer-no-link -fno-omit-frame-pointer \
                -fno-sanitize-recover=all

fuzz-build:
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang CXX=clang++ OPT=-O1 \
	    SAN="$(FUZZ_SAN)" $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz_%)

$(BUILD)/fuzz_%: fuzz/fuzz_%.c $(BUILD)/libdecant.a
	$(CC) $(CFLAGS) -fsanitize=fuzzer -o $@ $< $(BUILD)/libdecant.a $(LIBS)

fuzz: fuzz-build
	@sh fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-smoke: fuzz-build
	@sh fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SMOKE) $(FUZZ_TARGETS)

# The Python module (python/decant), built in place.  A shared object cannot
# take the CLI's non-PIC objects, so it links a -fPIC copy of the library in
# $(PY_BUILD)/.  Debian's interpreter: the module is built for the one that
# sees Debian's python3-* packages (Dask).
PYTHON   ?= /usr/bin/python3
PY_BUILD ?= build-py

python: setup
	@$(MAKE) --no-print-directory BUILD=$(PY_BUILD) OPT="$(OPT) -fPIC" $(PY_BUILD)/libdecant.a
	cd python && CFLAGS="$(WERROR)" DECANT_BUILD=$(PY_BUILD) $(PYTHON) setup.py -q build_ext --inplace

bench-python: python
	@$(MAKE) --no-print-directory all
	$(PYTHON) bench/bench_python.py $(BUILD)/decant

# The page-type model: features of the dev sets' pages, then a regularised
# logistic regression (Debian's python3, standard library only) written out
# as lib/pagetype_model.c.  Review that file's diff like any source.
$(BUILD)/pagetype-features: scripts/pagetype_features.c $(BUILD)/libdecant.a
	$(CC) $(CFLAGS) -o $@ $< $(BUILD)/libdecant.a $(LIBS)

pagetype-model: $(BUILD)/pagetype-features
	$(PYTHON) scripts/train_pagetype.py --features $(BUILD)/pagetype-features --out lib/pagetype_model.c

clean:
	rm -rf build build-*
