/**
 * The rules' execution log and idempotency records in Redis (issue "Campaign automation" §5;
 * seed 001 需求 6.4):
 *
 * - `rules:log:v1:<ruleId>`: a list of JSON {@link RuleLogEntry}, newest first, trimmed to the last
 *   {@link RULE_LOG_MAX} checks, kept 90 days after the last write;
 * - `rules:logged:v1:<ruleId>:<checkId>`: marks a check as logged (30 days), so a repeated check
 *   (same check id: a retried activity, a replayed or re-run workflow) logs once; the marker and
 *   the entry are written atomically by one Lua script;
 * - `rules:check:v1:<ruleId>:<checkId>`: a check's stored evaluation (30 days), so a repeated check
 *   acts on the same plan;
 * - `rules:action:v1:<action key>`: an executed action's outcome (30 days).
 */
import type { Redis } from 'ioredis';
import { RULE_LOG_MAX, type RuleLogEntry } from '../../domain/rules/types.js';

/** Seconds idempotency records (checks, actions, log markers) are kept: 30 days. */
export const RULE_RECORD_TTL_SECONDS = 30 * 86_400;
/** Seconds a rule's log is kept after its last entry: 90 days. */
export const RULE_LOG_TTL_SECONDS = 90 * 86_400;

const enc = encodeURIComponent;

/** Redis key of a rule's execution log. */
export const ruleLogKey = (ruleId: string) => `rules:log:v1:${enc(ruleId)}`;
/** Redis key marking a check as logged. */
export const ruleLoggedKey = (ruleId: string, checkId: string) => `rules:logged:v1:${enc(ruleId)}:${enc(checkId)}`;
/** Redis key of a check's stored evaluation. */
export const ruleCheckStateKey = (ruleId: string, checkId: string) => `rules:check:v1:${enc(ruleId)}:${enc(checkId)}`;
/** Redis key of an executed action's outcome. */
export const ruleActionRecordKey = (actionKey: string) => `rules:action:v1:${actionKey}`;

/** Pushes the entry unless the check's marker exists: KEYS log, marker; ARGV entry, marker ttl, max, log ttl. */
const APPEND_ONCE = `
if redis.call('SET', KEYS[2], '1', 'NX', 'EX', tonumber(ARGV[2])) then
  redis.call('LPUSH', KEYS[1], ARGV[1])
  redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[3]) - 1)
  redis.call('EXPIRE', KEYS[1], tonumber(ARGV[4]))
  return 1
end
return 0
`;

/**
 * Appends a check's entry to its rule's log, once per check id.
 * @returns true when written, false when the check was logged before
 */
export async function appendRuleLogOnce(redis: Redis, entry: RuleLogEntry): Promise<boolean> {
  const written = await redis.eval(
    APPEND_ONCE,
    2,
    ruleLogKey(entry.rule_id),
    ruleLoggedKey(entry.rule_id, entry.check_id),
    JSON.stringify(entry),
    RULE_RECORD_TTL_SECONDS,
    RULE_LOG_MAX,
    RULE_LOG_TTL_SECONDS,
  );
  return written === 1;
}

/**
 * The latest entries of a rule's execution log, newest first (seed 需求 6.4).
 * @param limit at most this many entries (1-500, default 50)
 */
export async function ruleLog(redis: Redis, ruleId: string, limit = 50): Promise<RuleLogEntry[]> {
  const n = Math.max(1, Math.min(RULE_LOG_MAX, Math.floor(limit)));
  const raw = await redis.lrange(ruleLogKey(ruleId), 0, n - 1);
  return raw.map((r) => JSON.parse(r) as RuleLogEntry);
}

/**
 * Stores a value under a key unless one is there; returns the stored one (the first writer wins).
 * Used for a check's evaluation and an action's outcome.
 */
export async function storeOnce<T>(redis: Redis, key: string, value: T): Promise<{ value: T; first: boolean }> {
  const set = await redis.set(key, JSON.stringify(value), 'EX', RULE_RECORD_TTL_SECONDS, 'NX');
  if (set === 'OK') return { value, first: true };
  const existing = await redis.get(key);
  return existing === null ? { value, first: true } : { value: JSON.parse(existing) as T, first: false };
}

/** The value stored under a key, if any. */
export async function readStored<T>(redis: Redis, key: string): Promise<T | undefined> {
  const raw = await redis.get(key);
  return raw === null ? undefined : (JSON.parse(raw) as T);
}
