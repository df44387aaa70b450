import type { AgentView, CommandResult } from './agent-view.ts';
import { parseArgs } from './argv.ts';
import { flagError, helpText, unknownCommand } from './cobra-errors.ts';
import { runHealthCommand } from './health-command.ts';
import { renderEndpointList } from './render-endpoints.ts';
import { renderStatusBrief } from './render-status-brief.ts';
import { renderStatusJson } from './render-status-json.ts';
import { renderStatusText } from './render-status-text.ts';
import { renderVersion } from './render-version.ts';
import { cliName, hasCiliumDbg } from './version.ts';

export { probeIntervalFor } from './probe-interval.ts';

/** What kind of agent command an argv is (for per-command faults and request counting). */
export type CommandKind = 'status' | 'health' | 'endpoints' | 'version';

const STATUS_FLAGS = {
  bool: [
    'brief',
    'verbose',
    'all-addresses',
    'all-controllers',
    'all-nodes',
    'all-redirects',
    'all-clusters',
    'all-health',
    'help',
  ],
  value: ['output', 'timeout'],
  short: { o: 'output', h: 'help' },
};
const ENDPOINT_FLAGS = { bool: ['no-headers', 'help'], value: ['output'], short: { o: 'output', h: 'help' } };
const VERSION_FLAGS = { bool: ['help'], value: ['output'], short: { o: 'output', h: 'help' } };
const GLOBAL_VALUE = new Set(['-H', '--host', '--config']);

const basename = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/** First positional argument after the binary, skipping global flags. */
function positionals(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (GLOBAL_VALUE.has(a) || a === '-o' || a === '--output' || a === '--timeout') i++;
    else if (!a.startsWith('-')) out.push(a);
  }
  return out;
}

/** Classifies an agent-container argv, e.g. `['cilium-dbg','status','--brief']` → `'status'`. */
export function commandKind(argv: string[]): CommandKind | undefined {
  const bin = basename(argv[0] ?? '');
  const [sub, sub2] = positionals(argv.slice(1));
  if (bin === 'cilium-health') return sub === 'status' || sub === 'connectivity' ? 'health' : undefined;
  if (bin !== 'cilium' && bin !== 'cilium-dbg') return undefined;
  if (sub === 'status') return 'status';
  if (sub === 'version') return 'version';
  if (sub === 'endpoint' && (sub2 === 'list' || sub2 === 'ls')) return 'endpoints';
  return undefined;
}

function output(flags: Map<string, string | true>): 'json' | 'text' | { bad: string } {
  const o = flags.get('output');
  if (o === undefined) return 'text';
  return o === 'json' ? 'json' : { bad: String(o) };
}

function status(args: string[], view: AgentView, prog: string): CommandResult {
  const parsed = parseArgs(args, STATUS_FLAGS);
  if (!parsed.ok) return flagError(parsed.error, `${prog} status`);
  const f = parsed.flags;
  if (f.has('help')) return helpText(`${prog} status`, []);
  const out = output(f);
  if (typeof out === 'object')
    return { stdout: '', stderr: `Error: Unable to provide ${out.bad} output\n`, exitCode: 1 };
  if (out === 'json') return renderStatusJson(view);
  if (f.has('brief')) return renderStatusBrief(view);
  return renderStatusText(view, {
    verbose: f.has('verbose'),
    allControllers: f.has('all-controllers'),
    allHealth: f.has('all-health') || f.has('all-nodes'),
    allClusters: f.has('all-clusters'),
  });
}

function endpoint(args: string[], view: AgentView, prog: string): CommandResult {
  const sub = positionals(args)[0];
  if (sub === undefined)
    return helpText(`${prog} endpoint`, ['config', 'get', 'health', 'labels', 'list', 'log']);
  if (sub !== 'list' && sub !== 'ls') return unknownCommand(sub, `${prog} endpoint`);
  const parsed = parseArgs(
    args.filter((a) => a !== sub),
    ENDPOINT_FLAGS,
  );
  if (!parsed.ok) return flagError(parsed.error, `${prog} endpoint list`);
  const out = output(parsed.flags);
  if (typeof out === 'object')
    return { stdout: '', stderr: `Error: Unable to provide ${out.bad} output\n`, exitCode: 1 };
  return renderEndpointList(view, { json: out === 'json', noHeaders: parsed.flags.has('no-headers') });
}

function version(args: string[], view: AgentView, prog: string): CommandResult {
  const parsed = parseArgs(args, VERSION_FLAGS);
  if (!parsed.ok) return flagError(parsed.error, `${prog} version`);
  return renderVersion(view);
}

/**
 * Runs one command in the simulated `cilium-agent` container. Binaries: `cilium` and `cilium-health`
 * always, `cilium-dbg` only from 1.15; anything else → `{ notFound: bin }` (the caller reports it
 * like a missing executable). Unknown subcommands/flags fail like cobra does (exit 1).
 */
export function runAgentCommand(argv: string[], view: AgentView): CommandResult | { notFound: string } {
  const raw = argv[0] ?? '';
  const bin = basename(raw);
  if (bin === 'cilium-health') return runHealthCommand(argv.slice(1), view);
  if (bin === 'cilium-dbg' && !hasCiliumDbg(view.version)) return { notFound: raw };
  if (bin !== 'cilium' && bin !== 'cilium-dbg') return { notFound: raw };
  const prog = cliName(view.version);
  const args = argv.slice(1);
  const sub = positionals(args)[0];
  const rest = args.filter((a, i) => !(a === sub && i === args.indexOf(sub)));
  switch (sub) {
    case 'status':
      return status(rest, view, prog);
    case 'endpoint':
      return endpoint(rest, view, prog);
    case 'version':
      return version(rest, view, prog);
    case undefined:
      return helpText(prog, ['bpf', 'config', 'endpoint', 'health', 'status', 'version']);
    default:
      return unknownCommand(sub, prog);
  }
}
