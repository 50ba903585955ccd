#!/usr/bin/env bash
# The long wire-fuzzing round (issue 14): starts the Release silo on free ports with a fresh data directory, runs
# `rmq fuzz` against it (default 1,000,000 frames over 16 connections, RSS sampled through the silo's pid), and stops
# the silo. Extra arguments go to `rmq fuzz`, e.g.:
#   scripts/fuzz.sh --frames 2000000 --seed 7
#   scripts/fuzz.sh --exclude ExtHugeValue,TotalLengthGrow
# SILO_DIR / RMQ_DLL point at copies of the builds (so a rebuild during a long round does not touch the running silo).
# A failed round prints its seed; `rmq fuzz --seed S --connections C --replay <frame>` replays one frame.
set -euo pipefail
cd "$(dirname "$0")/.."

configuration="${CONFIGURATION:-Release}"
frames="${FRAMES:-1000000}"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  dotnet build silo/RocketMQ.Orleans.Silo.csproj -c "$configuration" -nologo -v quiet
  dotnet build src/RocketMQ.Orleans.Cli/RocketMQ.Orleans.Cli.csproj -c "$configuration" -nologo -v quiet
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
namesrv_port="$(free_port)"; broker_port="$(free_port)"; silo_port="$(free_port)"; gateway_port="$(free_port)"
data="$(mktemp -d /tmp/rmq-fuzz-XXXXXX)"
log="$data/silo.log"

silo_dir="${SILO_DIR:-silo/bin/$configuration/net10.0}"
rmq_dll="${RMQ_DLL:-src/RocketMQ.Orleans.Cli/bin/$configuration/net10.0/rmq.dll}"
(cd "$silo_dir" && exec dotnet RocketMQ.Orleans.Silo.dll \
  --RocketMQ:Store:DataPath="$data/store" \
  --Silo:SiloPort="$silo_port" --Silo:GatewayPort="$gateway_port" \
  --RocketMQ:Remoting:NameServerPort="$namesrv_port" --RocketMQ:Remoting:ListenPort="$broker_port" \
  --RocketMQ:Remoting:EnableVipChannel=false --RocketMQ:Console:Port=0 \
  >"$log" 2>&1) &
silo_pid=$!
cleanup() { kill "$silo_pid" 2>/dev/null || true; wait "$silo_pid" 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT

for _ in $(seq 1 120); do
  grep -q "silo ready" "$log" && break
  kill -0 "$silo_pid" 2>/dev/null || { cat "$log"; echo "the silo exited before it was ready" >&2; exit 1; }
  sleep 1
done
grep -q "silo ready" "$log" || { tail -50 "$log"; echo "the silo was not ready after 120 s" >&2; exit 1; }

set +e
dotnet "$rmq_dll" fuzz -n "127.0.0.1:$namesrv_port" \
  --frames "$frames" --connections 16 --pid "$silo_pid" "$@"
status=$?
set -e
if ! kill -0 "$silo_pid" 2>/dev/null; then
  echo "the silo process is gone; its last output:" >&2
  tail -100 "$log" >&2
  status=1
fi
exit $status
