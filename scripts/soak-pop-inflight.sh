#!/usr/bin/env bash
# Silo memory with many POP messages in flight (issue 11; docs/benchmarks.md, "POP memory with messages in flight"):
# a fresh silo (free ports, temp data directory, console off, logging at Warning), COUNT messages of 64 bytes sent with
# `rmq bench produce` (16 senders), then scripts/soak-pop-inflight.py pops COUNT of them over remoting POP (4
# connections, batches of 32, invisible 1 h, never acked), printing `seconds popped rss_mb anon_mb` about once a second
# (anon: the resident memory not backed by files, i.e. without the store's mapped files).
#   scripts/soak-pop-inflight.sh [COUNT=1000000] [extra silo arguments, e.g. --RocketMQ:Pop:MaxCheckpointsInMemory=1000]
#   SILO_DLL=/tmp/before/RocketMQ.Orleans.Silo.dll to measure another build; SKIP_BUILD=1 to use the existing Release builds.
#   INVISIBLE_MS=20000 AFTER=120 to watch the silo revive them all (sampled for AFTER seconds; the retry topic's size is
#   printed at the end).
# Not run in CI: it takes minutes and a few hundred MB of disk.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${1:-1000000}"; shift || true
OVERRIDE_SILO="${SILO_DLL:-}"
source scripts/bench-lib.sh
bench_build_and_locate
SILO_DLL="${OVERRIDE_SILO:-$SILO_DLL}"
WORK="$(mktemp -d -t rmq-soak-pop-XXXXXX)"
PID=""
cleanup() { [[ -n "$PID" ]] && kill -TERM "$PID" 2>/dev/null && wait "$PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

read -r NS BROKER SILO GATEWAY < <(free_ports 4)
DOTNET_ENVIRONMENT=Production dotnet "$SILO_DLL" \
  "--RocketMQ:Store:DataPath=$WORK/data" "--Silo:SiloPort=$SILO" "--Silo:GatewayPort=$GATEWAY" \
  "--RocketMQ:Remoting:NameServerPort=$NS" "--RocketMQ:Remoting:ListenPort=$BROKER" \
  "--RocketMQ:Remoting:EnableVipChannel=false" "--RocketMQ:Broker:BrokerIP1=127.0.0.1" \
  "--RocketMQ:Grpc:Enabled=false" "--RocketMQ:Console:Enabled=false" "--Logging:LogLevel:Default=Warning" "$@" >"$WORK/silo.log" 2>&1 &
PID=$!
wait_for_silo "$PID" "$WORK/silo.log" "$NS" "$BROKER"

echo "silo: $SILO_DLL $*"
sent=0
while (( sent < COUNT )); do
  result="$(dotnet "$RMQ_DLL" bench produce -n "127.0.0.1:$NS" --threads 16 --size 64 --duration 20s --topic PopSoak --json)"
  sent=$(( sent + $(python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print(r["messages"])' "$result") ))
  echo "sent $sent (load $(cut -d' ' -f1 /proc/loadavg))"
done
echo "before popping: $(awk '/VmRSS|RssAnon/ { printf "%s %.0f MB ", $1, $2 / 1024 }' "/proc/$PID/status")"
python3 scripts/soak-pop-inflight.py "127.0.0.1:$BROKER" "$PID" PopSoak GID_pop_soak "$COUNT" 4 "${INVISIBLE_MS:-3600000}" "${AFTER:-10}"
echo "pop state on disk: $(du -sh "$WORK/data/pop" | cut -f1), $(ls "$WORK/data/pop/revive" 2>/dev/null | wc -l) revive-log files; load $(cut -d' ' -f1 /proc/loadavg)"
status="$(dotnet "$RMQ_DLL" topicStatus -n "127.0.0.1:$NS" -t '%RETRY%GID_pop_soak' --json 2>/dev/null || echo '{}')"
python3 -c '
import json, sys
def total(node):  # every queue'"'"'s maxOffset, wherever the JSON keeps it
    if isinstance(node, dict):
        return sum(v for k, v in node.items() if k.lower() == "maxoffset" and isinstance(v, int)) + sum(total(v) for v in node.values() if isinstance(v, (dict, list)))
    return sum(total(v) for v in node) if isinstance(node, list) else 0
print("revived to %RETRY%GID_pop_soak:", total(json.loads(sys.argv[1])))' "$status"
