#!/usr/bin/env bash
# Start-up of the Windows program under Wine (dist/windows/zhucun from scripts/build.sh windows):
# `zhucun.exe --version`, and zhucun-gui.exe until its first window (the first run's) maps on
# Xvfb through Qt's Windows platform plugin. RUNS runs each (default 5) after one warm-up, the
# Wine server already running as Windows is on a laptop; prints each run and the median.
#   bench/windows_startup.sh [RUNS]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
source "$ZHUCUN_ROOT/scripts/windows/wine.sh"
runs="${1:-5}"
folder="$ZHUCUN_ROOT/dist/windows/zhucun"
[ -f "$folder/zhucun.exe" ] || { echo "build it first: scripts/build.sh windows" >&2; exit 1; }
export WINEPREFIX="$ZHUCUN_BUILD_CACHE/wine-run"
zhucun_wine_prefix "$WINEPREFIX"
empty="$(mktemp -d)"
exec 3< <(exec Xvfb -displayfd 1 -screen 0 1280x800x24 -nolisten tcp 2>/dev/null)
xvfb=$!
read -r number <&3
export DISPLAY=":$number" ZHUCUN_DATA="$(winpath "$empty")"
trap 'wineserver -k 2>/dev/null || true; kill "$xvfb" 2>/dev/null || true; rm -rf "$empty"' EXIT
wineserver -p

ms() { echo $(($(date +%s%N) / 1000000)); }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

version() {
    local t0
    t0=$(ms)
    zhucun_wine "$folder/zhucun.exe" --version >/dev/null
    echo $(($(ms) - t0))
}

window() {
    local t0 pid window
    t0=$(ms)
    (zhucun_wine "$folder/zhucun-gui.exe" >/dev/null 2>&1) &
    pid=$!
    until window="$(xdotool search --onlyvisible --name Zhucun 2>/dev/null)"; do sleep 0.1; done
    echo $(($(ms) - t0))
    kill "$(xdotool getwindowpid "${window%%$'\n'*}")"
    wait "$pid" 2>/dev/null || true
}

for what in version window; do
    "$what" >/dev/null
    times=()
    for _ in $(seq "$runs"); do times+=("$("$what")"); done
    echo "$what: ${times[*]} ms; median $(printf '%s\n' "${times[@]}" | median) ms"
done
