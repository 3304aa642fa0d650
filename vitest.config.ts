import { defineConfig } from 'vitest/config';

// Unit and property tests run in parallel; integration tests share one Temporal dev server
// (started in globalSetup) and use forked processes because of Temporal's native bridge.
export default defineConfig({
  test: {
    pool: 'forks',
    // The Temporal dev server's graceful stop can take a while after a test killed a worker.
    teardownTimeout: 60_000,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/property/**/*.test.ts'],
          pool: 'forks',
        },
      },
      {
        test: {
          // in-process servers (sandboxes, API) without Temporal
          name: 'component',
          include: ['test/component/**/*.test.ts'],
          pool: 'forks',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          pool: 'forks',
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
