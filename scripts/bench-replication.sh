#!/usr/bin/env bash
# Send throughput of one broker group, unreplicated vs replicated over two silos (Async and Sync), same run:
# `rmq bench produce` (1 KiB, 16 senders, 20 s after a warm-up) against fresh silos and data folders for each
# run, the configurations alternating ROUNDS times. All silos share one throw-away Redis (membership and grain
# storage), the unreplicated one too, so only replication differs. docs/benchmarks.md reports a run.
#   scripts/bench-replication.sh [ROUNDS=3] [DURATION=20s]
# SKIP_UNREPLICATED=1 / SKIP_ASYNC=1 leave those configurations out; SILO_DLL=path runs another build of the silo;
# WARMUP (15s) is the load before the measured run: tiered compilation is still busy after 5 s, more so in two silos.
# SKIP_BUILD=1 uses the silo and rmq builds already there (for a before/after comparison of two SILO_DLLs).
# SILO_ENV="NAME=value …" sets environment variables for the silos only (runtime settings; the load generator keeps its own).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-3}"; DURATION="${2:-20s}"; WARMUP="${WARMUP:-15s}"

if [ -z "${SKIP_BUILD:-}" ]; then
  dotnet build silo/RocketMQ.Orleans.Silo.csproj -c Release -v q -nologo >/dev/null
  dotnet build src/RocketMQ.Orleans.Cli/RocketMQ.Orleans.Cli.csproj -c Release -v q -nologo >/dev/null
fi
SILO_DLL="${SILO_DLL:-$(ls silo/bin/Release/net*/RocketMQ.Orleans.Silo.dll | head -1)}"
RMQ_DLL="$(ls src/RocketMQ.Orleans.Cli/bin/Release/net*/rmq.dll | head -1)"
WORK="$(mktemp -d -t rmq-bench-repl-XXXXXX)"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

free_ports() { python3 -c '
import socket,sys
socks=[socket.socket() for _ in range(int(sys.argv[1]))]
[s.bind(("127.0.0.1",0)) for s in socks]
print(*[s.getsockname()[1] for s in socks]); [s.close() for s in socks]' "$1"; }

wait_port() { for _ in $(seq 1 240); do (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.25; done; echo "port $1 never opened" >&2; return 1; }

# One configuration: $1 = label, $2 = silo count, $3 = replication mode (None, Async, Sync).
run() {
  local label=$1 count=$2 mode=$3 run_id
  run_id="$label-$RANDOM"
  read -r REDIS_PORT < <(free_ports 1)
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize no >"$WORK/redis-$run_id.log" 2>&1 &
  local redis_pid=$!; PIDS+=("$redis_pid"); wait_port "$REDIS_PORT"
  local silo_pids=() name_servers=()
  for i in $(seq 1 "$count"); do
    read -r NS BROKER SILO GATEWAY < <(free_ports 4)
    env ${SILO_ENV:-} DOTNET_ENVIRONMENT=Production dotnet "$SILO_DLL" \
      "--RocketMQ:Store:DataPath=$WORK/$run_id-$i" "--Silo:SiloPort=$SILO" "--Silo:GatewayPort=$GATEWAY" \
      "--RocketMQ:Remoting:NameServerPort=$NS" "--RocketMQ:Remoting:ListenPort=$BROKER" \
      "--RocketMQ:Remoting:EnableVipChannel=false" "--RocketMQ:Console:Enabled=false" "--RocketMQ:Grpc:Enabled=false" "--RocketMQ:Broker:BrokerIP1=127.0.0.1" \
      "--Silo:Clustering=Redis" "--Silo:GrainStorage=Redis" "--Silo:ConnectionString=127.0.0.1:$REDIS_PORT" \
      "--Silo:ClusterId=$run_id" "--Silo:ServiceId=$run_id" "--Silo:AdvertisedIPAddress=127.0.0.1" "--Silo:ListenAddress=127.0.0.1" \
      "--RocketMQ:Broker:BrokerName=broker-bench" "--RocketMQ:Replication:Mode=$mode" "--RocketMQ:Replication:MinInSyncReplicas=$count" \
      "--Logging:LogLevel:Default=Warning" >"$WORK/silo-$run_id-$i.log" 2>&1 &
    silo_pids+=($!); PIDS+=($!); name_servers+=("127.0.0.1:$NS")
    wait_port "$BROKER"
  done
  local ns; ns=$(IFS=';'; echo "${name_servers[*]}")
  # Warm-up: also waits out the first election and the in-sync set (refused sends are retried by the bench client).
  # A Sync group refuses sends until the follower is in sync; the bench stops at its first refusal, so warm up again.
  for _ in 1 2 3 4 5 6; do
    dotnet "$RMQ_DLL" bench produce -n "$ns" --threads 16 --size 1024 --duration "$WARMUP" --topic BenchTopic >/dev/null 2>&1 && break
    sleep 1
  done
  local cpu0=0 cpu1=0
  for p in "${silo_pids[@]}"; do cpu0=$((cpu0 + $(awk '{print $14+$15}' "/proc/$p/stat"))); done
  local out; out=$(dotnet "$RMQ_DLL" bench produce -n "$ns" --threads 16 --size 1024 --duration "$DURATION" --topic BenchTopic --json 2>"$WORK/bench-$run_id.err" | tr -d '\n ' || true)
  for p in "${silo_pids[@]}"; do cpu1=$((cpu1 + $(awk '{print $14+$15}' "/proc/$p/stat"))); done
  [ -n "$out" ] || { echo "$label: bench failed: $(tail -5 "$WORK/bench-$run_id.err")"; for f in "$WORK"/silo-"$run_id"-*.log; do tail -n 20 "$f"; done; }
  local tps avg p99 failures
  tps=$(grep -o '"tps":[0-9.]*' <<<"$out" | cut -d: -f2)
  avg=$(grep -o '"latencyAvgMs":[0-9.]*' <<<"$out" | cut -d: -f2)
  p99=$(grep -o '"latencyP99Ms":[0-9.]*' <<<"$out" | cut -d: -f2)
  failures=$(grep -o '"failures":[0-9]*' <<<"$out" | cut -d: -f2)
  printf '%-14s tps=%-9s avg_ms=%-6s p99_ms=%-6s failures=%-4s silos_cpu_us_per_msg=%s load=%s\n' "$label" "$tps" "$avg" "${p99:-?}" "${failures:-?}" \
    "$(awk -v a="$cpu0" -v b="$cpu1" -v t="$tps" -v d="${DURATION%s}" 'BEGIN{printf "%.1f", (b-a)*10000/(t*d)}')" "$(cut -d' ' -f1 /proc/loadavg)"
  for p in "${silo_pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  kill "$redis_pid" 2>/dev/null || true; wait "$redis_pid" 2>/dev/null || true
  # Deleted now, the run's ~1-2 GB of dirty pages are dropped instead of being written back during the next
  # configuration's window (which had cost whichever configuration ran next up to a fifth of its throughput).
  rm -rf "$WORK"/"$run_id"-*
}

echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$ROUNDS"); do
  [ -n "${SKIP_UNREPLICATED:-}" ] || run unreplicated 1 None
  [ -n "${SKIP_ASYNC:-}" ] || run async-2 2 Async
  run sync-2 2 Sync
done
