#!/usr/bin/env bash
# Pack the built folder as a .deb: the program in /opt/zhucun, the launcher /usr/bin/zhucun,
# the desktop entry and its icon (hicolor: the SVG and PNGs drawn from it).
#   make_deb.sh FOLDER STAGE VERSION DEPENDS_FILE OUT.deb
set -euo pipefail
folder="$1" stage="$2" version="$3" depends_file="$4" out="$5"
deb="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../packaging/deb" && pwd)"
python="${ZHUCUN_ICON_PYTHON:-python3}"

rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
    "$stage/usr/share/icons/hicolor/scalable/apps" "$stage/usr/share/doc/zhucun"
cp -a "$folder" "$stage/opt/zhucun"
install -m 0755 "$deb/zhucun.sh" "$stage/usr/bin/zhucun"
install -m 0644 "$deb/zhucun.desktop" "$stage/usr/share/applications/zhucun.desktop"
install -m 0644 "$deb/zhucun.svg" "$stage/usr/share/icons/hicolor/scalable/apps/zhucun.svg"
for size in 48 128 256; do
    mkdir -p "$stage/usr/share/icons/hicolor/${size}x${size}/apps"
done
QT_QPA_PLATFORM=offscreen "$python" "$(dirname "${BASH_SOURCE[0]}")/render_icon.py" "$deb/zhucun.svg" \
    "$stage/usr/share/icons/hicolor" 48 128 256
install -m 0644 "$deb/copyright" "$stage/usr/share/doc/zhucun/copyright"
# files readable by all, programs and folders executable; owned by root in the package
chmod -R u+rwX,go+rX,go-w "$stage"
depends="$(paste -sd, "$depends_file" | sed 's/,/, /g')"
size="$(du -sk --exclude=DEBIAN "$stage" | cut -f1)"
sed -e "s/@VERSION@/$version/" -e "s/@INSTALLED_SIZE@/$size/" -e "s/@DEPENDS@/$depends/" \
    "$deb/control.in" > "$stage/DEBIAN/control"
# xz: the smallest download for a village's connection; written aside, then moved, so that a
# failed build leaves no package behind
dpkg-deb --root-owner-group -Zxz --build "$stage" "$out.part" > /dev/null
mv "$out.part" "$out"
