/**
 * The tool registry: one definition per tool (name, description, zod input schema from the shared
 * contract, handler). Both protocol forms (MCP at /mcp and REST at /api/v1/mcp/execute) serve it.
 */
import type { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import {
  WEB_PLATFORM_TOOLS,
  type ToolArgs,
  type ToolName,
  type ToolOutput,
} from '../../integrations/mcp/web-platform-contract.js';
import { sandboxAccounts } from '../ads/accounts.js';
import type { WebPlatformStore } from './store.js';

/** What a handler may use. */
export interface ToolContext {
  store: WebPlatformStore;
  /** base URL of this sandbox as clients see it; upload and file URLs start with it. */
  publicUrl: string;
  /** base URL of the ads sandbox whose accounts users are connected to; none: no ad account. */
  adsUrl?: string;
}

/** A tool as the protocol forms see it. */
export interface ToolDefinition {
  name: ToolName;
  description: string;
  inputSchema: z.ZodObject;
  /**
   * Validates the arguments and runs the tool.
   * @throws AppError 3002 {issues} for invalid arguments, or the tool's own codes
   */
  handle(args: unknown, ctx: ToolContext): Promise<Record<string, unknown>>;
}

type Handler<N extends ToolName> = (args: ToolArgs<N>, ctx: ToolContext) => Promise<ToolOutput<N>>;

/** Path under the public URL where uploaded files are served. */
export const FILES_PATH = '/files/';
/** Path under the public URL that takes uploads. */
export const UPLOADS_PATH = '/uploads/';

const HANDLERS: { [N in ToolName]: Handler<N> } = {
  check_credit: (a, { store }) => store.ledger.check(a.user_id, a.estimated_credits),
  deduct_credit: (a, { store }) => store.ledger.deduct(a.user_id, a.credits, a.operation_type, a.operation_id),
  refund_credit: (a, { store }) => store.ledger.refund(a.user_id, a.credits, a.operation_id),
  get_credit_balance: async (a, { store }) => ({ balance: await store.ledger.balance(a.user_id) }),
  save_conversation: async (a, { store }) => ({
    saved: await store.conversations.append(a.user_id, a.session_id, a.messages),
  }),
  get_conversation_history: async (a, { store }) => ({
    messages: await store.conversations.history(a.user_id, a.session_id, a.limit),
  }),
  get_upload_url: async (a, { store, publicUrl }) => {
    const slot = await store.uploads.createSlot(a.user_id, a.filename, a.content_type);
    const key = encodeURIComponent(slot.key);
    return {
      upload_url: `${publicUrl}${UPLOADS_PATH}${key}?token=${slot.token}`,
      file_url: `${publicUrl}${FILES_PATH}${key}`,
      key: slot.key,
      expires_in_seconds: slot.expiresInSeconds,
    };
  },
  create_creative: async (a, ctx) => {
    await assertUploaded(a.url, a.user_id, a.content_type, ctx);
    return ctx.store.creatives.create(a);
  },
  get_creative: (a, { store }) => store.creatives.get(a.user_id, a.creative_id),
  list_creatives: async (a, { store }) => ({ creatives: await store.creatives.list(a.user_id, a.limit) }),
  get_ad_accounts: async (a, { adsUrl }) => ({
    accounts: adsUrl
      ? sandboxAccounts(a.user_id).map((acc) => ({
          platform: acc.platform,
          account_id: acc.account_id,
          access_token: acc.token,
          currency: acc.currency,
          base_url: `${adsUrl}/${acc.platform}`,
          name: acc.name,
          ...(acc.developer_token ? { developer_token: acc.developer_token } : {}),
          ...(acc.login_customer_id ? { login_customer_id: acc.login_customer_id } : {}),
          ...(acc.page_id ? { page_id: acc.page_id } : {}),
          ...(acc.identity_id ? { identity_id: acc.identity_id } : {}),
        }))
      : [],
  }),
  update_campaign: (a, { store }) => store.campaignChanges.record(a),
  list_campaign_changes: async (a, { store }) => ({ changes: await store.campaignChanges.list(a.user_id, a.limit) }),
  record_campaign: (a, { store }) => store.campaigns.record(a),
  list_campaigns: async (a, { store }) => ({ campaigns: await store.campaigns.list(a.user_id, a.limit) }),
  create_notification: (a, { store }) => store.notifications.create(a),
  list_notifications: async (a, { store }) => ({ notifications: await store.notifications.list(a.user_id, a.limit) }),
};

/** A URL of this sandbox's files must name a file this user uploaded, with that content type. */
async function assertUploaded(url: string, userId: string, contentType: string, ctx: ToolContext): Promise<void> {
  const prefix = `${ctx.publicUrl}${FILES_PATH}`;
  if (!url.startsWith(prefix)) return;
  const key = decodeURIComponent(url.slice(prefix.length));
  const file = await ctx.store.uploads.get(key);
  if (!file || file.userId !== userId) {
    throw new AppError('1001', 'url does not refer to a file this user uploaded', { url });
  }
  if (file.contentType !== contentType) {
    throw new AppError('1001', 'content_type differs from the uploaded file', { expected: file.contentType });
  }
}

function defineTool<N extends ToolName>(name: N): ToolDefinition {
  const spec = WEB_PLATFORM_TOOLS[name];
  const schema: z.ZodObject = spec.input;
  return {
    name,
    description: spec.description,
    inputSchema: schema,
    async handle(args, ctx) {
      const parsed = schema.safeParse(args ?? {});
      if (!parsed.success) {
        throw new AppError('3002', `Invalid parameters for ${name}`, { issues: parsed.error.issues });
      }
      return HANDLERS[name](parsed.data as ToolArgs<N>, ctx);
    },
  };
}

/** Every tool, by name. */
export const TOOLS: ReadonlyMap<string, ToolDefinition> = new Map(
  (Object.keys(WEB_PLATFORM_TOOLS) as ToolName[]).map((name) => [name, defineTool(name)]),
);
