#!/usr/bin/env bash
# Builds kube-apiserver, kube-controller-manager, kube-scheduler and etcd for one Kubernetes version from the Go module
# proxy into ${FLEETCHECK_CACHE:-~/.cache/fleetcheck}/k8s-<version>/bin (idempotent: quick when present).
# Usage: scripts/build-control-plane.sh 1.35.4 [etcd-version]
# k8s.io/kubernetes cannot be `go install`ed (its go.mod replaces staging modules with local paths), so a
# wrapper module requires it and replaces each ./staging/src/k8s.io/X with k8s.io/X v0.<minor>.<patch>.
set -euo pipefail
k8s="${1:?usage: build-control-plane.sh <kubernetes-version e.g. 1.35.4> [etcd-version]}"
k8s="${k8s#v}"
etcd="${2:-3.6.16}"
etcd="${etcd#v}"
cache="${FLEETCHECK_CACHE:-$HOME/.cache/fleetcheck}"
out="$cache/k8s-$k8s"
stamp="$out/bin/.built-k8s-$k8s-etcd-$etcd-scheduler"
if [ -f "$stamp" ]; then
  exit 0
fi
command -v go >/dev/null 2>&1 || { echo "build-control-plane: go is not installed" >&2; exit 1; }
export GOFLAGS="${GOFLAGS:--p=1} -mod=mod"
export GOTOOLCHAIN=local
mkdir -p "$out/bin"

# Writes a wrapper module in $1 that requires $2@$3 and turns each local-path replace of that module's
# go.mod into a registry version: staging k8s.io modules at v0.<minor>.<patch>, others at $3.
wrapper() {
  local dir="$1" mod="$2" ver="$3"
  rm -rf "$dir" && mkdir -p "$dir"
  (
    cd "$dir"
    go mod init fleetcheck.local/control-plane-build >/dev/null 2>&1
    go mod edit -require="$mod@$ver"
    local gomod
    gomod="$(go mod download -json "$mod@$ver" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",$/\1/p')"
    local minor patch staging
    minor="$(echo "$ver" | cut -d. -f2)"
    patch="$(echo "$ver" | cut -d. -f3)"
    staging="v0.$minor.$patch"
    go mod edit -go="$(sed -n 's/^go \([0-9.]*\)$/\1/p' "$gomod")"
    sed -n 's/^godebug \([^[:space:]]*\)$/\1/p' "$gomod" | while read -r setting; do go mod edit -godebug="$setting"; done
    sed -n 's/^[[:space:]]*\([^[:space:]]*\)[[:space:]]*=>[[:space:]]*\.\{1,2\}\/[^[:space:]]*[[:space:]]*$/\1/p' "$gomod" |
      while read -r dep; do
        case "$dep" in
          k8s.io/*) go mod edit -replace="$dep=$dep@$staging" ;;
          *) go mod edit -replace="$dep=$dep@$ver" ;;
        esac
      done
  )
}

started=$(date +%s)
src="$out/src"
wrapper "$src/kubernetes" k8s.io/kubernetes "v$k8s"
(
  cd "$src/kubernetes"
  go mod edit -tool=k8s.io/kubernetes/cmd/kube-apiserver -tool=k8s.io/kubernetes/cmd/kube-controller-manager \
    -tool=k8s.io/kubernetes/cmd/kube-scheduler
  go mod tidy
  minor="$(echo "$k8s" | cut -d. -f2)"
  ldflags="-s -w"
  for kv in "gitVersion=v$k8s" "gitMajor=1" "gitMinor=$minor" "gitTreeState=clean" "buildDate=1970-01-01T00:00:00Z"; do
    ldflags="$ldflags -X k8s.io/component-base/version.$kv -X k8s.io/client-go/pkg/version.$kv"
  done
  go build -trimpath -ldflags="$ldflags" -o "$out/bin/" k8s.io/kubernetes/cmd/kube-apiserver \
    k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kube-scheduler
)
wrapper "$src/etcd" go.etcd.io/etcd/server/v3 "v$etcd"
(
  cd "$src/etcd"
  go mod edit -tool=go.etcd.io/etcd/server/v3
  go mod tidy
  go build -trimpath -ldflags="-s -w" -o "$out/bin/etcd" go.etcd.io/etcd/server/v3
)
touch "$stamp"
echo "build-control-plane: kubernetes $k8s + etcd $etcd built in $(( $(date +%s) - started ))s into $out/bin" >&2
