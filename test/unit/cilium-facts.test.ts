import { describe, expect, it } from 'vitest';
import { agentBinary, isMissingBinary } from '../../core/cilium/binary.ts';
import { parseGoDurationMs } from '../../core/cilium/go-duration.ts';
import { kernelRequirement, meetsKernel, parseKernel } from '../../core/cilium/kernel.ts';
import { modelProbeIntervalSeconds } from '../../core/cilium/probe-interval.ts';

describe('Go durations', () => {
  it.each([
    ['1m36.566274746s', 96566.274746],
    ['219.002µs', 0.219002],
    ['219.002μs', 0.219002],
    ['219us', 0.219],
    ['850ns', 0.00085],
    ['1.173948ms', 1.173948],
    ['1h2m3s', 3723000],
    ['0', 0],
    ['-1.5s', -1500],
  ])('%s → %f ms', (text, ms) => {
    expect(parseGoDurationMs(text)).toBeCloseTo(ms, 9);
  });
  it.each(['', '5', 'abc', '1x', '1m 2s', 's'])('rejects %j', (text) => {
    expect(parseGoDurationMs(text)).toBeNull();
  });
});

describe('binary choice', () => {
  it('uses cilium-dbg from 1.15 and cilium below', () => {
    expect(agentBinary('1.14.12')).toBe('cilium');
    expect(agentBinary('1.15.0')).toBe('cilium-dbg');
    expect(agentBinary('1.18.1')).toBe('cilium-dbg');
    expect(agentBinary(undefined)).toBe('cilium-dbg');
  });
  it('recognises a missing executable', () => {
    const failure =
      'OCI runtime exec failed: exec failed: unable to start container process: exec: "cilium-dbg": executable file not found in $PATH: unknown';
    expect(isMissingBinary({ exitCode: null, failure, stderr: '' })).toBe(true);
    expect(isMissingBinary({ exitCode: 1, stderr: 'Error: daemon unreachable' })).toBe(false);
  });
});

describe('kernel minimum', () => {
  it('follows the Cilium system requirements per version', () => {
    expect(kernelRequirement('1.14.5')?.minimum).toBe('4.19.57');
    expect(kernelRequirement('1.15.0')?.minimum).toBe('4.19.57');
    expect(kernelRequirement('1.16.5')?.minimum).toBe('5.4');
    expect(kernelRequirement('1.17.0')?.minimum).toBe('5.4');
    expect(kernelRequirement('1.18.1')?.minimum).toBe('5.10');
    expect(kernelRequirement('1.12.0')).toBeNull();
  });
  it.each([
    ['5.4.0-1045-aws', '1.16.5', true],
    ['5.4.0-1045-aws', '1.18.1', false],
    ['6.1.112', '1.18.1', true],
    ['4.19.56', '1.14.5', false],
    ['4.19.57-1.amzn2', '1.14.5', true],
    ['5.10.0', '1.18.0', true],
    ['5.9.16', '1.18.0', false],
    ['4.18.0-553.el8_10.x86_64', '1.18.1', true],
    ['4.18.0-372.9.1.el8.x86_64', '1.18.1', false],
    ['4.18.0-372.9.1.el8.x86_64', '1.16.5', true],
    ['4.18.0-305.el8.x86_64', '1.16.5', false],
    ['4.18.0-305.el8.x86_64', '1.14.5', true],
    ['4.18.0-1', '1.14.5', false],
  ])('%s on Cilium %s → %s', (kernel, cilium, ok) => {
    const k = parseKernel(kernel);
    const req = kernelRequirement(cilium);
    expect(k && req && meetsKernel(k, req)).toBe(ok);
  });
});

describe('health probe interval model', () => {
  it('is 60 s × ln(1 + probed IPs), not 30 s', () => {
    expect(modelProbeIntervalSeconds(4)).toBeCloseTo(96.566274746, 6);
    expect(modelProbeIntervalSeconds(6)).toBeCloseTo(116.75, 1);
    expect(modelProbeIntervalSeconds(0)).toBe(60);
    expect(modelProbeIntervalSeconds(4, 0)).toBeCloseTo(10 * Math.log(5), 6);
  });
});
