import { describe, expect, it } from 'vitest';
import { printableLine } from '../../core/printable.ts';
import { redactedPrefix, redactSecrets } from '../../core/text/redact.ts';

describe('redactSecrets / printableLine', () => {
  it('redacts bearer, EKS, JWT, AWS and key=value credentials, keeping the labels', () => {
    const cases: [string, string][] = [
      ['401: Bearer abcDEF123ghiJKL456 rejected', '401: Bearer [redacted] rejected'],
      ['token k8s-aws-v1.aHR0cHM6Ly9zdHM_QWN0aW9u expired', 'token [redacted] expired'],
      ['sa eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln end', 'sa [redacted] end'],
      ['key AKIAIOSFODNN7EXAMPLE used', 'key [redacted] used'],
      ['aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'aws_secret_access_key=[redacted]'],
      ['{"password": "hunter2"}', '{"password": "[redacted]"}'],
    ];
    for (const [raw, want] of cases) expect(redactSecrets(raw), raw).toBe(want);
  });

  it('leaves ordinary cluster text alone', () => {
    for (const text of [
      'image quay.io/cilium/cilium@sha256:1e5b4a8c2f9d0e7b6a5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2',
      '3/5 paths to ip-10-0-1-17.ec2.internal failing: icmp timeout',
      'cannot list ciliumendpoints at cluster scope (RBAC: see deploy/rbac.yaml)',
      'commit 0123456789abcdef0123456789abcdef01234567',
    ])
      expect(redactSecrets(text)).toBe(text);
  });

  it('printableLine redacts before it escapes and cuts', () => {
    expect(printableLine('Bearer abcDEF123ghiJKL456\n\u001b[31m', 100)).toBe('Bearer [redacted]\\n\\x1b[31m');
  });

  it('redactedPrefix cuts only after redacting, so a credential across the cut leaves nothing of itself', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const text = `${'x'.repeat(20)} ${secret} tail`;
    expect(redactSecrets(text.slice(0, 40))).toContain('wJalrXUtnFEMI');
    expect(redactedPrefix(text, 40)).toBe(`${'x'.repeat(20)} [redacted] tail`.slice(0, 40));
  });

  it('gives the same line for the same text again, per length limit, however many texts came between', () => {
    const text = 'Bearer abcDEF123ghiJKL456\tand more text';
    const short = printableLine(text, 12);
    const long = printableLine(text, 200);
    expect(short).toBe('Bearer [red…');
    expect(long).toBe('Bearer [redacted]\\tand more text');
    for (let i = 0; i < 5000; i++) printableLine(`filler ${i}`, 50);
    expect(printableLine(text, 12)).toBe(short);
    expect(printableLine(text, 200)).toBe(long);
  });
});
