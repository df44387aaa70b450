import { execFile } from 'node:child_process';

/** Runs a benchmark child (`node args…`) and resolves the JSON of the last line it prints. */
export function runJsonChild<T>(
  what: string,
  node: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile(node, args, { maxBuffer: 16 * 1024 * 1024, env }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`${what} failed: ${err.message}\n${stderr}`));
      resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as T);
    });
  });
}
