#!/usr/bin/env bash
# Runs every test of Roundtable. Installs what a clean Debian machine lacks first (the SQLite headers GRDB builds
# against, zlib's headers for compress-nio's gzip, Python's venv for the TAXII interoperability test, Chromium and its
# driver for the accessibility test, strace and the ext4 tools for the durability tests, nginx to serve a mirror's
# copy of the log in the mirror test, msmtp and aiosmtpd for the mail delivery tests, PostgreSQL for the PostgreSQL
# store's tests, run against a throwaway cluster this script starts and stops), so it works on a fresh
# clone: run it from the repository root as a user who may install packages. The durability test that forces a disk failure mounts an ext4 image on a loop
# device, so it needs root.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
[ -f /usr/include/sqlite3.h ] || need_apt+=(libsqlite3-dev)
[ -f /usr/include/zlib.h ] || need_apt+=(zlib1g-dev)
command -v python3 >/dev/null || need_apt+=(python3)
command -v python3 >/dev/null && python3 -c 'import venv, ensurepip' 2>/dev/null || need_apt+=(python3-venv)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -x /usr/bin/chromedriver ] || need_apt+=(chromium-driver)
command -v strace >/dev/null || need_apt+=(strace)
command -v mkfs.ext4 >/dev/null && command -v e2fsck >/dev/null || need_apt+=(e2fsprogs)
command -v losetup >/dev/null && command -v mount >/dev/null || need_apt+=(mount)
[ -x /usr/sbin/nginx ] || need_apt+=(nginx)
[ -x /usr/bin/msmtp ] || need_apt+=(msmtp)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
# HTTPS served by the node: a certificate made by openssl, checked by curl with HTTP/2 (nghttp2).
command -v openssl >/dev/null || need_apt+=(openssl)
command -v curl >/dev/null && curl --version | grep -q HTTP2 || need_apt+=(curl)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing ${need_apt[*]} (needed to build GRDB and compress-nio and run the interoperability, accessibility, durability, mirror and mail tests)…"
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq "${need_apt[@]}"
  else sudo apt-get update -qq && sudo apt-get install -y -qq "${need_apt[@]}"; fi
fi

# Each target imports only what its floor allows (docs/design/architecture.md): the node speaks no HTTP, the wire
# types and the client commands link no store. And no line is longer than .swift-format allows.
python3 scripts/checks/check_imports.py
python3 scripts/checks/check_line_length.py

# The mail delivery tests send through msmtp (above) to a real SMTP server, aiosmtpd from PyPI, in a virtual
# environment kept beside the build (with cryptography, for the Python webhook verifier docs/delivery.md gives).
mail_venv=.build/mail-venv
if [ ! -x "$mail_venv/bin/python" ] || ! "$mail_venv/bin/python" -c 'import aiosmtpd, cryptography' 2>/dev/null; then
  echo "Installing aiosmtpd and cryptography into $mail_venv…"
  python3 -m venv "$mail_venv"
  "$mail_venv/bin/pip" install -q -r scripts/mail/requirements.txt
fi
export ROUNDTABLE_MAIL_VENV="$PWD/$mail_venv"

# The PostgreSQL store's tests run against a real server: a throwaway cluster in a temporary directory, on a Unix
# socket only, stopped when this script exits (scripts/postgres.sh).
pg=$(scripts/postgres.sh start)
pg_dir=$(echo "$pg" | head -1)
trap 'scripts/postgres.sh stop "$pg_dir"' EXIT
export ROUNDTABLE_TEST_POSTGRES=$(echo "$pg" | tail -1)

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

# The public pages in a real browser: axe-core (WCAG 2.2 AA) on every page type in the six official UN languages,
# Arabic right to left, 320 px reflow, and in each language a keyboard-only walk from the home page to a vote's act. axe-selenium-python declares
# Python 3.12 but runs on 3.11, hence --ignore-requires-python.
web_venv=.build/web-venv
if [ ! -x "$web_venv/bin/python" ] || ! "$web_venv/bin/python" -c 'import selenium, axe_selenium_python' 2>/dev/null; then
  echo "Installing selenium and axe-selenium-python into $web_venv…"
  python3 -m venv "$web_venv"
  "$web_venv/bin/pip" install -q --ignore-requires-python -r scripts/web/requirements.txt
fi
"$web_venv/bin/python" scripts/web/web_a11y.py "$(swift build --show-bin-path)/roundtable"
# Signing in and acting from the pages in Chromium: a key file, WebCrypto Ed25519, the vote logged and shown; wrong
# keys refused; the session cookie of no use to another site.
"$web_venv/bin/python" scripts/web/web_sign_in.py "$(swift build --show-bin-path)/roundtable"

# The JSON API against the OpenAPI document the node serves at /api/v1/openapi.json (Sources/RoundtableAPI/openapi.json):
# schemathesis from PyPI, in a virtual environment kept beside the build, with a fixed seed and number of examples.
api_venv=.build/api-venv
if [ ! -x "$api_venv/bin/python" ] || ! "$api_venv/bin/python" -c 'import schemathesis, openapi_spec_validator' 2>/dev/null; then
  echo "Installing schemathesis and openapi-spec-validator into $api_venv…"
  python3 -m venv "$api_venv"
  "$api_venv/bin/pip" install -q -r scripts/api/requirements.txt
fi
"$api_venv/bin/python" scripts/api/api_schema.py "$(swift build --show-bin-path)/roundtable"

# The parsers that read hostile bytes under libFuzzer with the address sanitizer, 20 s each on their seed corpora
# (Fuzz/; a separate build in .build-fuzz, the normal build unchanged). scripts/fuzz.sh TARGET SECONDS runs one longer.
scripts/fuzz.sh
