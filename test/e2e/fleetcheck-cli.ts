import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** The CLI's entry point, run with this Node. */
const bin = join(import.meta.dirname, '../../bin/fleetcheck.mjs');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

/** Runs `fleetcheck …` to completion (without blocking the test worker); env entries set to undefined are removed. */
export function cli(
  args: string[],
  env: Record<string, string | undefined> = {},
  as?: { uid: number; gid: number },
): Promise<CliResult> {
  const child = cliChild(args, env, as);
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, out, err }));
  });
}

/** Starts `fleetcheck …` in the background (stdout/stderr piped), optionally as another user. */
export function cliChild(
  args: string[],
  env: Record<string, string | undefined> = {},
  as?: { uid: number; gid: number },
) {
  return spawn(process.execPath, [bin, ...args], {
    env: cliEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(as ?? {}),
  });
}

function cliEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}
