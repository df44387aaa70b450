import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countByState, parseEndpointListJson } from '../../core/cilium/endpoint-json.ts';
import { parseGoDurationMs } from '../../core/cilium/go-duration.ts';
import { bareNodeName, endpointPath, parseHealthJson, probeState } from '../../core/cilium/health-json.ts';
import { parseHealthText } from '../../core/cilium/health-text.ts';
import { kernelRequirement, meetsKernel, parseKernel } from '../../core/cilium/kernel.ts';
import {
  agentVersionFromStatus,
  failingControllers,
  parseStatusJson,
} from '../../core/cilium/status-json.ts';
import { parseClusterMeshLine, parseStatusBrief } from '../../core/cilium/status-text.ts';
import { parseSemver, parseVersionText, versionFromImage } from '../../core/cilium/version-text.ts';
import { expectDefinedParse, fuzz } from './fuzz-run.ts';
import { mutatedJsonText } from './json-mutations.ts';
import { ciliumSeeds } from './seeds.ts';
import { crashInputs, mutatedText } from './text-mutations.ts';

const jsonInputs = (pattern: RegExp) => {
  const seeds = ciliumSeeds(pattern, 'json');
  return crashInputs(mutatedJsonText(seeds), seeds);
};
const textInputs = (pattern: RegExp) => {
  const seeds = ciliumSeeds(pattern, 'text');
  return crashInputs(mutatedText(seeds), seeds);
};
const finiteOrAbsent = (n: number | undefined) => expect(n === undefined || Number.isFinite(n)).toBe(true);
const countPair = (n: number | undefined, total: number | undefined) => {
  expect(n === undefined || (Number.isSafeInteger(n) && n >= 0)).toBe(true);
  expect(total === undefined || (Number.isSafeInteger(total) && total >= (n ?? 0))).toBe(true);
};

describe('Cilium parsers under 10,000 mutated outputs each: never throw, always ok or a one-line error', () => {
  it('status JSON', () => {
    fuzz(jsonInputs(/status[^/]*\.json$/), (raw) => {
      const r = parseStatusJson(raw);
      if (!expectDefinedParse(r)) return;
      const v = agentVersionFromStatus(r.value);
      expect(v === undefined || parseSemver(v) !== null).toBe(true);
      for (const c of failingControllers(r.value))
        expect(c.status['consecutive-failure-count']).toBeGreaterThan(0);
    });
  });

  it('health JSON', () => {
    fuzz(jsonInputs(/health[^/]*\.json$/), (raw) => {
      const r = parseHealthJson(raw);
      if (!expectDefinedParse(r)) return;
      for (const n of r.value.nodes ?? []) {
        expect(typeof bareNodeName(n.name)).toBe('string');
        const path = endpointPath(n);
        expect(['ok', 'failed', 'unknown']).toContain(probeState(path?.icmp));
        expect(['ok', 'failed', 'unknown']).toContain(probeState(n.host?.['primary-address']?.http));
      }
    });
  });

  it('endpoint list JSON', () => {
    fuzz(jsonInputs(/endpoint[^/]*\.json$/), (raw) => {
      const r = parseEndpointListJson(raw);
      if (!expectDefinedParse(r)) return;
      const counts = countByState(r.value.map((e) => e.status.state));
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(r.value.length);
    });
  });

  it('status --brief text and the ClusterMesh line', () => {
    fuzz(textInputs(/status[^/]*\.txt$/), (raw) => {
      const r = parseStatusBrief(raw);
      if (expectDefinedParse(r) && !r.value.healthy) expect(r.value.component.length).toBeGreaterThan(0);
      const mesh = parseClusterMeshLine(raw);
      if (mesh) {
        countPair(mesh.ready, mesh.total);
      }
    });
  });

  it('health text (classic blocks and the 1.18 table)', () => {
    fuzz(textInputs(/health[^/]*\.txt$/), (raw) => {
      const r = parseHealthText(raw);
      if (!expectDefinedParse(r)) return;
      countPair(r.value.reachable, r.value.total);
      finiteOrAbsent(r.value.probeIntervalMs);
      for (const n of r.value.nodes) expect(n.name.length).toBeGreaterThan(0);
    });
  });

  it('version text', () => {
    fuzz(textInputs(/version[^/]*\.txt$/), (raw) => {
      const r = parseVersionText(raw);
      if (!expectDefinedParse(r)) return;
      for (const v of [r.value.client, r.value.daemon])
        expect(v === undefined || parseSemver(v) !== null).toBe(true);
    });
  });

  it('Go durations, kernel versions and image tags', () => {
    const duration = fc.oneof(
      fc.stringMatching(/^[+-]?(\d{0,400}(\.\d{0,12})?(ns|us|µs|ms|s|m|h)){0,4}$/),
      fc.string({ unit: 'binary', maxLength: 40 }),
    );
    const kernel = fc.oneof(
      fc.stringMatching(/^\d{1,400}\.\d{1,30}(\.\d{1,30})?(-\d{1,12})?(\.el8[_\d]*)?[\w.-]{0,20}$/),
      fc.string({ unit: 'binary', maxLength: 40 }),
    );
    fuzz(fc.tuple(duration, kernel, fc.string({ maxLength: 80 })), ([d, k, image]) => {
      const ms = parseGoDurationMs(d);
      expect(ms === null || Number.isFinite(ms)).toBe(true);
      const kv = parseKernel(k);
      if (kv) {
        for (const n of [kv.major, kv.minor, kv.patch]) expect(Number.isFinite(n)).toBe(true);
        for (const ver of ['1.14.0', '1.16.5', '1.18.1'])
          expect(
            typeof meetsKernel(
              kv,
              kernelRequirement(ver) ?? { minimum: '5.10', rhel8: { build: 553, release: '' } },
            ),
          ).toBe('boolean');
      }
      const tag = versionFromImage(`quay.io/cilium/cilium:${image}`);
      expect(tag === undefined || parseSemver(tag) !== null).toBe(true);
    });
  });
});
