#!/bin/sh
# Run inside the bullseye root: the Debian packages that give the shared libraries the
# program's ELF files need and the folder does not carry (Qt's xcb plugin needs libxcb-cursor0,
# libxcb-icccm4, …), one per line, and libc6 at the glibc version they need.
set -eu
dir="$1"
files="$(mktemp)"
find "$dir" -type f \( -perm -u+x -o -name '*.so*' \) > "$files"
bundled="$(find "$dir" -name '*.so*' -printf '%f\n' | sort -u)"
xargs -d '\n' readelf -d < "$files" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort -u \
    | while read -r lib; do
        echo "$bundled" | grep -qxF "$lib" && continue
        path="$(ldconfig -p | awk -v lib="$lib" '$1 == lib && /x86-64/ { print $NF; exit }')"
        if [ -z "$path" ]; then
            echo "depends.sh: $lib is needed but neither in the folder nor in the root" >&2
            exit 1
        fi
        pkg="$(dpkg -S "$path" 2>/dev/null || dpkg -S "$(readlink -f "$path")" 2>/dev/null \
            || dpkg -S "/usr$path" 2>/dev/null)" || { echo "depends.sh: no package has $path" >&2; exit 1; }
        echo "${pkg%%:*}"
    done | sort -u | grep -vx libc6
glibc="$(xargs -d '\n' objdump -T < "$files" 2>/dev/null | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n1)"
echo "libc6 (>= $glibc)"
rm -f "$files"
