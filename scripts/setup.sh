# Sourced by ./zhucun and ./run-tests: make .venv ready, quickly and silently when it already is.
# Re-installs only when pyproject.toml changes (its hash is kept in .venv/.installed).
ZHUCUN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ZHUCUN_ROOT/.venv"
PYTHON_BIN="${PYTHON:-python3}"

zhucun_setup() {
    local stamp want
    want="$(cat "$ZHUCUN_ROOT/pyproject.toml" "$ZHUCUN_ROOT/scripts/setup.sh" | sha256sum | cut -d' ' -f1)"
    stamp="$VENV/.installed"
    if [ -x "$VENV/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        return 0
    fi
    echo "zhucun: preparing $VENV (first run only)…" >&2
    [ -x "$VENV/bin/python" ] || "$PYTHON_BIN" -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip >&2
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e "$ZHUCUN_ROOT[test,build]" >&2
    echo "$want" > "$stamp"
}

# Debian packages the GUI, the fonts (main and rare-character fallback) and the PDF checks
# (pdftoppm, pdffonts, pdftotext, zbarimg) need; installed when missing and we are root.
zhucun_system_packages() {
    command -v dpkg-query >/dev/null 2>&1 || return 0
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "zhucun: please install: ${missing[*]}" >&2
        return 0
    fi
    echo "zhucun: installing ${missing[*]}…" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >/dev/null 2>&1 \
        || echo "zhucun: could not install ${missing[*]}" >&2
}

ZHUCUN_APT_PACKAGES=(fonts-wqy-microhei fonts-hanazono poppler-utils zbar-tools libegl1 libxkbcommon0 libfontconfig1 libgl1 libdbus-1-3)
# Qt's xcb platform plugin (the real window on X11): the libraries libqxcb.so and
# libQt6XcbQpa.so.6 link against (`ldd`); without them "could not load the Qt platform plugin xcb".
ZHUCUN_APT_PACKAGES+=(libxcb1 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
    libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-xfixes0
    libxcb-randr0 libxcb-xkb1 libxcb-util1 libxcb-glx0 libxkbcommon-x11-0)
# And its wayland plugin, which Qt prefers on a Wayland desktop (Debian 12's GNOME).
ZHUCUN_APT_PACKAGES+=(libwayland-client0 libwayland-cursor0 libwayland-egl1)
# The test that opens the real window: a virtual X server and xwininfo to see the window map.
ZHUCUN_APT_PACKAGES+=(xvfb x11-utils)
# The county console's browser test: Debian's Chromium and its WebDriver (Selenium drives them; no download).
ZHUCUN_APT_PACKAGES+=(chromium chromium-driver)
