import { describe, expect, it } from 'vitest';
import { probeIntervalFor } from '../../sim/cilium/commands.ts';
import { formatGoDuration } from '../../sim/cilium/go-duration.ts';
import { tabwrite } from '../../sim/cilium/tabwriter.ts';

describe('formatGoDuration (Go time.Duration.String)', () => {
  it('uses ns / µs (U+00B5) / ms units below one second, trimming trailing zeros', () => {
    expect(formatGoDuration(850)).toBe('850ns');
    expect(formatGoDuration(219_002)).toBe('219.002µs');
    expect(formatGoDuration(219_002).includes('\u00b5')).toBe(true);
    expect(formatGoDuration(1_173_948)).toBe('1.173948ms');
    expect(formatGoDuration(2_000_000)).toBe('2ms');
  });
  it('uses h/m/s compounds from one second on', () => {
    expect(formatGoDuration(0)).toBe('0s');
    expect(formatGoDuration(1_200_000_000)).toBe('1.2s');
    expect(formatGoDuration(96_566_274_746)).toBe('1m36.566274746s');
    expect(formatGoDuration(3_600_000_000_000)).toBe('1h0m0s');
    expect(formatGoDuration(-1_500)).toBe('-1.5µs');
  });
});

describe('probeIntervalFor', () => {
  it('is 60 s × ln(1 + probed IPs) from 1.18, matching real samples (2 nodes / 3 nodes)', () => {
    expect(probeIntervalFor(4, '1.18.0')).toBe('1m36.566274746s');
    expect(probeIntervalFor(6, '1.19.1')).toMatch(/^1m56\.754\d*s$/);
    expect(probeIntervalFor(200, '1.18.2')).toMatch(/^5m1[78]\./);
  });
  it('is a fixed 60 s before 1.18, whatever the cluster size', () => {
    expect(probeIntervalFor(1, '1.16.5')).toBe('1m0s');
    expect(probeIntervalFor(200, '1.17.6')).toBe('1m0s');
  });
});

describe('tabwrite (Go text/tabwriter semantics)', () => {
  it('aligns tab-terminated cells per column block; trailing text is not a column', () => {
    const out = tabwrite('a:\tOk\tx\nlonger:\tWarning\ty\nsolo\nb:\tc\n', 2, 3);
    expect(out).toBe('a:        Ok        x\nlonger:   Warning   y\nsolo\nb:   c\n');
  });
  it('pads an empty trailing cell when the line ends in a tab', () => {
    expect(tabwrite('k:\tv\t\nkey:\tvalue\tz\n', 2, 3)).toBe('k:     v       \nkey:   value   z\n');
  });
});
