import type { AgentView, CommandResult } from './agent-view.ts';
import { parseVersion } from './version.ts';

/** Go toolchain and build date cilium release images of each minor were built with (approximate). */
const BUILD: Record<number, { go: string; date: string }> = {
  13: { go: 'go1.19.13', date: '2023-09-14T10:12:51+00:00' },
  14: { go: 'go1.20.12', date: '2023-12-20T13:40:18+00:00' },
  15: { go: 'go1.21.9', date: '2024-04-16T08:22:37+00:00' },
  16: { go: 'go1.22.10', date: '2024-12-12T19:47:35+00:00' },
  17: { go: 'go1.23.6', date: '2025-02-13T16:30:12+00:00' },
  18: { go: 'go1.24.5', date: '2025-07-29T09:05:44+00:00' },
};

/**
 * `cilium-dbg version`: `Client: <ver> <commit> <date> go version <go> linux/amd64` and the same
 * `Daemon:` line (the daemon line comes from the agent API).
 */
export function renderVersion(view: AgentView): CommandResult {
  const minor = parseVersion(view.version).minor;
  const build = BUILD[minor] ?? BUILD[18] ?? { go: 'go1.24.5', date: '2025-07-29T09:05:44+00:00' };
  const tail = `${view.version} ${view.commit} ${build.date} go version ${build.go} linux/amd64`;
  return { stdout: `Client: ${tail}\nDaemon: ${tail}\n`, stderr: '', exitCode: 0 };
}
