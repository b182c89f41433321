#!/usr/bin/env bash
# Installs the .deb into a fresh Debian 13 root made for this test, checks the installed
# programs and files, then purges it and checks that nothing is left behind.
#   deb_roundtrip.sh PACKAGE.deb [SCRATCH_DIR]
# NOT YET WIRED INTO .ci/run: written ahead of the packaging work and not yet run.
# Needs root (it chroots) and debootstrap; the downloaded packages are cached in
# $COFFER_APT_CACHE (default /var/cache/coffer/apt-archives) so reruns are quick.
set -euo pipefail

deb=$(readlink -f "$1")
scratch=${2:-$(mktemp -d /tmp/coffer-deb-test.XXXXXX)}
mirror=${COFFER_MIRROR:-http://deb.debian.org/debian}
cache=${COFFER_APT_CACHE:-/var/cache/coffer/apt-archives}
root="$scratch/root"
here=$(cd "$(dirname "$0")" && pwd)

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $*"; }

[ -f "$deb" ] || fail "no package at $1: build it with cpack first"
[ "$(id -u)" = 0 ] || fail "this test chroots, so it must run as root (scripts/dev.sh test does)"
command -v debootstrap >/dev/null || fail "debootstrap is missing: add it to scripts/root-packages.txt"

cleanup() {
    for m in proc dev/pts dev sys tmp/coffer var/cache/apt/archives; do
        umount -l "$root/$m" 2>/dev/null || true
    done
    rm -rf "$scratch"
}
trap cleanup EXIT

mkdir -p "$cache/partial" "$root/var/cache/apt/archives"
step "creating a fresh Debian 13 root"
debootstrap --variant=minbase --cache-dir="$cache" trixie "$root" "$mirror" >"$scratch/debootstrap.log" 2>&1 \
    || { tail -n 20 "$scratch/debootstrap.log" >&2; fail "debootstrap failed (is the mirror $mirror reachable?)"; }
mount --bind "$cache" "$root/var/cache/apt/archives"
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mkdir -p "$root/tmp/coffer"
mount --bind "$(dirname "$deb")" "$root/tmp/coffer"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive "$@"; }

snapshot() { # every file outside the package manager's own state
    in_root find / -xdev \( -path /proc -o -path /dev -o -path /tmp -o -path /var/cache -o -path /var/lib/apt \
        -o -path /var/lib/dpkg -o -path /var/log -o -path /root -o -path /run -o -path /etc/ld.so.cache \
        -o -path /var/lib/systemd \) -prune -o -print | sort
}

in_root apt-get update -q >/dev/null
step "files before install"
snapshot >"$scratch/before.txt"

step "apt-get install ./$(basename "$deb")"
in_root apt-get install -y -q --no-install-recommends "/tmp/coffer/$(basename "$deb")" >"$scratch/install.log" 2>&1 \
    || { tail -n 30 "$scratch/install.log" >&2; fail "the package does not install: its Depends are wrong"; }

step "installed programs"
in_root coffer --version | tee "$scratch/version.txt"
grep -q '^Coffer ' "$scratch/version.txt" || fail "coffer --version does not name the program"
grep -q '^Qt ' "$scratch/version.txt" || fail "coffer --version does not give the Qt version"
in_root coffer-cli --help >"$scratch/cli-help.txt" || fail "coffer-cli --help failed"
grep -qi 'usage' "$scratch/cli-help.txt" || fail "coffer-cli --help prints no usage"
in_root env QT_QPA_PLATFORM=offscreen HOME=/tmp/coffer-home coffer --local --quit-after-load \
    || fail "the installed app does not open and close its main window offscreen"

step "coffer-server answers aws-cli"
in_root apt-get install -y -q --no-install-recommends awscli appstream desktop-file-utils >"$scratch/tools.log" 2>&1 \
    || { tail -n 20 "$scratch/tools.log" >&2; fail "cannot install the checking tools"; }
snapshot_tools=$(mktemp)
mkdir -p "$root/tmp/server"
fifo="$root/tmp/server/out"; mkfifo "$fifo"
in_root coffer-server --data /tmp/server/data --listen 127.0.0.1:0 \
    --access-key AKIDDEBTEST --secret-key debtestsecretdebtestsecret >"$fifo" 2>"$scratch/server.err" &
server=$!
exec 3<"$fifo"
read -r first <&3 || fail "coffer-server printed nothing"
[[ $first =~ ^listening\ on\ (http://[0-9.]+:[0-9]+)$ ]] || fail "unexpected first line from coffer-server: $first"
endpoint=${BASH_REMATCH[1]}
cat <&3 >/dev/null &
aws_env=(AWS_ACCESS_KEY_ID=AKIDDEBTEST AWS_SECRET_ACCESS_KEY=debtestsecretdebtestsecret AWS_DEFAULT_REGION=auto)
in_root env "${aws_env[@]}" aws --endpoint-url "$endpoint" s3 mb s3://deb-test >/dev/null
echo "installed from a package" >"$root/tmp/server/hello.txt"
in_root env "${aws_env[@]}" aws --endpoint-url "$endpoint" s3 cp /tmp/server/hello.txt s3://deb-test/hello.txt >/dev/null
in_root env "${aws_env[@]}" aws --endpoint-url "$endpoint" s3 cp s3://deb-test/hello.txt /tmp/server/back.txt >/dev/null
cmp "$root/tmp/server/hello.txt" "$root/tmp/server/back.txt" || fail "the object came back different"
kill -TERM "$server"; wait "$server" || fail "coffer-server did not stop cleanly on SIGTERM"
exec 3<&-
rm -rf "$root/tmp/server" "$snapshot_tools"

step "validating the installed desktop entry and metainfo"
in_root desktop-file-validate /usr/share/applications/io.github.coffer_app.Coffer.desktop
in_root appstreamcli validate --no-net --pedantic /usr/share/metainfo/io.github.coffer_app.Coffer.metainfo.xml
for size in 16 32 48 128 256 512; do
    [ -f "$root/usr/share/icons/hicolor/${size}x${size}/apps/io.github.coffer_app.Coffer.png" ] \
        || fail "no ${size}px icon installed"
done
[ -f "$root/usr/share/icons/hicolor/scalable/apps/io.github.coffer_app.Coffer.svg" ] || fail "no scalable icon installed"

step "purge and check that nothing is left behind"
in_root apt-get purge -y -q --autoremove coffer awscli appstream desktop-file-utils >"$scratch/purge.log" 2>&1 \
    || { tail -n 20 "$scratch/purge.log" >&2; fail "the package does not purge"; }
snapshot >"$scratch/after.txt"
if ! diff -u "$scratch/before.txt" "$scratch/after.txt" >"$scratch/left.diff"; then
    cat "$scratch/left.diff" >&2
    fail "files were left behind or removed by install + purge"
fi
echo "PASS: the .deb installs, works, validates and purges cleanly"
