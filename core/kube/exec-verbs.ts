/**
 * The RBAC verbs on `pods/exec` a WebSocket exec needs on a Kubernetes version.
 * The upgrade is an HTTP GET, authorised as `get`; from 1.35 the feature gate
 * AuthorizePodWebsocketUpgradeCreatePermission (beta, on by default; KEP-4006) also checks `create`
 * (k8s.io/kubernetes pkg/registry/core/pod/rest/subresources.go, ExecREST.Connect, v1.35.4).
 * An unknown version gets both.
 * @example execVerbs('v1.34.4') // ['get']
 */
export function execVerbs(gitVersion: string | undefined): string[] {
  const minor = minorOf(gitVersion);
  return minor !== undefined && minor < 35 ? ['get'] : ['get', 'create'];
}

/** The minor of a `v1.<minor>.<patch>[-suffix]` gitVersion, if it is one. */
export function minorOf(gitVersion: string | undefined): number | undefined {
  const m = /^v?1\.(\d+)(?:\.|$)/.exec(gitVersion ?? '');
  return m ? Number(m[1]) : undefined;
}
