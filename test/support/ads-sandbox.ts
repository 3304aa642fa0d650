/** The ads sandbox for a test file: started before its tests, faults cleared after each, closed at the end. */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startAdsSandbox, type RunningAdsSandbox } from '../../src/sandboxes/ads/server.js';

/**
 * Registers the hooks and returns the running sandbox's URL and world (read them inside tests).
 * @param today the sandbox clock's start date (ISO), so seeded data is the same on every run
 */
export function useAdsSandbox(today: string): Pick<RunningAdsSandbox, 'url' | 'world'> {
  let running: RunningAdsSandbox | undefined;
  beforeAll(async () => {
    running = await startAdsSandbox({ port: 0, today });
  });
  afterAll(async () => {
    await running?.close();
  });
  afterEach(() => {
    running?.world.clearFaults();
  });
  const get = () => {
    if (!running) throw new Error('the ads sandbox is not started yet');
    return running;
  };
  return {
    get url() {
      return get().url;
    },
    get world() {
      return get().world;
    },
  };
}
