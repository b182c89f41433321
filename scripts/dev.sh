#!/usr/bin/env bash
# Coffer's one setup script: prepares a build environment, then builds, tests or runs Coffer.
#
#   scripts/dev.sh run     set up, build, and launch Coffer
#   scripts/dev.sh test    set up, build, and run every test (what CI runs)
#   scripts/dev.sh build   set up and build the Debug tree only
#   scripts/dev.sh shell   an interactive shell inside the build environment
#   scripts/dev.sh exec CMD...   run CMD inside the build environment
#
# A host with Qt >= 6.5 and KF6SyntaxHighlighting already installed builds natively.
# Any other Debian/Ubuntu host (Debian 12 has only Qt 6.4 and no KF6) gets a Debian 13
# root made with debootstrap, kept outside the checkout and reused while its package
# list is unchanged; every command then runs inside it in a private mount namespace,
# so nothing is installed on the host beyond debootstrap itself.
#
# Every step is idempotent: run it as often as you like.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
checkout=$(cd "$here/.." && pwd)
packages_file="$here/root-packages.txt"
suite=trixie
mirror=${COFFER_MIRROR:-http://deb.debian.org/debian}
root=${COFFER_ROOT:-/var/cache/coffer/debian13-root}
ccache_dir=${COFFER_CCACHE_DIR:-/var/cache/coffer/ccache}

say() { printf 'coffer-dev: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

usage() { sed -n '2,9s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

[ $# -ge 1 ] || { usage; exit 2; }
command=$1; shift

# debootstrap, chroot and mount need root. Re-run through sudo, keeping the display.
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "this script needs root (for debootstrap and a private mount namespace), and sudo is not installed"
    exec sudo --preserve-env=DISPLAY,XAUTHORITY,CI,COFFER_ROOT,COFFER_MIRROR,COFFER_CCACHE_DIR,COFFER_NATIVE,COFFER_JOBS "$0" "$command" "$@"
fi

package_list() { sed -e 's/#.*//' "$packages_file" | tr -s ' \n' '\n' | sed '/^$/d' | sort -u; }

host_is_native() {
    [ "${COFFER_NATIVE:-}" = 1 ] && return 0
    [ "${COFFER_NATIVE:-}" = 0 ] && return 1
    local qt
    qt=$(qtpaths6 --qt-version 2>/dev/null || true)
    [ -n "$qt" ] || return 1
    [ "$(printf '6.5.0\n%s\n' "$qt" | sort -V | head -n1)" = 6.5.0 ] || return 1
    ls /usr/lib/*/cmake/KF6SyntaxHighlighting/KF6SyntaxHighlightingConfig.cmake >/dev/null 2>&1 \
        || ls /usr/lib/cmake/KF6SyntaxHighlighting/KF6SyntaxHighlightingConfig.cmake >/dev/null 2>&1
}

ensure_host_tools() {
    local missing=()
    command -v debootstrap >/dev/null || missing+=(debootstrap)
    [ -e /usr/share/keyrings/debian-archive-keyring.gpg ] || missing+=(debian-archive-keyring)
    command -v unshare >/dev/null || missing+=(util-linux)
    if [ ${#missing[@]} -gt 0 ]; then
        say "installing on the host: ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

# Copy the host's view of the network into the root: name resolution and any locally
# added certificate authorities (without them npm fails with SELF_SIGNED_CERT_IN_CHAIN).
sync_host_network() {
    local target=$1
    cp -L /etc/resolv.conf "$target/etc/resolv.conf" 2>/dev/null || true
    if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
        mkdir -p "$target/usr/local/share/ca-certificates"
        local changed=0 f
        for f in /usr/local/share/ca-certificates/*.crt; do
            cmp -s "$f" "$target/usr/local/share/ca-certificates/$(basename "$f")" && continue
            cp "$f" "$target/usr/local/share/ca-certificates/"; changed=1
        done
        if [ $changed = 1 ] && [ -x "$target/usr/sbin/update-ca-certificates" ]; then
            chroot "$target" update-ca-certificates >/dev/null 2>&1 || true
        fi
    fi
}

# Runs "$@" (a shell command string) chrooted into $1 inside a private mount namespace.
enter_root() {
    local target=$1; shift
    mkdir -p "$target$checkout" "$target/ccache" "$ccache_dir"
    sync_host_network "$target"
    local display=${DISPLAY:-} xauth=${XAUTHORITY:-}
    local xauth_bind="" shared_bind=""
    # The project's shared/ folder (AWS test vectors, docs) sits beside the checkout.
    local shared
    shared=$(cd "$checkout/.." && pwd)/shared
    if [ -d "$shared" ]; then
        mkdir -p "$target$shared"
        shared_bind="mount --bind '$shared' '$target$shared' && mount -o remount,bind,ro '$target$shared'"
    fi
    if [ -n "$xauth" ] && [ -f "$xauth" ]; then
        mkdir -p "$target$(dirname "$xauth")"; touch "$target$xauth"
        xauth_bind="mount --bind '$xauth' '$target$xauth'"
    fi
    unshare --mount --fork bash -c "
        set -e
        mount --make-rprivate /
        mount --rbind /proc '$target/proc'
        mount --rbind /dev '$target/dev'
        mount --rbind /sys '$target/sys'
        mount --rbind /tmp '$target/tmp'
        mount --bind '$checkout' '$target$checkout'
        mount --bind '$ccache_dir' '$target/ccache'
        $xauth_bind
        $shared_bind
        exec chroot '$target' /usr/bin/env -i \
            HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
            LANG=C.UTF-8 TERM='${TERM:-dumb}' CI='${CI:-}' DISPLAY='$display' XAUTHORITY='$xauth' \
            CCACHE_DIR=/ccache CCACHE_BASEDIR='$checkout' CCACHE_NOHASHDIR=1 COFFER_JOBS='${COFFER_JOBS:-}' COFFER_IN_ROOT=1 \
            SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
            NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt \
            /bin/bash -c 'cd \"\$0\" && eval \"\$1\"' '$checkout' \"\$1\"
    " coffer-root "$*"
}

build_root() {
    local stamp_wanted=$1 fresh="$root.new"
    say "creating the Debian 13 root in $root (about 2 minutes)"
    rm -rf "$fresh"
    mkdir -p "$(dirname "$root")"
    local t0=$SECONDS
    debootstrap --variant=minbase "$suite" "$fresh" "$mirror" >"$fresh.log" 2>&1 \
        || { tail -n 20 "$fresh.log" >&2; die "debootstrap failed (log: $fresh.log)"; }
    say "base system ready in $((SECONDS - t0)) s; installing $(package_list | wc -l) packages"
    local t1=$SECONDS
    sync_host_network "$fresh"
    unshare --mount --fork bash -c "
        mount --make-rprivate /
        mount --rbind /proc '$fresh/proc'; mount --rbind /dev '$fresh/dev'; mount --rbind /sys '$fresh/sys'
        chroot '$fresh' /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 \
            sh -c 'apt-get update -qq && apt-get install -y -qq --no-install-recommends $(package_list | tr '\n' ' ') && apt-get clean'
    " >>"$fresh.log" 2>&1 || { tail -n 20 "$fresh.log" >&2; die "installing packages into the root failed (log: $fresh.log)"; }
    sync_host_network "$fresh"
    printf '%s\n' "$stamp_wanted" >"$fresh/.coffer-packages"
    rm -rf "$root"
    mv "$fresh" "$root"
    rm -f "$fresh.log"
    say "packages installed in $((SECONDS - t1)) s; root ready in $((SECONDS - t0)) s"
}

ensure_root() {
    # One creator at a time: parallel invocations wait here instead of racing debootstrap.
    mkdir -p "$(dirname "$root")"
    exec {lock_fd}>"$root.lock"
    flock "$lock_fd"
    local stamp_wanted
    stamp_wanted=$(package_list | sha256sum | cut -d' ' -f1)
    if [ -f "$root/.coffer-packages" ] && [ "$(cat "$root/.coffer-packages")" = "$stamp_wanted" ]; then
        flock -u "$lock_fd"
        return
    fi
    [ -d "$root" ] && say "the package list changed: rebuilding the root"
    ensure_host_tools
    build_root "$stamp_wanted"
    flock -u "$lock_fd"
}

ensure_native_packages() {
    local missing
    missing=$(package_list | while read -r p; do dpkg -s "$p" >/dev/null 2>&1 || printf '%s ' "$p"; done)
    if [ -n "$missing" ]; then
        say "installing on this host: $missing"
        apt-get update -qq
        # shellcheck disable=SC2086
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    fi
}

# Runs a command string in the build environment, native or chrooted.
in_env() {
    if host_is_native; then
        (cd "$checkout" && COFFER_IN_ROOT=0 bash -c "$*")
    else
        enter_root "$root" "$*"
    fi
}

prepare() {
    if host_is_native; then
        say "this host has Qt >= 6.5 and KF6: building natively"
        ensure_native_packages
    else
        ensure_root
    fi
}

case "$command" in
    test)
        prepare
        in_env scripts/run-tests.sh
        ;;
    build)
        prepare
        in_env 'cmake --preset dev >/dev/null && cmake --build --preset dev'
        ;;
    run)
        prepare
        in_env scripts/launch.sh "$@"
        ;;
    shell)
        prepare
        in_env 'exec bash -i'
        ;;
    exec)
        prepare
        in_env "$*"
        ;;
    *)
        usage; exit 2 ;;
esac
