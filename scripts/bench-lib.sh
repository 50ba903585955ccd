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
