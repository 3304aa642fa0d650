/**
 * The workflow bundle holds workflow code and the pure domain code it needs, nothing else (issue 8
 * item 5): no activities, integrations, API or sandboxes, no reporting and no statistics library.
 */
import { bundleWorkflowCode } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { WORKFLOWS_PATH } from '../../src/worker/worker.js';

const silent = { trace() {}, debug() {}, info() {}, warn() {}, error() {} } as never;

describe('workflow bundle', () => {
  it('contains only src/workflows and src/domain (without reporting), and no I/O or statistics package', async () => {
    const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: silent });
    const modules = [...code.matchAll(/\/\*\*\*\/ "\.\/([^"]+)"/g)].map((m) => m[1]!);
    const own = modules.filter((m) => m.startsWith('src/'));
    expect(own.length).toBeGreaterThan(20);
    expect(own.filter((m) => !m.startsWith('src/workflows/') && !m.startsWith('src/domain/'))).toEqual([]);
    expect(own.filter((m) => m.startsWith('src/domain/reporting/'))).toEqual([]);
    const packages = [...new Set(modules.filter((m) => m.startsWith('node_modules/')).map((m) => m.split('/').slice(1, m.split('/')[1]!.startsWith('@') ? 3 : 2).join('/')))];
    for (const banned of ['simple-statistics', '@stdlib', 'ioredis', 'pino', 'hono', '@google/genai', '@modelcontextprotocol/sdk', '@napi-rs/canvas', 'pg']) {
      expect(packages.filter((p) => p === banned || p.startsWith(`${banned}/`))).toEqual([]);
    }
  }, 60_000);
});
