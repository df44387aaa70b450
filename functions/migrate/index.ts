import { lambdaStore } from '../store.ts';

/** Invoked once per deploy that adds migrations (infra/migrations.ts): applies them, reports the result. */
export async function handler(): Promise<{ migrated: true }> {
  await lambdaStore({ migrate: true });
  console.info(JSON.stringify({ msg: 'migrations applied' }));
  return { migrated: true };
}
