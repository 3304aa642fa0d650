/**
 * Per-user limit on new chat turns (Redis-backed, shared by every API instance): over the limit a
 * request gets 429 with code 1003 and Retry-After, and nothing starts.
 */
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../domain/errors.js';

export interface TurnRateLimiter {
  /** @throws AppError 1003 (details.retry_after_seconds) when the user is over the limit */
  consume(userId: string): Promise<void>;
}

/**
 * @param perMinute chat turns a user may start per minute
 */
export function createTurnRateLimiter(redis: Redis, perMinute: number): TurnRateLimiter {
  const limiter = new RateLimiterRedis({ storeClient: redis, keyPrefix: 'rl:chat-turn', points: perMinute, duration: 60 });
  return {
    async consume(userId) {
      try {
        await limiter.consume(userId);
      } catch (err) {
        if (!(err instanceof RateLimiterRes)) throw err;
        throw new AppError('1003', 'Too many chat turns, please retry later', {
          retry_after_seconds: Math.ceil(err.msBeforeNext / 1000),
          limit_per_minute: perMinute,
        });
      }
    },
  };
}
