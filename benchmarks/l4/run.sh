#!/usr/bin/env bash
# L4 proxy benchmark: single-stream throughput (MB/s) and short-connection rate (connections/s) through
# RoutingCore's ServiceProxy, HAProxy (mode tcp), nginx (stream) and a direct connection, on loopback only.
#
#   benchmarks/l4/run.sh [rounds]      (default 5; run as root, or with sudo available, for apt-get)
#
# Every contestant forwards 127.20.x.1:9001 (sink) and :9002 (one-byte greeter) to the same backend on 127.20.1.1.
# RoutingCore runs twice: on its default TCP transport (epoll: its own event loops, one per core) and on the portable
# one (TcpTransport.Sockets: .NET's Socket with async/await, default .NET settings).
# Contestants alternate within each round (the order rotates), each is warmed up first, and the medians are compared.
set -euo pipefail

ROUNDS=${1:-5}
MIB=${L4_MIB:-2048}          # bytes per throughput run
SECONDS_PER_RATE=${L4_RATE_SECONDS:-3}
WORKERS=${L4_WORKERS:-32}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$(mktemp -d /tmp/l4bench.XXXXXX)
PIDS=()

cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup EXIT

need() { command -v "$1" >/dev/null 2>&1; }
if ! need haproxy || ! need nginx || [ ! -e /usr/lib/nginx/modules/ngx_stream_module.so ]; then
    SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends haproxy nginx-light libnginx-mod-stream
fi

echo "building the load generator and proxy host (Release)..."
dotnet build -c Release "$HERE/L4Bench/L4Bench.csproj" -o "$WORK/bin" >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
BENCH="$WORK/bin/L4Bench"

start() { # name, command...
    local name=$1; shift
    "$@" >"$WORK/$name.log" 2>&1 &
    PIDS+=($!)
}

start backend "$BENCH" backend 127.20.1.1
"$BENCH" wait 127.20.1.1:9001
start routingcore "$BENCH" proxy 127.20.1.1 127.20.2.1 epoll
start routingcore-sockets "$BENCH" proxy 127.20.1.1 127.20.5.1 sockets
start haproxy haproxy -f "$HERE/haproxy.cfg" -db
mkdir -p "$WORK/nginx"
start nginx nginx -c "$HERE/nginx.conf" -p "$WORK/nginx" -g 'daemon off;'

declare -A ADDRESS=([direct]=127.20.1.1 [routingcore]=127.20.2.1 [routingcore-sockets]=127.20.5.1 [haproxy]=127.20.3.1 [nginx]=127.20.4.1)
CONTESTANTS=(direct routingcore routingcore-sockets haproxy nginx)
for c in "${CONTESTANTS[@]}"; do "$BENCH" wait "${ADDRESS[$c]}:9001"; "$BENCH" wait "${ADDRESS[$c]}:9002"; done

echo "warming up..."
for c in "${CONTESTANTS[@]}"; do
    "$BENCH" throughput "${ADDRESS[$c]}:9001" 256 >/dev/null
    "$BENCH" rate "${ADDRESS[$c]}:9002" 1 "$WORKERS" >/dev/null 2>&1
done

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $ROUNDS rounds of $MIB MiB uploads and ${SECONDS_PER_RATE} s x $WORKERS workers of short connections"
for round in $(seq 1 "$ROUNDS"); do
    shift_by=$(( (round - 1) % ${#CONTESTANTS[@]} ))
    order=("${CONTESTANTS[@]:$shift_by}" "${CONTESTANTS[@]:0:$shift_by}")
    line="round $round:"
    for c in "${order[@]}"; do
        mbs=$("$BENCH" throughput "${ADDRESS[$c]}:9001" "$MIB")
        cps=$("$BENCH" rate "${ADDRESS[$c]}:9002" "$SECONDS_PER_RATE" "$WORKERS" 2>>"$WORK/rate-errors.log")
        echo "$c $mbs $cps" >>"$WORK/results"
        line="$line  $c ${mbs} MB/s ${cps} c/s;"
    done
    echo "$line"
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
echo
printf "%-20s %12s %14s %12s %14s %12s %14s\n" contestant "MB/s" "c/s" "MB/s÷HAProxy" "c/s÷HAProxy" "MB/s÷direct" "c/s÷direct"
declare -A TP CR
for c in "${CONTESTANTS[@]}"; do
    TP[$c]=$(awk -v c="$c" '$1 == c {print $2}' "$WORK/results" | median)
    CR[$c]=$(awk -v c="$c" '$1 == c {print $3}' "$WORK/results" | median)
done
for c in "${CONTESTANTS[@]}"; do
    awk -v c="$c" -v tp="${TP[$c]}" -v cr="${CR[$c]}" -v htp="${TP[haproxy]}" -v hcr="${CR[haproxy]}" -v dtp="${TP[direct]}" -v dcr="${CR[direct]}" \
        'BEGIN { printf "%-20s %12.1f %14.0f %12.2f %14.2f %12.2f %14.2f\n", c, tp, cr, tp/htp, cr/hcr, tp/dtp, cr/dcr }'
done
if [ -s "$WORK/rate-errors.log" ]; then echo; echo "rate run errors:"; sort | uniq -c <"$WORK/rate-errors.log" | head; fi
echo "(raw results and logs: $WORK)"
