/**
 * Reads the files of a Go `embed.FS` out of a Go ELF executable (amd64/arm64, little endian).
 *
 * An embed.FS is a sorted slice of `{ name string; data string; hash [16]byte }` (48 bytes each on 64-bit),
 * each string a (pointer, length) pair into a loaded segment. Given one file name known to be embedded, the
 * entry pointing at it is found and the table is walked both ways while entries stay well-formed.
 */

interface Segment {
  offset: number;
  vaddr: number;
  size: number;
}

export interface EmbeddedFile {
  name: string;
  data: Buffer;
}

const ENTRY_SIZE = 48;

function loadSegments(elf: Buffer): Segment[] {
  if (elf.readUInt32BE(0) !== 0x7f454c46 || elf[4] !== 2 || elf[5] !== 1)
    throw new Error('not a 64-bit little-endian ELF executable');
  const phoff = Number(elf.readBigUInt64LE(0x20));
  const phentsize = elf.readUInt16LE(0x36);
  const phnum = elf.readUInt16LE(0x38);
  const segments: Segment[] = [];
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    if (elf.readUInt32LE(at) !== 1) continue;
    segments.push({
      offset: Number(elf.readBigUInt64LE(at + 8)),
      vaddr: Number(elf.readBigUInt64LE(at + 16)),
      size: Number(elf.readBigUInt64LE(at + 32)),
    });
  }
  return segments;
}

function toOffset(segments: Segment[], vaddr: number): number | undefined {
  const s = segments.find((seg) => vaddr >= seg.vaddr && vaddr < seg.vaddr + seg.size);
  return s ? s.offset + vaddr - s.vaddr : undefined;
}

function toVaddr(segments: Segment[], offset: number): number | undefined {
  const s = segments.find((seg) => offset >= seg.offset && offset < seg.offset + seg.size);
  return s ? s.vaddr + offset - s.offset : undefined;
}

function readEntry(elf: Buffer, segments: Segment[], at: number): EmbeddedFile | undefined {
  if (at < 0 || at + ENTRY_SIZE > elf.length) return undefined;
  const namePtr = Number(elf.readBigUInt64LE(at));
  const nameLen = Number(elf.readBigUInt64LE(at + 8));
  const dataPtr = Number(elf.readBigUInt64LE(at + 16));
  const dataLen = Number(elf.readBigUInt64LE(at + 24));
  if (nameLen === 0 || nameLen > 1024) return undefined;
  const nameAt = toOffset(segments, namePtr);
  if (nameAt === undefined) return undefined;
  const name = elf.subarray(nameAt, nameAt + nameLen).toString('latin1');
  if (!/^[\x21-\x7e]+$/.test(name)) return undefined;
  if (dataLen === 0) return { name, data: Buffer.alloc(0) };
  const dataAt = toOffset(segments, dataPtr);
  if (dataAt === undefined || dataAt + dataLen > elf.length) return undefined;
  return { name, data: elf.subarray(dataAt, dataAt + dataLen) };
}

/**
 * Every file of the embed.FS that contains `knownName` (directories, which end in `/`, left out).
 * @example readGoEmbed(readFileSync('sst'), 'src/components/aws/cron.ts')
 */
export function readGoEmbed(elf: Buffer, knownName: string): EmbeddedFile[] {
  const segments = loadSegments(elf);
  const needle = Buffer.from(knownName, 'latin1');
  for (let hit = elf.indexOf(needle); hit !== -1; hit = elf.indexOf(needle, hit + 1)) {
    const vaddr = toVaddr(segments, hit);
    if (vaddr === undefined) continue;
    const ref = Buffer.alloc(16);
    ref.writeBigUInt64LE(BigInt(vaddr), 0);
    ref.writeBigUInt64LE(BigInt(needle.length), 8);
    const entry = elf.indexOf(ref);
    if (entry === -1 || readEntry(elf, segments, entry)?.name !== knownName) continue;
    let first = entry;
    while (readEntry(elf, segments, first - ENTRY_SIZE)) first -= ENTRY_SIZE;
    const files: EmbeddedFile[] = [];
    for (let at = first; ; at += ENTRY_SIZE) {
      const file = readEntry(elf, segments, at);
      if (!file) break;
      if (!file.name.endsWith('/')) files.push(file);
    }
    return files;
  }
  throw new Error(`no Go embed.FS holding ${knownName} found`);
}
