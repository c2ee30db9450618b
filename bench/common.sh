# common.sh — what every bench/ script starts with.  Source it with the
# script's arguments: sets $decant (absolute path of the binary), $root (the
# repository) and $shared (the shared/ folder beside the repository).
set -eu
[ $# -ge 1 ] || { echo "usage: $0 DECANT" >&2; exit 2; }
decant=$1
root=$(cd "$(dirname "$0")/.." && pwd)
case $decant in /*) ;; *) decant=$(pwd)/$decant ;; esac
shared=$(dirname "$root")/shared
