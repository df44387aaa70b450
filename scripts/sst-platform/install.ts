import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { readGoEmbed } from './go-embed.ts';

/**
 * Lays out `.sst/platform` the way `sst install` does, without the network SST's CLI needs for Pulumi:
 * the platform sources come out of the pinned `sst-<os>-<arch>` binary (a Go embed.FS), `config.d.ts` is
 * written as SST's `writeTypes` writes it for the aws provider, and the two Pulumi packages the platform's
 * types rest on are installed from npm at the versions the platform's own package.json pins.
 * Idempotent: a marker holding the sst version skips the work when it is already done.
 * Run: `node bin/run-ts.mjs scripts/sst-platform/install.ts`.
 */

const TYPE_DEPENDENCIES = ['@pulumi/pulumi', '@pulumi/aws'];
const root = resolve(import.meta.dirname, '../..');
const platformDir = join(root, '.sst', 'platform');
const marker = join(platformDir, '.fleetcheck-extracted');
const require = createRequire(join(root, 'package.json'));

/** The CLI package `sst` picks for this machine (node_modules/sst/bin/sst.mjs does the same). */
const binaryPackage = `sst-${process.platform}-${process.arch}`;

function sstVersion(): string {
  const manifest = readFileSync(require.resolve(`${binaryPackage}/package.json`), 'utf8');
  return (JSON.parse(manifest) as { version: string }).version;
}

function platformBinary(): string {
  return require.resolve(`${binaryPackage}/bin/${process.platform === 'win32' ? 'sst.exe' : 'sst'}`);
}

const CONFIG_TYPES = `import "./src/global.d.ts"
import { AppInput, App, Config } from "./src/config"
import * as _aws from "@pulumi/aws";


declare global {
  // @ts-expect-error
  export import aws = _aws
  interface Providers {
    providers?: {
      "aws"?:  (_aws.ProviderArgs & { version?: string }) | boolean | string;
    }
  }
  export const $config: (
    input: Omit<Config, "app"> & {
      app(input: AppInput): Promise<Omit<App, "providers"> & Providers> | (Omit<App, "providers"> & Providers);
    },
  ) => Config;
}
`;

function extract(version: string): void {
  rmSync(platformDir, { recursive: true, force: true });
  const files = readGoEmbed(readFileSync(platformBinary()), 'src/components/aws/cron.ts');
  let manifest: { dependencies: Record<string, string> } | undefined;
  for (const file of files) {
    if (file.name === 'package.json') {
      manifest = JSON.parse(file.data.toString('utf8'));
      continue;
    }
    if (!file.name.startsWith('src/') && file.name !== 'tsconfig.json') continue;
    const to = join(platformDir, file.name);
    mkdirSync(dirname(to), { recursive: true });
    writeFileSync(to, file.data);
  }
  if (!manifest) throw new Error('the sst platform binary holds no package.json');
  const dependencies: Record<string, string> = {};
  for (const dep of TYPE_DEPENDENCIES) {
    const pinned = manifest.dependencies[dep];
    if (!pinned) throw new Error(`the sst platform does not depend on ${dep}`);
    dependencies[dep] = pinned;
  }
  writeFileSync(join(platformDir, 'config.d.ts'), CONFIG_TYPES);
  writeFileSync(
    join(platformDir, 'package.json'),
    `${JSON.stringify({ name: 'sst-platform-types', private: true, dependencies }, null, 2)}\n`,
  );
  execFileSync(
    'npm',
    ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock', '--omit=optional'],
    { cwd: platformDir, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  // The platform's types take Node's from the project (one @types/node in the program, not two).
  rmSync(join(platformDir, 'node_modules', '@types', 'node'), { recursive: true, force: true });
  writeFileSync(marker, `${version}\n`);
}

const version = sstVersion();
if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === version) {
  console.log(`.sst/platform holds sst ${version}`);
} else {
  extract(version);
  console.log(`.sst/platform extracted from sst ${version}`);
}
