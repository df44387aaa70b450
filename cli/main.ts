import { CommanderError } from 'commander';
import { buildProgram } from './program.ts';

try {
  await buildProgram().parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // Help and version exit 0; usage errors (already printed by commander) exit 2.
    process.exitCode = err.exitCode === 0 ? 0 : 2;
  } else {
    const { exitCodeFor, printError } = await import('./errors.ts');
    printError(err);
    process.exitCode = exitCodeFor(err);
  }
}
