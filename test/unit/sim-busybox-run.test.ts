import { describe, expect, it } from 'vitest';
import { type ProbeEnv, runBusybox } from '../../sim/busybox/run.ts';

const NAMES: Record<string, string> = {
  'kubernetes.default.svc.cluster.local': '10.96.0.1',
  'web.shop.svc.cluster.local': '10.96.14.7',
};

function env(over: Partial<ProbeEnv> = {}): ProbeEnv {
  return {
    dns: 'ok',
    service: 'ok',
    dnsServer: '10.96.0.10',
    search: ['fleetcheck-probe.svc.cluster.local', 'svc.cluster.local', 'cluster.local'],
    resolve: (n) => NAMES[n],
    ...over,
  };
}

describe('busybox name lookup follows the search path where busybox applies it', () => {
  it('nslookup queries a dotted name as is (no search), so a partial name does not resolve', () => {
    const out = runBusybox(['nslookup', 'kubernetes.default.svc'], env());
    expect(out.exitCode).toBe(1);
    expect(out.stdout).toContain("** server can't find kubernetes.default.svc: NXDOMAIN");
  });
  it('nslookup expands a dot-less name with every search domain', () => {
    const out = runBusybox(['nslookup', 'kubernetes'], env());
    expect(out.stdout).toContain("server can't find kubernetes.fleetcheck-probe.svc.cluster.local: NXDOMAIN");
    expect(out.stdout).toContain("server can't find kubernetes.cluster.local: NXDOMAIN");
  });
  it('nc resolves through libc: the search list completes kubernetes.default.svc (ndots:5)', () => {
    const out = runBusybox(['nc', '-vv', '-z', '-w', '3', 'kubernetes.default.svc', '443'], env());
    expect(out).toMatchObject({ exitCode: 0, stderr: 'kubernetes.default.svc (10.96.0.1:443) open\n' });
  });
});

describe('busybox nslookup', () => {
  it('resolved: Server/Address header then Name/Address block, exit 0', () => {
    const out = runBusybox(['nslookup', 'kubernetes.default.svc.cluster.local'], env());
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toBe(
      // A answer + blank line, then the empty AAAA answer's blank line
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n\n\n',
    );
  });
  it('uses the server argument when given', () => {
    expect(runBusybox(['nslookup', 'web.shop.svc.cluster.local', '10.96.0.53'], env()).stdout).toContain(
      'Address:\t10.96.0.53:53\n',
    );
  });
  it('NXDOMAIN for unknown names or the nxdomain fault, exit 1', () => {
    for (const out of [
      runBusybox(['nslookup', 'nope.svc.cluster.local'], env()),
      runBusybox(['nslookup', 'kubernetes.default.svc.cluster.local'], env({ dns: 'nxdomain' })),
    ]) {
      expect(out.exitCode).toBe(1);
      expect(out.stdout).toMatch(/^Server:\t\t10\.96\.0\.10\n/);
      expect(out.stdout).toMatch(/\*\* server can't find \S+: NXDOMAIN\n/);
    }
  });
  it('timeout: no servers could be reached (on stdout, like bind-utils), exit 1', () => {
    const out = runBusybox(['nslookup', 'kubernetes.default.svc.cluster.local'], env({ dns: 'timeout' }));
    expect(out).toEqual({
      exitCode: 1,
      stdout: ';; connection timed out; no servers could be reached\n\n',
      stderr: '',
    });
  });
});

describe('busybox nc -z', () => {
  const argv = (host: string, ...v: string[]) => ['nc', ...v, '-z', '-w', '3', host, '443'];
  it('connected: exit 0, silent unless -v', () => {
    expect(runBusybox(argv('10.96.0.1'), env())).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(runBusybox(argv('web.shop.svc.cluster.local'), env()).exitCode).toBe(0);
    expect(runBusybox(argv('10.96.0.1', '-v'), env()).stderr).toBe('10.96.0.1 (10.96.0.1:443) open\n');
  });
  it('refused / timed out: exit 1, silent without -v (real nc_bloaty behaviour)', () => {
    for (const service of ['refused', 'timeout'] as const) {
      expect(runBusybox(argv('10.96.0.1'), env({ service }))).toEqual({
        stdout: '',
        stderr: '',
        exitCode: 1,
      });
    }
  });
  it('-v reports timeouts, -vv also refusals', () => {
    expect(runBusybox(argv('10.96.0.1', '-v'), env({ service: 'timeout' })).stderr).toBe(
      'nc: 10.96.0.1 (10.96.0.1:443): Connection timed out\n',
    );
    expect(runBusybox(argv('10.96.0.1', '-v'), env({ service: 'refused' })).stderr).toBe('');
    expect(runBusybox(argv('10.96.0.1', '-vv'), env({ service: 'refused' }))).toEqual({
      stdout: '',
      stderr: 'nc: 10.96.0.1 (10.96.0.1:443): Connection refused\n',
      exitCode: 1,
    });
    expect(
      runBusybox(['nc', '-v', '-v', '-zw3', 'web.shop.svc.cluster.local', '80'], env({ service: 'refused' }))
        .stderr,
    ).toBe('nc: web.shop.svc.cluster.local (10.96.14.7:80): Connection refused\n');
  });
  it('unknown host: bad address, exit 1 (even without -v)', () => {
    expect(runBusybox(argv('nope.example'), env())).toEqual({
      stdout: '',
      stderr: "nc: bad address 'nope.example'\n",
      exitCode: 1,
    });
    expect(runBusybox(argv('web.shop.svc.cluster.local'), env({ dns: 'timeout' })).stderr).toContain(
      'bad address',
    );
  });
});

describe('busybox wget', () => {
  const argv = (url: string) => ['wget', '-T', '3', '-q', '-O', '-', url];
  it('ok: body on stdout, exit 0', () => {
    expect(runBusybox(argv('http://web.shop.svc.cluster.local/healthz'), env({ body: 'healthy\n' }))).toEqual(
      {
        stdout: 'healthy\n',
        stderr: '',
        exitCode: 0,
      },
    );
  });
  it('refused / timeout / bad address: exit 1 with busybox messages', () => {
    expect(runBusybox(argv('http://10.96.14.7:8080/'), env({ service: 'refused' })).stderr).toBe(
      "wget: can't connect to remote host (10.96.14.7): Connection refused\n",
    );
    expect(runBusybox(argv('http://10.96.14.7/'), env({ service: 'timeout' }))).toEqual({
      stdout: '',
      stderr: 'wget: download timed out\n',
      exitCode: 1,
    });
    expect(runBusybox(argv('http://nope.example/'), env())).toEqual({
      stdout: '',
      stderr: "wget: bad address 'nope.example'\n",
      exitCode: 1,
    });
  });
  it('without -q prints progress on stderr', () => {
    const out = runBusybox(['wget', '-O', '-', 'http://10.96.14.7/'], env());
    expect(out.stderr).toContain('Connecting to 10.96.14.7 (10.96.14.7:80)');
  });
});

describe('busybox applets', () => {
  it('accepts the busybox multi-call prefix', () => {
    expect(runBusybox(['busybox', 'nc', '-z', '10.96.0.1', '443'], env()).exitCode).toBe(0);
  });
  it('unknown applets (including sh) fail with exit 127', () => {
    expect(runBusybox(['curl', 'http://x'], env())).toEqual({
      stdout: '',
      stderr: 'curl: applet not found\n',
      exitCode: 127,
    });
    expect(runBusybox(['sh', '-c', 'nslookup x'], env()).exitCode).toBe(127);
  });
});
