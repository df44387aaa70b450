import { Command, CommanderError } from 'commander';
import { registerCheck } from './commands/check.ts';
import { registerDb } from './commands/db.ts';
import { registerDemo } from './commands/demo.ts';
import { registerHistory } from './commands/history.ts';
import { registerMesh } from './commands/mesh.ts';
import { registerRegressions } from './commands/regressions.ts';
import { registerReport } from './commands/report.ts';
import { registerServe } from './commands/serve.ts';
import { registerSimulate } from './commands/simulate.ts';
import { registerSweep } from './commands/sweep.ts';
import { exitCodeFor, printError } from './errors.ts';

const program = new Command('fleetcheck')
  .description(
    'Health checks for a fleet of Kubernetes clusters running Cilium, with history and a dashboard.',
  )
  .showHelpAfterError()
  .exitOverride();

for (const register of [
  registerDemo,
  registerServe,
  registerSweep,
  registerCheck,
  registerHistory,
  registerRegressions,
  registerReport,
  registerMesh,
  registerSimulate,
  registerDb,
]) {
  register(program);
}

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // Help and version exit 0; usage errors (already printed by commander) exit 2.
    process.exitCode = err.exitCode === 0 ? 0 : 2;
  } else {
    printError(err);
    process.exitCode = exitCodeFor(err);
  }
}
