#!/usr/bin/env bash
# CPU, context switches and system calls per connection of each L4 proxy process during a short-connection rate run,
# measured with perf stat on that process alone (the load generator and backend are not counted).
#
#   benchmarks/l4/cpu-per-connection.sh [rounds]     (default 2; needs perf, and haproxy as run.sh installs it)
#
# Contestants: RoutingCore on its epoll transport (the default on Linux), on the portable transport with .NET's default
# socket settings and with inlined completions (DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1), and HAProxy.
# Loopback only, as run.sh.
set -euo pipefail

ROUNDS=${1:-2}
SECONDS_PER_RUN=${L4_RATE_SECONDS:-4}
WORKERS=${L4_WORKERS:-32}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d /tmp/l4cpu.XXXXXX)
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
command -v perf >/dev/null || { echo "perf is needed (apt-get install linux-perf)"; exit 1; }
command -v haproxy >/dev/null || { echo "haproxy is needed (benchmarks/l4/run.sh installs it)"; exit 1; }

dotnet build -c Release "$HERE/L4Bench/L4Bench.csproj" -o "$WORK/bin" >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
BENCH="$WORK/bin/L4Bench"

"$BENCH" backend 127.20.1.1 >"$WORK/backend.log" 2>&1 & PIDS+=($!)
"$BENCH" wait 127.20.1.1:9001
declare -A ADDRESS PID
run() { # name, address, command...
    local name=$1 address=$2; shift 2
    "$@" >"$WORK/$name.log" 2>&1 &
    PIDS+=($!); PID[$name]=$!; ADDRESS[$name]=$address
}
run routingcore 127.20.2.1 "$BENCH" proxy 127.20.1.1 127.20.2.1 epoll
run routingcore-sockets 127.20.5.1 "$BENCH" proxy 127.20.1.1 127.20.5.1 sockets
run routingcore-sockets-inline 127.20.6.1 env DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 "$BENCH" proxy 127.20.1.1 127.20.6.1 sockets
run haproxy 127.20.3.1 haproxy -f "$HERE/haproxy.cfg" -db
CONTESTANTS=(routingcore routingcore-sockets routingcore-sockets-inline haproxy)
for c in "${CONTESTANTS[@]}"; do "$BENCH" wait "${ADDRESS[$c]}:9002"; "$BENCH" rate "${ADDRESS[$c]}:9002" 2 "$WORKERS" >/dev/null 2>&1; done

printf "%-22s %8s %14s %16s %14s\n" contestant "c/s" "µs CPU/conn" "switches/conn" "syscalls/conn"
for round in $(seq 1 "$ROUNDS"); do
    for c in "${CONTESTANTS[@]}"; do
        perf stat -x, -e task-clock,context-switches,raw_syscalls:sys_enter -p "${PID[$c]}" -o "$WORK/perf-$c.txt" -- sleep "$SECONDS_PER_RUN" >/dev/null 2>&1 &
        stat=$!
        rate=$("$BENCH" rate "${ADDRESS[$c]}:9002" "$SECONDS_PER_RUN" "$WORKERS" 2>>"$WORK/rate-errors.log")
        wait "$stat"
        awk -F, -v c="$c" -v rate="$rate" -v s="$SECONDS_PER_RUN" '
            $3 == "task-clock" { cpu = $1 } $3 == "context-switches" { cs = $1 } $3 == "raw_syscalls:sys_enter" { sc = $1 }
            END { n = rate * s; printf "%-22s %8d %14.1f %16.2f %14.1f\n", c, rate, cpu * 1000 / n, cs / n, sc / n }' "$WORK/perf-$c.txt"
    done
done
