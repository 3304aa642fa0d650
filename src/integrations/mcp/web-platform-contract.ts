/**
 * The Web Platform's MCP tools as a contract: for each tool its description, the zod schema of its
 * input and the zod schema of its result. Our client validates results with it and the local
 * sandbox (src/sandboxes/web-platform) serves exactly these tools, so both sides share one
 * definition (seed 000 tasks 2.1-2.4; 需求 5.1, 11.2-11.4).
 *
 * Units: credits are whole credits (integers >= 0); timestamps are ISO 8601 strings; sizes in pixels.
 */
import { z } from 'zod';
import type { ChatMessage, ConversationEntity } from '../../domain/chat/conversation.js';

const credits = z.number().int().nonnegative();
const id = z.string().min(1).max(200);

/** A conversation entity (a creative, campaign... a turn produced). */
export const EntitySchema = z.object({
  kind: z.enum(['creative', 'campaign', 'adset', 'landing_page', 'report']),
  id: z.string().min(1),
  name: z.string().optional(),
  url: z.string().optional(),
  created_at: z.string().optional(),
});

/** One stored conversation message. */
export const MessageSchema = z.object({
  role: z.enum(['user', 'assistant', 'system']),
  content: z.string(),
  timestamp: z.iso.datetime({ offset: true }).optional(),
  entities: z.array(EntitySchema).optional(),
});

/** A creative as the Web Platform records it. */
export const CreativeSchema = z.object({
  id: z.string(),
  user_id: z.string(),
  name: z.string(),
  url: z.string(),
  content_type: z.string(),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  prompt: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()),
  request_key: z.string().optional(),
  created_at: z.string(),
});

/** Content types get_upload_url accepts. */
export const UPLOAD_CONTENT_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'video/mp4'] as const;

/** Ad account credentials as the Web Platform hands them out (base_url: the API or the ads sandbox). */
export const AdAccountSchema = z.object({
  platform: z.enum(['meta', 'tiktok', 'google']),
  account_id: z.string(),
  access_token: z.string(),
  currency: z.string().length(3),
  base_url: z.string(),
  developer_token: z.string().optional(),
  login_customer_id: z.string().optional(),
  page_id: z.string().optional(),
  identity_id: z.string().optional(),
  name: z.string().optional(),
});

/** A recorded change to a campaign, ad set or ad (after the platform accepted it). */
export const CampaignChangeSchema = z.object({
  id: z.string(),
  user_id: z.string(),
  platform: z.enum(['meta', 'tiktok', 'google']),
  level: z.enum(['campaign', 'adset', 'ad']),
  object_id: z.string(),
  object_name: z.string().optional(),
  change: z.record(z.string(), z.unknown()),
  operation_id: z.string().optional(),
  created_at: z.string(),
});

const platformEnum = z.enum(['meta', 'tiktok', 'google']);
const objectStatus = z.enum(['pending_review', 'active', 'paused', 'deleted', 'rejected']);

/**
 * A campaign the orchestrator created on an ad platform, with its ad sets and ads (issue "Campaign
 * automation" §2). Budgets in MAJOR units of `currency`; an ad set's daily_budget is null where the
 * budget lives on the campaign (Google).
 */
export const CampaignRecordSchema = z.object({
  id: z.string(),
  user_id: z.string(),
  platform: platformEnum,
  campaign_id: z.string(),
  name: z.string(),
  daily_budget: z.number().nonnegative(),
  currency: z.string().length(3),
  status: objectStatus,
  objective: z.string().optional(),
  account_id: z.string().optional(),
  adsets: z.array(
    z.object({ adset_id: z.string(), name: z.string(), daily_budget: z.number().nonnegative().nullable(), status: objectStatus.optional() }),
  ),
  ads: z.array(
    z.object({
      ad_id: z.string(),
      adset_id: z.string(),
      creative_id: z.string(),
      headline: z.string().optional(),
      copy: z.string().optional(),
      status: objectStatus.optional(),
    }),
  ),
  operation_id: z.string(),
  created_at: z.string(),
});

/** A notification shown to the user in the Web Platform (e.g. an automated rule fired). */
export const NotificationSchema = z.object({
  id: z.string(),
  user_id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  data: z.record(z.string(), z.unknown()).optional(),
  created_at: z.string(),
});

/** Every tool: description, input schema, result schema. */
export const WEB_PLATFORM_TOOLS = {
  check_credit: {
    description:
      "Checks whether the user's credit balance covers an estimated cost. Creates the user with the initial balance on first use. Credits are whole credits.",
    input: z.object({ user_id: id, estimated_credits: credits, operation_type: z.string().min(1) }),
    output: z.object({ sufficient: z.boolean(), balance: credits, required: credits }),
  },
  deduct_credit: {
    description:
      'Deducts credits, idempotent per operation_id: a repeat returns the original result with duplicate=true and deducts nothing; a repeat with another amount or user fails with code 1009. Fails with code 6011 (details {balance, required}) when the balance would go below zero.',
    input: z.object({ user_id: id, credits, operation_type: z.string().min(1), operation_id: id }),
    output: z.object({
      operation_id: z.string(),
      user_id: z.string(),
      credits,
      balance: credits,
      duplicate: z.boolean(),
    }),
  },
  refund_credit: {
    description:
      'Refunds (part of) one deduction, once per operation_id: a repeat returns the original refund with duplicate=true; another amount fails with 1009. Never more than the deduction (1001); an unknown operation_id fails with 1004.',
    input: z.object({ user_id: id, credits, operation_id: id }),
    output: z.object({
      operation_id: z.string(),
      user_id: z.string(),
      credits,
      balance: credits,
      duplicate: z.boolean(),
    }),
  },
  get_credit_balance: {
    description: "Returns the user's credit balance in whole credits.",
    input: z.object({ user_id: id }),
    output: z.object({ balance: credits }),
  },
  save_conversation: {
    description: 'Appends messages (oldest first) to the conversation of a session.',
    input: z.object({ user_id: id, session_id: id, messages: z.array(MessageSchema).max(500) }),
    output: z.object({ saved: z.number().int().nonnegative() }),
  },
  get_conversation_history: {
    description: 'Returns the last `limit` messages (default 50) of a session, oldest first, with their entities.',
    input: z.object({ user_id: id, session_id: id, limit: z.number().int().min(1).max(1000).default(50) }),
    output: z.object({ messages: z.array(MessageSchema) }),
  },
  get_upload_url: {
    description:
      'Returns a one-time URL to PUT a file to (with the same Content-Type, at most 10 MB) and the public URL the file will have.',
    input: z.object({ user_id: id, filename: z.string().min(1).max(200), content_type: z.enum(UPLOAD_CONTENT_TYPES) }),
    output: z.object({
      upload_url: z.string(),
      file_url: z.string(),
      key: z.string(),
      expires_in_seconds: z.number().int().positive(),
    }),
  },
  create_creative: {
    description:
      'Records a creative for a file URL (an uploaded file of this platform must exist). Idempotent per request_key: the same key returns the same creative.',
    input: z.object({
      user_id: id,
      name: z.string().min(1).max(500),
      url: z.url(),
      content_type: z.string().min(1),
      width: z.number().int().positive().optional(),
      height: z.number().int().positive().optional(),
      prompt: z.string().max(10_000).optional(),
      metadata: z.record(z.string(), z.unknown()).optional(),
      request_key: id.optional(),
    }),
    output: CreativeSchema.extend({ duplicate: z.boolean() }),
  },
  get_creative: {
    description: "Returns one of the user's creatives; code 5000 when it does not exist.",
    input: z.object({ user_id: id, creative_id: id }),
    output: CreativeSchema,
  },
  list_creatives: {
    description: "Lists the user's creatives, newest first (default 50).",
    input: z.object({ user_id: id, limit: z.number().int().min(1).max(500).default(50) }),
    output: z.object({ creatives: z.array(CreativeSchema) }),
  },
  get_ad_accounts: {
    description:
      "Returns the user's connected ad accounts (Meta, TikTok, Google Ads) with their API credentials and base URLs. An empty list means no account is connected (code 6000 at use).",
    input: z.object({ user_id: id }),
    output: z.object({ accounts: z.array(AdAccountSchema) }),
  },
  update_campaign: {
    description:
      'Records a change the orchestrator made on an ad platform (status or budget of a campaign, ad set or ad), idempotent per operation_id. Budgets in major units.',
    input: z.object({
      user_id: id,
      platform: z.enum(['meta', 'tiktok', 'google']),
      level: z.enum(['campaign', 'adset', 'ad']),
      object_id: id,
      object_name: z.string().max(500).optional(),
      change: z.object({
        status: z.enum(['active', 'paused', 'deleted']).optional(),
        daily_budget: z.number().nonnegative().optional(),
        previous_daily_budget: z.number().nonnegative().optional(),
      }),
      operation_id: id.optional(),
    }),
    output: CampaignChangeSchema.extend({ duplicate: z.boolean() }),
  },
  list_campaign_changes: {
    description: "Lists the user's recorded campaign changes, newest first (default 50).",
    input: z.object({ user_id: id, limit: z.number().int().min(1).max(500).default(50) }),
    output: z.object({ changes: z.array(CampaignChangeSchema) }),
  },
  record_campaign: {
    description:
      'Records a campaign the orchestrator created on an ad platform (campaign, ad sets, ads with their copy), idempotent per operation_id: a repeat returns the first record with duplicate=true. Budgets in major units.',
    input: z.object({
      user_id: id,
      platform: platformEnum,
      campaign_id: id,
      name: z.string().min(1).max(500),
      daily_budget: z.number().nonnegative(),
      currency: z.string().length(3),
      status: objectStatus,
      objective: z.string().max(50).optional(),
      account_id: z.string().max(200).optional(),
      adsets: z
        .array(
          z.object({
            adset_id: id,
            name: z.string().max(500),
            daily_budget: z.number().nonnegative().nullable(),
            status: objectStatus.optional(),
          }),
        )
        .max(100),
      ads: z
        .array(
          z.object({
            ad_id: id,
            adset_id: id,
            creative_id: id,
            headline: z.string().max(500).optional(),
            copy: z.string().max(5000).optional(),
            status: objectStatus.optional(),
          }),
        )
        .max(5000),
      operation_id: id,
    }),
    output: CampaignRecordSchema.extend({ duplicate: z.boolean() }),
  },
  list_campaigns: {
    description: "Lists the campaigns recorded for the user, newest first (default 50).",
    input: z.object({ user_id: id, limit: z.number().int().min(1).max(500).default(50) }),
    output: z.object({ campaigns: z.array(CampaignRecordSchema) }),
  },
  create_notification: {
    description:
      'Shows the user a notification (e.g. "rule X paused 2 ad sets"), idempotent per dedupe_key: a repeat returns the first one.',
    input: z.object({
      user_id: id,
      kind: z.string().min(1).max(100),
      title: z.string().min(1).max(500),
      body: z.string().max(10_000),
      data: z.record(z.string(), z.unknown()).optional(),
      dedupe_key: id.optional(),
    }),
    output: NotificationSchema.extend({ duplicate: z.boolean() }),
  },
  list_notifications: {
    description: "Lists the user's notifications, newest first (default 50).",
    input: z.object({ user_id: id, limit: z.number().int().min(1).max(500).default(50) }),
    output: z.object({ notifications: z.array(NotificationSchema) }),
  },
} as const;

/** The name of a Web Platform tool. */
export type ToolName = keyof typeof WEB_PLATFORM_TOOLS;
/** What a caller passes to a tool (defaults may be left out). */
export type ToolInput<N extends ToolName> = z.input<(typeof WEB_PLATFORM_TOOLS)[N]['input']>;
/** A tool's input after validation (defaults applied). */
export type ToolArgs<N extends ToolName> = z.output<(typeof WEB_PLATFORM_TOOLS)[N]['input']>;
/** A tool's validated result. */
export type ToolOutput<N extends ToolName> = z.output<(typeof WEB_PLATFORM_TOOLS)[N]['output']>;
/** A creative record. */
export type Creative = z.output<typeof CreativeSchema>;

// The stored message shape must stay the domain's ChatMessage.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _messageShape: Same<z.output<typeof MessageSchema>, ChatMessage> = true;
const _entityShape: Same<z.output<typeof EntitySchema>, ConversationEntity> = true;
