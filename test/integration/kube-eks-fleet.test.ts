import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeClusterCommand, EKSClient, ListClustersCommand } from '@aws-sdk/client-eks';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyEksTokenOffline } from '../../core/aws/eks-token-verify.ts';
import { isFleetcheckError } from '../../core/errors.ts';
import { loadFleet } from '../../core/fleet/load-fleet.ts';
import { generatePki } from '../../sim/tls/pki.ts';
import { type FakeApi, sendJson, startFakeApi, status } from '../fixtures/fleet/fake-kube-api.ts';

const eks = mockClient(EKSClient);
const creds = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' };
let fake: FakeApi;
let caData: string;
let dir: string;
const verdicts: (string | null)[] = [];

function described(name: string, state: 'ACTIVE' | 'CREATING' = 'ACTIVE') {
  return {
    cluster: {
      name,
      arn: `arn:aws:eks:eu-west-1:123456789012:cluster/${name}`,
      status: state,
      endpoint: fake.server,
      certificateAuthority: { data: caData },
    },
  };
}

beforeAll(async () => {
  const pki = await generatePki();
  caData = Buffer.from(pki.caPem).toString('base64');
  fake = await startFakeApi(
    {
      'GET /api/v1/nodes': (req, res) => {
        const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
        void verifyEksTokenOffline(token, {
          clusterName: 'prod-euw1',
          region: 'eu-west-1',
          credentials: creds,
        }).then((v) => {
          verdicts.push(v);
          if (v) return sendJson(res, 401, status(401, 'Unauthorized'));
          sendJson(res, 200, { kind: 'NodeList', items: [{ metadata: { name: 'n1' } }] });
        });
      },
    },
    () => {},
    () => undefined,
    { key: pki.serverKeyPem, cert: pki.serverCertPem },
  );
  dir = await mkdtemp(join(tmpdir(), 'fleet-eks-'));
});
afterAll(async () => {
  await fake.stop();
  await rm(dir, { recursive: true, force: true });
  eks.restore();
});

describe('EKS clusters in a fleet file', () => {
  it('describes the cluster on connect and authenticates with a verifiable EKS token over TLS', async () => {
    eks.reset();
    eks.on(DescribeClusterCommand, { name: 'prod-euw1' }).resolves(described('prod-euw1'));
    const file = join(dir, 'ref.yaml');
    await writeFile(
      file,
      'version: 1\nclusters:\n  - name: euw1\n    eks: { region: eu-west-1, name: prod-euw1 }\n',
    );
    const [t] = await loadFleet({ fleetFile: file, eks: { credentials: async () => creds } });
    expect(t?.provider).toBe('eks');
    const api = await t!.connect();
    expect(api.cluster).toBe('euw1');
    expect((await api.listNodes()).map((n) => n.name)).toEqual(['n1']);
    expect(verdicts.at(-1)).toBeNull();
  });

  it('discovers ACTIVE clusters, skips others with a note and keeps listed ones once', async () => {
    eks.reset();
    eks.on(ListClustersCommand).resolves({ clusters: ['prod-euw1', 'new-one', 'listed'] });
    eks.on(DescribeClusterCommand, { name: 'prod-euw1' }).resolves(described('prod-euw1'));
    eks.on(DescribeClusterCommand, { name: 'new-one' }).resolves(described('new-one', 'CREATING'));
    eks.on(DescribeClusterCommand, { name: 'listed' }).resolves(described('listed'));
    const file = join(dir, 'discover.yaml');
    await writeFile(
      file,
      [
        'version: 1',
        'defaults: { labels: { owner: net } }',
        'clusters:',
        '  - name: listed',
        '    eks: { region: eu-west-1, name: listed }',
        'eks:',
        '  discover:',
        '    - { regions: [eu-west-1], labels: { env: prod }, meshGroup: g }',
      ].join('\n'),
    );
    const notes: string[] = [];
    const targets = await loadFleet({
      fleetFile: file,
      eks: { credentials: async () => creds },
      onNote: (n) => notes.push(n),
    });
    expect(targets.map((t) => [t.name, t.account ?? null, t.meshGroup ?? null])).toEqual([
      ['listed', null, null],
      ['prod-euw1', '123456789012', 'g'],
    ]);
    expect(targets[1]?.labels).toEqual({ owner: 'net', env: 'prod' });
    expect(notes).toEqual(['eu-west-1/new-one: skipped, status CREATING (not ACTIVE)']);
    const api = await targets[1]!.connect();
    expect(await api.listNodes()).toHaveLength(1);
  });

  it('fails connect with not-found when the referenced cluster is not ACTIVE', async () => {
    eks.reset();
    eks.on(DescribeClusterCommand).resolves(described('prod-euw1', 'CREATING'));
    const file = join(dir, 'creating.yaml');
    await writeFile(
      file,
      'version: 1\nclusters:\n  - name: c\n    eks: { region: eu-west-1, name: prod-euw1 }\n',
    );
    const [t] = await loadFleet({ fleetFile: file, eks: { credentials: async () => creds } });
    const err = await t!.connect().catch((e: unknown) => e);
    expect(isFleetcheckError(err, 'not-found')).toBe(true);
  });
});
