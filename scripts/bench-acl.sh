#!/usr/bin/env bash
# `rmq bench produce` against a silo process with ACL off and on, alternating, ROUNDS times (docs/benchmarks.md,
# "What issue 14 costs"): per run a fresh silo (free ports, temp data directory, console off, logging at Warning), a
# 5 s warm-up run, then the measured run; prints msg/s and the silo's CPU (user + system) per message of each run.
#   scripts/bench-acl.sh [ROUNDS=4] [DURATION=20s]     SKIP_BUILD=1 to use the existing Release builds
# PIN=1 runs the silo on CPU 0 and the load generator on CPU 1 (taskset), so that the client's own signing does not
# come out of the broker's CPU: what ACL costs the broker, as when clients run on other machines.
# MODES (default "off on") picks the configurations alternated: off, on, and sign (ACL off on the broker, the bench
# signing anyway: the client's share of the cost). SILO_DLL / RMQ_DLL run other builds (e.g. a before build kept in
# a folder); BEFORE_SILO_DLL / BEFORE_RMQ_DLL add that build to every round as before-<mode> (same-run A/B).
# BENCH_ARGS is added to both `rmq bench produce` runs; default --thread-pool-completions: each sender resumes on its
# own pool thread, as each of a Java producer's sending threads signs its own requests (AclClientRPCHook runs on the
# caller's thread). Without it all 16 senders resume on the one network thread, which then signs for all of them.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-4}"; DURATION="${2:-20s}"
source scripts/bench-lib.sh
if [[ -z "${SILO_DLL:-}" || -z "${RMQ_DLL:-}" ]]; then
  OVERRIDE_SILO_DLL="${SILO_DLL:-}"; OVERRIDE_RMQ_DLL="${RMQ_DLL:-}"
  bench_build_and_locate
  SILO_DLL="${OVERRIDE_SILO_DLL:-$SILO_DLL}"; RMQ_DLL="${OVERRIDE_RMQ_DLL:-$RMQ_DLL}"
fi
read -r -a MODES <<<"${MODES:-off on}"
read -r -a BENCH_ARGS <<<"${BENCH_ARGS---thread-pool-completions}"
if [[ -n "${BEFORE_SILO_DLL:-}" ]]; then
  BEFORE_RMQ_DLL="${BEFORE_RMQ_DLL:-$RMQ_DLL}"
  read -r -a MODES <<<"$(for mode in "${MODES[@]}"; do printf 'before-%s %s ' "$mode" "$mode"; done)"
fi
WORK="$(mktemp -d -t rmq-bench-acl-XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
ACCESS_KEY=benchAdminKey
SECRET_KEY=benchAdminSecret
cat >"$WORK/plain_acl.yml" <<YAML
globalWhiteRemoteAddresses:
accounts:
  - accessKey: $ACCESS_KEY
    secretKey: $SECRET_KEY
    admin: true
YAML
TICKS="$(getconf CLK_TCK)"
SILO_CPU=(); CLIENT_CPU=()
if [[ "${PIN:-}" == 1 ]]; then SILO_CPU=(taskset -c 0); CLIENT_CPU=(taskset -c 1); fi

run_one() { # mode (off|on|sign, optionally before-<mode>) -> "msg/s µs-per-msg"
  local mode="$1" ns broker silo gateway data pid acl=() creds=() before after result tps silo_dll="$SILO_DLL" rmq_dll="$RMQ_DLL"
  if [[ "$mode" == before-* ]]; then silo_dll="$BEFORE_SILO_DLL"; rmq_dll="$BEFORE_RMQ_DLL"; mode="${mode#before-}"; fi
  read -r ns broker silo gateway < <(free_ports 4)
  data="$WORK/data-$mode-$RANDOM"
  if [[ "$mode" == on ]]; then
    acl=("--RocketMQ:Acl:Enabled=true" "--RocketMQ:Acl:File=$WORK/plain_acl.yml")
  fi
  if [[ "$mode" == on || "$mode" == sign ]]; then
    creds=(--access-key "$ACCESS_KEY" --secret-key "$SECRET_KEY")
  fi
  DOTNET_ENVIRONMENT=Production "${SILO_CPU[@]}" dotnet "$silo_dll" \
    "--RocketMQ:Store:DataPath=$data" "--Silo:SiloPort=$silo" "--Silo:GatewayPort=$gateway" \
    "--RocketMQ:Remoting:NameServerPort=$ns" "--RocketMQ:Remoting:ListenPort=$broker" \
    "--RocketMQ:Remoting:EnableVipChannel=false" "--RocketMQ:Broker:BrokerIP1=127.0.0.1" \
    "--RocketMQ:Console:Enabled=false" "--Logging:LogLevel:Default=Warning" "${acl[@]}" >"$data.log" 2>&1 &
  pid=$!
  wait_for_silo "$pid" "$data.log" "$ns" "$broker"
  "${CLIENT_CPU[@]}" dotnet "$rmq_dll" bench produce -n "127.0.0.1:$ns" --threads 16 --size 1024 --duration 5s --topic BenchTopic "${creds[@]}" "${BENCH_ARGS[@]}" >/dev/null
  before="$(cpu_ticks "$pid")"
  result="$("${CLIENT_CPU[@]}" dotnet "$rmq_dll" bench produce -n "127.0.0.1:$ns" --threads 16 --size 1024 --duration "$DURATION" --topic BenchTopic --json "${creds[@]}" "${BENCH_ARGS[@]}")"
  after="$(cpu_ticks "$pid")"
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$data" "$data.log"
  python3 -c '
import json, sys
r = json.loads(sys.argv[1]); ticks = int(sys.argv[2]) - int(sys.argv[3]); hz = int(sys.argv[4])
print("%.0f %.1f failures=%d" % (r["tps"], ticks / hz / r["messages"] * 1e6, r["failures"]))' "$result" "$after" "$before" "$TICKS"
}

echo "round mode msg/s silo-µs/msg failures load1"
for round in $(seq 1 "$ROUNDS"); do
  for mode in "${MODES[@]}"; do
    echo "$round $mode $(run_one "$mode") $(cut -d' ' -f1 /proc/loadavg)"
  done
done
