import { Command } from 'commander';
import { VERSION } from '../server/version.ts';
import { defineDb } from './define/db.ts';
import { defineDemo, defineServe } from './define/service.ts';
import { defineSimulate } from './define/simulate.ts';
import { defineHistory, defineMesh, defineRegressions, defineReport } from './define/stored-history.ts';
import { defineCheck, defineSweep } from './define/sweep.ts';

/**
 * The whole command tree. Definitions import only commander; each action imports its command module when it
 * runs, so `--help` and `--version` load nothing else.
 */
export function buildProgram(): Command {
  const program = new Command('fleetcheck')
    .description(
      'Health checks for a fleet of Kubernetes clusters running Cilium, with history and a dashboard.',
    )
    .version(VERSION, '-V, --version', 'print the fleetcheck version')
    .showHelpAfterError()
    .exitOverride();
  for (const define of [
    defineDemo,
    defineServe,
    defineSweep,
    defineCheck,
    defineHistory,
    defineRegressions,
    defineReport,
    defineMesh,
    defineSimulate,
    defineDb,
  ])
    define(program);
  return program;
}
