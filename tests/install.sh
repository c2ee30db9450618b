#!/bin/sh
# tests/install.sh — make install / make uninstall, as a packager and a C
# user would meet them.
#
#   sh tests/install.sh BUILD
#
# Installs BUILD's CLI and libraries into a staging tree (DESTDIR, PREFIX=/usr),
# checks what landed there (files, symlinks, soname, exported symbols, the
# .pc file, the man page), then compiles the README's C example with
# pkg-config against the staged tree — once against the shared library, once
# statically — and runs both on a page; then installs into a plain PREFIX,
# and uninstalls both.  Last line: "install: N passed, N failed".
set -u
[ $# -eq 1 ] || { echo "usage: sh tests/install.sh BUILD" >&2; exit 2; }
build=${1%/}
root=$(cd "$(dirname "$0")/.." && pwd)
make=${MAKE:-make}
cc=${CC:-cc}
passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; }
check() {
    name=$1
    shift
    if "$@"; then pass "$name"; else fail "$name"; fi
}

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
stage=$tmp/stage
page=$root/tests/golden/en-jsonld-two-authors.html

# ------------------------------------------------------------ make install
if ! $make -C "$root" --no-print-directory BUILD="$build" install DESTDIR="$stage" PREFIX=/usr \
    >"$tmp/install.log" 2>&1; then
    tail -n 30 "$tmp/install.log"
    fail "make install DESTDIR=... PREFIX=/usr"
    echo "install: $passed passed, $failed failed"
    exit 1
fi
pass "make install DESTDIR=... PREFIX=/usr"

usr=$stage/usr
# Everything installed, as files and links (sorted, relative to the stage).
(cd "$stage" && find . \( -type f -o -type l \) | sort) >"$tmp/files"
cat >"$tmp/expected" <<'EOF'
./usr/bin/decant
./usr/include/decant.h
./usr/lib/libdecant.a
./usr/lib/libdecant.so
./usr/lib/libdecant.so.1
./usr/lib/libdecant.so.1.0.0
./usr/lib/pkgconfig/decant.pc
./usr/share/man/man1/decant.1
EOF
check "installs exactly the CLI, both libraries, the header, decant.pc and the man page" \
    cmp -s "$tmp/expected" "$tmp/files"
check "libdecant.so -> libdecant.so.1 -> libdecant.so.1.0.0" \
    sh -c '[ "$(readlink "$1/libdecant.so")" = libdecant.so.1 ] &&
           [ "$(readlink "$1/libdecant.so.1")" = libdecant.so.1.0.0 ] && [ -f "$1/libdecant.so.1.0.0" ]' \
    sh "$usr/lib"
check "the shared library's SONAME is libdecant.so.1" \
    sh -c 'readelf -d "$1" | grep -q "(SONAME).*\[libdecant.so.1\]"' sh "$usr/lib/libdecant.so.1.0.0"
check "the shared library is position-independent code (no text relocations)" \
    sh -c '! readelf -d "$1" | grep -q TEXTREL' sh "$usr/lib/libdecant.so.1.0.0"

# The exported functions are exactly the ones decant.h declares.
nm -D --defined-only "$usr/lib/libdecant.so.1.0.0" | awk '$2 ~ /^[TDBRVW]$/ { print $3 }' |
    sed 's/@.*//' | sort -u >"$tmp/exported"
grep -oE '\bdecant_[a-z0-9_]+\(' "$root/include/decant.h" | tr -d '(' | sort -u >"$tmp/declared"
check "the shared library exports the decant_* functions of decant.h, and only those" \
    sh -c '[ -s "$1" ] && cmp -s "$1" "$2" || diff "$2" "$1"' sh "$tmp/exported" "$tmp/declared"
check "the installed header and man page are the repository's" \
    sh -c 'cmp -s "$1/include/decant.h" "$2/include/decant.h" &&
           cmp -s "$1/share/man/man1/decant.1" "$2/docs/decant.1"' sh "$usr" "$root"
check "the installed CLI runs" sh -c '"$1" --version | grep -q "^decant "' sh "$usr/bin/decant"
check "decant.pc names /usr and the header's version" \
    sh -c 'grep -qx "prefix=/usr" "$1" &&
           grep -qx "Version: $(sed -n "s/^#define DECANT_VERSION_STRING \"\(.*\)\"/\1/p" "$2")" "$1"' \
    sh "$usr/lib/pkgconfig/decant.pc" "$root/include/decant.h"

# ------------------------------------------------------------ README example
# The first C block of the README's "Library" section, as written there.
awk '/^## Library/ { lib = 1 } lib && /^```c$/ { on = 1; next } on && /^```$/ { exit } on' \
    "$root/README.md" >"$tmp/extract.c"
check "README's Library section has a C example" grep -q 'int main' "$tmp/extract.c"

# pkg-config against the staged tree, the way a cross-build sees a sysroot;
# the system's own .pc files stay reachable for the static dependencies.
PKG_CONFIG_SYSROOT_DIR=$stage
PKG_CONFIG_LIBDIR=$usr/lib/pkgconfig:$(pkg-config --variable pc_path pkg-config)
export PKG_CONFIG_SYSROOT_DIR PKG_CONFIG_LIBDIR
check "pkg-config finds decant in the staged tree" pkg-config --exists decant
cflags=$(pkg-config --cflags decant)
libs=$(pkg-config --libs decant)
static_libs=$(pkg-config --static --libs decant | sed 's/-ldecant /-l:libdecant.a /')
unset PKG_CONFIG_SYSROOT_DIR PKG_CONFIG_LIBDIR
check "pkg-config --cflags --libs point into the staged tree" \
    sh -c 'case "$1" in *"-I$2/include"*) ;; *) exit 1;; esac;
           case "$3" in *"-L$2/lib -ldecant"*) ;; *) exit 1;; esac' sh "$cflags" "$usr" "$libs"

"$build/decant" -q "$page" >"$tmp/cli.jsonl" 2>/dev/null
title=$(/usr/bin/python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["title"])' \
    "$tmp/cli.jsonl")

# runs_example NAME BINARY [ENV...]: the example prints the CLI's title and a
# JSON record with the same title.
runs_example() {
    bin=$2
    shift 2
    env "$@" "$bin" "$page" >"$tmp/out" 2>"$tmp/err" || return 1
    [ "$(head -n 1 "$tmp/out")" = "$title" ] || return 1
    tail -n 1 "$tmp/out" | /usr/bin/python3 -c '
import json, sys
r = json.loads(sys.stdin.read())
sys.exit(0 if r["title"] == sys.argv[1] and r["error"] is None and r["text"] else 1)' "$title"
}

# shellcheck disable=SC2086
if $cc -std=c17 -Wall -Wextra -Werror $cflags -o "$tmp/extract-shared" "$tmp/extract.c" $libs \
    2>"$tmp/cc.log"; then
    pass "the README example compiles with pkg-config --cflags --libs decant"
else
    cat "$tmp/cc.log"
    fail "the README example compiles with pkg-config --cflags --libs decant"
fi
check "... linked to libdecant.so.1" \
    sh -c 'readelf -d "$1" | grep -q "(NEEDED).*\[libdecant.so.1\]"' sh "$tmp/extract-shared"
check "... and runs against the staged shared library" \
    runs_example shared "$tmp/extract-shared" LD_LIBRARY_PATH="$usr/lib"

# shellcheck disable=SC2086
if $cc -std=c17 -Wall -Wextra -Werror $cflags -o "$tmp/extract-static" "$tmp/extract.c" $static_libs \
    2>"$tmp/cc.log"; then
    pass "the README example links statically with pkg-config --static --libs decant"
else
    cat "$tmp/cc.log"
    fail "the README example links statically with pkg-config --static --libs decant"
fi
check "... without libdecant.so" sh -c '! readelf -d "$1" | grep -q "libdecant"' sh "$tmp/extract-static"
check "... and runs on its own" runs_example static "$tmp/extract-static"

# ------------------------------------------------------------ PREFIX alone
prefix=$tmp/prefix
if $make -C "$root" --no-print-directory BUILD="$build" install PREFIX="$prefix" \
    >"$tmp/install2.log" 2>&1; then
    pass "make install PREFIX=DIR (no DESTDIR)"
else
    tail -n 30 "$tmp/install2.log"
    fail "make install PREFIX=DIR (no DESTDIR)"
fi
libs2=$(PKG_CONFIG_PATH=$prefix/lib/pkgconfig pkg-config --cflags --libs decant)
# shellcheck disable=SC2086
check "... and the example builds from PKG_CONFIG_PATH alone" \
    $cc -std=c17 -o "$tmp/extract-prefix" "$tmp/extract.c" $libs2
check "... and runs" runs_example prefix "$tmp/extract-prefix" LD_LIBRARY_PATH="$prefix/lib"

# ------------------------------------------------------------ make uninstall
$make -C "$root" --no-print-directory BUILD="$build" uninstall DESTDIR="$stage" PREFIX=/usr \
    >"$tmp/uninstall.log" 2>&1
check "make uninstall DESTDIR=... PREFIX=/usr exits 0" [ $? -eq 0 ]
check "... and leaves no file or link behind" \
    sh -c '[ -z "$(find "$1" \( -type f -o -type l \) -print)" ]' sh "$stage"
$make -C "$root" --no-print-directory BUILD="$build" uninstall PREFIX="$prefix" >/dev/null 2>&1
check "make uninstall PREFIX=DIR leaves no file or link behind" \
    sh -c '[ -z "$(find "$1" \( -type f -o -type l \) -print)" ]' sh "$prefix"

echo "install: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
