import fc from 'fast-check';

const KINDS = ['delete', 'duplicate', 'cut', 'number', 'insert', 'swap', 'crlf', 'indent'] as const;

/** One line-level edit of command output text. */
interface TextMutation {
  at: number;
  kind: (typeof KINDS)[number];
  text: string;
}

const NUMBERS = ['-1', '0', '99999999999999999999999', '1e400', '00', '3.5', 'NaN'];

function edit(lines: string[], m: TextMutation): string[] {
  if (lines.length === 0) return [m.text];
  const i = m.at % lines.length;
  const line = lines[i] as string;
  const out = [...lines];
  switch (m.kind) {
    case 'delete':
      out.splice(i, 1);
      break;
    case 'duplicate':
      out.splice(i, 0, line);
      break;
    case 'cut':
      out[i] = line.slice(0, m.text.length % (line.length + 1));
      break;
    case 'number':
      out[i] = line.replace(/\d+/, NUMBERS[m.at % NUMBERS.length] as string);
      break;
    case 'insert':
      out[i] = `${line.slice(0, m.at % (line.length + 1))}${m.text}${line.slice(m.at % (line.length + 1))}`;
      break;
    case 'swap': {
      const j = (m.at >>> 3) % lines.length;
      out[i] = lines[j] as string;
      out[j] = line;
      break;
    }
    case 'crlf':
      out[i] = `${line}\r`;
      break;
    case 'indent':
      out[i] = line.startsWith(' ') ? line.trimStart() : `  ${line}`;
      break;
  }
  return out;
}

/** Applies line-level mutations to a text. */
function mutateText(text: string, ops: TextMutation[]): string {
  let lines = text.split('\n');
  for (const op of ops) lines = edit(lines, op);
  return lines.join('\n');
}

/** Text of a seed output after 1–6 line-level mutations (deleted, duplicated, cut, renumbered, swapped lines...). */
export function mutatedText(seeds: readonly string[]): fc.Arbitrary<string> {
  const op: fc.Arbitrary<TextMutation> = fc.record({
    at: fc.nat(),
    kind: fc.constantFrom(...KINDS),
    text: fc.string({ maxLength: 40, unit: 'binary' }),
  });
  return fc
    .record({ seed: fc.nat({ max: seeds.length - 1 }), ops: fc.array(op, { minLength: 1, maxLength: 6 }) })
    .map(({ seed, ops }) => mutateText(seeds[seed] as string, ops));
}

/** Random bytes decoded as UTF-8 (invalid sequences become U+FFFD), like garbage on an exec stream. */
const randomBytesText: fc.Arbitrary<string> = fc
  .uint8Array({ maxLength: 2048 })
  .map((b) => Buffer.from(b).toString('utf8'));

/** Mutated seeds most of the time, random bytes and raw byte flips of a seed otherwise. */
export function crashInputs(
  structured: fc.Arbitrary<string>,
  seeds: readonly string[],
): fc.Arbitrary<string> {
  const flipped = fc
    .record({
      seed: fc.nat({ max: seeds.length - 1 }),
      flips: fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { maxLength: 8 }),
    })
    .map(({ seed, flips }) => {
      const bytes = Buffer.from(seeds[seed] as string, 'utf8');
      for (const [at, b] of flips) if (bytes.length > 0) bytes[at % bytes.length] = b;
      return bytes.toString('utf8');
    });
  return fc.oneof(
    { weight: 8, arbitrary: structured },
    { weight: 1, arbitrary: randomBytesText },
    { weight: 1, arbitrary: flipped },
  );
}
