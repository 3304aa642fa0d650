/**
 * The activity contract of createCampaignWorkflow (issue "Campaign automation" §2): prepare the
 * plan, write the copy, create the campaign, ad sets and ads, find and remove what a failed run
 * created (saga compensation), record the campaign in the Web Platform. The workflow imports these
 * types only; src/activities/automation/campaign-build.ts implements them. Money in MAJOR units of
 * the account currency.
 */
import type { CreateCampaignInput } from '../../domain/campaign-ops/create-campaign-input.js';
import type { CampaignPlan } from '../../domain/campaign-ops/structure.js';
import type { Platform } from '../../domain/chat/intent.js';
import type { AdCopyRequest, GeneratedAdCopy } from '../../integrations/model/copy.js';
import type { AdSetSpec, AdSpec, CampaignSpec, Level, NormalizedStatus } from '../../domain/ads/types.js';

export interface PrepareCampaignInput {
  input: CreateCampaignInput;
  /** the workflow id: request keys, the copy cache and the record derive from it. */
  operationId: string;
}

/** The plan and what it was made from. */
export interface PreparedCampaign {
  plan: CampaignPlan;
  /** the ad account the campaign is created in. */
  account_id: string;
  /** the prefix of every request key of the plan (the operation id, or a hash of it when it is not a valid key). */
  request_key_prefix: string;
  /** one copy request per plan copy key, in the same order. */
  copy_requests: Array<AdCopyRequest & { key: string }>;
  landing_url_defaulted: boolean;
  /**
   * The result's message once every planned object is created, in the input's language (rendered
   * by the replies module here, so the workflow returns it as data).
   */
  message: string;
}

export interface WriteAdCopyInput {
  request: AdCopyRequest;
  /** workflow-derived key of the copy ("<operation id>:<copy key>"): a retried activity reuses the copy stored under it. */
  cacheKey: string;
}

/** An object created (or found by its request key) on the platform. */
export interface CreatedPlatformObject {
  level: Level;
  id: string;
  /** the name without its request key suffix. */
  name: string;
  status: NormalizedStatus;
  platform_status: string;
  /** major units, when the object has a budget. */
  daily_budget?: number;
  campaign_id?: string;
  adset_id?: string;
}

interface CreationTarget {
  userId: string;
  platform: Platform;
  /** the account the plan was made for; the creation fails with 1009 when the user's account changed since. */
  accountId: string;
  /** unique per logical creation (platforms/request-key.ts): a repeat returns the existing object. */
  requestKey: string;
}

export interface CreateCampaignObjectInput extends CreationTarget {
  spec: CampaignSpec;
}

export interface CreateAdSetObjectInput extends CreationTarget {
  spec: AdSetSpec;
}

export interface CreateAdObjectInput extends CreationTarget {
  spec: AdSpec;
}

export interface FindCreatedObjectsInput {
  userId: string;
  platform: Platform;
  requestKeyPrefix: string;
  /** campaigns known to have been created (searched even if their names lost the key). */
  campaignIds: string[];
}

export interface DeleteObjectInput {
  userId: string;
  platform: Platform;
  level: Level;
  id: string;
  name: string;
}

/** What the compensation did to one object. */
export interface DeletedObject {
  level: Level;
  id: string;
  name: string;
  /** deleted; paused where the platform refused deletion; already_gone when it no longer existed. */
  action: 'deleted' | 'paused' | 'already_gone';
}

export interface RecordCampaignInput {
  userId: string;
  /** idempotency key of the record: the workflow id. */
  operationId: string;
  platform: Platform;
  accountId: string;
  campaign: { campaign_id: string; name: string; objective: string; status: NormalizedStatus };
  /** total daily budget set, major units. */
  dailyBudget: number;
  currency: string;
  adsets: Array<{ adset_id: string; name: string; daily_budget: number | null; status: NormalizedStatus }>;
  ads: Array<{ ad_id: string; adset_id: string; creative_id: string; headline: string; copy: string; status: NormalizedStatus }>;
}

export interface CampaignBuildActivities {
  /**
   * Validates the input, loads the ad account (currency) and the creatives (MCP get_creative) and
   * plans the campaign (structure.ts planCampaign).
   * @throws AppError 1001 invalid input or plan (details.suggestion), 5000 a creative is missing,
   *   6000 no account on the platform; 3000/3004 (retryable)
   */
  prepareCampaign(input: PrepareCampaignInput): Promise<PreparedCampaign>;
  /**
   * Writes one piece of copy with the fallback chain (Gemini Pro → Flash → template), cached in Redis
   * under the workflow-derived key so a retry does not call the model again.
   * @throws AppError only for Redis failures (the template never fails)
   */
  writeAdCopy(input: WriteAdCopyInput): Promise<GeneratedAdCopy>;
  /** Creates (or finds by request key) the campaign. @throws the platform's codes (1003/4000 retryable) */
  createPlatformCampaign(input: CreateCampaignObjectInput): Promise<CreatedPlatformObject>;
  /** Creates (or finds by request key) an ad set. @throws the platform's codes (1001 budget too low, 6005 policy...) */
  createPlatformAdSet(input: CreateAdSetObjectInput): Promise<CreatedPlatformObject>;
  /** Creates (or finds by request key) an ad. @throws the platform's codes (6003 creative rejected, 6005 policy...) */
  createPlatformAd(input: CreateAdObjectInput): Promise<CreatedPlatformObject>;
  /**
   * Every object not deleted whose request key starts with the prefix, or under the given campaigns:
   * campaigns, their ad sets and their ads (finds objects a failed creation made without reporting them).
   */
  findCreatedObjects(input: FindCreatedObjectsInput): Promise<CreatedPlatformObject[]>;
  /** Compensation: deletes an object, or pauses it where the platform refuses deletion. Idempotent. */
  deletePlatformObject(input: DeleteObjectInput): Promise<DeletedObject>;
  /** Records the created campaign in the Web Platform (MCP record_campaign), idempotent per operation id. */
  recordCampaign(input: RecordCampaignInput): Promise<{ record_id: string; duplicate: boolean }>;
}
