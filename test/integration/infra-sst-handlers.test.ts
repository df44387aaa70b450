import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { deploy, fleetFileForEachTest } from '../fixtures/events/sst-deploy.ts';
import { type Args, functionsOf } from '../fixtures/events/sst-fakes.ts';

fleetFileForEachTest();

describe('sst.config.ts handlers', () => {
  it('names every handler after a file that exports it', async () => {
    const { made } = await deploy('prod');
    const handlers = functionsOf(made).map((f) => String(f.args.handler));
    expect(handlers).toHaveLength(6);
    for (const h of handlers) {
      const [file, exported] = [h.slice(0, h.lastIndexOf('.')), h.slice(h.lastIndexOf('.') + 1)];
      expect(existsSync(`${file}.ts`), `${file}.ts`).toBe(true);
      const mod = (await import(/* @vite-ignore */ pathToFileURL(resolve(`${file}.ts`)).href)) as Args;
      expect(typeof mod[exported], h).toBe('function');
    }
  });
});
