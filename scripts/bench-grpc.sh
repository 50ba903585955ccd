#!/usr/bin/env bash
# RocketMQ 5 gRPC against remoting on one silo process, in the same run (docs/benchmarks.md, "gRPC against remoting"):
# a fresh silo (free ports, temp data directory, console off, logging at Warning, gRPC on), then ROUNDS times:
#   remoting send   `rmq bench produce`       16 senders, 1 KiB, through the name server (a 5 s warm-up first)
#   gRPC send       `rmq bench grpc-produce`  16 senders, 1 KiB, one message per SendMessage (a 5 s warm-up first)
#   gRPC receive    `rmq bench grpc-receive`  4 consumers, batches of 32, each message acked (POP)
# printing msg/s, the silo's CPU (user + system) per message, the gRPC/remoting send ratio and the 1-minute load.
#   scripts/bench-grpc.sh [ROUNDS=3] [DURATION=20s]     SKIP_BUILD=1 to use the existing Release builds
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-3}"; DURATION="${2:-20s}"
source scripts/bench-lib.sh
bench_build_and_locate
WORK="$(mktemp -d -t rmq-bench-grpc-XXXXXX)"
PID=""
cleanup() { [[ -n "$PID" ]] && kill -TERM "$PID" 2>/dev/null && wait "$PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
TICKS="$(getconf CLK_TCK)"

read -r NS BROKER SILO GATEWAY GRPC < <(free_ports 5)
DOTNET_ENVIRONMENT=Production dotnet "$SILO_DLL" \
  "--RocketMQ:Store:DataPath=$WORK/data" "--Silo:SiloPort=$SILO" "--Silo:GatewayPort=$GATEWAY" \
  "--RocketMQ:Remoting:NameServerPort=$NS" "--RocketMQ:Remoting:ListenPort=$BROKER" \
  "--RocketMQ:Remoting:EnableVipChannel=false" "--RocketMQ:Broker:BrokerIP1=127.0.0.1" \
  "--RocketMQ:Grpc:Enabled=true" "--RocketMQ:Grpc:Port=$GRPC" \
  "--RocketMQ:Console:Enabled=false" "--Logging:LogLevel:Default=Warning" >"$WORK/silo.log" 2>&1 &
PID=$!
wait_for_silo "$PID" "$WORK/silo.log" "$NS" "$BROKER" "$GRPC"

measure() { # label, rmq arguments... -> "msg/s silo-µs/msg failures"
  local before after result
  before="$(cpu_ticks "$PID")"
  result="$(dotnet "$RMQ_DLL" bench "$@" --duration "$DURATION" --json)"
  after="$(cpu_ticks "$PID")"
  python3 -c '
import json, sys
r = json.loads(sys.argv[1]); ticks = int(sys.argv[2]) - int(sys.argv[3]); hz = int(sys.argv[4])
print("%.0f %.1f %d" % (r["tps"], ticks / hz / max(r["messages"], 1) * 1e6, r["failures"]))' "$result" "$after" "$before" "$TICKS"
}

echo "round remoting-send(msg/s µs/msg fail) grpc-send(msg/s µs/msg fail) ratio grpc-receive+ack(msg/s µs/msg fail) load1"
for round in $(seq 1 "$ROUNDS"); do
  dotnet "$RMQ_DLL" bench produce -n "127.0.0.1:$NS" --threads 16 --size 1024 --duration 5s --topic BenchTopic >/dev/null
  remoting="$(measure produce -n "127.0.0.1:$NS" --threads 16 --size 1024 --topic BenchTopic)"
  dotnet "$RMQ_DLL" bench grpc-produce -e "127.0.0.1:$GRPC" --threads 16 --size 1024 --duration 5s --topic BenchTopic >/dev/null
  grpc="$(measure grpc-produce -e "127.0.0.1:$GRPC" --threads 16 --size 1024 --topic BenchTopic)"
  receive="$(measure grpc-receive -e "127.0.0.1:$GRPC" --consumers 4 --batch 32 --topic BenchTopic --group BenchPopGroup)"
  ratio="$(python3 -c 'import sys; print("%.2f" % (float(sys.argv[2].split()[0]) / float(sys.argv[1].split()[0])))' "$remoting" "$grpc")"
  echo "$round | $remoting | $grpc | $ratio | $receive | $(cut -d' ' -f1 /proc/loadavg)"
done
