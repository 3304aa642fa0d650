/**
 * Builds the workflow bundle (src/workflows/index.ts with its imports) into one file:
 *   node dist/worker/build-workflow-bundle.js [out]   (default dist/workflow-bundle.js; `npm run build` runs it)
 *   node --import tsx src/worker/build-workflow-bundle.ts <out>   (from the sources)
 * The worker loads the file (src/worker/workflow-bundle.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { DEFAULT_BUNDLE_PATH } from './workflow-bundle.js';
import { WORKFLOWS_PATH } from './worker.js';

const out = resolve(process.argv[2] ?? DEFAULT_BUNDLE_PATH);
const silent = { trace() {}, debug() {}, info() {}, warn() {}, error() {} } as never;
const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: silent });
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, code);
process.stdout.write(`workflow bundle: ${out} (${Math.round(code.length / 1024)} KiB)\n`);
