#!/usr/bin/env bash
# Soak of client-chosen names: starts a silo process (Release, free ports, temp data directory), sends it
# REQUESTS requests naming random topics, groups and KV namespaces (route queries, KV lookups, offset queries and
# updates, pulls, heartbeats, malformed names; sends to random topics with --auto-create-sends) and prints the
# silo's RSS at the start, every EVERY requests and at the end. docs/benchmarks.md reports a run.
#   scripts/soak-names.sh [REQUESTS=1000000] [EVERY=100000] [extra soak-names.py flags...]
set -euo pipefail
cd "$(dirname "$0")/.."
REQUESTS="${1:-1000000}"; EVERY="${2:-100000}"; shift $(( $# > 2 ? 2 : $# )) || true

BUILD_LOG="$(mktemp)"
if ! dotnet build silo/RocketMQ.Orleans.Silo.csproj -c Release -v q -nologo >"$BUILD_LOG" 2>&1; then grep -E "error" "$BUILD_LOG" | sort -u; exit 1; fi
rm -f "$BUILD_LOG"
SILO_DLL="$(ls silo/bin/Release/net*/RocketMQ.Orleans.Silo.dll | head -1)"
read -r NS BROKER SILO GATEWAY < <(python3 -c '
import socket
socks=[socket.socket() for _ in range(4)]
[s.bind(("127.0.0.1",0)) for s in socks]
print(*[s.getsockname()[1] for s in socks]); [s.close() for s in socks]')
DATA="$(mktemp -d -t rmq-soak-names-XXXXXX)"
LOG="$DATA/silo.log"

DOTNET_ENVIRONMENT=Production dotnet "$SILO_DLL" \
  "--RocketMQ:Store:DataPath=$DATA/data" "--Silo:SiloPort=$SILO" "--Silo:GatewayPort=$GATEWAY" \
  "--RocketMQ:Remoting:NameServerPort=$NS" "--RocketMQ:Remoting:ListenPort=$BROKER" \
  "--RocketMQ:Remoting:EnableVipChannel=false" "--RocketMQ:Console:Port=0" \
  "--Logging:LogLevel:Default=Warning" >"$LOG" 2>&1 &
PID=$!
trap 'kill -INT $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT

for _ in $(seq 1 120); do
  if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1',$NS),1).close(); socket.create_connection(('127.0.0.1',$BROKER),1).close()" 2>/dev/null; then break; fi
  kill -0 $PID 2>/dev/null || { cat "$LOG"; exit 1; }
  sleep 1
done

echo "silo pid $PID, name server $NS, broker $BROKER, $REQUESTS requests"
python3 scripts/soak-names.py --pid "$PID" --nameserver-port "$NS" --broker-port "$BROKER" \
  --requests "$REQUESTS" --every "$EVERY" "$@"
