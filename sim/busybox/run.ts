import { nc } from './nc.ts';
import { nslookup } from './nslookup.ts';
import type { BusyboxResult, ProbeEnv } from './probe-env.ts';
import { wget } from './wget.ts';

export type { BusyboxResult, ProbeEnv } from './probe-env.ts';

const APPLETS: Record<string, (args: string[], env: ProbeEnv) => BusyboxResult> = { nslookup, nc, wget };

/**
 * Runs one busybox applet given as an argv array (no shell), e.g.
 * `runBusybox(['nslookup', 'kubernetes.default.svc.cluster.local'], env)`.
 * `busybox <applet> ...` is accepted; an unknown applet → `<name>: applet not found`, exit 127.
 */
export function runBusybox(argv: string[], env: ProbeEnv): BusyboxResult {
  let args = argv;
  const first = (args[0] ?? '').slice((args[0] ?? '').lastIndexOf('/') + 1);
  if (first === 'busybox') args = args.slice(1);
  const name = (args[0] ?? '').slice((args[0] ?? '').lastIndexOf('/') + 1);
  const applet = APPLETS[name];
  if (applet === undefined) return { stdout: '', stderr: `${name}: applet not found\n`, exitCode: 127 };
  return applet(args.slice(1), env);
}
