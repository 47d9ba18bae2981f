#!/bin/sh
# Run inside the bullseye root: CPython 3.11 from Debian's python3.11 source package (bookworm's;
# apt checks it against the signed Sources index) with its security patches, built with the
# root's glibc 2.31 into /opt/python3.11 as a shared libpython (PyInstaller needs it).
set -eu
rm -rf /build/python
mkdir -p /build/python
cd /build/python
apt-get update -qq
apt-get source --download-only -qq python3.11 2>&1 | grep -v -i "unsandboxed" || true
tar -xf python3.11_*.orig.tar.*
tar -xf python3.11_*.debian.tar.*
cd Python-3.11.*
# Debian's fixes from upstream's 3.11 branch and its security patches, in the package's order;
# not its patches for Debian's own layout (multiarch, dist-packages, no ensurepip).
patches="$(grep -E '^(git-updates\.diff|CVE-|[0-9]{4}-3\.11-|relfile-nullptr|frame_dealloc)' ../debian/patches/series \
    | cut -d' ' -f1)"
for patch in $patches; do
    patch -p1 --batch --quiet -i "../debian/patches/$patch" \
        || { echo "build_python.sh: Debian's $patch does not apply" >&2; exit 1; }
done
# One of those fixes includes CPython's internal headers in a module that setup.py builds without
# Py_BUILD_CORE_MODULE (Debian builds it from Modules/Setup): define it there, as upstream's
# later versions do, in each module a patch adds such an include to.
for module in $(cd ../debian/patches && awk '/^\+\+\+ b\// { file = substr($2, 3) }
        /^\+#include "pycore_/ && file ~ /^Modules\/[^\/]*\.c$/ { print file }' $patches | sort -u); do
    grep -q Py_BUILD_CORE "$module" \
        || sed -i '1i #ifndef Py_BUILD_CORE_BUILTIN\n#  define Py_BUILD_CORE_MODULE 1\n#endif' "$module"
done
./configure --prefix=/opt/python3.11 --enable-shared --with-ensurepip=install \
    LDFLAGS="-Wl,-rpath,/opt/python3.11/lib" > ../configure.log 2>&1 || { tail -30 ../configure.log; exit 1; }
make -j"$(nproc)" > ../make.log 2>&1 || { tail -40 ../make.log; exit 1; }
rm -rf /opt/python3.11
make install > ../install.log 2>&1 || { tail -40 ../install.log; exit 1; }
/opt/python3.11/bin/python3.11 -c "import bz2, ctypes, lzma, sqlite3, ssl, tomllib, uuid, zlib, sys; print(sys.version)"
rm -rf /build/python
