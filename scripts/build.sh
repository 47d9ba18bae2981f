#!/usr/bin/env bash
# The one build entry point: scripts/build.sh [linux|linux-compat|windows] [arguments…]
#   linux         (the default) this machine's program: dist/zhucun/ with zhucun (command line; no
#                 arguments opens the window) and zhucun-gui (the window), see build.spec.
#                 Extra arguments go to PyInstaller.
#   linux-compat  Kylin V10 / UOS 20 (glibc 2.31): dist/linux-compat/, scripts/build_linux_compat.sh
#   windows       Windows 10/11 under Wine: dist/windows/zhucun/zhucun.exe, zhucun-gui.exe and
#                 dist/windows/Zhucun-Setup-VERSION.exe, scripts/build_windows.sh
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
target=linux
case "${1:-}" in
    linux | linux-compat | windows) target="$1"; shift ;;
    -h | --help) sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
case "$target" in
    linux-compat) exec bash "$here/build_linux_compat.sh" "$@" ;;
    windows) exec bash "$here/build_windows.sh" "$@" ;;
esac

source "$here/setup.sh"
zhucun_setup
# The CJK fonts the spec bundles, and the libraries Qt's plugins link against: the X11 and
# Wayland ones that the tests (offscreen) do not need go into the folder for the laptops.
zhucun_system_packages "${ZHUCUN_APT_PACKAGES[@]}" libxcb-icccm4 libxcb-keysyms1 libwayland-cursor0
"$VENV/bin/python" -c "import PyInstaller" 2>/dev/null \
    || "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e "$ZHUCUN_ROOT[build]" >&2
cd "$ZHUCUN_ROOT"
start=$SECONDS
"$VENV/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN build.spec "$@"
echo "zhucun: built dist/zhucun in $((SECONDS - start)) s: $(du -sh dist/zhucun | cut -f1)"
