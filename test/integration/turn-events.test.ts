/** The turn event store on real Redis: dedupe under retries, ordered resume, blocking reads. */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, expect, it } from 'vitest';
import { TurnEventStore } from '../../src/integrations/redis/turn-event-store.js';
import { services } from './services.js';

const redis = new Redis(services().redisUrl);
const store = new TurnEventStore(redis);
afterAll(() => redis.disconnect());

it('publishes each dedupe key once and resumes after any id', async () => {
  const turn = randomUUID();
  const a = await store.publish(turn, { type: 'tool_start', tool: 't', step: 0 }, 'tool_start-0');
  const again = await store.publish(turn, { type: 'tool_start', tool: 't', step: 0 }, 'tool_start-0');
  expect(again).toBe(a);
  const b = await store.publish(turn, { type: 'token', content: 'hi' }, 'token-0');
  const c = await store.publish(turn, { type: 'done', status: 'completed' }, 'done');
  expect((await store.read(turn, '0', 10)).map((e) => e.id)).toEqual([a, b, c]);
  expect((await store.read(turn, a, 10)).map((e) => e.event.type)).toEqual(['token', 'done']);
  expect(await redis.ttl(`turn:${turn}:events`)).toBeGreaterThan(0);
});

it('waits for the next event when reading at the end', async () => {
  const turn = randomUUID();
  const first = await store.publish(turn, { type: 'token', content: 'a' }, 'k1');
  const reader = new TurnEventStore(redis.duplicate());
  const pending = reader.read(turn, first, 2000);
  await new Promise((r) => setTimeout(r, 100));
  await store.publish(turn, { type: 'token', content: 'b' }, 'k2');
  expect((await pending).map((e) => e.event)).toEqual([{ type: 'token', content: 'b' }]);
  expect(await reader.exists(turn)).toBe(true);
  expect(await reader.exists(randomUUID())).toBe(false);
});
