/**
 * The ads sandbox's world (see world-api.ts): accounts per user seeded on first use, objects,
 * a clock, delivery rows in memory and fault rules. Deterministic: ids come from per-platform
 * counters, delivery from simulator.ts keyed by object and date, and the date only from the clock.
 *
 * Completed days (< today) are materialised when they pass: seeding a user materialises its 30
 * past days, `advanceDays` simulates each passing day under the state at that time (so budget and
 * status changes take effect from the day they are made). Today delivers half a day under the
 * current state, computed on read. Money in MAJOR units of the account currency.
 */
import { AppError } from '../../domain/errors.js';
import type { Platform } from '../../domain/chat/intent.js';
import { sumMetrics, type BaseMetrics } from '../../domain/ads/metrics.js';
import type { Level } from '../../domain/ads/types.js';
import { accountForToken, sandboxAccounts, type SandboxAccount } from './accounts.js';
import { addDays, datesBetween, isIsoDate, utcToday } from './clock.js';
import { FaultStore } from './faults.js';
import { HISTORY_DAYS, SEED, STORY_DAYS, STORY_EFFECTS, type SeedAd, type SeedAdSet, type SeedCampaign } from './seed.js';
import {
  allocateBudgets,
  generatedProfile,
  NO_CARRY,
  profileWithRoas,
  simulateAdDay,
  type AdProfile,
  type Carry,
  type StoryEffect,
} from './simulator.js';
import type { AdsWorld, WorldAccount, WorldDayStat, WorldObject, WorldStory, WorldTotals } from './world-api.js';

/** Options of a world. */
export interface AdsWorldOptions {
  /** the clock's start, ISO date; default today's UTC date. */
  today?: string;
}

/** What the simulator needs to know about an ad. */
interface AdSim {
  key: string;
  profile: AdProfile;
  effects: StoryEffect[];
}

interface AccountState {
  account: SandboxAccount;
  /** the account's objects in creation order. */
  objects: WorldObject[];
}

interface UserState {
  accounts: SandboxAccount[];
  stories: WorldStory[];
}

/** Per-platform id generators: Meta 17 digits starting 2385, TikTok 19 digits starting 17, Google 11 digits. */
const ID_BASE: Record<Platform, bigint> = { meta: 23851000000000000n, tiktok: 1760000000000000000n, google: 20000000000n };
const ID_STEP: Record<Platform, bigint> = { meta: 982451653n, tiktok: 982451653n, google: 7919n };

const objectKey = (platform: Platform, id: string) => `${platform}|${id}`;
const round2 = (x: number) => Math.round(x * 100) / 100;
const roundMoney = (m: BaseMetrics): BaseMetrics => ({ ...m, spend: round2(m.spend), revenue: round2(m.revenue) });

/**
 * Creates a world whose clock starts at `opts.today` (ISO date, default today's UTC date).
 * @throws AppError 1001 when `today` is not an ISO date
 */
export function createAdsWorld(opts: AdsWorldOptions = {}): AdsWorld {
  if (opts.today !== undefined && !isIsoDate(opts.today)) throw new AppError('1001', `today must be YYYY-MM-DD, got ${opts.today}`);
  let today = opts.today ?? utcToday();
  const users = new Map<string, UserState>();
  const accounts = new Map<string, AccountState>();
  const objects = new Map<string, WorldObject>();
  const sims = new Map<string, AdSim>();
  /** materialised delivery per ad (object key) and date; only days with delivery. */
  const rows = new Map<string, Map<string, BaseMetrics>>();
  const carries = new Map<string, Carry>();
  const counters: Record<Platform, bigint> = { meta: 0n, tiktok: 0n, google: 0n };
  const faults = new FaultStore();

  function nextId(platform: Platform): string {
    counters[platform] += 1n;
    return String(ID_BASE[platform] + counters[platform] * ID_STEP[platform]);
  }

  function accountState(platform: Platform, accountId: string): AccountState | undefined {
    return accounts.get(objectKey(platform, accountId));
  }

  function requireAccount(platform: Platform, accountId: string): AccountState {
    const state = accountState(platform, accountId);
    if (!state) throw new AppError('1004', `no ${platform} account ${accountId}`, { platform, account_id: accountId });
    return state;
  }

  function requireDate(name: string, value: string): void {
    if (!isIsoDate(value)) throw new AppError('1001', `${name} must be YYYY-MM-DD, got ${value}`, { [name]: value });
  }

  function insert(state: AccountState, obj: WorldObject, sim?: AdSim): WorldObject {
    state.objects.push(obj);
    objects.set(objectKey(obj.platform, obj.id), obj);
    if (sim) sims.set(objectKey(obj.platform, obj.id), sim);
    return obj;
  }

  /** Each live ad's budget on `date` under the account's current state. */
  function budgetsOn(state: AccountState, date: string): Map<string, number> {
    const live = (o: WorldObject) => o.status === 'active' && o.created_on <= date;
    const node = (o: WorldObject) => ({ id: o.id, live: live(o), ...(o.daily_budget !== undefined ? { daily_budget: o.daily_budget } : {}) });
    const of = (level: Level) => state.objects.filter((o) => o.level === level);
    const ads = of('ad');
    const adsets = of('adset');
    return allocateBudgets(
      of('campaign').map((c) => ({
        ...node(c),
        adsets: adsets
          .filter((s) => s.campaign_id === c.id)
          .map((s) => ({ ...node(s), ads: ads.filter((a) => a.adset_id === s.id).map(node) })),
      })),
    );
  }

  /** Simulates `date` for the account's ads; `persist` stores rows and carries (completed days). */
  function deliverDay(state: AccountState, date: string, fraction: number, persist: boolean): Map<string, BaseMetrics> {
    const out = new Map<string, BaseMetrics>();
    for (const [adId, budget] of budgetsOn(state, date)) {
      const key = objectKey(state.account.platform, adId);
      const sim = sims.get(key);
      if (!sim) continue;
      const result = simulateAdDay({ key: sim.key, date, budget, fraction, profile: sim.profile, effects: sim.effects, carry: carries.get(key) ?? NO_CARRY });
      if (result.delivery.spend <= 0) continue;
      out.set(adId, result.delivery);
      if (!persist) continue;
      carries.set(key, result.carry);
      let days = rows.get(key);
      if (!days) rows.set(key, (days = new Map()));
      days.set(date, result.delivery);
    }
    return out;
  }

  function seedUser(userId: string): UserState {
    const user: UserState = { accounts: sandboxAccounts(userId), stories: [] };
    const start = addDays(today, -HISTORY_DAYS);
    const storyStart = addDays(today, -STORY_DAYS);
    const pauses: { obj: WorldObject; on: string }[] = [];
    for (const account of user.accounts) {
      const key = objectKey(account.platform, account.account_id);
      const taken = accounts.get(key);
      if (taken) throw new AppError('1009', `account id ${account.account_id} of user ${userId} is taken by user ${taken.account.user_id}`);
      const state: AccountState = { account, objects: [] };
      accounts.set(key, state);
      const seeder = new Seeder(account, state, start, storyStart, pauses, user.stories);
      SEED[account.platform].forEach((c) => seeder.campaign(c));
    }
    users.set(userId, user);
    for (const date of datesBetween(start, addDays(today, -1))) {
      for (const p of pauses) if (p.on <= date) p.obj.status = 'paused';
      for (const account of user.accounts) deliverDay(requireAccount(account.platform, account.account_id), date, 1, true);
    }
    for (const p of pauses) p.obj.status = 'paused';
    return user;
  }

  /** Creates one account's seeded objects and records its stories. */
  class Seeder {
    constructor(
      private readonly account: SandboxAccount,
      private readonly state: AccountState,
      private readonly start: string,
      private readonly storyStart: string,
      private readonly pauses: { obj: WorldObject; on: string }[],
      private readonly stories: WorldStory[],
    ) {}

    private object(level: Level, spec: { name: string; paused_days_ago?: number }, fields: Partial<WorldObject>, sim?: AdSim): WorldObject {
      const { platform, account_id } = this.account;
      const neverActive = (spec.paused_days_ago ?? 0) >= HISTORY_DAYS;
      const obj = insert(
        this.state,
        { platform, account_id, level, id: nextId(platform), name: spec.name, status: neverActive ? 'paused' : 'active', created_on: this.start, extra: {}, ...fields },
        sim,
      );
      if (spec.paused_days_ago !== undefined && !neverActive) this.pauses.push({ obj, on: addDays(today, -spec.paused_days_ago) });
      return obj;
    }

    private story(kind: WorldStory['kind'], obj: WorldObject): void {
      const since = STORY_EFFECTS[kind].ctr !== undefined || STORY_EFFECTS[kind].cvr !== undefined ? this.storyStart : this.start;
      this.stories.push({
        kind,
        platform: obj.platform,
        account_id: obj.account_id,
        level: obj.level,
        id: obj.id,
        name: obj.name,
        campaign_id: obj.campaign_id ?? obj.id,
        since,
        detail: STORY_EFFECTS[kind].detail,
      });
    }

    campaign(spec: SeedCampaign): void {
      const campaign = this.object('campaign', spec, {
        objective: spec.objective,
        ...(spec.daily_budget !== undefined ? { daily_budget: spec.daily_budget } : {}),
      });
      for (const s of spec.adsets) this.adset(s, campaign);
    }

    private adset(spec: SeedAdSet, campaign: WorldObject): void {
      const adset = this.object('adset', spec, {
        campaign_id: campaign.id,
        targeting: { ...spec.targeting },
        ...(spec.daily_budget !== undefined ? { daily_budget: spec.daily_budget } : {}),
      });
      for (const a of spec.ads) this.ad(a, adset, spec.story);
      if (spec.story) this.story(spec.story, adset);
    }

    private ad(spec: SeedAd, adset: WorldObject, adsetStory: SeedAdSet['story']): void {
      const { platform, account_id } = this.account;
      const key = `${platform}|${account_id}|${adset.name}|${spec.name}`;
      const effects: StoryEffect[] = [];
      for (const kind of [adsetStory, spec.story]) {
        if (!kind) continue;
        const { ctr, cvr } = STORY_EFFECTS[kind];
        if (ctr !== undefined || cvr !== undefined) effects.push({ from: this.storyStart, ...(ctr !== undefined ? { ctr } : {}), ...(cvr !== undefined ? { cvr } : {}) });
      }
      const profile = spec.profile ? profileWithRoas(platform, spec.profile) : generatedProfile(key, platform);
      const ad = this.object(
        'ad',
        spec,
        {
          campaign_id: adset.campaign_id,
          adset_id: adset.id,
          creative: {
            headline: spec.headline,
            primary_text: `${spec.headline}. Shop now.`,
            image_url: `https://cdn.sandbox.example/${encodeURIComponent(spec.name)}.png`,
            link_url: 'https://shop.sandbox.example/',
            call_to_action: 'SHOP_NOW',
          },
        },
        { key, profile, effects },
      );
      if (spec.story) this.story(spec.story, ad);
    }
  }

  function ensureUser(userId: string): UserState {
    if (!userId) throw new AppError('1001', 'user id must not be empty');
    return users.get(userId) ?? seedUser(userId);
  }

  function stats(platform: Platform, accountId: string, level: Level, since: string, until: string): WorldDayStat[] {
    requireDate('since', since);
    requireDate('until', until);
    const state = accountState(platform, accountId);
    if (!state || since > until) return [];
    const todays = since <= today && today <= until ? deliverDay(state, today, 0.5, false) : new Map<string, BaseMetrics>();
    const target = (ad: WorldObject) => (level === 'ad' ? ad.id : level === 'adset' ? ad.adset_id : ad.campaign_id);
    /** per target id (creation order via `state.objects`), per date, the ads' summed delivery. */
    const sums = new Map<string, Map<string, BaseMetrics[]>>();
    const add = (id: string | undefined, date: string, m: BaseMetrics) => {
      if (id === undefined) return;
      let days = sums.get(id);
      if (!days) sums.set(id, (days = new Map()));
      days.set(date, [...(days.get(date) ?? []), m]);
    };
    for (const ad of state.objects) {
      if (ad.level !== 'ad') continue;
      for (const [date, m] of rows.get(objectKey(platform, ad.id)) ?? []) if (date >= since && date <= until) add(target(ad), date, m);
      const now = todays.get(ad.id);
      if (now) add(target(ad), today, now);
    }
    const out: WorldDayStat[] = [];
    for (const obj of state.objects) {
      const days = sums.get(obj.id);
      if (obj.level !== level || !days) continue;
      for (const date of [...days.keys()].sort()) {
        out.push({
          id: obj.id,
          level,
          name: obj.name,
          campaign_id: obj.campaign_id ?? obj.id,
          ...(level === 'ad' ? { adset_id: obj.adset_id } : level === 'adset' ? { adset_id: obj.id } : {}),
          date,
          ...roundMoney(sumMetrics(days.get(date) ?? [])),
        });
      }
    }
    return out;
  }

  const world: AdsWorld = {
    today: () => today,

    advanceDays(days) {
      if (!Number.isInteger(days) || days < 0) throw new AppError('1001', `days must be a non-negative integer, got ${days}`);
      for (let i = 0; i < days; i++) {
        for (const state of accounts.values()) deliverDay(state, today, 1, true);
        today = addDays(today, 1);
      }
    },

    ensureUser: (userId) => ensureUser(userId).accounts.map((a) => ({ ...a })),

    accountByToken(platform, token): WorldAccount | undefined {
      const parsed = accountForToken(platform, token);
      if (!parsed) return undefined;
      const account = ensureUser(parsed.user_id).accounts.find((a) => a.platform === platform);
      return account && { ...account };
    },

    create(platform, accountId, level, fields) {
      const state = requireAccount(platform, accountId);
      const parentId = level === 'adset' ? fields.campaign_id : level === 'ad' ? fields.adset_id : undefined;
      const parentLevel: Level | undefined = level === 'adset' ? 'campaign' : level === 'ad' ? 'adset' : undefined;
      const parent = parentId === undefined ? undefined : objects.get(objectKey(platform, parentId));
      if (parentLevel && (!parent || parent.level !== parentLevel || parent.account_id !== accountId)) {
        throw new AppError('1004', `${parentLevel} ${parentId ?? '(missing)'} not found in account ${accountId}`, { platform, [`${parentLevel}_id`]: parentId });
      }
      if (fields.daily_budget !== undefined && !(fields.daily_budget >= 0 && Number.isFinite(fields.daily_budget))) {
        throw new AppError('1001', 'daily_budget must be a non-negative number', { daily_budget: fields.daily_budget });
      }
      const id = nextId(platform);
      const obj: WorldObject = {
        ...structuredClone(fields),
        platform,
        account_id: accountId,
        level,
        id,
        created_on: today,
        extra: structuredClone(fields.extra ?? {}),
        ...(parent ? { campaign_id: parent.campaign_id ?? parent.id } : {}),
        ...(level === 'ad' && parent ? { adset_id: parent.id } : {}),
      };
      if (level === 'campaign') delete obj.campaign_id;
      if (level !== 'ad') delete obj.adset_id;
      const key = objectKey(platform, id);
      insert(state, obj, level === 'ad' ? { key, profile: generatedProfile(key, platform), effects: [] } : undefined);
      return structuredClone(obj);
    },

    get(platform, id) {
      const obj = objects.get(objectKey(platform, id));
      return obj && structuredClone(obj);
    },

    list(platform, accountId, level, filter = {}) {
      const state = accountState(platform, accountId);
      return (state?.objects ?? [])
        .filter(
          (o) =>
            o.level === level &&
            (filter.include_deleted || o.status !== 'deleted') &&
            (filter.campaign_id === undefined || o.campaign_id === filter.campaign_id) &&
            (filter.adset_id === undefined || o.adset_id === filter.adset_id),
        )
        .map((o) => structuredClone(o));
    },

    update(platform, id, patch) {
      const obj = objects.get(objectKey(platform, id));
      if (!obj) throw new AppError('1004', `no ${platform} object ${id}`, { platform, id });
      if (patch.daily_budget !== undefined && !(patch.daily_budget >= 0 && Number.isFinite(patch.daily_budget))) {
        throw new AppError('1001', 'daily_budget must be a non-negative number', { daily_budget: patch.daily_budget });
      }
      const { extra, ...rest } = structuredClone(patch);
      Object.assign(obj, rest);
      if (extra) obj.extra = { ...obj.extra, ...extra };
      return structuredClone(obj);
    },

    stats,

    takeFault: (platform, path) => faults.take(platform, path),
    addFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),

    stories: (userId) => structuredClone(ensureUser(userId).stories),

    totals(userId, span): WorldTotals {
      requireDate('since', span.since);
      requireDate('until', span.until);
      const platforms: WorldTotals['platforms'] = {};
      for (const account of ensureUser(userId).accounts) {
        if (span.platform && account.platform !== span.platform) continue;
        platforms[account.platform] = roundMoney(sumMetrics(stats(account.platform, account.account_id, 'campaign', span.since, span.until)));
      }
      return { since: span.since, until: span.until, platforms, overall: roundMoney(sumMetrics(Object.values(platforms))) };
    },

    objects(userId, filter = {}) {
      return ensureUser(userId)
        .accounts.filter((a) => !filter.platform || a.platform === filter.platform)
        .flatMap((a) => requireAccount(a.platform, a.account_id).objects)
        .filter((o) => !filter.level || o.level === filter.level)
        .map((o) => structuredClone(o));
    },
  };
  return world;
}
