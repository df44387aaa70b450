#!/usr/bin/env bash
# Builds test/fixtures/exec-judge (upstream k8s.io exec servers at v0.35.4, a judge of fleetcheck's exec client)
# from the Go module proxy into ${FLEETCHECK_CACHE:-~/.cache/fleetcheck}/exec-judge/<source hash>/exec-judge.
# Idempotent: quick when that binary exists. Prints the binary's path.
set -euo pipefail
src="$(cd "$(dirname "$0")/../test/fixtures/exec-judge" && pwd)"
hash="$(cat "$src/go.mod" "$src/go.sum" "$src/main.go" | sha256sum | cut -c1-16)"
out="${FLEETCHECK_CACHE:-$HOME/.cache/fleetcheck}/exec-judge/$hash"
if [ ! -x "$out/exec-judge" ]; then
  command -v go >/dev/null 2>&1 || { echo "build-exec-judge: go is not installed" >&2; exit 1; }
  mkdir -p "$out"
  (cd "$src" && GOTOOLCHAIN=local GOFLAGS="${GOFLAGS:--p=1}" go build -trimpath -ldflags="-s -w" -o "$out/exec-judge.tmp" .)
  mv "$out/exec-judge.tmp" "$out/exec-judge"
fi
echo "$out/exec-judge"
