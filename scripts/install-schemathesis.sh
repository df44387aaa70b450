#!/usr/bin/env bash
# Installs Schemathesis (pinned) into its own virtualenv for the API conformance test
# (test/e2e/api-schemathesis.test.ts). Idempotent: a quick no-op when the pinned version is there.
# Prints the `st` path on stdout; `--path` prints it without installing.
set -euo pipefail
version=4.32.5
dir="${FLEETCHECK_TOOLS_DIR:-$HOME/.cache/fleetcheck}/schemathesis-$version"
st="$dir/bin/st"
if [ "${1:-}" = "--path" ]; then
  echo "$st"
  exit 0
fi
if [ -x "$st" ] && "$dir/bin/python" -c "import schemathesis, sys; sys.exit(schemathesis.__version__ != '$version')" 2>/dev/null; then
  echo "$st"
  exit 0
fi
python=$(command -v python3 || true)
if [ -z "$python" ]; then
  echo "install-schemathesis: python3 not found" >&2
  exit 1
fi
rm -rf "$dir"
"$python" -m venv "$dir" >&2
"$dir/bin/python" -m pip install --quiet --disable-pip-version-check "schemathesis==$version" >&2
echo "$st"
