import { describe, expect, it } from 'vitest';
import { componentAgentStatus } from '../../core/checks/component.agent.status.ts';
import { componentHubbleReady } from '../../core/checks/component.hubble.ready.ts';
import { configMeshIdentity } from '../../core/checks/config.mesh.identity.ts';
import { meshPeerConnected } from '../../core/checks/mesh.peer.connected.ts';
import { nodeHealthLatency } from '../../core/checks/node.health.latency.ts';
import { nodeHealthReachability } from '../../core/checks/node.health.reachability.ts';
import { REAL_MINORS, REAL_NODES, realCluster, realFixture, runChecks } from '../fixtures/real-cluster.ts';

const STATUS_CHECKS = [componentAgentStatus, componentHubbleReady, meshPeerConnected, configMeshIdentity];

describe.each(REAL_MINORS)('checks read the upstream-shaped output of Cilium %s', (minor) => {
  it('an agent that lost its API server (kubernetes Failure, k8s-api-versions null) fails, naming node and message', async () => {
    const api = realCluster(minor, { status: realFixture(`status-${minor}-lost-apiserver.json`) });
    const out = await runChecks(api, [componentAgentStatus]);
    expect(out.map((o) => [o.subject, o.status])).toEqual(REAL_NODES.map((n) => [n, 'fail']));
    for (const o of out) {
      expect(o.message).toMatch(
        /^kubernetes Failure: Get "https:\/\/172\.20\.0\.1:443\/version": dial tcp 172\.20\.0\.1:443: i\/o timeout$/,
      );
      expect(o.hint).toMatch(/lost the Kubernetes API/);
    }
  });

  it('ClusterMesh on with no peer connected yet (clusters null) fails the configured peer, never errors', async () => {
    const api = realCluster(minor, { status: realFixture(`status-${minor}-mesh-no-peers.json`) });
    const out = await runChecks(api, STATUS_CHECKS);
    expect(out.filter((o) => o.status === 'error')).toEqual([]);
    expect(out.find((o) => o.check === 'mesh.peer.connected' && o.subject === 'cluster2')?.status).toBe(
      'fail',
    );
    expect(out.filter((o) => o.check === 'component.agent.status').every((o) => o.status === 'pass')).toBe(
      true,
    );
  });

  it('an agent with nil lists everywhere, Hubble and ClusterMesh off, passes', async () => {
    const api = realCluster(minor, { status: realFixture(`status-${minor}-nulls.json`) });
    api.meshSecret = null;
    if (api.config) api.config['enable-hubble'] = 'false';
    const out = await runChecks(api, STATUS_CHECKS);
    expect(out.filter((o) => o.status !== 'pass' && o.status !== 'skip')).toEqual([]);
    expect(out.find((o) => o.check === 'component.hubble.ready')?.status).toBe('skip');
  });

  it('a never-failed peer (last-failure is the zero time) reports no last failure', async () => {
    const api = realCluster(minor, {});
    const out = await runChecks(api, [meshPeerConnected]);
    const peer = out.find((o) => o.subject === 'cluster2');
    expect(peer?.status).toBe('pass');
    expect(JSON.stringify(peer)).not.toMatch(/0001-01-01/);
  });

  it('a node whose health endpoint does not answer fails on both probes; the others pass', async () => {
    const api = realCluster(minor, { health: realFixture(`health-${minor}-failing.json`) });
    const out = await runChecks(api, [nodeHealthReachability, nodeHealthLatency]);
    const reach = out.filter((o) => o.check === 'node.health.reachability');
    expect(reach.find((o) => o.subject === 'ip-10-0-3-9.ec2.internal')).toMatchObject({ status: 'fail' });
    expect(reach.find((o) => o.subject === 'ip-10-0-3-9.ec2.internal')?.message).toMatch(
      /endpoint (\S+ )?ICMP: Connection timed out/,
    );
    expect(reach.filter((o) => o.status === 'pass').map((o) => o.subject)).toEqual(REAL_NODES.slice(0, 2));
    expect(out.filter((o) => o.status === 'error')).toEqual([]);
  });
});
