import type { CommandResult } from './agent-view.ts';

/** cobra's `Error: unknown command "x" for "<path>"` + `Run '<path> --help' for usage.`, exit 1. */
export function unknownCommand(name: string, path: string): CommandResult {
  return {
    stdout: '',
    stderr: `Error: unknown command "${name}" for "${path}"\nRun '${path} --help' for usage.\n`,
    exitCode: 1,
  };
}

/** A flag parse error as cobra prints it (`Error: unknown flag: --x`) with a usage hint, exit 1. */
export function flagError(error: string, path: string): CommandResult {
  return { stdout: '', stderr: `Error: ${error}\nRun '${path} --help' for usage.\n`, exitCode: 1 };
}

/** Short help text for `--help` / a bare parent command (exit 0). */
export function helpText(path: string, subcommands: string[]): CommandResult {
  const lines = [`Usage:\n  ${path} [command]\n`, 'Available Commands:'];
  for (const s of subcommands) lines.push(`  ${s}`);
  lines.push(`\nUse "${path} [command] --help" for more information about a command.`);
  return { stdout: `${lines.join('\n')}\n`, stderr: '', exitCode: 0 };
}
