#!/usr/bin/env bash
# Installs moto's server (the AWS emulator the serverless tests run SQS and STS against) into
# .cache/moto-venv, pinned. Idempotent: quick when the pinned version is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
MOTO_VERSION=5.2.5
venv=.cache/moto-venv
if [ -x "$venv/bin/moto_server" ] && [ "$("$venv/bin/python" -c 'import moto; print(moto.__version__)' 2>/dev/null)" = "$MOTO_VERSION" ]; then
  exit 0
fi
if ! python3 -m venv --help >/dev/null 2>&1; then
  echo "install-moto: python3 with venv is needed" >&2
  exit 1
fi
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION"
echo "install-moto: moto $MOTO_VERSION in $venv" >&2
