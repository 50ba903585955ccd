#!/usr/bin/env bash
# RocketMQ 5 gRPC against remoting on one silo process, in the same run (docs/benchmarks.md, "gRPC against remoting"):
# a fresh silo (free ports, temp data directory, console off, logging at Warning, gRPC on), then ROUNDS times:
#   remoting send   `rmq bench produce`       16 senders, 1 KiB, through the name server
#   gRPC send       `rmq bench grpc-produce`  16 senders, 1 KiB, one message per SendMessage
#   gRPC receive    `rmq bench grpc-receive`  4 consumers, batches of 32, each message acked (POP)
# first a warm-up pass of the three loads (round 0, printed, not counted: on a loaded 2-core machine the silo's JIT
# tiers the HTTP/2 + gRPC path up for ~30 s), then each measured run after a warm-up of the same load in the measuring
# process (--warmup, WARMUP=10s: the driver's own code compiled before the window), printing msg/s, the silo's and
# the driver's CPU (user + system) per message over the measured window alone (--watch-pid), the gRPC/remoting
# send ratio and the 1-minute load.
#   scripts/bench-grpc.sh [ROUNDS=3] [DURATION=20s]     SKIP_BUILD=1 to use the existing Release builds
#   PIN=1 runs the silo on CPU 0 and the drivers on CPU 1 (taskset), so that neither takes the other's core.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-3}"; DURATION="${2:-20s}"
source scripts/bench-lib.sh
bench_build_and_locate
WORK="$(mktemp -d -t rmq-bench-grpc-XXXXXX)"
PID=""
cleanup() { [[ -n "$PID" ]] && kill -TERM "$PID" 2>/dev/null && wait "$PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
WARMUP="${WARMUP:-10s}"
SILO_CPU=()
if [[ "${PIN:-}" == 1 ]]; then SILO_CPU=(taskset -c 0); BENCH_CLIENT_PREFIX="taskset -c 1"; fi

read -r NS BROKER SILO GATEWAY GRPC < <(free_ports 5)
start_grpc_bench_silo "$SILO_DLL" "$WORK/data" "$WORK/silo.log" "$NS" "$BROKER" "$SILO" "$GATEWAY" "$GRPC" "${SILO_CPU[@]}"
PID=$BENCH_SILO_PID
wait_for_silo "$PID" "$WORK/silo.log" "$NS" "$BROKER" "$GRPC"

measure() { bench_measure "$PID" "$@"; }

echo "round remoting-send(msg/s silo-µs driver-µs fail) grpc-send(msg/s silo-µs driver-µs fail) ratio grpc-receive+ack(msg/s silo-µs driver-µs fail) load1"
for round in $(seq 0 "$ROUNDS"); do
  remoting="$(measure produce -n "127.0.0.1:$NS" --threads 16 --size 1024 --topic BenchTopic)"
  grpc="$(measure grpc-produce -e "127.0.0.1:$GRPC" --threads 16 --size 1024 --topic BenchTopic)"
  receive="$(measure grpc-receive -e "127.0.0.1:$GRPC" --consumers 4 --batch 32 --topic BenchTopic --group BenchPopGroup)"
  ratio="$(bench_ratio "$remoting" "$grpc")"
  echo "$round | $remoting | $grpc | $ratio | $receive | $(cut -d' ' -f1 /proc/loadavg)$([[ $round == 0 ]] && echo ' (warm-up, not counted)')"
done
