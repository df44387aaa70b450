import { describe, expect, it } from 'vitest';
import { defaultCheckSettings } from '../../core/checks/check.ts';
import { meshComponents, planSweep } from '../../core/sweep/plan.ts';
import type { ClusterReport } from '../../core/sweep/report.ts';
import { businessDue, effectiveSettings } from '../../core/sweep/settings.ts';
import { newSweepId } from '../../core/sweep/sweep-id.ts';
import { fakeRun, fakeTarget, view } from './sweep-fakes.ts';

const report = (name: string, extra: Partial<ClusterReport> = {}): ClusterReport => ({
  ...fakeRun(name),
  status: 'pass',
  durationMs: 1,
  ...extra,
});

describe('planSweep', () => {
  it('pairs clusters from expectedPeers, unordered and without duplicates', () => {
    const plan = planSweep([
      fakeTarget('b', { expectedPeers: ['a'] }),
      fakeTarget('a', { expectedPeers: ['b'] }),
      fakeTarget('c'),
    ]);
    expect(plan.pairs).toEqual([{ a: 'a', b: 'b' }]);
    expect(plan.targets.map((t) => t.name)).toEqual(['b', 'a', 'c']);
  });

  it('adds peers configured in each cluster secret when one side lists the other', () => {
    const targets = [fakeTarget('x'), fakeTarget('y'), fakeTarget('z')];
    const reports = new Map([
      ['x', report('x', { mesh: [view('z', true)] })],
      ['z', report('z', { mesh: [] })],
    ]);
    expect(planSweep(targets, reports).pairs).toEqual([{ a: 'x', b: 'z' }]);
  });

  it('ignores peers outside the fleet and self references', () => {
    const targets = [fakeTarget('x', { expectedPeers: ['x', 'elsewhere'] })];
    const reports = new Map([['x', report('x', { mesh: [view('ghost', false)] })]]);
    expect(planSweep(targets, reports).pairs).toEqual([]);
  });

  it('resolves a secret key through the peer Cilium cluster-name', () => {
    const targets = [fakeTarget('prod-a'), fakeTarget('prod-b')];
    const reports = new Map([
      ['prod-a', report('prod-a', { config: { 'cluster-name': 'alpha' }, mesh: [view('beta', true)] })],
      ['prod-b', report('prod-b', { config: { 'cluster-name': 'beta' }, mesh: [view('alpha', true)] })],
    ]);
    expect(planSweep(targets, reports).pairs).toEqual([{ a: 'prod-a', b: 'prod-b' }]);
  });

  it('does not pair views that are only reported, not configured', () => {
    const targets = [fakeTarget('x'), fakeTarget('y')];
    const reports = new Map([['x', report('x', { mesh: [view('y', true, { configured: false })] })]]);
    expect(planSweep(targets, reports).pairs).toEqual([]);
  });
});

describe('meshComponents', () => {
  it('groups clusters connected through pairs', () => {
    const comp = meshComponents([
      { a: 'a', b: 'b' },
      { a: 'b', b: 'c' },
      { a: 'x', b: 'y' },
    ]);
    expect(comp.get('a')).toBe(comp.get('c'));
    expect(comp.get('x')).toBe(comp.get('y'));
    expect(comp.get('a')).not.toBe(comp.get('x'));
    expect(comp.has('z')).toBe(false);
  });
});

describe('settings and ids', () => {
  it('merges per-cluster overrides over fleet settings', () => {
    const s = effectiveSettings(defaultCheckSettings, { sampleAgents: 2, latencyFailMs: 9 }, {});
    expect(s.sampleAgents).toBe(2);
    expect(s.latencyFailMs).toBe(9);
    expect(s.execConcurrency).toBe(defaultCheckSettings.execConcurrency);
  });

  it('runs the business Job every Nth sweep, always without a counter', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((i) => businessDue(i, 3))).toEqual([
      true,
      false,
      false,
      true,
      false,
      false,
      true,
    ]);
    expect(businessDue(undefined, 3)).toBe(true);
    expect(businessDue(5, 1)).toBe(true);
    const quick = effectiveSettings(defaultCheckSettings, { businessEvery: 4 }, { sweepIndex: 1 });
    expect(quick.runBusiness).toBe(false);
    const off = effectiveSettings({ ...defaultCheckSettings, runBusiness: false }, {}, { sweepIndex: 0 });
    expect(off.runBusiness).toBe(false);
  });

  it('makes sortable sweep ids from the start time', () => {
    const a = newSweepId(new Date('2026-11-25T12:05:01.123Z'));
    const b = newSweepId(new Date('2026-11-25T12:05:02Z'));
    expect(a).toMatch(/^sw_20261125T120501Z_[0-9a-f]{4}$/);
    expect([b, a].sort()).toEqual([a, b]);
  });
});
