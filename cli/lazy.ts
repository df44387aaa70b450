type Action = (...args: never[]) => unknown;

/**
 * A commander action that imports its module only when the command runs, so `--help`, `--version` and
 * every other command do not pay for that command's imports.
 * @example cmd.action(lazy(() => import('./commands/sweep.ts'), 'sweepAction'))
 */
export function lazy<M extends Record<K, Action>, K extends string>(
  load: () => Promise<M>,
  name: K,
): (...args: Parameters<M[K]>) => Promise<void> {
  return async (...args) => {
    await (await load())[name](...args);
  };
}
