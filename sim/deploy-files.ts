/**
 * The repository's deploy/ manifests. This module sits one level below the package root, as the bundled CLI's
 * chunks do in dist/, so the same relative URL finds them from the sources and from the build.
 */
export const DEPLOY_RBAC_YAML = new URL('../deploy/rbac.yaml', import.meta.url);
