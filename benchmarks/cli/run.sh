#!/usr/bin/env bash
# Compares coffer-cli with aws-cli v2 (`aws s3 cp`), rclone (`rclone copy`) and s3cmd against
# one coffer-server on loopback, and prints a table; asserts nothing about time.
#   - one large file (default 2 GiB) up and down;
#   - many small files (default 2,000 x 4 KiB) up and down;
#   - each tool with its defaults, and again with concurrency matched to coffer-cli's
#     (s3cmd has no concurrency setting: defaults only);
#   - coffer-cli's peak RSS during the large upload (VmHWM from /proc/PID/status), and
#     while the large file streams through standard input and standard output.
#
# Run inside the build root:  scripts/dev.sh exec 'benchmarks/cli/run.sh'
# Environment: BUILD_DIR (default build/dev; use a Release build for figures),
#              BIG_MIB (default 2048), SMALL_FILES (default 2000), SMALL_KIB (default 4),
#              CONCURRENCY (default 8: coffer-cli's part window, and the matched setting).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD_DIR:-$root/build/dev}
big_mib=${BIG_MIB:-2048}
small_files=${SMALL_FILES:-2000}
small_kib=${SMALL_KIB:-4}
concurrency=${CONCURRENCY:-8}

cmake --build "$build" --target coffer-server coffer-cli >/dev/null
server_exe="$build/app/server/coffer-server"
cli="$build/app/cli/coffer-cli"

work=$(mktemp -d "${TMPDIR:-/tmp}/coffer-cli-bench.XXXXXX")
server_pid=
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    [ -n "${KEEP_WORK:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

access=BENCHKEY
secret=bench-secret-key
"$server_exe" --data "$work/data" --listen 127.0.0.1:0 --access-key "$access" --secret-key "$secret" \
    --mode s3 >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do
    grep -q '^listening on ' "$work/server.log" 2>/dev/null && break
    sleep 0.1
done
endpoint=$(sed -n 's/^listening on //p' "$work/server.log" | head -1)
[ -n "$endpoint" ] || { echo "coffer-server did not start"; cat "$work/server.log"; exit 1; }

export AWS_ACCESS_KEY_ID=$access AWS_SECRET_ACCESS_KEY=$secret AWS_REGION=us-east-1 AWS_ENDPOINT_URL=$endpoint
export HOME=$work/home XDG_STATE_HOME=$work/state LANG=C.UTF-8
mkdir -p "$HOME"

# aws-cli: defaults, and a config with concurrency matched.
printf '[default]\nregion = us-east-1\n' >"$work/aws-default.conf"
printf '[default]\nregion = us-east-1\ns3 =\n  max_concurrent_requests = %s\n' "$concurrency" >"$work/aws-matched.conf"
# rclone: a remote on the same server.
cat >"$work/rclone.conf" <<CONF
[bench]
type = s3
provider = Other
access_key_id = $access
secret_access_key = $secret
endpoint = $endpoint
region = us-east-1
CONF
# s3cmd: path-style against the loopback server.
host=${endpoint#http://}
cat >"$work/s3cmd.conf" <<CONF
[default]
access_key = $access
secret_key = $secret
host_base = $host
host_bucket = $host
use_https = False
signature_v2 = False
CONF

echo "preparing: one ${big_mib} MiB file, ${small_files} files of ${small_kib} KiB" >&2
head -c $((big_mib * 1024 * 1024)) /dev/urandom >"$work/big.bin"
mkdir -p "$work/small"
for i in $(seq 1 "$small_files"); do
    d="$work/small/d$((i % 10))/e$((i % 7))"
    mkdir -p "$d"
    head -c $((small_kib * 1024)) /dev/urandom >"$d/f$i.bin"
done

"$cli" mb s3://bench >/dev/null

now() { date +%s.%N; }
# seconds between two now() stamps
elapsed() { python3 -c "print(f'{$2 - $1:.2f}')"; }
rate() { python3 -c "print(f'{$1 / 1048576 / $2:.1f}')"; }

results=()
# measure NAME UP_CMD DOWN_CMD BYTES CLEAN: runs up, then down, records seconds and MiB/s.
measure() {
    local name=$1 up=$2 down=$3 bytes=$4
    rm -rf "$work/down"
    mkdir -p "$work/down"
    local t0 t1 t2
    t0=$(now)
    bash -c "$up" >/dev/null 2>"$work/err" || { echo "FAILED: $name up"; cat "$work/err"; return 1; }
    t1=$(now)
    bash -c "$down" >/dev/null 2>"$work/err" || { echo "FAILED: $name down"; cat "$work/err"; return 1; }
    t2=$(now)
    local up_s down_s
    up_s=$(elapsed "$t0" "$t1")
    down_s=$(elapsed "$t1" "$t2")
    results+=("$(printf '%-34s %9s s %9s MiB/s %9s s %9s MiB/s' "$name" "$up_s" "$(rate "$bytes" "$up_s")" \
        "$down_s" "$(rate "$bytes" "$down_s")")")
    "$cli" rm --recursive s3://bench/ --quiet >/dev/null 2>&1 || true
}

big_bytes=$((big_mib * 1024 * 1024))
small_bytes=$((small_files * small_kib * 1024))

# --- the large file ---
measure "coffer-cli (default) big" \
    "'$cli' cp '$work/big.bin' s3://bench/big.bin --quiet" \
    "'$cli' cp s3://bench/big.bin '$work/down/big.bin' --quiet" "$big_bytes"
measure "coffer-cli (--concurrency $concurrency) big" \
    "'$cli' cp '$work/big.bin' s3://bench/big.bin --quiet --concurrency $concurrency" \
    "'$cli' cp s3://bench/big.bin '$work/down/big.bin' --quiet --concurrency $concurrency" "$big_bytes"
measure "aws s3 cp (default) big" \
    "AWS_CONFIG_FILE='$work/aws-default.conf' aws s3 cp '$work/big.bin' s3://bench/big.bin --only-show-errors" \
    "AWS_CONFIG_FILE='$work/aws-default.conf' aws s3 cp s3://bench/big.bin '$work/down/big.bin' --only-show-errors" "$big_bytes"
measure "aws s3 cp (matched) big" \
    "AWS_CONFIG_FILE='$work/aws-matched.conf' aws s3 cp '$work/big.bin' s3://bench/big.bin --only-show-errors" \
    "AWS_CONFIG_FILE='$work/aws-matched.conf' aws s3 cp s3://bench/big.bin '$work/down/big.bin' --only-show-errors" "$big_bytes"
measure "rclone copy (default) big" \
    "rclone --config '$work/rclone.conf' copyto '$work/big.bin' bench:bench/big.bin" \
    "rclone --config '$work/rclone.conf' copyto bench:bench/big.bin '$work/down/big.bin'" "$big_bytes"
measure "rclone copy (matched) big" \
    "rclone --config '$work/rclone.conf' copyto '$work/big.bin' bench:bench/big.bin --s3-upload-concurrency $concurrency --multi-thread-streams $concurrency" \
    "rclone --config '$work/rclone.conf' copyto bench:bench/big.bin '$work/down/big.bin' --multi-thread-streams $concurrency" "$big_bytes"
measure "s3cmd (default) big" \
    "s3cmd -c '$work/s3cmd.conf' -q put '$work/big.bin' s3://bench/big.bin" \
    "s3cmd -c '$work/s3cmd.conf' -q get s3://bench/big.bin '$work/down/big.bin'" "$big_bytes"

# --- many small files ---
measure "coffer-cli (default) small" \
    "'$cli' cp --recursive '$work/small' s3://bench/small/ --quiet" \
    "'$cli' cp --recursive s3://bench/small/ '$work/down/small' --quiet" "$small_bytes"
measure "coffer-cli (--concurrency $concurrency) small" \
    "'$cli' cp --recursive '$work/small' s3://bench/small/ --quiet --concurrency $concurrency" \
    "'$cli' cp --recursive s3://bench/small/ '$work/down/small' --quiet --concurrency $concurrency" "$small_bytes"
measure "aws s3 cp (default) small" \
    "AWS_CONFIG_FILE='$work/aws-default.conf' aws s3 cp --recursive '$work/small' s3://bench/small/ --only-show-errors" \
    "AWS_CONFIG_FILE='$work/aws-default.conf' aws s3 cp --recursive s3://bench/small/ '$work/down/small' --only-show-errors" "$small_bytes"
measure "aws s3 cp (matched) small" \
    "AWS_CONFIG_FILE='$work/aws-matched.conf' aws s3 cp --recursive '$work/small' s3://bench/small/ --only-show-errors" \
    "AWS_CONFIG_FILE='$work/aws-matched.conf' aws s3 cp --recursive s3://bench/small/ '$work/down/small' --only-show-errors" "$small_bytes"
measure "rclone copy (default) small" \
    "rclone --config '$work/rclone.conf' copy '$work/small' bench:bench/small" \
    "rclone --config '$work/rclone.conf' copy bench:bench/small '$work/down/small'" "$small_bytes"
measure "rclone copy (matched) small" \
    "rclone --config '$work/rclone.conf' copy '$work/small' bench:bench/small --transfers $concurrency --checkers $concurrency" \
    "rclone --config '$work/rclone.conf' copy bench:bench/small '$work/down/small' --transfers $concurrency --checkers $concurrency" "$small_bytes"
measure "s3cmd (default) small" \
    "s3cmd -c '$work/s3cmd.conf' -q put --recursive '$work/small/' s3://bench/small/" \
    "mkdir -p '$work/down/small' && s3cmd -c '$work/s3cmd.conf' -q get --recursive s3://bench/small/ '$work/down/small/'" "$small_bytes"

# peak_rss PID: the process's peak resident set (VmHWM, KiB), sampled until it exits.
peak_rss() {
    local pid=$1 peak=0 hwm
    while kill -0 "$pid" 2>/dev/null; do
        hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
        [ -n "$hwm" ] && [ "$hwm" -gt "$peak" ] && peak=$hwm
        sleep 0.05
    done
    echo "$peak"
}

# --- coffer-cli's peak RSS while uploading the large file ---
"$cli" cp "$work/big.bin" s3://bench/rss.bin --quiet &
cli_pid=$!
peak_kib=$(peak_rss "$cli_pid")
wait "$cli_pid"

# --- the large file through pipes: standard input up, standard output down ---
mkfifo "$work/pipe"
cat "$work/big.bin" >"$work/pipe" &
t0=$(now)
"$cli" cp - s3://bench/piped.bin --quiet <"$work/pipe" &
cli_pid=$!
stdin_peak_kib=$(peak_rss "$cli_pid")
wait "$cli_pid"
t1=$(now)
"$cli" cp s3://bench/piped.bin - --quiet >/dev/null &
cli_pid=$!
stdout_peak_kib=$(peak_rss "$cli_pid")
wait "$cli_pid"
t2=$(now)
up_s=$(elapsed "$t0" "$t1")
down_s=$(elapsed "$t1" "$t2")
results+=("$(printf '%-34s %9s s %9s MiB/s %9s s %9s MiB/s' "coffer-cli (pipe) big" "$up_s" \
    "$(rate "$big_bytes" "$up_s")" "$down_s" "$(rate "$big_bytes" "$down_s")")")

echo
printf '%-34s %11s %15s %11s %15s\n' "client" "up" "up rate" "down" "down rate"
for line in "${results[@]}"; do echo "$line"; done
echo
echo "coffer-cli peak RSS during the ${big_mib} MiB upload: $((peak_kib / 1024)) MiB (VmHWM)"
echo "coffer-cli peak RSS streaming ${big_mib} MiB from a pipe: $((stdin_peak_kib / 1024)) MiB, to a pipe: $((stdout_peak_kib / 1024)) MiB"
