import { describe, expect, it } from 'vitest';
import type { CommandResult } from '../../sim/cilium/agent-view.ts';
import { commandKind, runAgentCommand } from '../../sim/cilium/commands.ts';
import { CILIUM_VERSIONS, makeAgentView } from '../fixtures/agent-view.ts';

function run(argv: string[], version = '1.16.5'): CommandResult {
  const out = runAgentCommand(argv, makeAgentView({ version }));
  if ('notFound' in out) throw new Error(`not found: ${out.notFound}`);
  return out;
}

describe('runAgentCommand binaries', () => {
  it.each(CILIUM_VERSIONS)('%s: cilium always exists, cilium-dbg only from 1.15', (version) => {
    const view = makeAgentView({ version });
    const dbg = runAgentCommand(['cilium-dbg', 'status', '--brief'], view);
    const legacy = runAgentCommand(['cilium', 'status', '--brief'], view);
    const minor = Number(version.split('.')[1]);
    if (minor >= 15) expect(dbg).toEqual({ stdout: 'OK\n', stderr: '', exitCode: 0 });
    else expect(dbg).toEqual({ notFound: 'cilium-dbg' });
    expect(legacy).toEqual({ stdout: 'OK\n', stderr: '', exitCode: 0 });
    expect('notFound' in runAgentCommand(['/usr/bin/cilium-health', 'status'], view)).toBe(false);
  });
  it('reports other executables as not found', () => {
    expect(runAgentCommand(['bash', '-c', 'cilium status'], makeAgentView())).toEqual({ notFound: 'bash' });
  });
});

describe('runAgentCommand status flags', () => {
  it('accepts every output spelling for JSON', () => {
    for (const flags of [['-o', 'json'], ['--output', 'json'], ['-o=json'], ['--output=json'], ['-ojson']]) {
      const out = run(['cilium-dbg', 'status', ...flags]);
      expect(out.exitCode).toBe(0);
      expect(JSON.parse(out.stdout).cilium.state).toBe('Ok');
    }
  });
  it('accepts and ignores --timeout and the --all-* flags', () => {
    const out = run([
      'cilium-dbg',
      'status',
      '--timeout',
      '5s',
      '--all-controllers',
      '--all-health',
      '--all-clusters',
    ]);
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toMatch(/\n {2}Name\s+Last success/);
    expect(out.stdout).toMatch(/\n {2}prod\/node-1 \(localhost\)\s+10\.0\.0\.11\s+reachable\s+reachable\n/);
  });
  it('--verbose implies all sections', () => {
    const out = run(['cilium-dbg', 'status', '--verbose']);
    expect(out.stdout).toContain('Clock Source for BPF:');
    expect(out.stdout).toMatch(/\n {2}Name\s+IP\s+Node\s+Endpoints\n/);
  });
  it('unknown flags and subcommands fail like cobra', () => {
    const flag = run(['cilium-dbg', 'status', '--bogus']);
    expect(flag.exitCode).toBe(1);
    expect(flag.stderr.split('\n')[0]).toBe('Error: unknown flag: --bogus');
    const cmd = run(['cilium-dbg', 'statsu']);
    expect(cmd).toMatchObject({ exitCode: 1, stdout: '' });
    expect(cmd.stderr).toBe(
      'Error: unknown command "statsu" for "cilium-dbg"\nRun \'cilium-dbg --help\' for usage.\n',
    );
    expect(run(['cilium', 'statsu'], '1.14.6').stderr).toContain('for "cilium"');
    expect(run(['cilium-health', 'stat']).stderr).toContain(
      'Error: unknown command "stat" for "cilium-health"',
    );
  });
});

describe('runAgentCommand other commands', () => {
  it('cilium-health status: text, json, verbose, probe, succinct', () => {
    expect(run(['cilium-health', 'status']).stdout.startsWith('Probe time:')).toBe(true);
    expect(run(['cilium-health', 'status'], '1.18.1').stdout.startsWith('Cluster health:')).toBe(true);
    expect(JSON.parse(run(['cilium-health', 'status', '-o', 'json', '--probe']).stdout).local.name).toBe(
      'prod/node-1',
    );
    expect(run(['cilium-health', 'status', '--succinct']).stdout.startsWith('Cluster health:')).toBe(true);
    expect(run(['cilium-health', 'status', '--verbose']).exitCode).toBe(0);
  });
  it('cilium-health fails like Fatalf when the health daemon is down; status shows it unreachable', () => {
    const view = makeAgentView();
    view.health = { state: 'Failure', msg: 'cilium-health daemon unreachable' };
    const health = runAgentCommand(['cilium-health', 'status', '-o', 'json'], view);
    expect(health).toMatchObject({ exitCode: 1, stdout: '' });
    expect('stderr' in health && health.stderr.startsWith('Error: Cannot get status: ')).toBe(true);
    const status = runAgentCommand(['cilium-dbg', 'status'], view);
    expect('stdout' in status && status.stdout).toMatch(
      /\nCluster health:\s+Warning\s+cilium-health daemon unreachable\n/,
    );
    expect(runAgentCommand(['cilium-dbg', 'status', '--brief'], view)).toMatchObject({
      stdout: 'error in cilium-health: cilium-health daemon unreachable\n',
      exitCode: 0,
    });
  });
  it('endpoint list / ls and version', () => {
    expect(run(['cilium-dbg', 'endpoint', 'list']).stdout.startsWith('ENDPOINT')).toBe(true);
    expect(Array.isArray(JSON.parse(run(['cilium-dbg', 'endpoint', 'ls', '-o', 'json']).stdout))).toBe(true);
    expect(run(['cilium-dbg', 'version']).stdout).toMatch(/^Client: 1\.16\.5 /);
  });
});

describe('commandKind', () => {
  it('classifies agent argvs', () => {
    expect(commandKind(['cilium-dbg', 'status', '--brief'])).toBe('status');
    expect(commandKind(['cilium', '-o', 'json', 'status'])).toBe('status');
    expect(commandKind(['/usr/bin/cilium-health', 'status', '-o', 'json'])).toBe('health');
    expect(commandKind(['cilium-dbg', 'endpoint', 'list'])).toBe('endpoints');
    expect(commandKind(['cilium', 'endpoint', 'ls', '-o', 'json'])).toBe('endpoints');
    expect(commandKind(['cilium-dbg', 'version'])).toBe('version');
    expect(commandKind(['cilium-dbg', 'bpf', 'lb', 'list'])).toBeUndefined();
    expect(commandKind(['sh', '-c', 'cilium status'])).toBeUndefined();
  });
});
