#!/usr/bin/env bash
# Runs every test of Roundtable. Installs what a clean Debian machine lacks first (the SQLite headers GRDB builds
# against, Python's venv for the TAXII interoperability test), so it works on a fresh clone: run it from the
# repository root as a user who may install packages.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
[ -f /usr/include/sqlite3.h ] || need_apt+=(libsqlite3-dev)
command -v python3 >/dev/null || need_apt+=(python3)
command -v python3 >/dev/null && python3 -c 'import venv, ensurepip' 2>/dev/null || need_apt+=(python3-venv)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing ${need_apt[*]} (needed to build GRDB and run the interoperability test)…"
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq "${need_apt[@]}"
  else sudo apt-get update -qq && sudo apt-get install -y -qq "${need_apt[@]}"; fi
fi

swift build --build-tests
swift test --skip-build "$@"

# TAXII interoperability with the clients CERTs run: taxii2-client, stix2 and stix2-validator from PyPI, in a
# virtual environment kept beside the build.
venv=.build/interop-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import taxii2client, stix2, stix2validator' 2>/dev/null; then
  echo "Installing taxii2-client, stix2 and stix2-validator into $venv…"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q -r scripts/interop/requirements.txt
fi
"$venv/bin/python" scripts/interop/taxii_interop.py "$(swift build --show-bin-path)/roundtable"
