/**
 * Failures inside a turn, with the models served by the Gemini sandbox through the real SDK:
 * a failed image generation is reported with its code and refunded (issue "Foundation",
 * acceptance 5; seed 000 task 9.4), a confirmation nobody answers times out charging nothing, and
 * a user over the turn rate limit gets 429.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, balance, chat, GEMINI_KEY, newUser, startSystem, type System } from './harness.js';
import { services } from './services.js';

let system: System;
beforeAll(async () => {
  system = await startSystem(services(), { gemini: true, env: { CONFIRMATION_TIMEOUT_SECONDS: '2', CHAT_RATE_LIMIT_PER_MINUTE: '3' } });
});
afterAll(async () => {
  await system?.stop();
});

async function script(model: string, replies: unknown[]) {
  const r = await fetch(`${system.gemini!.url}/_control/script`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-goog-api-key': GEMINI_KEY },
    body: JSON.stringify({ model, replies }),
  });
  expect(r.status).toBe(200);
}

describe('a turn whose image generation fails', () => {
  it('reports the error code and message and leaves the balance unchanged', async () => {
    await script(system.config.GEMINI_IMAGE_MODEL, Array.from({ length: 6 }, () => ({ error: 400, message: 'Image generation refused' })));
    const user = newUser();
    const stream = await chat(system, { user_id: user, session_id: 's1', message: 'Generate 2 ad images for a smart watch' });
    await stream.until('done');
    const complete = stream.of('tool_complete')[0]!;
    expect(complete.status).toBe('failed');
    const error = stream.of('error')[0]!.error as { code: string; message: string };
    expect(error.code).toBe('4003');
    expect(error.message).toBeTruthy();
    expect(await balance(system, user)).toBe(1000);
    expect((await system.webPlatform.listCreatives({ user_id: user })).creatives).toHaveLength(0);
  });

  it('refunds only the failed images of a partly failed batch', async () => {
    await fetch(`${system.gemini!.url}/_control/script`, { method: 'DELETE', headers: { 'x-goog-api-key': GEMINI_KEY } });
    await script(system.config.GEMINI_IMAGE_MODEL, [{ error: 400 }]);
    const user = newUser();
    const stream = await chat(system, { user_id: user, session_id: 's1', message: 'Generate 3 ad images for a travel mug' });
    await stream.until('done');
    const result = stream.of('tool_complete')[0]!.result as { creatives: unknown[]; failed: number };
    expect(result.creatives).toHaveLength(2);
    expect(result.failed).toBe(1);
    expect(await balance(system, user)).toBe(1000 - 10);
  });
});

describe('a confirmation nobody answers', () => {
  it('times out, runs nothing and charges nothing', async () => {
    const user = newUser();
    const stream = await chat(system, { user_id: user, session_id: 's1', message: 'Generate 40 ad images for the new sneakers' });
    await stream.until('confirmation_required');
    const resolved = await stream.until('confirmation_resolved');
    expect(resolved).toMatchObject({ approved: false, reason: 'timeout' });
    await stream.until('done');
    expect(stream.of('tool_start')).toHaveLength(0);
    expect(await balance(system, user)).toBe(1000);
  });
});

describe('the per-user turn rate limit', () => {
  it('answers 429 with code 1003 and Retry-After beyond the limit, and starts nothing', async () => {
    const user = newUser();
    for (let i = 0; i < 3; i++) {
      const stream = await chat(system, { user_id: user, session_id: 's1', message: 'hello' });
      await stream.until('done');
    }
    const over = await api(system, '/api/v1/chat', { json: { user_id: user, session_id: 's1', message: 'hello' } });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await over.json()).error.code).toBe('1003');
    const other = await chat(system, { user_id: newUser(), session_id: 's1', message: 'hello' });
    expect((await other.until('done'))?.status).toBe('completed');
  });
});
