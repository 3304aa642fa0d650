/**
 * Turn events in a Redis stream per turn (`turn:{id}:events`), so SSE clients can resume from
 * Last-Event-ID (seed 000 需求 13.1-13.3). Publishing is idempotent per dedupe key: an activity
 * retried by Temporal publishes each of its events once.
 */
import type { Redis } from 'ioredis';
import type { StoredTurnEvent, TurnEvent } from '../../domain/chat/events.js';

/** Events and their dedupe keys expire this long after the last write (seconds). */
export const TURN_EVENTS_TTL_SECONDS = 24 * 3600;

const streamKey = (turnId: string) => `turn:${turnId}:events`;
const dedupeKey = (turnId: string) => `turn:${turnId}:event-keys`;

/**
 * KEYS[1] stream, KEYS[2] dedupe hash; ARGV[1] dedupe key ('' for none), ARGV[2] data, ARGV[3] ttl.
 * Returns the new entry id, or the id the key was first published under.
 */
const PUBLISH_SCRIPT = `
if ARGV[1] ~= '' then
  local existing = redis.call('HGET', KEYS[2], ARGV[1])
  if existing then return existing end
end
local id = redis.call('XADD', KEYS[1], '*', 'data', ARGV[2])
if ARGV[1] ~= '' then redis.call('HSET', KEYS[2], ARGV[1], id) end
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[3])
return id
`;

/**
 * Many events in one call (a reply's tokens): KEYS as above; ARGV[1] ttl, then pairs of dedupe key
 * ('' for none) and data. Returns the entry ids in order (a repeated key: its first id).
 */
const PUBLISH_MANY_SCRIPT = `
local ids = {}
for i = 2, #ARGV, 2 do
  local existing = false
  if ARGV[i] ~= '' then existing = redis.call('HGET', KEYS[2], ARGV[i]) end
  if existing then
    ids[#ids + 1] = existing
  else
    local id = redis.call('XADD', KEYS[1], '*', 'data', ARGV[i + 1])
    if ARGV[i] ~= '' then redis.call('HSET', KEYS[2], ARGV[i], id) end
    ids[#ids + 1] = id
  end
end
redis.call('EXPIRE', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[2], ARGV[1])
return ids
`;

export class TurnEventStore {
  constructor(private readonly redis: Redis) {}

  /**
   * Appends an event to the turn's stream.
   * @param key dedupe key: a second publish with the same key appends nothing and returns the first id
   * @returns the stream entry id (the SSE id)
   */
  async publish(turnId: string, event: TurnEvent, key?: string): Promise<string> {
    const id = await this.redis.eval(
      PUBLISH_SCRIPT,
      2,
      streamKey(turnId),
      dedupeKey(turnId),
      key ?? '',
      JSON.stringify(event),
      String(TURN_EVENTS_TTL_SECONDS),
    );
    return String(id);
  }

  /**
   * Appends events in order in one round trip (idempotent per key like {@link publish}).
   * @returns the stream entry ids, in order
   */
  async publishMany(turnId: string, events: ReadonlyArray<{ event: TurnEvent; key?: string }>): Promise<string[]> {
    if (events.length === 0) return [];
    const args = events.flatMap(({ event, key }) => [key ?? '', JSON.stringify(event)]);
    const ids = (await this.redis.eval(PUBLISH_MANY_SCRIPT, 2, streamKey(turnId), dedupeKey(turnId), String(TURN_EVENTS_TTL_SECONDS), ...args)) as string[];
    return ids.map(String);
  }

  /**
   * Reads events after `afterId` ('0' for all), waiting up to blockMs for the first new one.
   * @returns events oldest first (empty when none arrived in time)
   */
  async read(turnId: string, afterId: string, blockMs: number, count = 200): Promise<StoredTurnEvent[]> {
    const reply = (await this.redis.xread('COUNT', count, 'BLOCK', blockMs, 'STREAMS', streamKey(turnId), afterId)) as
      | Array<[string, Array<[string, string[]]>]>
      | null;
    if (!reply) return [];
    return reply[0]![1].map(([id, fields]) => ({ id, event: JSON.parse(fields[1]!) as TurnEvent }));
  }

  /** Whether any event of the turn exists. */
  async exists(turnId: string): Promise<boolean> {
    return (await this.redis.exists(streamKey(turnId))) === 1;
  }
}
