#!/usr/bin/env bash
# L7 load benchmark: RoutingCore's Ingress proxy against a plain YARP host with the same routes, both forwarding
# HTTP/1.1 to the same loopback backend. For each route count (1 and 10,000 hosts h0.example..), ROUNDS rounds run
# the two proxies one after the other, alternating which goes first; each run is a warm-up then a measured wrk run
# whose requests cycle through all the hosts. Prints requests/s, p50 and p99 per run, then the medians and the
# RoutingCore / YARP ratios. Before warming up, each run waits until the proxy routes the last host and reports how
# many seconds after start-up that took.
#
# Usage: benchmarks/l7/run.sh            (env: DURATION=10 WARMUP=3 ROUNDS=3 CONNECTIONS=32 THREADS=1 ROUTES="1 10000")
# Needs the .NET SDK; installs wrk from the Debian packages when missing (apt-get, as root or through sudo).
set -euo pipefail
cd "$(dirname "$0")/../.."

DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-1}
ROUTES=${ROUTES:-"1 10000"}
BACKEND_PORT=${BACKEND_PORT:-28080}
PROXY_PORT=${PROXY_PORT:-28081}

if ! command -v wrk >/dev/null; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq wrk >/dev/null
fi

dotnet build benchmarks/L7Hosts -c Release -v quiet -nologo >/dev/null
dll=benchmarks/L7Hosts/bin/Release/net10.0/L7Hosts.dll
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

# start NAME ARGS...: runs a host, waits for its "ready" line, leaves its pid in $started.
start() {
  local name=$1; shift
  : >"$work/$name.log" # empty before launching, so an earlier run's "ready" cannot be mistaken for this one's
  dotnet "$dll" "$@" >>"$work/$name.log" 2>&1 &
  started=$!
  pids+=("$started")
  for _ in $(seq 1 600); do
    grep -q ready "$work/$name.log" 2>/dev/null && return 0
    kill -0 "$started" 2>/dev/null || { cat "$work/$name.log" >&2; return 1; }
    sleep 0.1
  done
  echo "$name did not start" >&2; return 1
}

# routable NAME HOST: waits until the proxy answers 200 for HOST (YARP builds its route matcher on the first
# request, RoutingCore when the store syncs); prints the seconds that took after "ready".
routable() {
  local began=$SECONDS
  for _ in $(seq 1 3000); do
    [ "$(curl -s -o /dev/null -m 30 -w '%{http_code}' -H "Host: $2" "http://127.0.0.1:$PROXY_PORT/" || true)" = 200 ] && { echo $((SECONDS - began)); return 0; }
    sleep 0.1
  done
  echo "$1 never routed $2" >&2; return 1
}

# to_ms VALUE: wrk's 812.00us / 1.23ms / 1.01s in milliseconds.
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'; }

start backend backend "$BACKEND_PORT"
results="$work/results"
: >"$results"
printf '%-8s %-12s %5s %12s %10s %10s %12s\n' routes proxy round "req/s" "p50 ms" "p99 ms" "routable s"
for routes in $ROUTES; do
  cat >"$work/hosts.lua" <<LUA
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/", { ["Host"] = "h" .. (counter % $routes) .. ".example" })
end
LUA
  for round in $(seq 1 "$ROUNDS"); do
    order="routingcore yarp"; [ $((round % 2)) -eq 0 ] && order="yarp routingcore"
    for proxy in $order; do
      start "$proxy" "$proxy" "$PROXY_PORT" "$BACKEND_PORT" "$routes"
      routable_s=$(routable "$proxy" "h$((routes - 1)).example")
      wrk -t "$THREADS" -c "$CONNECTIONS" -d "${WARMUP}s" -s "$work/hosts.lua" "http://127.0.0.1:$PROXY_PORT/" >/dev/null
      wrk -t "$THREADS" -c "$CONNECTIONS" -d "${DURATION}s" --latency -s "$work/hosts.lua" "http://127.0.0.1:$PROXY_PORT/" >"$work/wrk.txt"
      kill "$started"; wait "$started" 2>/dev/null || true
      rps=$(awk '/Requests\/sec/ { print $2 }' "$work/wrk.txt")
      p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$work/wrk.txt")")
      p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$work/wrk.txt")")
      errors=$(awk '/Non-2xx|Socket errors/ { print }' "$work/wrk.txt")
      [ -n "$errors" ] && echo "  $proxy: $errors" >&2
      printf '%-8s %-12s %5s %12s %10s %10s %12s\n' "$routes" "$proxy" "$round" "$rps" "$p50" "$p99" "$routable_s"
      echo "$routes $proxy $rps $p50 $p99" >>"$results"
    done
  done
done

echo
echo "Medians over $ROUNDS rounds ($CONNECTIONS connections, $THREADS wrk thread(s), ${DURATION}s runs):"
printf '%-8s %14s %14s %9s %12s %12s %9s %12s %12s %9s\n' routes "RC req/s" "YARP req/s" ratio "RC p50" "YARP p50" ratio "RC p99" "YARP p99" ratio
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
for routes in $ROUTES; do
  m() { awk -v r="$routes" -v p="$1" -v c="$2" '$1 == r && $2 == p { print $c }' "$results" | median; }
  rc_rps=$(m routingcore 3); y_rps=$(m yarp 3); rc_p50=$(m routingcore 4); y_p50=$(m yarp 4); rc_p99=$(m routingcore 5); y_p99=$(m yarp 5)
  awk -v r="$routes" -v a="$rc_rps" -v b="$y_rps" -v c="$rc_p50" -v d="$y_p50" -v e="$rc_p99" -v f="$y_p99" \
    'BEGIN { printf "%-8s %14.0f %14.0f %9.2f %12.3f %12.3f %9.2f %12.3f %12.3f %9.2f\n", r, a, b, a / b, c, d, c / d, e, f, e / f }'
done
