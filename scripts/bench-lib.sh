# Shared by the scripts/bench-*.sh drivers; source it from the repository root.

# Release builds of the silo and the rmq CLI (unless SKIP_BUILD=1), then SILO_DLL and RMQ_DLL point at them.
bench_build_and_locate() {
  if [[ "${SKIP_BUILD:-}" != 1 ]]; then
    local project
    for project in silo/RocketMQ.Orleans.Silo.csproj src/RocketMQ.Orleans.Cli/RocketMQ.Orleans.Cli.csproj; do
      dotnet build "$project" -c Release -v q -nologo >/dev/null || { echo "build of $project failed" >&2; exit 1; }
    done
  fi
  SILO_DLL="$(ls silo/bin/Release/net*/RocketMQ.Orleans.Silo.dll | head -1)"
  RMQ_DLL="$(ls src/RocketMQ.Orleans.Cli/bin/Release/net*/rmq.dll | head -1)"
}

# User + system clock ticks a process has used so far.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# N free TCP ports on 127.0.0.1, on one line.
free_ports() {
  python3 -c '
import socket, sys
socks=[socket.socket() for _ in range(int(sys.argv[1]))]
[s.bind(("127.0.0.1",0)) for s in socks]
print(*[s.getsockname()[1] for s in socks]); [s.close() for s in socks]' "$1"
}

# Waits (up to 2 minutes) until every PORT on 127.0.0.1 accepts connections; exits with LOG printed if PID died first.
#   wait_for_silo PID LOG PORT...
wait_for_silo() {
  local pid="$1" log="$2"; shift 2
  local ports; ports="$(IFS=,; echo "$*")"
  for _ in $(seq 1 120); do
    if python3 -c "import socket; [socket.create_connection(('127.0.0.1',p),1).close() for p in ($ports,)]" 2>/dev/null; then return 0; fi
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 1
  done
}

# Starts a silo for the gRPC benchmarks in the background (free ports given, temp data directory, console off, logging
# at Warning, gRPC on h2c); its pid in BENCH_SILO_PID. PREFIX (optional) runs before dotnet: `taskset -c 0`, `env VAR=x`.
#   start_grpc_bench_silo DLL DATA_DIR LOG NS_PORT BROKER_PORT SILO_PORT GATEWAY_PORT GRPC_PORT [PREFIX...]
start_grpc_bench_silo() {
  local dll="$1" data="$2" log="$3" ns="$4" broker="$5" silo="$6" gateway="$7" grpc="$8"; shift 8
  DOTNET_ENVIRONMENT=Production "$@" dotnet "$dll" \
    "--RocketMQ:Store:DataPath=$data" "--Silo:SiloPort=$silo" "--Silo:GatewayPort=$gateway" \
    "--RocketMQ:Remoting:NameServerPort=$ns" "--RocketMQ:Remoting:ListenPort=$broker" \
    "--RocketMQ:Remoting:EnableVipChannel=false" "--RocketMQ:Broker:BrokerIP1=127.0.0.1" \
    "--RocketMQ:Grpc:Enabled=true" "--RocketMQ:Grpc:Port=$grpc" \
    "--RocketMQ:Console:Enabled=false" "--Logging:LogLevel:Default=Warning" >"$log" 2>&1 &
  BENCH_SILO_PID=$!
}

# One measured `rmq bench` run against a silo (--warmup WARMUP --duration DURATION --watch-pid PID --json), after
# BENCH_CLIENT_PREFIX (e.g. taskset) when set: prints "msg/s silo-µs/msg driver-µs/msg failures".
#   bench_measure PID rmq-arguments...
bench_measure() {
  local pid="$1" result; shift
  result="$(${BENCH_CLIENT_PREFIX:-} dotnet "$RMQ_DLL" bench "$@" --warmup "$WARMUP" --duration "$DURATION" --watch-pid "$pid" --json)"
  python3 -c '
import json, sys
r = json.loads(sys.argv[1])
print("%.0f %.1f %.1f %d" % (r["tps"], r["watchedCpuMicrosPerMessage"], r["driverCpuMicrosPerMessage"], r["failures"]))' "$result"
}

# gRPC msg/s over remoting msg/s, from two bench_measure lines.
bench_ratio() { python3 -c 'import sys; print("%.2f" % (float(sys.argv[2].split()[0]) / float(sys.argv[1].split()[0])))' "$1" "$2"; }
