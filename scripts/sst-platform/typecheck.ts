import { relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * Type-checks sst.config.ts and infra/ against SST's own platform types in `.sst/platform` (laid out by
 * scripts/sst-platform/install.ts). Only diagnostics in our files count: SST's sources are compiled by SST,
 * under its own settings, and are not ours to fix.
 * Run: `node bin/run-ts.mjs scripts/sst-platform/typecheck.ts`.
 */

const root = resolve(import.meta.dirname, '../..');
const ours = (file: string) => {
  const rel = relative(root, file);
  return rel === 'sst.config.ts' || rel.startsWith('infra/');
};

const configPath = resolve(root, 'tsconfig.infra.json');
const read = ts.readConfigFile(configPath, ts.sys.readFile);
if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, root, undefined, configPath);
const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
if (!program.getSourceFile(resolve(root, '.sst/platform/src/components/aws/cron.ts')))
  throw new Error('.sst/platform is missing SST sources: run scripts/sst-platform/install.ts first');

const diagnostics = [
  ...program.getOptionsDiagnostics(),
  ...program.getGlobalDiagnostics(),
  ...program
    .getSourceFiles()
    .filter((f) => ours(f.fileName))
    .flatMap((f) => [...program.getSyntacticDiagnostics(f), ...program.getSemanticDiagnostics(f)]),
];
const host: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (f) => f,
  getCurrentDirectory: () => root,
  getNewLine: () => '\n',
};
if (diagnostics.length > 0) {
  process.stderr.write(ts.formatDiagnosticsWithColorAndContext(diagnostics, host));
  process.exitCode = 1;
} else {
  const checked = program.getSourceFiles().filter((f) => ours(f.fileName)).length;
  console.log(`sst.config.ts + infra/: ${checked} files type-check against SST's platform types`);
}
