#!/usr/bin/env bash
# Runs every test of Roundtable. Installs what a clean Debian machine lacks first (the SQLite headers GRDB builds
# against), so it works on a fresh clone: run it from the repository root as a user who may install packages.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
[ -f /usr/include/sqlite3.h ] || need_apt+=(libsqlite3-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing ${need_apt[*]} (needed to build GRDB)…"
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq "${need_apt[@]}"
  else sudo apt-get update -qq && sudo apt-get install -y -qq "${need_apt[@]}"; fi
fi

swift build --build-tests
swift test --skip-build "$@"
