import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Only the unit project runs on threads (see there). Set here: with Vitest 3.2 the same options in the project
    // (`isolate: false`, or `poolOptions`) left every file isolated (about 48 s against 23 s, measured).
    poolOptions: { threads: { isolate: false } },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 10_000,
          // In-process tests: files share each worker thread's module cache (no per-file re-import of the code
          // under test, which was most of the tier's time). Env and global stubs are undone after every test.
          pool: 'threads',
          unstubEnvs: true,
          unstubGlobals: true,
        },
      },
      { test: { name: 'fuzz', include: ['test/fuzz/**/*.test.ts'], testTimeout: 180_000 } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/fixtures/build-cli.global.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
        },
      },
      {
        test: {
          name: 'apiserver',
          include: ['test/apiserver/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 600_000,
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
