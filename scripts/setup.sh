#!/bin/sh
# Installs the Debian packages decant needs when they are missing.
# Each check looks for the thing itself (a pkg-config module, a header, a
# command, an installed package), so a machine that already has them is left
# alone and nothing is asked of apt.
#
#   DECANT_EXTRA_PACKAGES="pkg ..."   also make sure these packages are installed
#                                     (bench/bench.sh asks for python3-readability)
set -e
missing=""
need_pc()  { pkg-config --exists "$1" 2>/dev/null || missing="$missing $2"; }
need_hdr() { [ -f "$1" ] || missing="$missing $2"; }
need_cmd() { command -v "$1" >/dev/null 2>&1 || missing="$missing $2"; }
need_pkg() { dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed' || missing="$missing $1"; }

need_cmd pkg-config pkg-config
need_cmd cc gcc
need_cmd make make
need_cmd python3 python3
need_cmd valgrind valgrind
need_cmd clang clang
# clang's sanitizer runtime (ASan, UBSan, LSan) is a package of its own.
clang_major=14
if command -v clang >/dev/null 2>&1; then
    clang_major=$(clang -dumpversion 2>/dev/null | cut -d. -f1)
    [ -n "$clang_major" ] || clang_major=14
fi
need_pkg "libclang-rt-$clang_major-dev"
need_hdr /usr/include/myhtml/api.h libmodest-dev
need_pc uchardet libuchardet-dev
need_pc libcjson libcjson-dev
need_pc zlib zlib1g-dev
need_pc libzstd libzstd-dev
need_pc libdeflate libdeflate-dev
need_hdr /usr/include/cld2/public/compact_lang_det.h libcld2-dev
# Fetching (decant URL, --feed, --sitemap) and reading feeds.
need_pc libcurl libcurl4-openssl-dev
need_pc libxml-2.0 libxml2-dev
need_cmd c++ g++
# tests/warc.sh makes zstd archives and crawls a local server into a WARC.
need_cmd zstd zstd
need_cmd wget wget
# tests/fetch.sh reads the WARC decant writes with warcio.js, which npm
# installs into build-npm/ (the npm registry, for test tooling only).
need_cmd node nodejs
need_cmd npm npm
# The Python module (make python, tests/python/) is built for Debian's own
# interpreter, with Debian's packages only: headers, setuptools, pip and wheel
# (pip install python/), and Dask (decant.dask and its test).
need_pkg python3-dev
need_pkg python3-setuptools
need_pkg python3-pip
need_pkg python3-wheel
need_pkg python3-distributed
# tests/frontmatter_check.py reads --with-metadata's front matter back with
# a YAML parser.
need_pkg python3-yaml
for extra in $DECANT_EXTRA_PACKAGES; do
    need_pkg "$extra"
done

if [ -n "$missing" ]; then
    echo "setup: installing$missing"
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    # shellcheck disable=SC2086
    $SUDO apt-get install -y -qq --no-install-recommends $missing </dev/null >/dev/null
fi
