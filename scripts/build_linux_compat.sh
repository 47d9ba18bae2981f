#!/usr/bin/env bash
# The Kylin V10 / UOS 20 build: the packaged program built inside a Debian 11 (bullseye) root,
# so that it needs nothing newer than glibc 2.31, shipped as dist/linux-compat/zhucun_VERSION_amd64.deb.
#
#   scripts/build_linux_compat.sh            # build (as root: debootstrap, chroot, mounts)
#
# What is slow to make is kept outside the clone, in ZHUCUN_COMPAT_CACHE
# (default /var/cache/zhucun-build/bullseye), and made again only when its recipe changes:
#   root/             the bullseye root (debootstrap), with the build tools and Qt's libraries
#   root/opt/python3.11   CPython 3.11 built there from Debian's python3.11 source package
#   root/opt/venv     the project's dependencies, pinned for glibc 2.31 (scripts/compat/constraints.txt)
#   runtime.tar       a bare bullseye root: the tests install the .deb into a copy of it
# The Debian mirror is the one this machine's apt uses (or ZHUCUN_DEBIAN_MIRROR).
# Results: dist/linux-compat/zhucun/ (the folder) and dist/linux-compat/zhucun_VERSION_amd64.deb.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
source "$ZHUCUN_ROOT/scripts/compat/chroot.sh"

COMPAT="$ZHUCUN_ROOT/scripts/compat"
OUT="$ZHUCUN_ROOT/dist/linux-compat"
STAGE="$ZHUCUN_ROOT/build/linux-compat"
VERSION="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ZHUCUN_ROOT/app/__init__.py")"

# Build tools and the libraries CPython's modules need; the libraries Qt's platform plugins
# (xcb, wayland) and the fonts the spec bundles, so that PyInstaller finds them and the tests
# can run the program here.
BUILD_PACKAGES=(build-essential ca-certificates xz-utils libssl-dev zlib1g-dev libbz2-dev liblzma-dev
    libffi-dev libsqlite3-dev uuid-dev libexpat1-dev)
RUNTIME_PACKAGES=(fonts-wqy-microhei fonts-hanazono libegl1 libgl1 libglib2.0-0 libfontconfig1
    libfreetype6 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0 libx11-xcb1 libxcb1 libxcb-cursor0
    libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-render0
    libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-xfixes0 libxcb-xinerama0 libxcb-xkb1 libsm6 libice6
    libwayland-client0 libwayland-cursor0 libwayland-egl1)

log() { echo "zhucun-compat: $*" >&2; }
stamp_of() { cat "$@" | sha256sum | cut -d' ' -f1; }

if [ "$(id -u)" -ne 0 ]; then
    echo "zhucun-compat: the bullseye root needs root (debootstrap, chroot, mounts); run as root" >&2
    exit 2
fi
# and what the tests use: desktop-file-validate, objdump, Xvfb and xdotool
zhucun_system_packages debootstrap desktop-file-utils binutils xvfb xdotool
mkdir -p "$COMPAT_CACHE" "$OUT"
exec 9> "$COMPAT_CACHE/build.lock"  # one build at a time: the root's /build is shared
flock 9
start=$SECONDS

# -- 1. the bullseye root
want_root="$(echo "${BUILD_PACKAGES[*]} ${RUNTIME_PACKAGES[*]}" | cat - "$COMPAT/chroot.sh" | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$COMPAT_CACHE/root.done" 2>/dev/null)" != "$want_root" ]; then
    [ -x "$COMPAT_ROOT/bin/sh" ] || compat_debootstrap "$COMPAT_ROOT"
    compat_apt "$COMPAT_ROOT" "${BUILD_PACKAGES[@]}" "${RUNTIME_PACKAGES[@]}"
    echo "$want_root" > "$COMPAT_CACHE/root.done"
fi
[ -f "$COMPAT_CACHE/runtime.tar" ] || compat_runtime_tar "$COMPAT_CACHE/runtime.tar"

# -- 2. CPython 3.11, from Debian's own source package (bookworm's python3.11)
want_python="$(stamp_of "$COMPAT/build_python.sh")"
if [ "$(cat "$COMPAT_CACHE/python.done" 2>/dev/null)" != "$want_python" ]; then
    log "building CPython 3.11 in the bullseye root (first run only, some minutes)…"
    install -m 0755 "$COMPAT/build_python.sh" "$COMPAT_ROOT/usr/local/bin/zhucun-build-python"
    compat_run "$COMPAT_ROOT" zhucun-build-python
    rm -rf "$COMPAT_ROOT/opt/venv"
    echo "$want_python" > "$COMPAT_CACHE/python.done"
fi

# -- 3. the venv: the project's dependencies and PyInstaller, pinned for glibc 2.31
want_venv="$(stamp_of "$ZHUCUN_ROOT/pyproject.toml" "$COMPAT/constraints.txt" "$COMPAT_CACHE/python.done")"
if [ "$(cat "$COMPAT_CACHE/venv.done" 2>/dev/null)" != "$want_venv" ]; then
    log "installing the dependencies in the bullseye root…"
    mkdir -p "$COMPAT_ROOT/build"
    cp "$ZHUCUN_ROOT/pyproject.toml" "$COMPAT/constraints.txt" "$COMPAT/requirements.py" "$COMPAT_ROOT/build/"
    rm -rf "$COMPAT_ROOT/opt/venv"
    compat_run "$COMPAT_ROOT" /opt/python3.11/bin/python3.11 -m venv /opt/venv
    compat_run "$COMPAT_ROOT" sh -c '/opt/python3.11/bin/python3.11 /build/requirements.py /build/pyproject.toml \
        > /build/requirements.txt && /opt/venv/bin/python -m pip install -q --upgrade pip \
        && /opt/venv/bin/python -m pip install -q --prefer-binary -r /build/requirements.txt -c /build/constraints.txt'
    echo "$want_venv" > "$COMPAT_CACHE/venv.done"
fi

# -- 4. PyInstaller with build.spec, on a copy of the sources
log "building the program in the bullseye root…"
rm -rf "$COMPAT_ROOT/build/src" "$COMPAT_ROOT/build/dist"
mkdir -p "$COMPAT_ROOT/build/src"
tar -C "$ZHUCUN_ROOT" --exclude=__pycache__ -cf - app forms resources build.spec pyproject.toml \
    | tar -C "$COMPAT_ROOT/build/src" -xf -
compat_run "$COMPAT_ROOT" sh -c 'cd /build/src && PYTHONDONTWRITEBYTECODE=1 /opt/venv/bin/python -m PyInstaller \
    --noconfirm --clean --log-level WARN --workpath /build/work --distpath /build/dist build.spec' \
    > "$COMPAT_CACHE/pyinstaller.log" 2>&1 \
    || { tail -40 "$COMPAT_CACHE/pyinstaller.log" >&2; exit 1; }
rm -rf "$OUT/zhucun"
cp -a "$COMPAT_ROOT/build/dist/zhucun" "$OUT/zhucun"

# -- 5. the .deb: Depends are the packages of the libraries the folder needs and does not carry
install -m 0755 "$COMPAT/depends.sh" "$COMPAT_ROOT/usr/local/bin/zhucun-depends"
compat_run "$COMPAT_ROOT" zhucun-depends /build/dist/zhucun > "$COMPAT_CACHE/depends.txt"
rm -rf "$STAGE" "$OUT"/zhucun_*.deb "$OUT"/zhucun_*.deb.part
zhucun_setup
ZHUCUN_ICON_PYTHON="$VENV/bin/python" "$COMPAT/make_deb.sh" "$OUT/zhucun" "$STAGE" "$VERSION" \
    "$COMPAT_CACHE/depends.txt" "$OUT/zhucun_${VERSION}_amd64.deb"
glibc="$(compat_glibc_max "$OUT/zhucun")"
echo "zhucun: built $OUT/zhucun_${VERSION}_amd64.deb in $((SECONDS - start)) s:" \
    "$(du -h "$OUT/zhucun_${VERSION}_amd64.deb" | cut -f1), folder $(du -sh "$OUT/zhucun" | cut -f1)," \
    "needs GLIBC_$glibc at most"
