#!/usr/bin/env bash
# Measures coffer-server on loopback and prints a table; asserts nothing about time.
#   - 4 KiB PUT and GET ops/s at concurrency 16, next to s3rver (npm) doing the same;
#   - one 1 GiB object PUT and GET with curl on presigned URLs, next to nginx serving the
#     same file to curl (the GET ceiling), and the same GET through S3Client;
#   - a full ListObjectsV2 walk of 100,000 keys (created at concurrency 64 beforehand).
# The load generator is build/.../benchmarks/bench_server_load (S3Client, one connection
# per lane); curl moves the 1 GiB bodies, so neither side is limited by the client's code.
#
# Run inside the build root:  scripts/dev.sh exec 'benchmarks/server/run.sh'
# Environment: BUILD_DIR (default build/dev; use a Release build for figures),
#              SMALL_OPS (default 10000), S3RVER_OPS (default 2000), LIST_KEYS (default
#              100000), REPEATS (default 5: runs of each read measurement, median shown).
# Two cores shared with whatever else runs make single runs noisy: each read measurement
# runs REPEATS times, alternating with its reference so both see the same load, and the
# table shows the median with the range, and the median of the per-run ratios.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD_DIR:-$root/build/dev}
small_ops=${SMALL_OPS:-10000}
s3rver_ops=${S3RVER_OPS:-2000}
list_keys=${LIST_KEYS:-100000}
repeats=${REPEATS:-5}
gib=$((1024 * 1024 * 1024))

cmake --build "$build" --target coffer-server bench_server_load >/dev/null
server_exe="$build/app/server/coffer-server"
load="$build/benchmarks/bench_server_load"

work=$(mktemp -d "${TMPDIR:-/tmp}/coffer-bench.XXXXXX")
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    [ -n "${KEEP_WORK:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

# Waits until file $1 has a line matching $2 and prints that line.
wait_for_line() {
    for _ in $(seq 1 300); do
        if line=$(grep -m1 -E "$2" "$1" 2>/dev/null); then
            echo "$line"
            return 0
        fi
        sleep 0.1
    done
    echo "timed out waiting for '$2' in $1" >&2
    cat "$1" >&2
    return 1
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# --- start the three servers ---
mkdir -p "$work/coffer" "$work/s3rver" "$work/www" "$work/nginx"
chmod 755 "$work" "$work/www" # nginx's workers run as another user
"$server_exe" --data "$work/coffer" --listen 127.0.0.1:0 --access-key AK --secret-key SK \
    > "$work/coffer.out" 2> "$work/coffer.err" &
pids+=($!)
coffer_url=$(wait_for_line "$work/coffer.out" '^listening on ' | sed 's/^listening on //')

# The launcher exits when its stdin closes: hold a FIFO open for it until this script ends.
mkfifo "$work/s3rver.in"
exec 3<> "$work/s3rver.in"
node --openssl-legacy-provider "$root/tests/interop/s3rver-launch.js" "$work/s3rver" \
    < "$work/s3rver.in" > "$work/s3rver.out" 2> "$work/s3rver.err" &
pids+=($!)
s3rver_url="http://127.0.0.1:$(wait_for_line "$work/s3rver.out" '^PORT ' | cut -d' ' -f2)"

echo "creating the 1 GiB file ..." >&2
head -c "$gib" /dev/urandom > "$work/www/big.bin"
chmod 644 "$work/www/big.bin"
nginx_port=$(free_port)
cat > "$work/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 64; }
http {
    access_log off;
    sendfile on;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    server {
        listen 127.0.0.1:$nginx_port;
        root $work/www;
    }
}
EOF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' 2> "$work/nginx.err" &
pids+=($!)
for _ in $(seq 1 100); do curl -sf -o /dev/null -r 0-0 "http://127.0.0.1:$nginx_port/big.bin" && break; sleep 0.1; done

# Median of the numbers on stdin, one a line.
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# "median (min-max)" of the numbers on stdin, with a unit.
summary() {
    sort -g | awk -v u="$1" '{ v[NR] = $1 } END {
        m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%.4g %s (%.4g-%.4g)", m, u, v[1], v[NR] }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

coffer() { "$load" "$coffer_url" AK SK bench "$@"; }
s3rver() { "$load" "$s3rver_url" S3RVER S3RVER bench "$@"; }
result() { sed -n 's/^RESULT //p'; }

# The same operations from curl's parallel mode on presigned URLs (16 connections, one
# thread, no per-request signing), a lighter client than S3Client on a 2-core machine.
# Usage: curl_ops coffer|s3rver GET|PUT COUNT PREFIX
curl_ops() {
    local who=$1 method=$2 count=$3 prefix=$4 start end ok
    "$who" presign-list "$method" "$count" "$prefix" > "$work/urls"
    if [ "$method" = PUT ]; then
        awk -v f="$work/4k.bin" '{ printf "url = \"%s\"\nupload-file = \"%s\"\noutput = \"/dev/null\"\n", $0, f }' \
            "$work/urls" > "$work/curl.cfg"
    else
        awk '{ printf "url = \"%s\"\noutput = \"/dev/null\"\n", $0 }' "$work/urls" > "$work/curl.cfg"
    fi
    start=$(date +%s.%N)
    curl -sS -Z --parallel-max 16 -H 'Expect:' -w '%{http_code}\n' -K "$work/curl.cfg" > "$work/codes" || true
    end=$(date +%s.%N)
    ok=$(grep -c '^200$' "$work/codes" || true)
    [ "$ok" = "$count" ] || echo "warning: $((count - ok)) of $count $method requests to $who failed" >&2
    awk -v n="$ok" -v s="$start" -v e="$end" 'BEGIN { printf "%.1f ops/s", n / (e - s) }'
}

echo "coffer-server at $coffer_url, s3rver at $s3rver_url, nginx on $nginx_port" >&2
coffer mkbucket
s3rver mkbucket

# --- 4 KiB operations at concurrency 16 ---
echo "4 KiB PUT/GET x $small_ops on coffer-server, x $s3rver_ops on s3rver ..." >&2
number() { result | awk '{ print $1 }'; }
coffer_put=$(coffer put 4096 "$small_ops" 16 small/ | result)
s3rver_put=$(s3rver put 4096 "$s3rver_ops" 16 small/ | result)
: > "$work/get.coffer"; : > "$work/get.s3rver"; : > "$work/get.ratio"
for _ in $(seq 1 "$repeats"); do
    c=$(coffer get 4096 "$small_ops" 16 small/ | number)
    r=$(s3rver get 4096 "$s3rver_ops" 16 small/ | number)
    echo "$c" >> "$work/get.coffer"; echo "$r" >> "$work/get.s3rver"; ratio "$c" "$r" >> "$work/get.ratio"; echo >> "$work/get.ratio"
done
coffer_get=$(summary ops/s < "$work/get.coffer")
s3rver_get=$(summary ops/s < "$work/get.s3rver")
get_ratio=$(median < "$work/get.ratio")
head -c 4096 /dev/urandom > "$work/4k.bin"
coffer_curl_put=$(curl_ops coffer PUT "$small_ops" curl/)
s3rver_curl_put=$(curl_ops s3rver PUT "$s3rver_ops" curl/)
: > "$work/cget.coffer"; : > "$work/cget.s3rver"; : > "$work/cget.ratio"
for _ in $(seq 1 "$repeats"); do
    c=$(curl_ops coffer GET "$small_ops" curl/ | awk '{ print $1 }')
    r=$(curl_ops s3rver GET "$s3rver_ops" curl/ | awk '{ print $1 }')
    echo "$c" >> "$work/cget.coffer"; echo "$r" >> "$work/cget.s3rver"; ratio "$c" "$r" >> "$work/cget.ratio"; echo >> "$work/cget.ratio"
done
coffer_curl_get=$(summary ops/s < "$work/cget.coffer")
s3rver_curl_get=$(summary ops/s < "$work/cget.s3rver")
curl_get_ratio=$(median < "$work/cget.ratio")

# --- 1 GiB single object ---
echo "1 GiB PUT/GET ..." >&2
mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
put_url=$(coffer presign PUT huge/0)
coffer_big_put="$(mib "$(curl -sS -f -o /dev/null -H 'Expect:' -T "$work/www/big.bin" -w '%{speed_upload}' "$put_url")") MiB/s"
get_url=$(coffer presign GET huge/0)
: > "$work/big.coffer"; : > "$work/big.nginx"; : > "$work/big.ratio"
for _ in $(seq 1 "$repeats"); do
    c=$(mib "$(curl -sS -f -o /dev/null -w '%{speed_download}' "$get_url")")
    n=$(mib "$(curl -sS -f -o /dev/null -w '%{speed_download}' "http://127.0.0.1:$nginx_port/big.bin")")
    echo "$c" >> "$work/big.coffer"; echo "$n" >> "$work/big.nginx"; ratio "$c" "$n" >> "$work/big.ratio"; echo >> "$work/big.ratio"
done
coffer_big_get=$(summary MiB/s < "$work/big.coffer")
nginx_big_get=$(summary MiB/s < "$work/big.nginx")
big_ratio=$(median < "$work/big.ratio")
client_big_get=$(coffer get "$gib" 1 1 huge/ | result | awk '{ printf "%.1f MiB/s", $1 * 1024 }')

# --- listing walk ---
echo "creating $list_keys keys for the listing ..." >&2
fill_rate=$(coffer put 0 "$list_keys" 64 many/ | result)
: > "$work/list.client"; : > "$work/list.raw"
for _ in $(seq 1 "$repeats"); do
    coffer list many/ | number >> "$work/list.client"
    python3 "$root/benchmarks/server/raw_list_walk.py" "$coffer_url" AK SK bench many/ | number >> "$work/list.raw"
done
list_time="$(summary s < "$work/list.client")"
raw_list_time="$(summary s < "$work/list.raw")"

printf '\n%-48s %-22s %-22s\n' "measurement" "coffer-server" "reference"
printf '%-48s %-22s %-22s\n' "------------------------------------------------" "----------------------" "----------------------"
printf '%-48s %-22s %-22s\n' "4 KiB PUT, concurrency 16 (S3Client)" "$coffer_put" "s3rver $s3rver_put"
printf '%-48s %-22s %-22s\n' "4 KiB GET, concurrency 16 (S3Client)" "$coffer_get" "s3rver $s3rver_get"
printf '%-48s %-22s %-22s\n' "  coffer/s3rver, median of per-run ratios" "${get_ratio}x" "target >= 5x"
printf '%-48s %-22s %-22s\n' "4 KiB PUT, concurrency 16 (curl -Z, presigned)" "$coffer_curl_put" "s3rver $s3rver_curl_put"
printf '%-48s %-22s %-22s\n' "4 KiB GET, concurrency 16 (curl -Z, presigned)" "$coffer_curl_get" "s3rver $s3rver_curl_get"
printf '%-48s %-22s %-22s\n' "  coffer/s3rver, median of per-run ratios" "${curl_get_ratio}x" "target >= 5x"
printf '%-48s %-22s %-22s\n' "1 GiB PUT (curl, presigned)" "$coffer_big_put" "-"
printf '%-48s %-22s %-22s\n' "1 GiB GET (curl, presigned)" "$coffer_big_get" "nginx $nginx_big_get"
printf '%-48s %-22s %-22s\n' "  coffer/nginx, median of per-run ratios" "$(awk -v r="$big_ratio" 'BEGIN { printf "%.0f %%", r * 100 }')" "target >= 70 %"
printf '%-48s %-22s %-22s\n' "1 GiB GET (S3Client)" "$client_big_get" "-"
printf '%-48s %-22s %-22s\n' "0-byte PUT, concurrency 64 (listing setup)" "$fill_rate" "-"
printf '%-48s %-22s %-22s\n' "ListObjectsV2 walk, 1,000 per page (S3Client)" "$list_time" "target < 2 s"
printf '%-48s %-22s %-22s\n' "ListObjectsV2 walk, raw HTTP (Python, no SDK)" "$raw_list_time" "-"
echo "(each read row: median of $repeats runs, with the range; $list_keys keys listed)"
