import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario, type Simulator, startSimulator } from '../../sim/index.ts';
import { probePodSpec } from '../fixtures/probe-pod.ts';
import { type FileRun, runFile } from '../fixtures/run-file.ts';

const KUBECTL = '/usr/bin/kubectl';
const hasKubectl = existsSync(KUBECTL);

const scenario = parseScenario(`version: 1
seed: 21
defaults: { latency: { apiMs: 1, execMs: 5, jobStartSeconds: 1 } }
clusters:
  - name: e2e-east
    nodes: 3
    mesh: [e2e-west]
    faults:
      - { type: endpoint-state, state: not-ready, count: 1, namespace: shop }
  - name: e2e-west
    ciliumVersion: "1.18.1"
    nodes: 2
    mesh: [e2e-east]
    faults:
      - { type: agent-status, node: node-2, component: cilium, state: Failure, message: "BPF map init failed" }
`);

let sim: Simulator;
let dir: string;
let env: NodeJS.ProcessEnv;

/** kubectl as cluster admin (the kubeconfig's own identity only has deploy/rbac.yaml's grants). */
function kubectl(args: string[], timeoutMs = 60_000): Promise<FileRun> {
  const context = args[args.indexOf('--context') + 1];
  const admin = sim.clusters.find((c) => c.name === context)?.adminToken;
  return runFile(KUBECTL, [...(admin ? [`--token=${admin}`] : []), ...args], env, timeoutMs);
}

async function agentOn(context: string, node: string): Promise<string> {
  const r = await kubectl([
    '--context',
    context,
    'get',
    'pods',
    '-n',
    'kube-system',
    '-l',
    'k8s-app=cilium',
    '--field-selector',
    `spec.nodeName=${node}`,
    '-o',
    'jsonpath={.items[0].metadata.name}',
  ]);
  return r.stdout.trim();
}

/** `kubectl exec` of argv in the cilium-agent container of `node`'s agent pod. */
async function agentExec(context: string, node: string, argv: string[]): Promise<FileRun> {
  return kubectl([
    '--context',
    context,
    'exec',
    '-n',
    'kube-system',
    await agentOn(context, node),
    '-c',
    'cilium-agent',
    '--',
    ...argv,
  ]);
}

beforeAll(async () => {
  if (!hasKubectl) return;
  sim = await startSimulator(scenario);
  dir = await mkdtemp(join(tmpdir(), 'fleetcheck-kubectl-'));
  await sim.writeKubeconfig(join(dir, 'kubeconfig'));
  env = {
    PATH: process.env.PATH,
    HOME: dir,
    KUBECONFIG: join(dir, 'kubeconfig'),
    KUBECACHEDIR: join(dir, 'cache'),
  };
});
afterAll(async () => {
  await sim?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!hasKubectl)(
  `real kubectl against the simulator${hasKubectl ? '' : ' (skipped: /usr/bin/kubectl not installed)'}`,
  () => {
    it('kubectl version reports a v1.32 server', async () => {
      const r = await kubectl(['--context', 'e2e-east', 'version']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Server Version: v1\.32\./);
    });

    it('get nodes', async () => {
      const r = await kubectl(['--context', 'e2e-east', 'get', 'nodes']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION/);
      expect(r.stdout.match(/node-\d\s+Ready/g)).toHaveLength(3);
    });

    it('get pods -l k8s-app=cilium -o wide', async () => {
      const r = await kubectl([
        '--context',
        'e2e-east',
        'get',
        'pods',
        '-n',
        'kube-system',
        '-l',
        'k8s-app=cilium',
        '-o',
        'wide',
      ]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE/);
      expect(r.stdout.match(/^cilium-\w+\s+1\/1\s+Running/gm)).toHaveLength(3);
    });

    it('get ds,deploy -n kube-system', async () => {
      const r = await kubectl(['--context', 'e2e-east', 'get', 'ds,deploy', '-n', 'kube-system']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/daemonset\.apps\/cilium\s+3\s+3\s+3\s+3\s+3/);
      expect(r.stdout).toMatch(/deployment\.apps\/cilium-operator\s+2\/2/);
    });

    it('get cep -A shows the endpoint states', async () => {
      const r = await kubectl(['--context', 'e2e-east', 'get', 'cep', '-A']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^NAMESPACE\s+NAME\s+SECURITY IDENTITY\s+ENDPOINT STATE/);
      expect(r.stdout).toMatch(/^shop\s+\S+\s+\d+\s+not-ready/m);
    });

    it('get cm cilium-config -o jsonpath', async () => {
      const r = await kubectl([
        '--context',
        'e2e-west',
        'get',
        'cm',
        'cilium-config',
        '-n',
        'kube-system',
        '-o',
        'jsonpath={.data.cluster-name}/{.data.cluster-id}',
      ]);
      expect(r.stdout).toBe('e2e-west/2');
    });

    it('get secret cilium-clustermesh -o json', async () => {
      const r = await kubectl([
        '--context',
        'e2e-east',
        'get',
        'secret',
        'cilium-clustermesh',
        '-n',
        'kube-system',
        '-o',
        'json',
      ]);
      const secret = JSON.parse(r.stdout) as { data: Record<string, string> };
      expect(Object.keys(secret.data)).toEqual(['e2e-west']);
      expect(Buffer.from(secret.data['e2e-west'] ?? '', 'base64').toString()).toContain('endpoints:');
    });

    it('exec cilium-dbg status --brief: exit 0 when healthy, 1 on Failure', async () => {
      const ok = await agentExec('e2e-east', 'node-1', ['cilium-dbg', 'status', '--brief']);
      expect(ok).toMatchObject({ code: 0, stdout: 'OK\n' });
      const bad = await agentExec('e2e-west', 'node-2', ['cilium-dbg', 'status', '--brief']);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toContain('BPF map init failed');
      expect(bad.stderr).toContain('command terminated with exit code 1');
    });

    it('exec cilium-health status -o json', async () => {
      const r = await agentExec('e2e-east', 'node-2', ['cilium-health', 'status', '-o', 'json']);
      expect(r.code).toBe(0);
      const health = JSON.parse(r.stdout) as { local: { name: string }; nodes: { name: string }[] };
      expect(health.local.name).toBe('e2e-east/node-2');
      // cilium-health probes the mesh peer's nodes too, named <cluster>/<node>.
      const names = health.nodes.map((n) => n.name).sort();
      expect(names).toEqual([
        'e2e-east/node-1',
        'e2e-east/node-2',
        'e2e-east/node-3',
        'e2e-west/node-1',
        'e2e-west/node-2',
      ]);
    });

    it('create -f job.json, get job -w, logs per container, delete job', async () => {
      const job = {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'e2e-probe', namespace: 'fleetcheck-probe' },
        spec: {
          activeDeadlineSeconds: 60,
          template: {
            spec: probePodSpec({
              name: 'web',
              command: [
                'wget',
                '-T',
                '2',
                '-q',
                '-O',
                '-',
                'http://kubernetes.default.svc.cluster.local:443/',
              ],
            }),
          },
        },
      };
      await writeFile(join(dir, 'job.json'), JSON.stringify(job));
      const created = await kubectl([
        '--context',
        'e2e-east',
        'create',
        '-f',
        join(dir, 'job.json'),
        '--validate=false',
      ]);
      expect(created).toMatchObject({ code: 0, stdout: 'job.batch/e2e-probe created\n' });

      const watched = await new Promise<string>((resolve) => {
        const child = spawn(
          KUBECTL,
          [
            `--token=${sim.clusters.find((c) => c.name === 'e2e-east')?.adminToken}`,
            '--context',
            'e2e-east',
            'get',
            'job',
            'e2e-probe',
            '-n',
            'fleetcheck-probe',
            '-w',
          ],
          { env },
        );
        let out = '';
        const stop = setTimeout(() => child.kill('SIGTERM'), 60_000);
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (/e2e-probe\s+Complete/.test(out)) child.kill('SIGTERM');
        });
        child.on('close', () => {
          clearTimeout(stop);
          resolve(out);
        });
      });
      expect(watched).toMatch(/^NAME\s+STATUS\s+COMPLETIONS/);
      expect(watched).toMatch(/e2e-probe\s+Complete\s+1\/1/);

      const pod = (
        await kubectl([
          '--context',
          'e2e-east',
          'get',
          'pods',
          '-n',
          'fleetcheck-probe',
          '-l',
          'job-name=e2e-probe',
          '-o',
          'jsonpath={.items[0].metadata.name}',
        ])
      ).stdout;
      const logs = await kubectl([
        '--context',
        'e2e-east',
        'logs',
        '-n',
        'fleetcheck-probe',
        pod,
        '-c',
        'dns',
      ]);
      expect(logs.code).toBe(0);
      expect(logs.stdout).toContain('Name:\tkubernetes.default.svc.cluster.local');

      const deleted = await kubectl([
        '--context',
        'e2e-east',
        'delete',
        'job',
        'e2e-probe',
        '-n',
        'fleetcheck-probe',
      ]);
      expect(deleted).toMatchObject({ code: 0, stdout: 'job.batch "e2e-probe" deleted\n' });
      const left = await kubectl([
        '--context',
        'e2e-east',
        'get',
        'jobs,pods',
        '-n',
        'fleetcheck-probe',
        '-o',
        'name',
      ]);
      expect(left.stdout.trim()).toBe('');
    });
  },
);
