// ESLint flat config: typescript-eslint recommended rules, plus the layer boundaries.
//
// Imports flow one way: api → workflows and activities → domain and integrations.
//   src/workflows     the workflow bundle: workflow code, domain code, types of everything else
//   src/activities    activities by feature; workflows' contracts (definitions) only
//   src/integrations  platforms, MCP, model, Redis and Temporal clients; domain only
//   src/domain        pure logic by feature; nothing of the service
//   src/sandboxes     local stand-ins of the outside world; domain and integrations only
// Only src/bootstrap (the composition root) imports src/api; nothing imports src/dev.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (name) => [`**/${name}/**`, `**/${name}/*`, `!**/${name}/**/*.test.ts`];
const NO_API = { group: ['**/api/*', '**/api/**'], message: 'Only the composition root (src/bootstrap) imports the HTTP edge.' };
const NO_DEV = { group: ['**/dev/*', '**/dev/**'], message: 'src/dev is the dev entry point; nothing imports it.' };
const NO_PROCESS = { group: ['**/bootstrap/*', '**/worker/*', '**/sandboxes/**'], message: 'Processes and sandboxes are assembled above this layer.' };
const IO_LIBS = ['ioredis', 'pino', '@google/genai', 'hono', 'hono/*', '@hono/*', '@modelcontextprotocol/*', 'pg', '@electric-sql/*', '@napi-rs/*'];

const restrict = (...patterns) => ['error', { patterns }];

export default tseslint.config(
  { ignores: ['node_modules/**', '.data/**', 'coverage/**', 'dist/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/bootstrap/**', 'src/api/**', 'src/dev/**'],
    rules: { '@typescript-eslint/no-restricted-imports': restrict(NO_API, NO_DEV) },
  },
  {
    // The workflow bundle: deterministic code only. Types of activities and integrations are
    // fine (erased); values come from workflow code, the domain and the Temporal workflow SDK.
    files: ['src/workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        NO_API,
        NO_DEV,
        NO_PROCESS,
        { group: ['node:*', 'fs', 'http', 'https', 'net', 'crypto', 'child_process'], message: 'Workflows must not do I/O.' },
        { group: [...layer('activities'), ...layer('integrations')], allowTypeImports: true, message: 'Workflows import activity and integration types only, with `import type`.' },
        { group: ['**/domain/reporting/*'], allowTypeImports: true, message: 'Reporting (and its statistics library) stays out of the workflow bundle.' },
        { group: [...IO_LIBS, 'simple-statistics', '@stdlib/*', '@temporalio/client', '@temporalio/worker', '@temporalio/activity'], message: 'No I/O or heavy libraries in workflows.' },
      ),
      'no-restricted-globals': ['error', { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' }],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Workflow time comes from the SDK; prefer workflowInfo() or Date.now() only via the sandbox.' },
        { object: 'Math', property: 'random', message: 'Use uuid4() or the seeded sandbox random.' },
      ],
    },
  },
  {
    // Activities: I/O by feature; of the workflows only their contracts (definitions, retry policy).
    files: ['src/activities/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(NO_API, NO_DEV, NO_PROCESS, {
        regex: '^(\\.\\.?/)+workflows/(?!.*definitions\\.js$|kit/operation\\.js$|kit/retry-policy\\.js$)',
        message: 'Activities import workflow contracts (definitions) only.',
      }),
    },
  },
  {
    files: ['src/integrations/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(NO_API, NO_DEV, NO_PROCESS, {
        group: [...layer('workflows'), ...layer('activities')],
        message: 'Integrations sit below workflows and activities.',
      }),
    },
  },
  {
    // Pure logic: no service layer, no I/O library.
    files: ['src/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        NO_API,
        NO_DEV,
        NO_PROCESS,
        { group: [...layer('workflows'), ...layer('activities'), ...layer('integrations')], message: 'The domain is pure: it imports nothing of the service.' },
        { group: ['node:*', 'fs', 'http', 'https', 'net', 'child_process', ...IO_LIBS, '@temporalio/client', '@temporalio/worker', '@temporalio/activity'], message: 'The domain does no I/O.' },
      ),
    },
  },
  {
    files: ['src/sandboxes/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(NO_API, NO_DEV, {
        group: [...layer('workflows'), ...layer('activities'), '**/bootstrap/*', '**/worker/*'],
        message: 'Sandboxes stand apart: they use the domain and integrations only.',
      }),
    },
  },
  {
    files: ['src/dev/**/*.ts', 'bench/**/*.ts', 'test/fixtures/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
