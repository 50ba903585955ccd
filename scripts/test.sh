#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs what the tests need (idempotently),
# builds the solution, runs every test project and ends with one "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."

configuration="${CONFIGURATION:-Release}"
scripts/install-test-deps.sh

dotnet build RocketMQ.Orleans.sln -c "$configuration" -nologo -v quiet
# The README's run command (`dotnet run --project silo`) builds Debug, where the compiler keeps an async method's
# locals across its awaits and refuses code that a Release build accepts (spans there): build that too.
if [[ "$configuration" != Debug ]]; then
  dotnet build silo/RocketMQ.Orleans.Silo.csproj -c Debug -nologo -v quiet
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
# One test assembly at a time (-m:1): several of them start silos, Redis and node clients, and on a 2-core
# machine running them side by side only makes their timing depend on each other. A test that hangs is
# reported by name and fails the run after 5 minutes instead of holding CI until its limit.
dotnet test RocketMQ.Orleans.sln -c "$configuration" --no-build -nologo -m:1 \
  --blame-hang-timeout 5m --blame-hang-dump-type none "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# Each test assembly prints "Passed!  - Failed: F, Passed: P, Skipped: S, Total: T, ..." (or "Failed!  - ...").
awk '
  /(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+/ {
    line = $0
    gsub(/[^0-9,]/, " ", line)
    split(line, parts, ",")
    failed += parts[1] + 0; passed += parts[2] + 0; skipped += parts[3] + 0; assemblies++
  }
  END {
    if (skipped > 0) printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped
    else printf "%d passed, %d failed\n", passed, failed
    if (assemblies == 0) exit 1
  }' "$log" || { echo "no test assembly reported a result" >&2; exit 1; }

exit "$status"
