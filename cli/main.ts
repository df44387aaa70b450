import { Command, CommanderError } from 'commander';
import { exitCodeFor, printError } from './errors.ts';

type Registrar = (program: Command) => void;

/** One module per command, loaded only when needed: `fleetcheck sweep` does not pay for the API server's imports. */
const commands: Record<string, () => Promise<Record<string, unknown>>> = {
  demo: () => import('./commands/demo.ts'),
  serve: () => import('./commands/serve.ts'),
  sweep: () => import('./commands/sweep.ts'),
  check: () => import('./commands/check.ts'),
  history: () => import('./commands/history.ts'),
  regressions: () => import('./commands/regressions.ts'),
  report: () => import('./commands/report.ts'),
  mesh: () => import('./commands/mesh.ts'),
  simulate: () => import('./commands/simulate.ts'),
  db: () => import('./commands/db.ts'),
};

async function registrar(name: string): Promise<Registrar> {
  const mod = await commands[name]!();
  const fn = Object.entries(mod).find(
    ([key, value]) => key.startsWith('register') && typeof value === 'function',
  );
  if (!fn) throw new Error(`cli/commands/${name}.ts exports no register function`);
  return fn[1] as Registrar;
}

const program = new Command('fleetcheck')
  .description(
    'Health checks for a fleet of Kubernetes clusters running Cilium, with history and a dashboard.',
  )
  .showHelpAfterError()
  .exitOverride();

try {
  const requested = process.argv[2];
  const names = requested && requested in commands ? [requested] : Object.keys(commands);
  for (const register of await Promise.all(names.map(registrar))) register(program);
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
