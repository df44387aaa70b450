import type { AgentView, CommandResult } from './agent-view.ts';
import { parseArgs } from './argv.ts';
import { flagError, helpText, unknownCommand } from './cobra-errors.ts';
import { renderHealthJson } from './render-health-json.ts';
import { renderHealthText } from './render-health-text.ts';

const SPEC = {
  bool: ['verbose', 'probe', 'succinct', 'help'],
  value: ['output'],
  short: { o: 'output', h: 'help' },
};

const SOCKET_ERR = 'dial unix /var/run/cilium/health.sock: connect: no such file or directory';

/** cilium-health's `Fatalf("Cannot get status: %s\n", err)` when the health daemon is down (exit 1). */
function unreachable(probe: boolean): CommandResult {
  const what = probe
    ? `status/probe: Put "http://localhost/v1beta/status/probe": ${SOCKET_ERR}`
    : `status: Get "http://localhost/v1beta/status": ${SOCKET_ERR}`;
  return { stdout: '', stderr: `Error: Cannot get ${what}\n\n`, exitCode: 1 };
}

/**
 * `cilium-health <args>`: `status` (alias `connectivity`) in text or `-o json`. A health component in
 * Failure means the health daemon is unreachable: the command fails like cilium-health does.
 */
export function runHealthCommand(args: string[], view: AgentView): CommandResult {
  const parsed = parseArgs(args, SPEC);
  const sub = parsed.ok ? parsed.positionals[0] : args.find((a) => !a.startsWith('-'));
  if (sub !== undefined && sub !== 'status' && sub !== 'connectivity')
    return unknownCommand(sub, 'cilium-health');
  if (!parsed.ok) return flagError(parsed.error, sub ? `cilium-health ${sub}` : 'cilium-health');
  if (sub === undefined || parsed.flags.has('help'))
    return helpText('cilium-health', ['get', 'ping', 'status']);
  if (view.health.state === 'Failure') return unreachable(parsed.flags.has('probe'));
  const output = parsed.flags.get('output');
  if (output === 'json') return renderHealthJson(view);
  if (output !== undefined) {
    return { stdout: '', stderr: `Error: Unable to provide ${String(output)} output\n`, exitCode: 1 };
  }
  return renderHealthText(view, {
    verbose: parsed.flags.has('verbose'),
    succinct: parsed.flags.has('succinct'),
  });
}
