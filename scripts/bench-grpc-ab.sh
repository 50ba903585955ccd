#!/usr/bin/env bash
# Same-run A/B of gRPC against remoting send (docs/benchmarks.md, "gRPC against remoting"): one silo per configuration,
# all started up front, then ROUNDS+1 passes (pass 0 is warm-up, printed, not counted) that measure each configuration
# in turn with the same rmq driver (this tree's build): remoting send, then gRPC send, 16 senders, 1 KiB, printing
# msg/s, the silo's and the driver's CPU µs per message, failures, the gRPC/remoting ratio and the 1-minute load.
#   scripts/bench-grpc-ab.sh [ROUNDS=3] [DURATION=12s] NAME:SILO_DLL:ENV,ENV... ...
# An empty SILO_DLL is this tree's Release build; ENV (optional) are VAR=value pairs for that silo only, e.g.
#   scripts/bench-grpc-ab.sh 3 12s before:/tmp/main-build/RocketMQ.Orleans.Silo.dll: after:: conc-off::DOTNET_gcConcurrent=0
# SKIP_BUILD=1 to use the existing Release builds; WARMUP (8s) is each measured run's in-process warm-up.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-3}"; DURATION="${2:-12s}"; shift 2 || true
WARMUP="${WARMUP:-8s}"
source scripts/bench-lib.sh
bench_build_and_locate
WORK="$(mktemp -d -t rmq-bench-grpc-ab-XXXXXX)"
PIDS=()
cleanup() { local p; for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

NAMES=(); declare -A NS_PORT GRPC_PORT SILO_PID
for spec in "$@"; do
  IFS=: read -r name dll envs <<<"$spec"
  dll="${dll:-$SILO_DLL}"; IFS=, read -r -a env_pairs <<<"${envs:-}"
  read -r NS BROKER SILO GATEWAY GRPC < <(free_ports 5)
  start_grpc_bench_silo "$dll" "$WORK/$name" "$WORK/$name.log" "$NS" "$BROKER" "$SILO" "$GATEWAY" "$GRPC" env "${env_pairs[@]}"
  PIDS+=("$BENCH_SILO_PID"); SILO_PID[$name]=$BENCH_SILO_PID; NS_PORT[$name]=$NS; GRPC_PORT[$name]=$GRPC; NAMES+=("$name")
  wait_for_silo "$BENCH_SILO_PID" "$WORK/$name.log" "$NS" "$BROKER" "$GRPC"
done

measure() { bench_measure "$@" 2>/dev/null; }

echo "round config | remoting-send(msg/s silo-µs driver-µs fail) | grpc-send(same) | ratio | load1"
for round in $(seq 0 "$ROUNDS"); do
  for name in "${NAMES[@]}"; do
    remoting="$(measure "${SILO_PID[$name]}" produce -n "127.0.0.1:${NS_PORT[$name]}" --threads 16 --size 1024 --topic BenchTopic)"
    grpc="$(measure "${SILO_PID[$name]}" grpc-produce -e "127.0.0.1:${GRPC_PORT[$name]}" --threads 16 --size 1024 --topic BenchTopic)"
    ratio="$(bench_ratio "$remoting" "$grpc")"
    echo "$round $name | $remoting | $grpc | $ratio | $(cut -d' ' -f1 /proc/loadavg)$([[ $round == 0 ]] && echo ' (warm-up, not counted)')"
  done
done
