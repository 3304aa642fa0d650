/**
 * Seed 001 correctness properties 7, 8, 9, 14 and 18 as fast-check properties, against the real
 * ads sandbox (Meta Graph API, TikTok Business API and Google Ads REST facades, in-process on port
 * 0), the real Web Platform sandbox (in-memory PGlite) through the real WebPlatformClient over both
 * transports, and the pure failure / retry-policy code. Nothing is mocked.
 *
 * - Property 7 (管理操作执行正确性): pause / start / delete sequences through the adapters.
 * - Property 8 (数据同步一致性): every change the platform accepted is recorded once in the Web Platform.
 * - Property 9 (API 重试机制): retryable flags, the 1 s / 2 s / 4 s schedule, no retry inside adapters.
 * - Property 14 (平台适配器路由): the adapter per platform and one result format.
 * - Property 18 (超时处理): a call slower than its timeout fails fast with 4000 (retryable).
 *
 * Every run uses a fresh sandbox user (its own seeded accounts), so runs share no platform state;
 * injected faults are cleared after every run.
 */
import { randomUUID } from 'node:crypto';
import { ApplicationFailure, compileRetryPolicy, decompileRetryPolicy } from '@temporalio/common';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPlatformAdapter, type AdapterOptions } from '../../src/integrations/ads/adapters.js';
import { createReportClock } from '../../src/integrations/ads/clock.js';
import { AdsService } from '../../src/integrations/ads/service.js';
import type { AppliedChange } from '../../src/activities/campaign-ops/ads-types.js';
import { createCampaignActivities } from '../../src/activities/campaign-ops/campaign-activities.js';
import { APP_ERROR_TYPE, toFailure, withCodedFailures } from '../../src/activities/kit/failures.js';
import { OPERATION_STATUS, type PlannedChange, type StatusOperation } from '../../src/domain/campaign-ops/changes.js';
import { AppError, ERROR_CODES, type ErrorCode } from '../../src/domain/errors.js';
import { WebPlatformClient } from '../../src/integrations/mcp/web-platform-client.js';
import type { ToolInput } from '../../src/integrations/mcp/web-platform-contract.js';
import { GoogleAdsAdapter } from '../../src/integrations/platforms/google/adapter.js';
import { PLATFORM_TIMEOUT_MS, platformFetch, type PlatformRequest } from '../../src/integrations/platforms/http.js';
import { MetaAdapter } from '../../src/integrations/platforms/meta/adapter.js';
import { TikTokAdapter } from '../../src/integrations/platforms/tiktok/adapter.js';
import type { AdAccount, DateSpan, InsightRow, Level, NormalizedStatus, Platform, PlatformAdapter, PlatformObject } from '../../src/domain/ads/types.js';
import { sandboxAccount } from '../../src/sandboxes/ads/accounts.js';
import { addDays } from '../../src/sandboxes/ads/clock.js';
import { startAdsSandbox, type RunningAdsSandbox } from '../../src/sandboxes/ads/server.js';
import type { WorldObject } from '../../src/sandboxes/ads/world-api.js';
import { startWebPlatformSandbox, type RunningWebPlatformSandbox } from '../../src/sandboxes/web-platform/server.js';
import { ACTIVITY_RETRY } from '../../src/workflows/kit/retry-policy.js';
import { appError } from '../support/errors.js';

const TODAY = '2026-11-23';
const TOKEN = 'campaign-ops-property-token-0123456789';
const RUNS = { numRuns: 100 };
const ADAPTER_OPTIONS: AdapterOptions = { metaApiVersion: 'v26.0', googleAdsApiVersion: 'v26', timeoutMs: 10_000 };

const NORMALISED: readonly NormalizedStatus[] = ['pending_review', 'active', 'paused', 'deleted', 'rejected'];
const PLATFORM = fc.constantFrom<Platform>('meta', 'tiktok', 'google');
const LEVEL = fc.constantFrom<Level>('campaign', 'adset', 'ad');
const OPERATION = fc.constantFrom<StatusOperation>('pause', 'start', 'delete');
const CODE = fc.constantFrom(...(Object.keys(ERROR_CODES) as ErrorCode[]));

let ads: RunningAdsSandbox;
let webPlatform: RunningWebPlatformSandbox;
let clients: Record<'mcp' | 'execute', WebPlatformClient>;
/** Never connected: AdsService needs a Redis for insights, which the activities used here do not read. */
let idleRedis: Redis;
let adsServices: Record<'mcp' | 'execute', AdsService>;

beforeAll(async () => {
  ads = await startAdsSandbox({ port: 0, today: TODAY });
  webPlatform = await startWebPlatformSandbox({ port: 0, serviceToken: TOKEN, initialCredits: 1000, adsUrl: ads.url });
  clients = {
    mcp: new WebPlatformClient({ baseUrl: webPlatform.url, token: TOKEN, transport: 'mcp', timeoutMs: 10_000 }),
    execute: new WebPlatformClient({ baseUrl: webPlatform.url, token: TOKEN, transport: 'execute', timeoutMs: 10_000 }),
  };
  idleRedis = new Redis({ lazyConnect: true });
  const service = (client: WebPlatformClient) =>
    new AdsService({ webPlatform: client, redis: idleRedis, adapters: ADAPTER_OPTIONS, cacheTtlSeconds: 0, clock: createReportClock(ads.url) });
  adsServices = { mcp: service(clients.mcp), execute: service(clients.execute) };
});

afterEach(() => ads?.world.clearFaults());

afterAll(async () => {
  idleRedis?.disconnect();
  await clients?.mcp.close();
  await clients?.execute.close();
  await webPlatform?.close();
  await ads?.close();
});

const world = () => ads.world;

/** A fresh sandbox user with its seeded accounts. */
function freshUser(prefix: string): string {
  const user = `${prefix}-${randomUUID().slice(0, 12)}`;
  world().ensureUser(user);
  return user;
}

/** The user's account on a platform, as the Web Platform would hand it out. */
function adAccount(platform: Platform, user: string): AdAccount {
  const a = sandboxAccount(platform, user);
  return {
    platform,
    account_id: a.account_id,
    access_token: a.token,
    currency: a.currency,
    base_url: `${ads.url}/${platform}`,
    name: a.name,
    ...(a.developer_token ? { developer_token: a.developer_token } : {}),
    ...(a.login_customer_id ? { login_customer_id: a.login_customer_id } : {}),
    ...(a.page_id ? { page_id: a.page_id } : {}),
    ...(a.identity_id ? { identity_id: a.identity_id } : {}),
  };
}

function adapterFor(platform: Platform, user: string, timeoutMs = ADAPTER_OPTIONS.timeoutMs): PlatformAdapter {
  return createPlatformAdapter(adAccount(platform, user), { ...ADAPTER_OPTIONS, timeoutMs });
}

/** Whether every parent (campaign, ad set) of a world object is active in the world. */
function parentsActive(obj: WorldObject): boolean {
  return [obj.campaign_id, obj.adset_id]
    .filter((id): id is string => id !== undefined && id !== obj.id)
    .every((id) => world().get(obj.platform, id)?.status === 'active');
}

/** The outcome of a promise, without throwing. */
async function settle<T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

/** Asserts the normalised object format (property 14). */
function expectUnifiedObject(o: PlatformObject, platform: Platform, level: Level): void {
  const allowed = new Set(['platform', 'level', 'id', 'name', 'status', 'platform_status', 'daily_budget', 'currency', 'campaign_id', 'adset_id']);
  expect(Object.keys(o).filter((k) => !allowed.has(k))).toEqual([]);
  expect(o.platform).toBe(platform);
  expect(o.level).toBe(level);
  expect(o.id).toMatch(/^\d+$/);
  expect(typeof o.name).toBe('string');
  expect(NORMALISED).toContain(o.status);
  expect(typeof o.platform_status).toBe('string');
  expect(o.platform_status.length).toBeGreaterThan(0);
  expect(o.currency).toBe('USD');
  if (o.daily_budget !== undefined) {
    expect(Number.isFinite(o.daily_budget)).toBe(true);
    expect(o.daily_budget).toBeGreaterThan(0);
    expect(Math.round(o.daily_budget * 100) / 100).toBe(o.daily_budget);
  }
  if (level === 'campaign') {
    expect(o.campaign_id).toBeUndefined();
    expect(o.adset_id).toBeUndefined();
  } else {
    expect(o.campaign_id).toMatch(/^\d+$/);
    if (level === 'ad') expect(o.adset_id).toMatch(/^\d+$/);
    else expect(o.adset_id).toBeUndefined();
  }
}

/** Asserts the normalised insight row format (property 14). */
function expectUnifiedRow(r: InsightRow, platform: Platform, level: Level, span: DateSpan): void {
  const allowed = new Set(['platform', 'level', 'id', 'name', 'campaign_id', 'adset_id', 'date', 'impressions', 'clicks', 'spend', 'conversions', 'revenue', 'currency']);
  expect(Object.keys(r).filter((k) => !allowed.has(k))).toEqual([]);
  expect(r.platform).toBe(platform);
  expect(r.level).toBe(level);
  expect(r.id).toMatch(/^\d+$/);
  expect(r.date >= span.since && r.date <= span.until).toBe(true);
  expect(r.currency).toBe('USD');
  for (const m of ['impressions', 'clicks', 'spend', 'conversions', 'revenue'] as const) {
    expect(Number.isFinite(r[m])).toBe(true);
    expect(r[m]).toBeGreaterThanOrEqual(0);
  }
  expect(Number.isInteger(r.impressions)).toBe(true);
  expect(Number.isInteger(r.clicks)).toBe(true);
}

describe('property 7: pause / start / delete through the adapters', () => {
  it('property 7: for any sequence of operations on seeded objects of any platform and level, the returned status is the target, the world shows it, and a deleted object stays deleted', async () => {
    // Small picks, so that sequences often come back to an object (including one they deleted).
    const step = fc.record({ platform: PLATFORM, pick: fc.nat({ max: 3 }), op: OPERATION });
    await fc.assert(
      fc.asyncProperty(LEVEL, fc.array(step, { minLength: 1, maxLength: 8 }), async (level, steps) => {
        const user = freshUser('p7');
        const adapters = new Map<Platform, PlatformAdapter>();
        const adapter = (p: Platform) => adapters.get(p) ?? adapters.set(p, adapterFor(p, user)).get(p)!;
        // One level per run, on objects whose parents stay active: a paused or deleted parent would show
        // through the child's effective status (Meta's effective_status), which is not what is tested here.
        const pool = (p: Platform) =>
          world()
            .objects(user, { platform: p, level })
            .filter((o) => (o.status === 'active' || o.status === 'paused') && parentsActive(o));
        const pools = { meta: pool('meta'), tiktok: pool('tiktok'), google: pool('google') };
        const expected = new Map<string, { platform: Platform; status: 'active' | 'paused' | 'deleted' }>();

        for (const { platform, pick, op } of steps) {
          expect(pools[platform].length).toBeGreaterThan(0);
          const obj = pools[platform][pick % pools[platform].length]!;
          const before = world().get(platform, obj.id)!.status;
          const target = OPERATION_STATUS[op];
          const outcome = await settle(adapter(platform).setStatus(level, obj.id, target));
          if (before === 'deleted') {
            // Deleted stays deleted: turning it on or off is refused (1001, not retryable); deleting
            // it again is refused or is a no-op.
            if (outcome.ok) {
              expect(target).toBe('deleted');
              expect(outcome.value.status).toBe('deleted');
            } else {
              expect(outcome.error).toBeInstanceOf(AppError);
              expect((outcome.error as AppError).code).toBe('1001');
              expect((outcome.error as AppError).retryable).toBe(false);
            }
            expect(world().get(platform, obj.id)!.status).toBe('deleted');
            continue;
          }
          if (!outcome.ok) throw outcome.error;
          expect(outcome.value).toMatchObject({ platform, level, id: obj.id, status: target });
          expect(world().get(platform, obj.id)!.status).toBe(target);
          expected.set(obj.id, { platform, status: target });
        }

        // Read back: get shows the last status of every touched object; list leaves out exactly the deleted ones.
        for (const [id, { platform, status }] of expected) {
          expect((await adapter(platform).get(level, id)).status).toBe(status);
          expect(world().get(platform, id)!.status).toBe(status);
        }
        for (const platform of new Set([...expected.values()].map((e) => e.platform))) {
          const listed = new Set((await adapter(platform).list(level)).map((o) => o.id));
          for (const [id, e] of expected) if (e.platform === platform) expect(listed.has(id)).toBe(e.status !== 'deleted');
        }
      }),
      RUNS,
    );
  });
});

describe('property 8: changes the platform accepted are synchronised to the Web Platform', () => {
  it('property 8: for any sequence of applied changes, each is recorded exactly once per operation id (retried records included), newest first, and a repeat is a duplicate', async () => {
    const kind = fc.oneof(
      OPERATION.map((op) => ({ type: 'status' as const, op })),
      fc.integer({ min: 50_00, max: 500_00 }).map((cents) => ({ type: 'budget' as const, amount: cents / 100 })),
    );
    const step = fc.record({ platform: PLATFORM, pick: fc.nat(), kind });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<'mcp' | 'execute'>('mcp', 'execute'),
        fc.array(step, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 2 }),
        async (transport, steps, recordAttempts) => {
          const user = freshUser('p8');
          const client = clients[transport];
          const acts = createCampaignActivities({ ads: adsServices[transport], webPlatform: client });
          const recorded: Array<{ operationId: string; applied: AppliedChange }> = [];

          for (const { platform, pick, kind: k } of steps) {
            const candidates = world()
              .objects(user, { platform })
              .filter((o) => o.status !== 'deleted' && (k.type === 'status' || (o.level !== 'ad' && o.daily_budget !== undefined)));
            if (candidates.length === 0) continue;
            const obj = candidates[pick % candidates.length]!;
            const change: PlannedChange = {
              platform,
              level: obj.level,
              id: obj.id,
              name: obj.name,
              currency: 'USD',
              status_before: obj.status,
              ...(k.type === 'status' ? { status_after: OPERATION_STATUS[k.op] } : { budget_before: obj.daily_budget!, budget_after: k.amount }),
            };
            const outcome = await settle(acts.applyCampaignChange({ userId: user, change }));
            if (!outcome.ok) {
              // Refused by the platform (e.g. a child of a deleted parent): a coded, final error, and nothing to record.
              expect(outcome.error).toBeInstanceOf(AppError);
              expect((outcome.error as AppError).retryable).toBe(false);
              continue;
            }
            const applied = outcome.value;
            if (change.status_after) expect(world().get(platform, obj.id)!.status).toBe(change.status_after);
            else expect(world().get(platform, obj.id)!.daily_budget).toBe(change.budget_after);
            const operationId = `p8-${randomUUID()}`;
            // A retried record activity sends the same operation id again.
            for (let i = 0; i < recordAttempts; i++) await acts.recordCampaignChange({ userId: user, change: applied, operationId });
            recorded.push({ operationId, applied });
          }

          const { changes } = await client.listCampaignChanges({ user_id: user, limit: 500 });
          expect(changes.map((c) => c.operation_id)).toEqual(recorded.map((r) => r.operationId).reverse());
          for (const c of changes) {
            const { applied } = recorded.find((r) => r.operationId === c.operation_id)!;
            expect(c).toMatchObject({ user_id: user, platform: applied.platform, level: applied.level, object_id: applied.id, object_name: applied.name });
            const expectedChange: ToolInput<'update_campaign'>['change'] = applied.status_after
              ? { status: applied.status_after }
              : { daily_budget: applied.budget_after!, previous_daily_budget: applied.budget_before! };
            expect(c.change).toEqual(expectedChange);
            // The same operation id again: the first record, flagged duplicate.
            const again = await client.updateCampaign({
              user_id: user,
              platform: c.platform,
              level: c.level,
              object_id: c.object_id,
              change: expectedChange,
              operation_id: c.operation_id!,
            });
            expect(again).toMatchObject({ id: c.id, duplicate: true, operation_id: c.operation_id });
          }
          expect((await client.listCampaignChanges({ user_id: user, limit: 500 })).changes).toEqual(changes);
        },
      ),
      RUNS,
    );
  });
});

describe('property 9: retries with exponential backoff, up to 3 times', () => {
  it('property 9: for any coded error, toFailure is an AppError ApplicationFailure, non-retryable exactly when the code is not retryable', async () => {
    const details = fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
    await fc.assert(
      fc.asyncProperty(CODE, fc.option(fc.string({ minLength: 1, maxLength: 60 }), { nil: undefined }), details, async (code, message, det) => {
        const err = new AppError(code, message, det);
        const failure = toFailure(err);
        expect(failure).toBeInstanceOf(ApplicationFailure);
        const af = failure as ApplicationFailure;
        expect(af.type).toBe(APP_ERROR_TYPE);
        expect(af.nonRetryable).toBe(!ERROR_CODES[code].retryable);
        expect(af.message).toBe(`${code}: ${err.message}`);
        expect(af.details).toEqual([{ code, message: err.message, details: det }]);
        // The activity wrapper throws the same failure.
        const wrapped = withCodedFailures({
          act: async () => {
            throw err;
          },
        });
        const thrown = await wrapped.act().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(thrown).toBeInstanceOf(ApplicationFailure);
        expect((thrown as ApplicationFailure).nonRetryable).toBe(af.nonRetryable);
      }),
      { numRuns: 200 },
    );
    // Anything that is not an AppError passes through unchanged.
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(toFailure(value)).toBe(value);
      }),
      RUNS,
    );
  });

  it('property 9: for any sequence of attempt outcomes, the activity retry policy waits 1 s, 2 s, 4 s and never retries more than 3 times', () => {
    const policy = decompileRetryPolicy(compileRetryPolicy(ACTIVITY_RETRY))!;
    const initial = Number(policy.initialInterval);
    const coefficient = policy.backoffCoefficient!;
    const maxInterval = Number(policy.maximumInterval);
    const maxAttempts = policy.maximumAttempts!;
    expect({ initial, coefficient, maxInterval, maxAttempts }).toEqual({ initial: 1000, coefficient: 2, maxInterval: 4000, maxAttempts: 4 });
    /** Temporal's activity retry: the wait before retry k (1-based), from the policy. */
    const backoff = (k: number) => Math.min(initial * coefficient ** (k - 1), maxInterval);

    // Each attempt either succeeds ('ok') or fails with a coded error; the policy decides what follows.
    const outcome = fc.oneof(fc.constant<'ok'>('ok'), CODE);
    fc.assert(
      fc.property(fc.array(outcome, { minLength: 1, maxLength: 10 }), (outcomes) => {
        const waits: number[] = [];
        let attempts = 0;
        let result: 'ok' | 'failed' | 'exhausted' | undefined;
        while (result === undefined) {
          attempts += 1;
          const o = outcomes[attempts - 1] ?? 'ok';
          if (o === 'ok') result = 'ok';
          else if ((toFailure(new AppError(o)) as ApplicationFailure).nonRetryable) result = 'failed';
          else if (attempts >= maxAttempts) result = 'exhausted';
          else waits.push(backoff(attempts));
        }
        expect(waits.length).toBeLessThanOrEqual(3);
        expect(attempts).toBe(waits.length + 1);
        expect(waits).toEqual([1000, 2000, 4000].slice(0, waits.length));
        // Independently: the first attempt that succeeds or fails for good ends it, within 4 attempts.
        const decisive = outcomes.findIndex((o) => o === 'ok' || !ERROR_CODES[o].retryable);
        if (decisive !== -1 && decisive < 4) {
          expect(attempts).toBe(decisive + 1);
          expect(result).toBe(outcomes[decisive] === 'ok' ? 'ok' : 'failed');
        } else if (outcomes.length < 4 && decisive === -1) {
          expect(result).toBe('ok');
          expect(attempts).toBe(outcomes.length + 1);
        } else {
          expect(result).toBe('exhausted');
          expect(attempts).toBe(4);
          expect(waits.reduce((a, b) => a + b, 0)).toBe(7000);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('property 9: for any n injected rate-limit / server errors on a platform path, the adapter fails n times with a retryable code (no hidden retry), then succeeds; after 4 attempts the retries are exhausted', async () => {
    const RETRYABLE_FAULTS: Record<'rate_limit' | 'server_error', ErrorCode> = { rate_limit: '1003', server_error: '4000' };
    const TIKTOK_PATH: Record<Level, string> = { campaign: '/campaign/get/', adset: '/adgroup/get/', ad: '/ad/get/' };
    const META_EDGE: Record<Level, string> = { campaign: '/campaigns', adset: '/adsets', ad: '/ads' };
    const maxAttempts = ACTIVITY_RETRY.maximumAttempts;
    await fc.assert(
      fc.asyncProperty(
        PLATFORM,
        LEVEL,
        fc.constantFrom<'get' | 'list' | 'insights'>('get', 'list', 'insights'),
        fc.constantFrom<'rate_limit' | 'server_error'>('rate_limit', 'server_error'),
        fc.integer({ min: 0, max: 6 }),
        fc.boolean(),
        async (platform, level, op, mode, n, withPath) => {
          const user = freshUser('p9');
          const obj = world().objects(user, { platform, level })[0]!;
          const adapter = adapterFor(platform, user);
          const span = { since: addDays(TODAY, -7), until: addDays(TODAY, -1) };
          const call = (): Promise<unknown> =>
            op === 'get' ? adapter.get(level, obj.id) : op === 'list' ? adapter.list(level) : adapter.insights(level, span);
          const baseline = await call();
          const path =
            platform === 'google'
              ? 'googleAds:search'
              : platform === 'tiktok'
                ? op === 'insights'
                  ? '/report/integrated/get/'
                  : TIKTOK_PATH[level]
                : op === 'insights'
                  ? '/insights'
                  : op === 'get'
                    ? `/${obj.id}`
                    : META_EDGE[level];
          if (n > 0) world().addFault({ platform, mode, count: n, ...(withPath ? { path } : {}) });

          // The activity retry loop, driven by the retryable flag of the failure the activity would throw.
          const codes: string[] = [];
          let result: unknown;
          let succeeded = false;
          for (let attempt = 1; attempt <= maxAttempts; attempt++) {
            const outcome = await settle(call());
            if (outcome.ok) {
              result = outcome.value;
              succeeded = true;
              break;
            }
            expect(outcome.error).toBeInstanceOf(AppError);
            codes.push((outcome.error as AppError).code);
            expect((toFailure(outcome.error) as ApplicationFailure).nonRetryable).toBe(false);
          }
          expect(codes).toEqual(Array.from({ length: Math.min(n, maxAttempts) }, () => RETRYABLE_FAULTS[mode]));
          expect(succeeded).toBe(n < maxAttempts);
          if (succeeded) expect(result).toEqual(baseline);
          world().clearFaults();
        },
      ),
      RUNS,
    );
  });
});

describe('property 14: routing to the platform adapter, one result format', () => {
  it('property 14: for any platform and level, the adapter speaks that platform and returns objects and insights in the normalised format, equal to the platform state', async () => {
    const ADAPTER_CLASS = { meta: MetaAdapter, tiktok: TikTokAdapter, google: GoogleAdsAdapter } as const;
    const daysBack = fc.tuple(fc.integer({ min: 0, max: 29 }), fc.integer({ min: 0, max: 29 })).map(([a, b]): [number, number] => (a >= b ? [a, b] : [b, a]));
    await fc.assert(
      fc.asyncProperty(PLATFORM, LEVEL, daysBack, fc.nat(), async (platform, level, [from, to], pick) => {
        const user = freshUser('p14');
        const account = adAccount(platform, user);
        const adapter = createPlatformAdapter(account, ADAPTER_OPTIONS);
        expect(adapter).toBeInstanceOf(ADAPTER_CLASS[platform]);
        expect(adapter.platform).toBe(platform);
        expect(adapter.account).toEqual(account);

        const truth = world()
          .objects(user, { platform, level })
          .filter((o) => o.status !== 'deleted');
        const listed = await adapter.list(level);
        expect(listed.map((o) => o.id).sort()).toEqual(truth.map((o) => o.id).sort());
        for (const o of listed) {
          expectUnifiedObject(o, platform, level);
          const w = truth.find((t) => t.id === o.id)!;
          expect(o.name).toBe(w.name);
          // Budgets in MAJOR units, whatever the wire units (Meta minor units, Google micros).
          expect(o.daily_budget).toBe(w.daily_budget);
          if (level !== 'campaign') expect(o.campaign_id).toBe(w.campaign_id);
          if (level === 'ad') expect(o.adset_id).toBe(w.adset_id);
          if (w.status === 'paused') expect(o.status).toBe('paused');
          if (w.status === 'active' && parentsActive(w)) expect(o.status).toBe('active');
        }
        const one = listed[pick % listed.length]!;
        expect(await adapter.get(level, one.id)).toEqual(one);

        const span = { since: addDays(TODAY, -from), until: addDays(TODAY, -to) };
        const rows = await adapter.insights(level, span);
        const stats = world().stats(platform, account.account_id, level, span.since, span.until);
        expect(rows.map((r) => `${r.id}@${r.date}`).sort()).toEqual(stats.map((s) => `${s.id}@${s.date}`).sort());
        for (const r of rows) {
          expectUnifiedRow(r, platform, level, span);
          const s = stats.find((x) => x.id === r.id && x.date === r.date)!;
          expect(r.impressions).toBe(s.impressions);
          expect(r.clicks).toBe(s.clicks);
          expect(r.conversions).toBeCloseTo(s.conversions, 6);
          expect(r.spend).toBeCloseTo(s.spend, 2);
          expect(r.revenue).toBeCloseTo(s.revenue, 2);
        }
      }),
      RUNS,
    );
  });
});

describe('property 18: timeouts', () => {
  it('property 18: for any timeout of 20-200 ms against a slower platform call, platformFetch and the adapters fail with 4000 (retryable, reason timeout) within a bounded time', async () => {
    expect(PLATFORM_TIMEOUT_MS).toBe(30_000);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 20, max: 200 }),
        fc.integer({ min: 40, max: 300 }),
        PLATFORM,
        LEVEL,
        fc.constantFrom<'platformFetch' | 'get' | 'list' | 'insights'>('platformFetch', 'get', 'list', 'insights'),
        async (timeoutMs, extra, platform, level, via) => {
          const user = freshUser('p18');
          const account = adAccount(platform, user);
          const obj = world().objects(user, { platform, level })[0]!;
          world().addFault({ platform, mode: 'latency', latency_ms: timeoutMs + extra, count: 1 });
          const adapter = adapterFor(platform, user, timeoutMs);
          const span = { since: addDays(TODAY, -3), until: addDays(TODAY, -1) };
          const requests: Record<Platform, PlatformRequest> = {
            meta: { method: 'GET', url: `${account.base_url}/v26.0/${account.account_id}/campaigns`, headers: { authorization: `Bearer ${account.access_token}` }, timeoutMs },
            tiktok: {
              method: 'GET',
              url: `${account.base_url}/open_api/v1.3/campaign/get/?advertiser_id=${account.account_id}`,
              headers: { 'access-token': account.access_token },
              timeoutMs,
            },
            google: {
              method: 'POST',
              url: `${account.base_url}/v26/customers/${account.account_id}/googleAds:search`,
              headers: { authorization: `Bearer ${account.access_token}`, 'developer-token': account.developer_token ?? '', 'login-customer-id': account.login_customer_id ?? '' },
              json: { query: 'SELECT campaign.id FROM campaign' },
              timeoutMs,
            },
          };
          const started = performance.now();
          const call =
            via === 'platformFetch'
              ? platformFetch(platform, requests[platform])
              : via === 'get'
                ? adapter.get(level, obj.id)
                : via === 'list'
                  ? adapter.list(level)
                  : adapter.insights(level, span);
          const err = await appError(call);
          const elapsed = performance.now() - started;
          expect(err.code).toBe('4000');
          expect(err.retryable).toBe(true);
          expect(err.details).toMatchObject({ platform, reason: 'timeout', timeout_ms: timeoutMs });
          expect((toFailure(err) as ApplicationFailure).nonRetryable).toBe(false);
          // Bounded: not before the timeout, and long before a slow call would have finished on its own.
          expect(elapsed).toBeGreaterThanOrEqual(timeoutMs - 2);
          expect(elapsed).toBeLessThan(timeoutMs + 1_000);
          world().clearFaults();
        },
      ),
      RUNS,
    );
  });
});
