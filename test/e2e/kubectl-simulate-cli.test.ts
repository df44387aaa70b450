import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFile as run } from '../fixtures/run-file.ts';

const KUBECTL = '/usr/bin/kubectl';
const CLI = join(process.cwd(), 'bin/fleetcheck.mjs');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fleetcheck-simulate-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('fleetcheck simulate', () => {
  it('rejects an invalid scenario with path + reason and exit 2', async () => {
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, 'version: 1\nclusters:\n  - name: a\n    faults:\n      - { type: agent-dwn }\n');
    const r = await run(process.execPath, [
      CLI,
      'simulate',
      '--scenario',
      bad,
      '--kubeconfig-out',
      join(dir, 'x.yaml'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('clusters[0].faults[0].type: unknown fault "agent-dwn"');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it.skipIf(!existsSync(KUBECTL))(
    `serves until SIGINT and writes a kubeconfig kubectl can use${existsSync(KUBECTL) ? '' : ' (skipped: kubectl not installed)'}`,
    async () => {
      const kubeconfig = join(dir, 'kc.yaml');
      const child = spawn(
        process.execPath,
        [CLI, 'simulate', '--scenario', 'sim/scenarios/healthy.yaml', '--kubeconfig-out', kubeconfig],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`simulator did not start: ${out}`)), 90_000);
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('Ctrl-C')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      try {
        expect(out).toContain(`export KUBECONFIG=${kubeconfig}`);
        expect(out).toMatch(/healthy.*https:\/\/127\.0\.0\.1:\d+/);
        const nodes = await run(KUBECTL, ['--context', 'healthy', 'get', 'nodes', '-o', 'name'], {
          PATH: process.env.PATH,
          HOME: dir,
          KUBECONFIG: kubeconfig,
          KUBECACHEDIR: join(dir, 'cache'),
        });
        expect(nodes.stdout.trim().split('\n')).toEqual(['node/node-1', 'node/node-2', 'node/node-3']);
      } finally {
        child.kill('SIGINT');
      }
      expect(await exited).toBe(0);
    },
  );
});
