/**
 * A worker killed (SIGKILL) in the middle of a turn: another worker picks the turn up and it
 * completes with exactly one deduction and no duplicate creatives (issue "Foundation", tests;
 * seed 000 需求 12.5, property 5).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { balance, chat, GEMINI_KEY, newUser, startSystem, TOKEN, type System } from './harness.js';
import { services } from './services.js';

let system: System;
beforeAll(async () => {
  system = await startSystem(services(), { gemini: true, worker: false });
});
afterAll(async () => {
  await system?.stop();
});

it('completes after the worker dies mid-turn, charging once', async () => {
  // The first three image calls are slow, so the worker dies while they run.
  await fetch(`${system.gemini!.url}/_control/script`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-goog-api-key': GEMINI_KEY },
    body: JSON.stringify({ model: system.config.GEMINI_IMAGE_MODEL, replies: [1, 2, 3].map(() => ({ image: 'png', delay_ms: 4000 })) }),
  });
  // node itself (not the tsx wrapper, which would leave its node child running after SIGKILL).
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../../src/worker/main.ts', import.meta.url))], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      TEMPORAL_ADDRESS: system.config.TEMPORAL_ADDRESS!,
      TEMPORAL_TASK_QUEUE: system.config.TEMPORAL_TASK_QUEUE,
      REDIS_URL: system.config.REDIS_URL,
      WEB_PLATFORM_URL: system.sandbox.url,
      SERVICE_TOKEN: TOKEN,
      GEMINI_API_KEY: GEMINI_KEY,
      GEMINI_BASE_URL: system.gemini!.url,
    },
    stdio: 'inherit',
  });
  try {
    const user = newUser();
    const stream = await chat(system, { user_id: user, session_id: 's1', message: 'Generate 3 ad images for a camping lantern' });
    await stream.until('tool_start');
    for (let i = 0; i < 100 && (await balance(system, user)) === 1000; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await balance(system, user)).toBe(985);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(child.signalCode).toBe('SIGKILL');

    const replacement = await system.startWorker();
    try {
      await stream.until('done');
    } finally {
      await replacement.shutdown();
    }
    expect(stream.of('tool_complete')[0]!.status).toBe('succeeded');
    expect(await balance(system, user)).toBe(985);
    expect((await system.webPlatform.listCreatives({ user_id: user })).creatives).toHaveLength(3);
  } finally {
    child.kill('SIGKILL');
  }
}, 120_000);
