/**
 * The HTTP edge against findings of issue 13 (each test failed before its fix): reads of another
 * user's turn, events or operation; Object's own member names as module actions; NUL in ids and
 * messages; schemes other than Bearer; a reused turn_id with another message.
 */
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { createTurnRateLimiter } from '../../src/api/rate-limit.js';
import { loadConfig } from '../../src/config/env.js';
import { OfflineTextModel } from '../../src/integrations/model/offline/text-model.js';
import { createLogger } from '../../src/observability/logger.js';
import { api, balance, chat, newUser, startSystem, TOKEN, type System } from './harness.js';
import { services } from './services.js';

let system: System;
beforeAll(async () => {
  system = await startSystem(services());
});
afterAll(async () => {
  await system?.stop();
});

describe('ownership of reads (issue 13 finding 1)', () => {
  it("a turn's state and events answer only its own user; another user gets 404, no user_id 400", async () => {
    const user = newUser();
    const turnId = randomUUID();
    const stream = await chat(system, { user_id: user, session_id: 's1', message: 'hello, what can you do?', turn_id: turnId });
    await stream.until('done');
    for (const path of [`/api/v1/chat/turns/${turnId}`, `/api/v1/chat/turns/${turnId}/events`]) {
      const stranger = await api(system, `${path}?user_id=${newUser()}`);
      expect(stranger.status, path).toBe(404);
      expect((await stranger.json()).error.code).toBe('5001');
      const anonymous = await api(system, path);
      expect(anonymous.status, path).toBe(400);
      expect((await anonymous.json()).error.code).toBe('1001');
    }
    expect((await api(system, `/api/v1/chat/turns/${turnId}?user_id=${user}`)).status).toBe(200);
    const own = await api(system, `/api/v1/chat/turns/${turnId}/events?user_id=${user}`);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain('"type":"done"');
  });

  it("an operation's state answers only its own user", async () => {
    const user = newUser();
    const started = await api(system, '/api/v1/campaigns', { json: { user_id: user, platform: 'meta', daily_budget: 90, creative_ids: ['cr_missing'] } });
    expect(started.status).toBe(202);
    const { operation_id: id } = (await started.json()) as { operation_id: string };
    const stranger = await api(system, `/api/v1/operations/${id}?user_id=${newUser()}`);
    expect(stranger.status).toBe(404);
    expect((await stranger.json()).error.code).toBe('1004');
    expect((await api(system, `/api/v1/operations/${id}`)).status).toBe(400);
    expect((await api(system, `/api/v1/operations/${id}?user_id=${user}`)).status).toBe(200);
  });
});

describe('bad input is a 4xx, never a 5xx (findings 3, 4, 6)', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])('action %s is an unknown action (400)', async (action) => {
    const r = await api(system, '/api/v1/modules/campaign-automation/execute', { json: { action, parameters: {}, context: { user_id: newUser() } } });
    expect(r.status).toBe(400);
    expect((await r.json()).error.code).toBe('1001');
  });

  it('a NUL in ids or in the message is refused with 400 and nothing is charged', async () => {
    const intent = await api(system, '/api/v1/intent', { json: { message: 'hello', user_id: 'u\u0000x', session_id: 's\u0000' } });
    expect(intent.status).toBe(400);
    const user = newUser();
    const turn = await api(system, '/api/v1/chat', { json: { user_id: user, session_id: 's1', message: '帮我生成 3 张广告图片\u0000' } });
    expect(turn.status).toBe(400);
    expect((await turn.json()).error.code).toBe('1001');
    expect(await balance(system, user)).toBe(1000);
  });

  it.each([
    ['Basic', `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['an empty Bearer', 'Bearer '],
    ['a wrong token', 'Bearer nope-nope-nope'],
  ])('%s is 401 (1002) with a Bearer challenge', async (_name, authorization) => {
    const r = await fetch(`${system.api.url}/api/v1/intent`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: '{"message":"hi"}' });
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect((await r.json()).error.code).toBe('1002');
  });
});

describe('bodies (finding 10)', () => {
  it('a body over the limit is 413; a text/plain body is refused, not parsed as JSON', async () => {
    const big = await postOnItsOwnConnection('/api/v1/intent', JSON.stringify({ message: 'x'.repeat(2 * 1024 * 1024) }));
    expect(big.status).toBe(413);
    expect((JSON.parse(big.body) as { error: unknown }).error).toMatchObject({ code: '1001', details: { max_bytes: 1024 * 1024 } });
    const plain = await api(system, '/api/v1/intent', { method: 'POST', body: '{"message":"hi"}', headers: { 'content-type': 'text/plain' } });
    expect(plain.status).toBe(400);
    expect((await plain.json()).error).toMatchObject({ code: '1001', details: { reason: 'unsupported_media_type' } });
  });
});

/**
 * A POST on a connection of its own (the server answers 413 before reading the body and drops the
 * connection: a pooled fetch connection would break the next test's request).
 */
function postOnItsOwnConnection(path: string, body: string): Promise<{ status: number; body: string }> {
  const url = new URL(path, system.api.url);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent: false, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('exposure (finding 9)', () => {
  it('the API listens on loopback unless HOST says otherwise', () => {
    expect(system.config.HOST).toBe('127.0.0.1');
  });
});

describe('Temporal unreachable (finding 5)', () => {
  it('a new turn answers 503 (4000) with Retry-After within seconds, not after the client\'s retries', async () => {
    const config = loadConfig({ NODE_ENV: 'test', SERVICE_TOKEN: TOKEN, REDIS_URL: services().redisUrl, TEMPORAL_ADDRESS: '127.0.0.1:1' });
    const redis = new Redis(config.REDIS_URL);
    try {
      // A connection to a port nothing listens on: every call fails UNAVAILABLE (and the client would retry for about 20 s).
      const temporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
      const app = createApp({
        config,
        logger: createLogger('test', 'silent'),
        temporal,
        redis,
        limiter: createTurnRateLimiter(redis, 100),
        model: new OfflineTextModel(),
        health: { probes: {}, readiness: [] },
      });
      const t0 = performance.now();
      const res = await app.request('/api/v1/chat', {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ user_id: newUser(), session_id: 's1', message: 'hello' }),
      });
      const elapsedMs = performance.now() - t0;
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect((await res.json()).error).toMatchObject({ code: '4000', details: { service: 'temporal' } });
      expect(elapsedMs).toBeLessThan(10_000);
    } finally {
      redis.disconnect();
    }
  }, 30_000);
});

describe('a reused turn_id (finding 7)', () => {
  it('with the same message replays the turn; with another message it is a conflict (409)', async () => {
    const user = newUser();
    const turnId = randomUUID();
    const first = await chat(system, { user_id: user, session_id: 's1', message: 'hello, what can you do?', turn_id: turnId });
    await first.until('done');
    const replay = await chat(system, { user_id: user, session_id: 's1', message: 'hello, what can you do?', turn_id: turnId });
    await replay.until('done');
    const other = await api(system, '/api/v1/chat', { json: { user_id: user, session_id: 's1', message: '暂停所有广告', turn_id: turnId } });
    expect(other.status).toBe(409);
    expect((await other.json()).error.code).toBe('1009');
  });
});

describe('Idempotency-Key on creations (finding 2)', () => {
  /** The operation's final state over HTTP. */
  async function settled(id: string, user: string): Promise<{ status: string }> {
    for (let i = 0; i < 300; i++) {
      const state = (await (await api(system, `/api/v1/operations/${id}?user_id=${user}`)).json()) as { status: string };
      if (state.status !== 'running') return state;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`operation ${id} still running`);
  }

  it('POST /campaigns sent twice in a row and twice at once with one key makes one operation, one campaign and one charge; another payload is 409', async () => {
    const user = newUser();
    const made = await chat(system, { user_id: user, session_id: 's1', message: 'Generate 2 ad images for a desk lamp' });
    await made.until('done');
    const creativeIds = (made.of('tool_complete')[0]!.result as { creatives: Array<{ creative_id: string }> }).creatives.map((c) => c.creative_id);
    const afterImages = await balance(system, user);
    const body = { user_id: user, platform: 'meta', daily_budget: 60, creative_ids: creativeIds, landing_url: 'https://shop.example/lamp' };
    const send = (json: unknown) => api(system, '/api/v1/campaigns', { json, headers: { 'idempotency-key': 'lamp-launch-1' } });

    const first = await send(body);
    expect(first.status).toBe(202);
    const ids = [(await first.json()).operation_id as string];
    ids.push((await (await send(body)).json()).operation_id as string);
    const together = await Promise.all([send(body), send(body)]);
    for (const r of together) ids.push((await r.json()).operation_id as string);
    expect(new Set(ids).size).toBe(1);
    expect((await settled(ids[0]!, user)).status).toBe('completed');

    // Beside the seeded campaigns, the ones this operation created carry its request key.
    const before = system.ads.world.objects(user, { platform: 'meta', level: 'campaign' }).filter((o) => !o.name.includes('[rk:'));
    const created = system.ads.world.objects(user, { platform: 'meta', level: 'campaign' }).filter((o) => o.name.includes('[rk:'));
    expect(before.length).toBeGreaterThan(0);
    expect(created).toHaveLength(1);
    expect(created[0]!.name).toContain(ids[0]!);
    expect(await balance(system, user)).toBe(afterImages - 10);

    const other = await send({ ...body, daily_budget: 70 });
    expect(other.status).toBe(409);
    expect((await other.json()).error.code).toBe('1009');
  });
});
