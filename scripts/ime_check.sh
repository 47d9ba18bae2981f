#!/usr/bin/env bash
# Types pinyin into the real window through IBus (ibus-libpinyin) under Xvfb and reports, as
# JSON, whether the composition shows in place, the candidate window opens at the caret, the
# chosen characters arrive, and the ID number field takes an X without the input method.
# Needs: apt-get install xvfb xdotool imagemagick dbus-x11 ibus ibus-libpinyin
# Usage: scripts/ime_check.sh [OUT_DIR]   (screenshots and ime-check.json go to OUT_DIR)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-ime-check}"
mkdir -p "$out"
for tool in Xvfb xdotool import dbus-launch ibus-daemon; do
    command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 2; }
done
[ -x /usr/libexec/ibus-engine-libpinyin ] || { echo "missing: ibus-libpinyin" >&2; exit 2; }
display=":$((90 + RANDOM % 100))"
Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
bus_pid=""
cleanup() {
    [ -n "$bus_pid" ] && kill "$bus_pid" 2>/dev/null || true
    kill "$xvfb" 2>/dev/null || true
}
trap cleanup EXIT
export DISPLAY="$display"
sleep 1
eval "$(dbus-launch --sh-syntax)"
bus_pid="$DBUS_SESSION_BUS_PID"
ibus-daemon --daemonize --replace --xim --panel=/usr/libexec/ibus-ui-gtk3
for _ in 1 2 3 4 5 6 7 8 9 10; do ibus engine libpinyin 2>/dev/null && break; sleep 0.5; done
QT_IM_MODULE=ibus .venv/bin/python scripts/ime_check.py --out "$out" > "$out/ime-check.json"
status=$?
ibus exit 2>/dev/null || true
cat "$out/ime-check.json"
exit $status
