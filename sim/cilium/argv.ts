/** A small cobra/pflag-like parser: `--x`, `--x=v`, `--x v`, `-o v`, `-o=v`, `-ov`, `--`, interspersed args. */
export interface FlagSpec {
  /** Long names of boolean flags. */
  bool: string[];
  /** Long names of flags taking a value. */
  value: string[];
  /** Shorthand letter → long name. */
  short: Record<string, string>;
}

export type ParsedArgs =
  | { ok: true; flags: Map<string, string | true>; positionals: string[] }
  | { ok: false; error: string };

/** Parses `args` against `spec`; unknown flags give pflag's error text (without the `Error: ` prefix). */
export function parseArgs(args: string[], spec: FlagSpec): ParsedArgs {
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const [name = '', inline] = splitOnce(arg.slice(2));
      if (spec.bool.includes(name)) flags.set(name, inline ?? true);
      else if (spec.value.includes(name)) {
        const v = inline ?? args[++i];
        if (v === undefined) return { ok: false, error: `flag needs an argument: --${name}` };
        flags.set(name, v);
      } else return { ok: false, error: `unknown flag: --${name}` };
    } else if (arg.startsWith('-') && arg.length > 1) {
      const letter = arg[1] ?? '';
      const name = spec.short[letter];
      if (name === undefined) return { ok: false, error: `unknown shorthand flag: '${letter}' in ${arg}` };
      if (spec.bool.includes(name)) flags.set(name, true);
      else {
        const rest = arg.slice(2).replace(/^=/, '');
        const v = rest !== '' ? rest : args[++i];
        if (v === undefined) return { ok: false, error: `flag needs an argument: '${letter}' in -${letter}` };
        flags.set(name, v);
      }
    } else positionals.push(arg);
  }
  return { ok: true, flags, positionals };
}

function splitOnce(s: string): [string, string | undefined] {
  const i = s.indexOf('=');
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}
