import { spawn } from 'node:child_process';
import { basename } from 'node:path';
import { z } from 'zod';
import { FleetcheckError } from '../errors.ts';
import { after } from '../time/timers.ts';

/** The `user.exec` stanza of a kubeconfig (client.authentication.k8s.io). */
export const execConfigSchema = z.object({
  command: z.string().min(1),
  args: z.array(z.string()).nullish(),
  env: z.array(z.object({ name: z.string(), value: z.string() })).nullish(),
});
export type ExecConfig = z.infer<typeof execConfigSchema>;

const execCredentialSchema = z.object({
  status: z
    .object({
      token: z.string().min(1).optional(),
      clientCertificateData: z.string().min(1).optional(),
      clientKeyData: z.string().min(1).optional(),
      expirationTimestamp: z.string().optional(),
    })
    .refine((s) => s.token !== undefined || (s.clientCertificateData && s.clientKeyData)),
});
export type ExecCredential = z.infer<typeof execCredentialSchema>['status'];

const MAX_OUTPUT = 1 << 20;
const REFRESH_BEFORE_MS = 30_000;

/** Where a plugin failure is reported: the cluster and kubeconfig user (never the plugin's output). */
export interface ExecWho {
  cluster: string;
  user: string;
}

function pluginError(exec: ExecConfig, who: ExecWho, what: string, context: Record<string, unknown>) {
  const plugin = basename(exec.command);
  return new FleetcheckError(
    'access-denied',
    `auth: the kubeconfig credential plugin "${plugin}" (user "${who.user}") ${what}; run it by hand to see why (its output is not recorded)`,
    { cluster: who.cluster, plugin, ...context },
  );
}

/** Runs the plugin once (argv, no shell) under `timeoutMs`; its output is parsed, never quoted. */
function runPlugin(exec: ExecConfig, who: ExecWho, timeoutMs: number): Promise<ExecCredential> {
  const env = { ...process.env };
  for (const e of exec.env ?? []) env[e.name] = e.value;
  return new Promise((resolve, reject) => {
    const child = spawn(exec.command, exec.args ?? [], { env, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      if (out.length < MAX_OUTPUT) out += d;
    });
    const timer = after(timeoutMs, () => {
      child.kill('SIGKILL');
      reject(pluginError(exec, who, `gave no credential within ${timeoutMs} ms`, { timeoutMs }));
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      timer.cancel();
      reject(pluginError(exec, who, `could not be started (${err.code ?? 'error'})`, { errno: err.code }));
    });
    child.on('close', (code, signal) => {
      timer.cancel();
      if (code !== 0) {
        const how = code === null ? `was killed by ${signal}` : `exited with code ${code}`;
        return reject(pluginError(exec, who, how, { exitCode: code }));
      }
      const parsed = execCredentialSchema.safeParse(safeJson(out));
      if (!parsed.success)
        return reject(
          pluginError(exec, who, `exited 0 but printed no valid ExecCredential (${out.length} bytes)`, {
            exitCode: 0,
          }),
        );
      resolve(parsed.data.status);
    });
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * A cluster's credential from its kubeconfig exec plugin: evaluated once and shared by every call of the cluster
 * (re-run only after `expirationTimestamp`); a failure is one typed `access-denied` error naming the plugin and its
 * exit code, kept for the cluster's run instead of re-running the plugin for every call.
 * @example const cred = execCredentialSource(user.exec, { cluster: 'prod', user: 'admin' }); await cred.get();
 */
export function execCredentialSource(exec: ExecConfig, who: ExecWho, timeoutMs = 30_000) {
  let current: { value: Promise<ExecCredential>; expires: number } | undefined;
  return {
    get(now = Date.now()): Promise<ExecCredential> {
      if (!current || now >= current.expires) {
        const value = runPlugin(exec, who, timeoutMs);
        const entry = { value, expires: Number.POSITIVE_INFINITY };
        value.then(
          (c) => {
            const at = c.expirationTimestamp ? Date.parse(c.expirationTimestamp) : Number.NaN;
            if (Number.isFinite(at)) entry.expires = at - REFRESH_BEFORE_MS;
          },
          () => undefined,
        );
        current = entry;
      }
      return current.value;
    },
  };
}
