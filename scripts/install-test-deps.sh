#!/usr/bin/env bash
# Installs the JavaScript dependencies of the interop tests (tests/interop-js, ali-ons pinned by its lock file).
# Idempotent: `npm ci` runs only when node_modules is missing or package.json / package-lock.json changed
# since the last install (a stamp inside node_modules records their hash; `npm ci` wipes it on reinstall).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
js_dir="$repo_root/tests/interop-js"
stamp="$js_dir/node_modules/.install-stamp"

fail() { echo "install-test-deps: ERROR: $*" >&2; exit 1; }

command -v node >/dev/null 2>&1 || fail "'node' is not on PATH; install Node.js 20.15+ (e.g. apt-get install nodejs npm)."
command -v npm >/dev/null 2>&1 || fail "'npm' is not on PATH; install npm (e.g. apt-get install npm)."
[[ -f "$js_dir/package-lock.json" ]] || fail "$js_dir/package-lock.json is missing."

# codec.js uses zlib.crc32, which Node.js has from 20.15 on.
node -e 'process.exit(typeof require("zlib").crc32 === "function" ? 0 : 1)' \
  || fail "Node.js $(node --version) lacks zlib.crc32; Node.js 20.15 or newer is needed."

wanted="$(cat "$js_dir/package.json" "$js_dir/package-lock.json" | sha256sum | cut -d' ' -f1)"
if [[ -d "$js_dir/node_modules" && -f "$stamp" && "$(cat "$stamp")" == "$wanted" ]]; then
  echo "install-test-deps: tests/interop-js/node_modules is up to date (node $(node --version)); nothing to do."
  exit 0
fi

echo "install-test-deps: running 'npm ci' in tests/interop-js (node $(node --version), npm $(npm --version))..."
(cd "$js_dir" && npm ci --no-audit --no-fund)
echo "$wanted" > "$stamp"
echo "install-test-deps: installed $(node -p 'require("'"$js_dir"'/node_modules/ali-ons/package.json").version' 2>/dev/null | sed 's/^/ali-ons /')."
