import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SWEEP_YOUNG_GENERATION_MB, startSweepThread } from '../../server/sweep-thread/sweep-thread.ts';

// One context the thread only loads (no sweep runs, nothing connects).
const KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
  - name: one
    cluster: { server: "https://127.0.0.1:1" }
users:
  - name: one
    user: { token: not-used }
contexts:
  - name: one
    context: { cluster: one, user: one }
current-context: one
`;

describe("serve's sweep thread", () => {
  const dir = mkdtempSync(join(tmpdir(), 'fc-sweep-thread-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Node 20 picks 48 MB by itself, Node 22 and 24 up to 192 MB: the node-versions tier runs this on those.
  it('runs with a bounded young generation, whatever size the Node line would pick by itself', async () => {
    const kubeconfig = join(dir, 'kc.yaml');
    writeFileSync(kubeconfig, KUBECONFIG);
    const thread = await startSweepThread({
      fleet: { kubeconfig },
      db: { url: join(dir, 'history.db'), intervalMs: 60_000 },
    });
    await thread.close();
    expect(thread.clusters).toBe(1);
    // as the thread reads its own limits (node:worker_threads resourceLimits), not as it was asked
    expect(thread.youngGenerationMb).toBe(SWEEP_YOUNG_GENERATION_MB);
  });
});
