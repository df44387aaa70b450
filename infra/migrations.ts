import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { migrator } from './functions.ts';

/** The migration journal's hash: the invocation below re-runs exactly when a migration was added. */
const journal = createHash('sha256').update(readFileSync('db/migrations/meta/_journal.json')).digest('hex');

/** Applies the migrations once per deploy that brings new ones, from the deploy itself; no cold start migrates. */
export const migrateOnDeploy = new aws.lambda.Invocation('MigrateOnDeploy', {
  functionName: migrator.name,
  input: JSON.stringify({ reason: 'deploy' }),
  triggers: { journal },
});
