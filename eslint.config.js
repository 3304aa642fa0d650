// ESLint flat config: typescript-eslint recommended rules, plus the workflow sandbox guard.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', '.data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no I/O modules, no activity code.
    files: ['src/workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'http', 'https', 'net', 'crypto'], message: 'Workflows must not do I/O.' },
            { group: ['**/activities/**', '!**/activities/*types*'], message: 'Import activity types only, with `import type`.' },
            { group: ['ioredis', 'pino', '@google/genai', 'hono', '@modelcontextprotocol/*'], message: 'No I/O libraries in workflows.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' }],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Workflow time comes from the SDK; prefer workflowInfo() or Date.now() only via the sandbox.' },
        { object: 'Math', property: 'random', message: 'Use uuid4() or the seeded sandbox random.' },
      ],
    },
  },
  {
    files: ['src/dev/**/*.ts', 'bench/**/*.ts', 'test/fixtures/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
