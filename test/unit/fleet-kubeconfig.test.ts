import { describe, expect, it } from 'vitest';
import { isFleetcheckError } from '../../core/errors.ts';
import { loadFleet } from '../../core/fleet/load-fleet.ts';
import { guessProvider } from '../../core/fleet/provider-guess.ts';
import { listKubeconfigContexts } from '../../core/kube/kubeconfig.ts';

const a = new URL('../fixtures/fleet/kubeconfig-a.yaml', import.meta.url).pathname;
const b = new URL('../fixtures/fleet/kubeconfig-b.yaml', import.meta.url).pathname;

describe('kubeconfig fleet source', () => {
  it('lists contexts of several files, first file winning on duplicates', () => {
    const ctx = listKubeconfigContexts([a, b]);
    expect(ctx.map((c) => [c.context, c.server, c.file === a ? 'a' : 'b'])).toEqual([
      ['prod-use1', 'https://ABCDEF0123456789.gr7.us-east-1.eks.amazonaws.com', 'a'],
      ['gke_acme-net_europe-west1-b_edge', 'https://34.1.2.3', 'a'],
      ['shared', 'https://a.example.test:6443', 'a'],
      ['aks-weu', 'https://aks-weu-dns-12345678.hcp.westeurope.azmk8s.io:443', 'b'],
    ]);
    expect(ctx[1]?.namespace).toBe('ops');
  });

  it('makes one target per context, named after it, with provider and region guessed', async () => {
    const t = await loadFleet({ kubeconfig: `${a}:${b}` });
    expect(t.map((x) => [x.name, x.provider, x.region ?? null, x.account ?? null])).toEqual([
      ['prod-use1', 'eks', 'us-east-1', '123456789012'],
      ['gke_acme-net_europe-west1-b_edge', 'gke', 'europe-west1', null],
      ['shared', 'generic', null, null],
      ['aks-weu', 'aks', 'westeurope', null],
    ]);
    expect(t[0]?.source).toEqual({ kind: 'kubeconfig', file: a, context: 'prod-use1' });
  });

  it('filters by --context and names unknown contexts', async () => {
    const t = await loadFleet({ kubeconfig: `${a}:${b}`, contexts: ['aks-weu'] });
    expect(t.map((x) => x.name)).toEqual(['aks-weu']);
    const err = await loadFleet({ kubeconfig: a, contexts: ['aks-weu', 'ghost'] }).catch((e) => e);
    expect(isFleetcheckError(err, 'invalid-input')).toBe(true);
    expect((err as Error).message).toContain('"aks-weu", "ghost"');
  });

  it('names an unreadable kubeconfig file', async () => {
    const err = await loadFleet({ kubeconfig: '/nonexistent/kc.yaml' }).catch((e) => e);
    expect(isFleetcheckError(err, 'invalid-input')).toBe(true);
    expect((err as Error).message).toContain('/nonexistent/kc.yaml');
  });

  it('guesses providers from hosts and names', () => {
    expect(guessProvider('https://x.yl4.eu-central-1.eks.amazonaws.com')).toEqual({
      provider: 'eks',
      region: 'eu-central-1',
    });
    expect(guessProvider('https://1.2.3.4', 'gke_p_us-central1_c')).toEqual({
      provider: 'gke',
      region: 'us-central1',
    });
    expect(guessProvider('https://10.0.0.1:6443', 'kind-kind')).toEqual({ provider: 'generic' });
  });
});
