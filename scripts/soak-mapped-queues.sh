#!/usr/bin/env bash
# Soak: auto-creates RMQ_SOAK_TOPICS topics (default 100,000, one consume queue each) in one message store under the
# default bound on mapped consume-queue files (MaxMappedConsumeQueueFiles, 4096), and shows that the process's memory
# maps stay bounded (the kernel's vm.max_map_count is 65530 by default; one map per queue would exhaust it).
# CI runs the same test with 1,000 topics and a bound of 64. Results: docs/benchmarks.md ("Mapped consume-queue files").
set -euo pipefail
cd "$(dirname "$0")/.."
export RMQ_SOAK_TOPICS="${RMQ_SOAK_TOPICS:-100000}"
export RMQ_SOAK_BOUND="${RMQ_SOAK_BOUND:-4096}"
echo "vm.max_map_count = $(cat /proc/sys/vm/max_map_count 2>/dev/null || echo '?'); topics = $RMQ_SOAK_TOPICS; bound = $RMQ_SOAK_BOUND"
dotnet build tests/RocketMQ.Orleans.Store.Tests/RocketMQ.Orleans.Store.Tests.csproj -c Release --nologo -v q
dotnet test tests/RocketMQ.Orleans.Store.Tests/RocketMQ.Orleans.Store.Tests.csproj -c Release --no-build --nologo \
  --filter "FullyQualifiedName~MappedFilesBoundTests.Thousands_of_topics" --logger "console;verbosity=detailed"
