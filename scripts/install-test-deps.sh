#!/usr/bin/env bash
# Installs what the tests need beyond the .NET SDK, on a fresh Debian machine; idempotent, safe to run every time.
# - tests/interop-js: the JavaScript dependencies of the interop tests (ali-ons and Apache's RocketMQ 5 Node.js
#   client rocketmq-client-nodejs, pinned by its lock file).
#   `npm ci` runs only when node_modules is missing or package.json / package-lock.json changed since the last
#   install (a stamp inside node_modules records their hash; `npm ci` wipes it on reinstall).
# - redis-server (Debian package): the scale-out tests start their own throw-away server on a free port, so only
#   the binary is needed; no system service is started or enabled here.
# - chromium (Debian package): the web console's browser tests drive it headless through Playwright's
#   ExecutablePath (/usr/bin/chromium), so Playwright never downloads a browser.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
js_dir="$repo_root/tests/interop-js"
stamp="$js_dir/node_modules/.install-stamp"

log() { echo "install-test-deps: $*"; }
fail() { echo "install-test-deps: ERROR: $*" >&2; exit 1; }

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    fail "'$*' needs root and sudo is not installed; run this script as root."
  fi
}

apt_updated=false
apt_install() {
  command -v apt-get >/dev/null 2>&1 || fail "apt-get not found; install $* with your package manager."
  if [[ "$apt_updated" == false ]]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    apt_updated=true
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

install_interop_js() {
  command -v node >/dev/null 2>&1 || fail "'node' is not on PATH; install Node.js 20.15+ (e.g. apt-get install nodejs npm)."
  command -v npm >/dev/null 2>&1 || fail "'npm' is not on PATH; install npm (e.g. apt-get install npm)."
  [[ -f "$js_dir/package-lock.json" ]] || fail "$js_dir/package-lock.json is missing."

  # codec.js uses zlib.crc32, which Node.js has from 20.15 on.
  node -e 'process.exit(typeof require("zlib").crc32 === "function" ? 0 : 1)' \
    || fail "Node.js $(node --version) lacks zlib.crc32; Node.js 20.15 or newer is needed."

  local wanted
  wanted="$(cat "$js_dir/package.json" "$js_dir/package-lock.json" | sha256sum | cut -d' ' -f1)"
  if [[ -d "$js_dir/node_modules" && -f "$stamp" && "$(cat "$stamp")" == "$wanted" ]]; then
    log "tests/interop-js/node_modules is up to date (node $(node --version)); nothing to do."
    return
  fi

  log "running 'npm ci' in tests/interop-js (node $(node --version), npm $(npm --version))..."
  (cd "$js_dir" && npm ci --no-audit --no-fund)
  echo "$wanted" > "$stamp"
  log "installed $(node -p 'require("'"$js_dir"'/node_modules/ali-ons/package.json").version' 2>/dev/null | sed 's/^/ali-ons /')."
  log "installed $(node -p 'require("'"$js_dir"'/node_modules/rocketmq-client-nodejs/package.json").version' 2>/dev/null | sed 's/^/rocketmq-client-nodejs /')."
}

install_redis_server() {
  if command -v redis-server >/dev/null 2>&1; then
    log "redis-server is installed ($(redis-server --version | head -n1)); nothing to do."
    return
  fi

  log "installing Debian's redis-server (the scale-out tests start their own instance)..."
  # policy-rc.d answering 101 keeps the package's post-install from starting the system service, where
  # invoke-rc.d honours it (no systemd in containers); a service that did start is stopped and disabled below.
  local policy=/usr/sbin/policy-rc.d created_policy=false
  if [[ ! -e "$policy" ]]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
    as_root chmod 755 "$policy"
    created_policy=true
  fi
  apt_install redis-server || { [[ "$created_policy" == true ]] && as_root rm -f "$policy"; exit 1; }
  [[ "$created_policy" == true ]] && as_root rm -f "$policy"
  if command -v systemctl >/dev/null 2>&1 && [[ -d /run/systemd/system ]]; then
    as_root systemctl disable --now redis-server >/dev/null 2>&1 || true
  fi

  command -v redis-server >/dev/null 2>&1 || fail "redis-server is still not on PATH after installing the package."
  log "installed $(redis-server --version | head -n1)."
}

install_chromium() {
  if [[ -x /usr/bin/chromium ]]; then
    log "chromium is installed ($(/usr/bin/chromium --version 2>/dev/null | head -n1)); nothing to do."
    return
  fi

  log "installing Debian's chromium (the web console's browser tests run it headless)..."
  apt_install chromium
  [[ -x /usr/bin/chromium ]] || fail "/usr/bin/chromium is still missing after installing the package."
  log "installed $(/usr/bin/chromium --version 2>/dev/null | head -n1)."
}

install_interop_js
install_redis_server
install_chromium
