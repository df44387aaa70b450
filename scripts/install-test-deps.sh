#!/usr/bin/env bash
# Installs what the e2e tier uses: Schemathesis (pinned, its own venv) for the API conformance test, Debian
# chromium for the dashboard tests, promtool for the metrics test. Quick when they are already present.
# It also builds the apiserver tier's control planes (cached).
set -uo pipefail
bash "$(dirname "$0")/install-schemathesis.sh" >/dev/null || echo "install-test-deps: schemathesis install failed; the API conformance test fails under CI" >&2
bash "$(dirname "$0")/install-moto.sh" >/dev/null || echo "install-test-deps: moto install failed; the serverless moto test fails under CI=true" >&2
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v promtool >/dev/null 2>&1 || need+=(prometheus)
# The exec client's judge: upstream k8s.io exec servers (Go build from the module proxy, cached; ~2-7 min cold).
bash "$(dirname "$0")/build-exec-judge.sh" >/dev/null || echo "install-test-deps: exec-judge build failed; its integration test fails under CI=true" >&2
# The apiserver tier's control planes (Go build from the module proxy, cached; ~10-25 min cold per version).
bash "$(dirname "$0")/build-control-plane-all.sh" || echo "install-test-deps: control-plane build failed; the apiserver tier will fail under CI=true" >&2
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if ! command -v apt-get >/dev/null 2>&1 || [ "$(id -u)" != 0 ]; then
  echo "install-test-deps: cannot install ${need[*]} (no apt-get or not root); those tests will be skipped" >&2
  exit 0
fi
echo "install-test-deps: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || true
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 || echo "install-test-deps: apt-get install failed; those tests will be skipped" >&2
