# Sourced by scripts/build_linux_compat.sh and the compat tests: a Debian bullseye root made with
# debootstrap and commands run inside it, in a mount namespace of their own (nothing stays mounted).
COMPAT_CACHE="${ZHUCUN_COMPAT_CACHE:-/var/cache/zhucun-build/bullseye}"
COMPAT_ROOT="$COMPAT_CACHE/root"
COMPAT_SUITE=bullseye

# The Debian mirror this machine's apt uses: its sources name it (one-line or deb822 format).
compat_mirror() {
    if [ -n "${ZHUCUN_DEBIAN_MIRROR:-}" ]; then echo "${ZHUCUN_DEBIAN_MIRROR%/}"; return; fi
    local url
    url="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
        | sed -n -e 's/^deb \(\[[^]]*\] \)\{0,1\}\(https\{0,1\}:[^ ]*\/debian\)\/\{0,1\} .*/\2/p' \
                 -e 's/^URIs: *\(https\{0,1\}:[^ ]*\/debian\)\/\{0,1\}$/\1/p' | head -n1)"
    if [ -z "$url" ]; then
        echo "zhucun-compat: no Debian mirror in /etc/apt/sources.list*; set ZHUCUN_DEBIAN_MIRROR" >&2
        return 1
    fi
    echo "$url"
}

# The root's apt sources: bullseye with its updates and security fixes, and bookworm's sources
# (deb-src only) for Debian's python3.11 source package.
compat_sources() {
    local mirror="$1"
    cat <<EOF
deb $mirror $COMPAT_SUITE main
deb $mirror $COMPAT_SUITE-updates main
deb ${mirror}-security $COMPAT_SUITE-security main
deb-src [signed-by=/etc/apt/keyrings/debian-archive-keyring.gpg] $mirror bookworm main
EOF
}

compat_debootstrap() {
    local root="$1" mirror
    mirror="$(compat_mirror)"
    echo "zhucun-compat: debootstrap $COMPAT_SUITE into $root…" >&2
    rm -rf "$root.tmp"
    debootstrap --variant=minbase --arch=amd64 "$COMPAT_SUITE" "$root.tmp" "$mirror" > "$root.debootstrap.log" 2>&1 \
        || { tail -20 "$root.debootstrap.log" >&2; return 1; }
    compat_sources "$mirror" > "$root.tmp/etc/apt/sources.list"
    mkdir -p "$root.tmp/etc/apt/keyrings"
    # bookworm's keys, from this machine (bullseye's keyring predates them)
    cp /usr/share/keyrings/debian-archive-keyring.gpg "$root.tmp/etc/apt/keyrings/"
    # a fixed suite from a mirror or snapshot: its Release files may be past their Valid-Until
    printf 'Acquire::Check-Valid-Until "false";\nAPT::Install-Recommends "false";\n' \
        > "$root.tmp/etc/apt/apt.conf.d/90zhucun"
    mv "$root.tmp" "$root"
}

# Run a command in the root, as root, with a clean environment; network through the host's
# resolver and certificate authorities.
compat_run() {
    local root="$1"
    shift
    cp /etc/resolv.conf /etc/hosts "$root/etc/" 2>/dev/null || true
    mkdir -p "$root/etc/ssl"
    cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/host-ca.crt" 2>/dev/null || true
    unshare --mount --propagation private sh -c '
        root="$1"; shift
        mount -t proc proc "$root/proc" && mount --rbind /dev "$root/dev" && mount --rbind /sys "$root/sys" \
            && mount -t tmpfs tmpfs "$root/tmp" || exit 90
        exec chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 LC_ALL=C.UTF-8 \
            PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
            PIP_CERT=/etc/ssl/host-ca.crt SSL_CERT_FILE=/etc/ssl/host-ca.crt PIP_DISABLE_PIP_VERSION_CHECK=1 \
            PIP_DEFAULT_TIMEOUT=180 ${ZHUCUN_COMPAT_ENV:-} "$@"' zhucun-compat "$root" "$@"
}

compat_apt() {
    local root="$1"
    shift
    echo "zhucun-compat: installing into the root: $*" >&2
    compat_run "$root" sh -c 'apt-get update -qq && apt-get install -y -qq "$@" && apt-get clean' apt "$@" \
        > "$root.apt.log" 2>&1 || { tail -20 "$root.apt.log" >&2; return 1; }
}

# A bare bullseye root in a tar file: each install test unpacks a fresh copy.
compat_runtime_tar() {
    local tar="$1" tmp="$COMPAT_CACHE/runtime"
    rm -rf "$tmp"
    compat_debootstrap "$tmp"
    tar -C "$tmp" -cf "$tar.tmp" . && mv "$tar.tmp" "$tar"
    rm -rf "$tmp"
}

# The highest GLIBC_x.y symbol version any ELF file under a folder needs.
compat_glibc_max() {
    find "$1" -type f \( -perm -u+x -o -name '*.so*' \) -print0 \
        | xargs -0 objdump -T 2>/dev/null | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n1
}
