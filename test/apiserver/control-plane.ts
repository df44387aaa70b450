import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { generatePki } from '../../sim/tls/pki.ts';
import type { ControlPlaneBinaries } from './binaries.ts';
import { kubeRequest } from './kube-http.ts';
import { type Daemon, freePort, startDaemon, waitFor } from './processes.ts';

/** A running etcd + kube-apiserver + kube-controller-manager + kube-scheduler on 127.0.0.1. */
export interface ControlPlane {
  version: string;
  server: string;
  caPem: string;
  /** system:masters, for set-up and assertions only. */
  adminToken: string;
  /** User `fleetcheck` in group `fleetcheck` (as the simulator's): only what deploy/rbac.yaml grants. */
  fleetcheckToken: string;
  fleetcheckUser: string;
  /** Tokens of further users, each alone in a group of its own name (bound by the tests as they need). */
  userTokens: Record<string, string>;
  /** The apiserver's audit log (JSON lines, one per request, level Metadata). */
  auditLog: string;
  dir: string;
  stop(): Promise<void>;
}

const AUDIT_POLICY = {
  apiVersion: 'audit.k8s.io/v1',
  kind: 'Policy',
  omitStages: ['RequestReceived'],
  rules: [{ level: 'Metadata' }],
};

function kubeconfig(server: string, caPem: string, token: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      { name: 'c', cluster: { server, 'certificate-authority-data': Buffer.from(caPem).toString('base64') } },
    ],
    users: [{ name: 'u', user: { token } }],
    contexts: [{ name: 'c', context: { cluster: 'c', user: 'u' } }],
    'current-context': 'c',
  });
}

/**
 * Starts a control plane from the built binaries in a fresh temp dir; everything listens on loopback and
 * stop() ends exactly the processes it started, by PID.
 */
export async function startControlPlane(
  version: string,
  bins: ControlPlaneBinaries,
  users: string[] = [],
): Promise<ControlPlane> {
  const dir = await mkdtemp(join(tmpdir(), `fleetcheck-k8s-${version}-`));
  const daemons: Daemon[] = [];
  const stop = async () => {
    for (const d of [...daemons].reverse()) await d.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const pki = await generatePki();
    const sa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const adminToken = randomBytes(24).toString('hex');
    const fleetcheckToken = randomBytes(24).toString('hex');
    const fleetcheckUser = 'fleetcheck';
    const userTokens = Object.fromEntries(users.map((u) => [u, randomBytes(24).toString('hex')]));
    const extra = Object.entries(userTokens).map(([u, t]) => `${t},${u},${u},"${u}"\n`);
    const f = (name: string) => join(dir, name);
    await Promise.all([
      writeFile(f('ca.pem'), pki.caPem),
      writeFile(f('server.pem'), pki.serverCertPem),
      writeFile(f('server-key.pem'), pki.serverKeyPem, { mode: 0o600 }),
      writeFile(f('sa.key'), sa.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 }),
      writeFile(f('sa.pub'), sa.publicKey.export({ type: 'spki', format: 'pem' })),
      writeFile(
        f('tokens.csv'),
        `${adminToken},admin,admin,"system:masters"\n${fleetcheckToken},${fleetcheckUser},${fleetcheckUser},"fleetcheck"\n${extra.join('')}`,
        { mode: 0o600 },
      ),
      writeFile(f('audit-policy.yaml'), stringify(AUDIT_POLICY)),
    ]);
    const [etcdPort, peerPort, apiPort] = [await freePort(), await freePort(), await freePort()];
    const etcdUrl = `http://127.0.0.1:${etcdPort}`;
    daemons.push(
      startDaemon(
        'etcd',
        [
          bins.etcd,
          `--data-dir=${f('etcd')}`,
          `--listen-client-urls=${etcdUrl}`,
          `--advertise-client-urls=${etcdUrl}`,
          `--listen-peer-urls=http://127.0.0.1:${peerPort}`,
          `--initial-advertise-peer-urls=http://127.0.0.1:${peerPort}`,
          `--initial-cluster=default=http://127.0.0.1:${peerPort}`,
          '--unsafe-no-fsync',
          '--log-level=warn',
        ],
        f('etcd.log'),
      ),
    );
    await waitFor('etcd', async () => (await fetch(`${etcdUrl}/health`)).ok, 60_000, daemons);
    const server = `https://127.0.0.1:${apiPort}`;
    daemons.push(
      startDaemon(
        'kube-apiserver',
        [
          bins.apiserver,
          `--etcd-servers=${etcdUrl}`,
          '--bind-address=127.0.0.1',
          '--advertise-address=127.0.0.1',
          `--secure-port=${apiPort}`,
          `--cert-dir=${f('certs')}`,
          `--tls-cert-file=${f('server.pem')}`,
          `--tls-private-key-file=${f('server-key.pem')}`,
          `--token-auth-file=${f('tokens.csv')}`,
          '--authorization-mode=RBAC',
          '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
          `--service-account-key-file=${f('sa.pub')}`,
          `--service-account-signing-key-file=${f('sa.key')}`,
          '--service-cluster-ip-range=10.96.0.0/24',
          '--endpoint-reconciler-type=none',
          `--audit-policy-file=${f('audit-policy.yaml')}`,
          `--audit-log-path=${f('audit.log')}`,
          '--profiling=false',
        ],
        f('kube-apiserver.log'),
      ),
    );
    const ep = { server, caPem: pki.caPem };
    await waitFor(
      'kube-apiserver /readyz',
      async () => (await kubeRequest(ep, adminToken, 'GET', '/readyz')).status === 200,
      180_000,
      daemons,
    );
    await writeFile(f('admin.kubeconfig'), kubeconfig(server, pki.caPem, adminToken), { mode: 0o600 });
    daemons.push(
      startDaemon(
        'kube-controller-manager',
        [
          bins.controllerManager,
          `--kubeconfig=${f('admin.kubeconfig')}`,
          '--leader-elect=false',
          '--secure-port=0',
          `--service-account-private-key-file=${f('sa.key')}`,
          `--root-ca-file=${f('ca.pem')}`,
          '--use-service-account-credentials=false',
          // Workload statuses are set by the tests (no kubelet runs): only Jobs, GC, namespaces, SAs act.
          '--controllers=*,-daemonset,-deployment,-replicaset',
        ],
        f('kube-controller-manager.log'),
      ),
      startDaemon(
        'kube-scheduler',
        [bins.scheduler, `--kubeconfig=${f('admin.kubeconfig')}`, '--leader-elect=false', '--secure-port=0'],
        f('kube-scheduler.log'),
      ),
    );
    return {
      version,
      server,
      caPem: pki.caPem,
      adminToken,
      fleetcheckToken,
      fleetcheckUser,
      userTokens,
      auditLog: f('audit.log'),
      dir,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
