#!/usr/bin/env bash
# Build the packaged program: dist/zhucun/ with zhucun (command line; no arguments opens the
# window) and zhucun-gui (the window), see build.spec. Extra arguments go to PyInstaller.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
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
