/**
 * The ad accounts of a user and the adapters that act on them (issue "Ad platforms" §1: credentials
 * per user come from the Web Platform, never from code). Used by the activities; no Temporal here.
 */
import type { Redis } from 'ioredis';
import { AppError } from '../../domain/errors.js';
import type { Platform } from '../../domain/chat/intent.js';
import type { WebPlatformClient } from '../mcp/web-platform-client.js';
import type { AdAccount, DateSpan, InsightRow, Level, PlatformAdapter } from '../../domain/ads/types.js';
import { createPlatformAdapter, type AdapterOptions } from './adapters.js';
import type { ReportClock } from './clock.js';
import { cachedInsights, insightsCacheKey } from './insights-cache.js';

export interface AdsServiceDeps {
  webPlatform: WebPlatformClient;
  redis: Redis;
  adapters: AdapterOptions;
  /** seconds fetched insights stay cached; 0 disables. */
  cacheTtlSeconds: number;
  clock: ReportClock;
}

/** A connected account with the adapter that acts on it. */
export interface ConnectedAccount {
  account: AdAccount;
  adapter: PlatformAdapter;
}

/** How long a user's ad accounts are reused before the Web Platform is asked again (ms). */
const ACCOUNTS_TTL_MS = 60_000;

export class AdsService {
  /** Recent get_ad_accounts answers per user: a command that changes N objects asks once, not N times. */
  private readonly accounts = new Map<string, { at: number; accounts: Promise<AdAccount[]> }>();

  constructor(private readonly deps: AdsServiceDeps) {}

  /** The user's accounts from the Web Platform, reused for {@link ACCOUNTS_TTL_MS}; a failed read is not kept. */
  private accountsOf(userId: string): Promise<AdAccount[]> {
    const now = Date.now();
    for (const [key, entry] of this.accounts) if (now - entry.at > ACCOUNTS_TTL_MS) this.accounts.delete(key);
    const hit = this.accounts.get(userId);
    if (hit) return hit.accounts;
    const accounts = this.deps.webPlatform.getAdAccounts({ user_id: userId }).then((r) => r.accounts);
    this.accounts.set(userId, { at: now, accounts });
    accounts.catch(() => this.accounts.delete(userId));
    return accounts;
  }

  /**
   * The user's connected accounts, optionally only on some platforms, each with its adapter.
   * @throws AppError 6000 when the user has no account on any of the asked platforms; 3000/3004 (retryable)
   */
  async connected(userId: string, platforms?: readonly Platform[]): Promise<ConnectedAccount[]> {
    const accounts = await this.accountsOf(userId);
    const wanted = accounts.filter((a) => !platforms?.length || platforms.includes(a.platform));
    if (wanted.length === 0) {
      throw new AppError('6000', undefined, { platforms: platforms?.length ? platforms : 'all', connected: accounts.map((a) => a.platform) });
    }
    return wanted.map((account) => ({ account, adapter: createPlatformAdapter(account, this.deps.adapters) }));
  }

  /**
   * The user's account on one platform.
   * @throws AppError 6000 when none is connected
   */
  async on(userId: string, platform: Platform): Promise<ConnectedAccount> {
    const [first] = await this.connected(userId, [platform]);
    return first!;
  }

  /** Today's date (ISO) for date ranges. @throws AppError 4000 when the sandbox clock is unavailable */
  today(): Promise<string> {
    return this.deps.clock();
  }

  /**
   * Daily insights of one account and level, from the cache when fresh.
   * @throws the adapter's AppErrors (1003/4000 retryable; 6001, 1002, ... not)
   */
  async insights(userId: string, connected: ConnectedAccount, level: Level, span: DateSpan): Promise<{ rows: InsightRow[]; cached: boolean }> {
    const key = insightsCacheKey(userId, connected.account, level, span);
    return cachedInsights(this.deps.redis, this.deps.cacheTtlSeconds, key, () => connected.adapter.insights(level, span));
  }
}
