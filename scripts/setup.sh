#!/bin/sh
# Installs the Debian packages decant needs when they are missing.
# Each check looks for the thing itself (a pkg-config module, a header, a
# command), so a machine that already has them is left alone.
set -e
missing=""
need_pc()  { pkg-config --exists "$1" 2>/dev/null || missing="$missing $2"; }
need_hdr() { [ -f "$1" ] || missing="$missing $2"; }
need_cmd() { command -v "$1" >/dev/null 2>&1 || missing="$missing $2"; }

need_cmd pkg-config pkg-config
need_cmd cc gcc
need_cmd make make
need_cmd clang clang
need_cmd valgrind valgrind
need_cmd python3 python3
need_hdr /usr/include/myhtml/api.h libmodest-dev
need_pc uchardet libuchardet-dev
need_pc libcjson libcjson-dev
need_pc zlib zlib1g-dev
for extra in $DECANT_EXTRA_PACKAGES; do
    dpkg -s "$extra" >/dev/null 2>&1 || missing="$missing $extra"
done

if [ -n "$missing" ]; then
    echo "setup: installing$missing"
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    # shellcheck disable=SC2086
    $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
