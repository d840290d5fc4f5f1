#!/usr/bin/env bash
# `guidegraph mcp` end to end with a real MCP client, the Python SDK from PyPI (issue 19):
# over stdio, over streamable HTTP, and a bounded load test over HTTP (20 clients x 200
# calls by default, at most MCP_LOAD_SECONDS). Makes a virtual environment under the
# target folder with pinned versions, builds guidegraph (release) and an index of the
# fixture corpora, and runs tests/mcp/test_mcp.py with pytest. Arguments go to pytest.
#
#   bash tests/mcp/run.sh                     everything
#   MCP_LOAD_CLIENTS=5 MCP_LOAD_CALLS=20 bash tests/mcp/run.sh -k load
set -euo pipefail
cd "$(dirname "$0")/../.."

# The versions the tests were written against; bump them together with the tests.
MCP_VERSION=2.3.0
PYTEST_VERSION=9.2.0

target=${CARGO_TARGET_DIR:-target}
mkdir -p "$target"
target=$(cd "$target" && pwd)
venv="$target/mcp-venv"

if ! command -v python3 >/dev/null 2>&1; then
  apt-get update && apt-get install -y python3 python3-venv
fi
if [ ! -x "$venv/bin/python" ]; then
  # Debian's python3 makes a virtual environment only with python3-venv.
  if ! python3 -m venv "$venv"; then
    rm -rf "$venv"
    apt-get update && apt-get install -y python3-venv
    python3 -m venv "$venv"
  fi
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
  "mcp==$MCP_VERSION" "pytest==$PYTEST_VERSION"

echo "== building guidegraph (release)"
cargo build --release
bin="$target/release/guidegraph"

index="$target/mcp-fixture-index"
rm -rf "$index"
"$bin" index --index "$index" \
  --corpus tests/fixtures/azure-waf --corpus tests/fixtures/power-platform-waf >/dev/null

report="$target/mcp-load.json"
rm -f "$report"
echo "== MCP client tests (Python mcp $MCP_VERSION)"
status=0
GUIDEGRAPH_BIN="$bin" GUIDEGRAPH_MCP_INDEX="$index" MCP_LOAD_REPORT="$report" \
  MCP_LOAD_CLIENTS="${MCP_LOAD_CLIENTS:-20}" MCP_LOAD_CALLS="${MCP_LOAD_CALLS:-200}" \
  MCP_LOAD_SECONDS="${MCP_LOAD_SECONDS:-300}" \
  PYTHONDONTWRITEBYTECODE=1 "$venv/bin/python" -m pytest -q -p no:cacheprovider tests/mcp "$@" || status=$?
if [ -f "$report" ]; then
  echo "== MCP load test (tests/mcp/test_mcp.py::test_load_many_clients_at_once_over_http)"
  cat "$report"
fi
exit $status
