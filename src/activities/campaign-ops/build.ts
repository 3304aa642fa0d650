/**
 * The activities of createCampaignWorkflow (issue "Campaign automation" §2; seed 001 需求 1-2,
 * properties 1-4; seed 000 tasks 14.6, 14.7): plan from the account and the creatives, write the
 * copy once per creative and platform, create the campaign / ad sets / ads, find and remove what a
 * failed run made (compensation), record the campaign in the Web Platform.
 *
 * Idempotent under Temporal's retries: creations carry request keys derived from the workflow id
 * (the adapter returns the object a previous attempt made), the copy is cached in Redis under a
 * workflow-derived key (a retry does not call the model again), deletion and pausing set absolute
 * states, and the record is keyed by the workflow id. Money in MAJOR units.
 */
import { createHash } from 'node:crypto';
import { log } from '@temporalio/activity';
import { CreateCampaignInputSchema } from '../../domain/campaign-ops/create-campaign-input.js';
import { campaignCreatedFacts, planCampaign, type PlanCreative } from '../../domain/campaign-ops/structure.js';
import { describeCampaignCreated } from '../../domain/replies/campaigns.js';
import { AppError } from '../../domain/errors.js';
import type { Platform } from '../../domain/chat/intent.js';
import type { Creative } from '../../integrations/mcp/web-platform-contract.js';
import type { GeneratedAdCopy } from '../../integrations/model/copy.js';
import { displayName, requestKeyOf } from '../../domain/ads/request-key.js';
import type { PlatformAdapter, PlatformObject } from '../../domain/ads/types.js';
import type { CampaignBuildActivities, CreatedPlatformObject, DeletedObject } from './build-types.js';
import type { AutomationDeps } from '../automation-deps.js';

/** How long generated copy stays cached, in seconds (7 days: longer than any run's retries). */
export const COPY_CACHE_TTL_SECONDS = 7 * 24 * 3600;
/** Redis key of a piece of copy, from the workflow-derived cache key. */
export const copyCacheKey = (cacheKey: string) => `campaign:copy:v1:${cacheKey}`;
/** Longest request key prefix the planner accepts (request keys have at most 80 characters). */
const MAX_KEY_PREFIX = 72;

/**
 * The request key prefix of an operation: its id when that is a valid key prefix (letters, digits,
 * `. _ : -`, at most 72 characters), else "op-" and 40 hex digits of its SHA-256 (deterministic, so
 * every attempt and replay derives the same keys).
 */
export function requestKeyPrefixOf(operationId: string): string {
  if (/^[A-Za-z0-9._:-]+$/.test(operationId) && operationId.length <= MAX_KEY_PREFIX) return operationId;
  return `op-${createHash('sha256').update(operationId).digest('hex').slice(0, 40)}`;
}

/** What a creative advertises: the product it was generated for (its prompt "product / style"), else its name without the "-N" index. */
export function productOf(creative: Pick<Creative, 'prompt' | 'name'>): string {
  const fromPrompt = creative.prompt?.split(' / ')[0]?.trim();
  if (fromPrompt) return fromPrompt.slice(0, 200);
  return creative.name.replace(/-\d+$/, '').replace(/[-_]+/g, ' ').trim().slice(0, 200) || creative.name;
}

function toCreated(o: PlatformObject): CreatedPlatformObject {
  return {
    level: o.level,
    id: o.id,
    name: displayName(o.name),
    status: o.status,
    platform_status: o.platform_status,
    ...(o.daily_budget !== undefined ? { daily_budget: o.daily_budget } : {}),
    ...(o.campaign_id !== undefined ? { campaign_id: o.campaign_id } : {}),
    ...(o.adset_id !== undefined ? { adset_id: o.adset_id } : {}),
  };
}

/** Parses stored copy; undefined when it is not copy (then it is written again). */
function parseCopy(raw: string): GeneratedAdCopy | undefined {
  try {
    const v = JSON.parse(raw) as Partial<GeneratedAdCopy>;
    if (typeof v.headline === 'string' && typeof v.primary_text === 'string' && typeof v.call_to_action === 'string' && typeof v.model === 'string') {
      return v as GeneratedAdCopy;
    }
  } catch {
    // fall through
  }
  return undefined;
}

/** The campaign-build activities. */
export function createCampaignBuildActivities(deps: AutomationDeps): CampaignBuildActivities {
  const wp = deps.webPlatform;

  /** The adapter of the user's account on a platform, checked to be the account the plan was made for. */
  const adapterFor = async (userId: string, platform: Platform, accountId?: string): Promise<PlatformAdapter> => {
    const { account, adapter } = await deps.ads.on(userId, platform);
    if (accountId !== undefined && account.account_id !== accountId) {
      throw new AppError('1009', 'The ad account changed while the campaign was being created', { platform, expected: accountId, now: account.account_id });
    }
    return adapter;
  };

  /** A creative by id; 5000 with a suggestion when it does not exist. */
  const loadCreative = async (userId: string, creativeId: string): Promise<Creative> => {
    try {
      return await wp.getCreative({ user_id: userId, creative_id: creativeId });
    } catch (err) {
      if (err instanceof AppError && err.code === '5000') {
        throw new AppError('5000', `Creative ${creativeId} not found`, {
          ...err.details,
          creative_id: creativeId,
          suggestion: { zh: '请确认素材 ID，或先生成素材再创建广告', en: 'Check the creative id, or generate the creatives first' },
        });
      }
      throw err;
    }
  };

  return {
    async prepareCampaign({ input: raw, operationId }) {
      const parsed = CreateCampaignInputSchema.safeParse(raw);
      if (!parsed.success) {
        throw new AppError('1001', 'Invalid create_campaign input', {
          issues: parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.join('.'), message: i.message })),
        });
      }
      const input = parsed.data;
      const { account } = await deps.ads.on(input.userId, input.platform);
      const ids = [...new Set(input.creativeIds)];
      const byId = new Map((await Promise.all(ids.map((id) => loadCreative(input.userId, id)))).map((c) => [c.id, c]));
      const creatives: PlanCreative[] = input.creativeIds.map((id) => ({ creative_id: id, image_url: byId.get(id)!.url }));
      const first = byId.get(input.creativeIds[0]!)!;
      const landingUrl = input.landingUrl ?? first.url;
      const prefix = requestKeyPrefixOf(operationId);
      const plan = planCampaign({
        platform: input.platform,
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.objective !== undefined ? { objective: input.objective } : {}),
        daily_budget: input.dailyBudget,
        currency: account.currency,
        ...(input.countries !== undefined ? { countries: input.countries } : {}),
        ...(input.ageGroups !== undefined ? { age_groups: input.ageGroups } : {}),
        ...(input.audience !== undefined ? { audience: input.audience } : {}),
        creatives,
        landing_url: landingUrl,
        request_key_prefix: prefix,
      });
      const objective = plan.campaign.spec.objective ?? 'sales';
      const copy_requests = plan.copy_keys.map((k, i) => {
        const creative = byId.get(k.creative_id)!;
        return {
          key: k.key,
          creative_id: k.creative_id,
          platform: k.platform,
          product: input.product ?? productOf(creative),
          creative_name: creative.name,
          landing_url: plan.landing_url,
          objective,
          language: input.language,
          variant: i,
        };
      });
      log.info('campaign planned', { userId: input.userId, platform: input.platform, adsets: plan.adsets.length, ads: plan.ads.length, copies: copy_requests.length });
      const landingDefaulted = input.landingUrl === undefined;
      const created = campaignCreatedFacts(plan, { adsets: plan.adsets.length, ads: plan.ads.length, failed: 0 });
      const message = describeCampaignCreated({ ...created, landing_url_defaulted: landingDefaulted }, input.language);
      return { plan, account_id: account.account_id, request_key_prefix: prefix, copy_requests, landing_url_defaulted: landingDefaulted, message };
    },

    async writeAdCopy({ request, cacheKey }) {
      const key = copyCacheKey(cacheKey);
      const cached = await deps.redis.get(key);
      const hit = cached === null ? undefined : parseCopy(cached);
      if (hit) return hit;
      const copy = await deps.copyModel.writeAdCopy(request);
      // NX: when two attempts raced, the first stored copy wins and both return it.
      await deps.redis.set(key, JSON.stringify(copy), 'EX', COPY_CACHE_TTL_SECONDS, 'NX');
      const stored = await deps.redis.get(key);
      const kept = (stored !== null && parseCopy(stored)) || copy;
      log.info('ad copy written', { creativeId: request.creative_id, platform: request.platform, model: kept.model });
      return kept;
    },

    async createPlatformCampaign({ userId, platform, accountId, spec, requestKey }) {
      const adapter = await adapterFor(userId, platform, accountId);
      return toCreated(await adapter.createCampaign(spec, requestKey));
    },

    async createPlatformAdSet({ userId, platform, accountId, spec, requestKey }) {
      const adapter = await adapterFor(userId, platform, accountId);
      return toCreated(await adapter.createAdSet(spec, requestKey));
    },

    async createPlatformAd({ userId, platform, accountId, spec, requestKey }) {
      const adapter = await adapterFor(userId, platform, accountId);
      return toCreated(await adapter.createAd(spec, requestKey));
    },

    async findCreatedObjects({ userId, platform, requestKeyPrefix, campaignIds }) {
      const adapter = await adapterFor(userId, platform);
      const ours = (name: string) => requestKeyOf(name)?.startsWith(`${requestKeyPrefix}.`) === true;
      const known = new Set(campaignIds);
      const campaigns = (await adapter.list('campaign')).filter((c) => ours(c.name) || known.has(c.id));
      const adsets = (await Promise.all(campaigns.map((c) => adapter.list('adset', c.id)))).flat();
      const ads = (await Promise.all(adsets.map((s) => adapter.list('ad', s.id)))).flat();
      return [...campaigns, ...adsets, ...ads].map(toCreated);
    },

    async deletePlatformObject({ userId, platform, level, id, name }): Promise<DeletedObject> {
      const adapter = await adapterFor(userId, platform);
      const done = (action: DeletedObject['action']): DeletedObject => ({ level, id, name, action });
      try {
        await adapter.setStatus(level, id, 'deleted');
        return done('deleted');
      } catch (err) {
        // retryable failures (rate limits, outages) go back to Temporal's retry policy
        if (!(err instanceof AppError) || err.retryable) throw err;
        if (err.code === '1004') return done('already_gone');
        let current: PlatformObject;
        try {
          current = await adapter.get(level, id);
        } catch (getErr) {
          if (getErr instanceof AppError && getErr.code === '1004') return done('already_gone');
          throw getErr;
        }
        if (current.status === 'deleted') return done('deleted');
        // the platform refuses to delete it: stop its delivery instead
        if (current.status !== 'paused') await adapter.setStatus(level, id, 'paused');
        log.warn('deletion refused; paused instead', { platform, level, id, code: err.code, error: err.message });
        return done('paused');
      }
    },

    async recordCampaign(input) {
      const r = await wp.recordCampaign({
        user_id: input.userId,
        platform: input.platform,
        campaign_id: input.campaign.campaign_id,
        name: input.campaign.name,
        daily_budget: input.dailyBudget,
        currency: input.currency,
        status: input.campaign.status,
        objective: input.campaign.objective,
        account_id: input.accountId,
        adsets: input.adsets,
        ads: input.ads,
        operation_id: input.operationId,
      });
      return { record_id: r.id, duplicate: r.duplicate };
    },
  };
}
