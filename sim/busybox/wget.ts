import { type BusyboxResult, lookupHost, type ProbeEnv } from './probe-env.ts';

/*
 * busybox `wget -T <s> -q -O - <url>`. Verified in the public busybox source: libbb xconnect →
 * `can't connect to remote host (<ip>): <strerror>`; xhost2sockaddr → `bad address '<host>'`;
 * wget.c alarm handler / read loop → `download timed out` when -T expires. All exit 1.
 * Assumed: the non-quiet progress lines (`Connecting to ...`, `writing to stdout`) on stderr.
 */
export function wget(args: string[], env: ProbeEnv): BusyboxResult {
  let quiet = false;
  let url: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '-q') quiet = true;
    else if (a === '-T' || a === '-O' || a === '-U' || a === '--header') i++;
    else if (!a.startsWith('-')) url = a;
    else if (/^-[a-zA-Z]*q/.test(a)) quiet = true;
  }
  if (url === undefined)
    return { stdout: '', stderr: 'Usage: wget [-cqS] [-O FILE] [-T SEC] URL...\n', exitCode: 1 };
  const m = /^(?:https?:\/\/)?([^/:]+)(?::(\d+))?/.exec(url);
  const host = m?.[1] ?? url;
  const port = m?.[2] ?? (url.startsWith('https://') ? '443' : '80');
  const ip = lookupHost(host, env);
  if (ip === undefined) return { stdout: '', stderr: `wget: bad address '${host}'\n`, exitCode: 1 };
  const connecting = quiet ? '' : `Connecting to ${host} (${ip}:${port})\n`;
  if (env.service === 'refused') {
    return {
      stdout: '',
      stderr: `${connecting}wget: can't connect to remote host (${ip}): Connection refused\n`,
      exitCode: 1,
    };
  }
  if (env.service === 'timeout') {
    return { stdout: '', stderr: `${connecting}wget: download timed out\n`, exitCode: 1 };
  }
  const progress = quiet ? '' : `${connecting}writing to stdout\n`;
  const done = quiet ? '' : 'written to stdout\n';
  return { stdout: env.body ?? 'ok\n', stderr: progress + done, exitCode: 0 };
}
