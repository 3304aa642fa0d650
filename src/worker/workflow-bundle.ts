/**
 * The workflow bundle the worker loads (issue 8: a worker of at most 350 MB). Bundling with
 * webpack inside the worker leaves a few hundred MB of heap behind, so the worker only reads a
 * file: the compiled worker (`npm run build`, `npm run start:worker`) reads dist/workflow-bundle.js
 * built with it; from the sources (tsx, `npm run dev`) a short-lived child process builds it at
 * start-up; WORKFLOW_BUNDLE_PATH names another prebuilt file.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkerOptions } from '@temporalio/worker';
import { COMPILED } from './worker.js';

/** Where `npm run build` writes the bundle: dist/workflow-bundle.js. */
export const DEFAULT_BUNDLE_PATH = fileURLToPath(new URL(COMPILED ? '../workflow-bundle.js' : '../../dist/workflow-bundle.js', import.meta.url));

/**
 * The bundle to load: the configured file; the one built with the compiled worker; or, from the
 * sources, one built now in a child process (a few seconds; a stale dist/ never slips in).
 * @param prebuiltPath WORKFLOW_BUNDLE_PATH, if configured (must exist)
 * @throws when the configured file is missing or the child build fails
 */
export function loadWorkflowBundle(prebuiltPath?: string): NonNullable<WorkerOptions['workflowBundle']> {
  if (prebuiltPath) {
    if (!existsSync(prebuiltPath)) throw new Error(`WORKFLOW_BUNDLE_PATH=${prebuiltPath} does not exist (run npm run build:workflows)`);
    return { codePath: prebuiltPath };
  }
  if (COMPILED) {
    if (!existsSync(DEFAULT_BUNDLE_PATH)) throw new Error(`${DEFAULT_BUNDLE_PATH} does not exist (run npm run build)`);
    return { codePath: DEFAULT_BUNDLE_PATH };
  }
  const dir = join(tmpdir(), 'ad-orchestrator');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, `workflow-bundle-${process.pid}.js`);
  execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./build-workflow-bundle.ts', import.meta.url)), out], { stdio: 'inherit' });
  process.once('exit', () => rmSync(out, { force: true }));
  return { codePath: out };
}
