#!/bin/sh
# Runs a test binary against a private, real Secret Service:
#   with-secret-service.sh TEST-BINARY [ARGS...]
# Each run gets a scratch HOME and XDG directories (removed afterwards) and its own D-Bus
# session bus, on which gnome-keyring-daemon serves the secrets component with a fresh
# login keyring unlocked by a throwaway password. Nothing touches the user's real keyring.
#
# With COFFER_SECRET_SERVICE=none no bus is started and DBUS_SESSION_BUS_ADDRESS points
# at a socket that does not exist, so no keychain of any kind is reachable.
#
# The test finds its scratch HOME in COFFER_TEST_HOME.
set -eu

[ $# -ge 1 ] || { echo "usage: $0 TEST-BINARY [ARGS...]" >&2; exit 2; }
binary=$1
shift

scratch=$(mktemp -d "${TMPDIR:-/tmp}/coffer-keychain.XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM

export HOME="$scratch/home"
export XDG_CONFIG_HOME="$HOME/.config"
export XDG_DATA_HOME="$HOME/.local/share"
export XDG_CACHE_HOME="$HOME/.cache"
export XDG_STATE_HOME="$HOME/.local/state"
export XDG_RUNTIME_DIR="$scratch/runtime"
export COFFER_TEST_HOME="$HOME"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

# QtKeychain picks its backend from the desktop; with none named it uses libsecret.
unset XDG_CURRENT_DESKTOP DESKTOP_SESSION KDE_FULL_SESSION KDE_SESSION_VERSION \
      GNOME_DESKTOP_SESSION_ID GNOME_KEYRING_CONTROL SSH_AUTH_SOCK DISPLAY WAYLAND_DISPLAY || true

# COFFER_TEST_DESKTOP=kde4 makes QtKeychain pick its KWallet backend, the one whose
# failures lead to its plain-text fallback, so a test can prove that fallback stays off.
if [ "${COFFER_TEST_DESKTOP:-}" = kde4 ]; then
    export XDG_CURRENT_DESKTOP=KDE KDE_SESSION_VERSION=4
fi

status=0
if [ "${COFFER_SECRET_SERVICE:-}" = none ]; then
    export DBUS_SESSION_BUS_ADDRESS="unix:path=$scratch/no-such-bus"
    "$binary" "$@" || status=$?
else
    for tool in dbus-run-session gnome-keyring-daemon secret-tool; do
        command -v "$tool" >/dev/null 2>&1 || {
            echo "$0: $tool is not installed (packages dbus, gnome-keyring, libsecret-tools)" >&2
            exit 1
        }
    done
    # --unlock reads the login keyring's password from stdin and creates the keyring on
    # first use; the daemon stays on the private bus until the session ends.
    dbus-run-session -- sh -c '
        printf %s coffer-throwaway-password \
            | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 1
        exec "$@"' keyring-session "$binary" "$@" || status=$?
fi
exit "$status"
