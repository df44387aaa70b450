import { get } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { expect, it } from 'vitest';
import { ClusterAgents } from '../../core/kube/keep-alive-agent.ts';
import { KubeAccess } from '../../core/kube/kube-access.ts';
import type { ControlPlane } from './control-plane.ts';

interface Answer {
  status: number;
  resumed: boolean;
}

function version(cp: ControlPlane, agents: ClusterAgents): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = get(
      new URL('/version', cp.server),
      { agent: agents.for({}), headers: { Authorization: `Bearer ${cp.adminToken}` }, timeout: 30_000 },
      (res) => {
        const resumed = (res.socket as TLSSocket).isSessionReused();
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, resumed }));
      },
    );
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timed out')));
  });
}

/**
 * Go's crypto/tls (the real kube-apiserver) as the judge of fleetcheck's TLS resumption: a cluster's burst of first
 * connections waits for the first one's session ticket and resumes it, and later connections resume too.
 */
export function tlsResumptionChecks(cp: () => ControlPlane): void {
  it("a burst of first connections resumes the first one's TLS session; a later new connection resumes too", async () => {
    const c = cp();
    const access = new KubeAccess(
      c.server,
      { ca: Buffer.from(c.caPem), rejectUnauthorized: true },
      async () => ({
        token: c.adminToken,
      }),
    );
    const agents = new ClusterAgents(access);
    try {
      const burst = await Promise.all(Array.from({ length: 6 }, () => version(c, agents)));
      expect(burst.map((a) => a.status)).toEqual(Array(6).fill(200));
      expect(burst.filter((a) => !a.resumed)).toHaveLength(1);
      agents.release(); // the burst's connections close: the next request connects anew
      expect(await version(c, agents)).toEqual({ status: 200, resumed: true });
    } finally {
      agents.release();
    }
  });
}
