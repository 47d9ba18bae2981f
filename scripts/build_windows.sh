#!/usr/bin/env bash
# Build the Windows 10/11 (x86-64) program on this Linux machine, under Wine:
#   dist/windows/zhucun/            zhucun.exe (command line), zhucun-gui.exe (the window), _internal/
#   dist/windows/Zhucun-Setup-VERSION.exe   the installer (installer/zhucun.nsi, NSIS)
# with the official CPython 3.11 embeddable build, the Windows wheels from PyPI and PyInstaller
# (build.spec), all inside a Wine prefix kept in $ZHUCUN_BUILD_CACHE (scripts/windows/wine.sh).
# The first run downloads and prepares everything; later runs only run PyInstaller and makensis.
# Extra arguments go to PyInstaller.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
source "$ZHUCUN_ROOT/scripts/windows/wine.sh"
zhucun_setup
zhucun_system_packages "${ZHUCUN_WINDOWS_APT_PACKAGES[@]}"
for tool in wine wineboot makensis x86_64-w64-mingw32-gcc osslsigncode; do
    command -v "$tool" >/dev/null || { echo "zhucun: $tool is missing (apt-get install ${ZHUCUN_WINDOWS_APT_PACKAGES[*]})" >&2; exit 1; }
done

cd "$ZHUCUN_ROOT"
start=$SECONDS
zhucun_wine_prefix
zhucun_wine_python
zhucun_wine_dependencies
prepared=$((SECONDS - start))

version="$("$VENV/bin/python" -c "import app; print(app.__version__)")"
out="$ZHUCUN_ROOT/dist/windows"
mkdir -p "$out"
rm -rf "$out/zhucun"
# Windows 10 and 11 have the API sets (api-ms-win-*.dll, the Universal CRT) that PyInstaller
# cannot find under Wine: not worth a warning each.
zhucun_wine "$WIN_PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$(winpath "$out")" --workpath "$(winpath "$ZHUCUN_ROOT/build/windows")" build.spec "$@" \
    2> >(grep -v "could not resolve 'api-ms-win-" >&2)
[ -f "$out/zhucun/zhucun.exe" ] && [ -f "$out/zhucun/zhucun-gui.exe" ] \
    || { echo "zhucun: PyInstaller made no dist/windows/zhucun/zhucun.exe" >&2; exit 1; }
# The stand-ins for what Wine lacks serve this machine only.
for stub in scripts/windows/stubs/*.c; do
    found="$(find "$out/zhucun" -iname "$(basename "$stub" .c).dll")"
    [ -z "$found" ] || { echo "zhucun: a Wine stand-in was collected: $found" >&2; exit 1; }
done

setup="$out/Zhucun-Setup-$version.exe"
makensis -V2 -DVERSION="$version" -DSOURCE="$out/zhucun" -DOUTFILE="$setup" installer/zhucun.nsi
echo "zhucun: built dist/windows in $((SECONDS - start)) s (preparing $prepared s):" \
    "zhucun/ $(du -sh "$out/zhucun" | cut -f1), $(basename "$setup") $(du -h "$setup" | cut -f1)"
