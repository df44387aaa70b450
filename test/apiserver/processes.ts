import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';

/** A free TCP port on 127.0.0.1 (bound, read, released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** A started daemon: its PID and how to stop exactly it. */
export interface Daemon {
  name: string;
  pid: number;
  exited: () => boolean;
  stop: () => Promise<void>;
}

/** Spawns argv (no shell) with output to `logFile`; stop() sends SIGTERM to that PID, SIGKILL after 10 s. */
export function startDaemon(name: string, argv: string[], logFile: string): Daemon {
  const [file, ...args] = argv;
  if (!file) throw new Error(`${name}: empty argv`);
  const log = createWriteStream(logFile);
  const child: ChildProcess = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let done = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      done = true;
      resolve();
    });
  });
  if (child.pid === undefined) throw new Error(`${name}: could not start ${file}`);
  const pid = child.pid;
  return {
    name,
    pid,
    exited: () => done,
    stop: async () => {
      if (!done) process.kill(pid, 'SIGTERM');
      const timer = setTimeout(() => {
        if (!done) process.kill(pid, 'SIGKILL');
      }, 10_000);
      await exit;
      clearTimeout(timer);
      log.end();
    },
  };
}

/** Polls `probe` every 250 ms until it returns true; throws after `timeoutMs` or when a daemon died. */
export async function waitFor(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs: number,
  daemons: Daemon[] = [],
): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    const dead = daemons.find((d) => d.exited());
    if (dead) throw new Error(`${dead.name} exited while waiting for ${what}`);
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
