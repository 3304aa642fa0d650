/**
 * Our client of the Web Platform's MCP tools: credits, conversations, uploads and creatives
 * (seed 000 tasks 2.1-2.4, 0.2; 需求 5.1, 11.2-11.4, 12.1).
 *
 * Every call is validated against the shared contract (./web-platform-contract.ts) and every
 * failure is an AppError (mapping in ./errors.ts): 3000 connection/5xx and 3004 timeout are
 * retryable; 3001 unknown tool, 3002 invalid parameters, 1002 authentication, 3003 anything else;
 * the platform's own codes (6011, 1009, 1004, 1001, 5000...) pass through with their details.
 * The client never retries: Temporal activity retry policies retry the retryable codes.
 * Credits are whole credits.
 */
import { AppError } from '../../domain/errors.js';
import { fromHttpStatus, fromThrown } from './errors.js';
import { createExecuteTransport } from './execute-transport.js';
import { createMcpTransport } from './mcp-transport.js';
import type { ToolTransport } from './tool-transport.js';
import {
  WEB_PLATFORM_TOOLS,
  type ToolInput,
  type ToolName,
  type ToolOutput,
} from './web-platform-contract.js';

/** How to reach the Web Platform. */
export interface WebPlatformClientOptions {
  /** base URL; the MCP endpoint is `${baseUrl}/mcp`, the REST form `${baseUrl}/api/v1/mcp/execute`. */
  baseUrl: string;
  /** the service token, sent as `Authorization: Bearer <token>`. */
  token: string;
  /** `mcp`: Streamable HTTP MCP; `execute`: the REST form. */
  transport: 'mcp' | 'execute';
  /** per-call timeout in ms (default 30000); exceeding it raises 3004. */
  timeoutMs?: number;
}

/** Default per-call timeout, in ms. */
export const DEFAULT_MCP_TIMEOUT_MS = 30_000;

/** A Web Platform client. Safe to share; create one per process and close it on shutdown. */
export class WebPlatformClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly transport: ToolTransport;

  /** Creates the client; nothing connects until the first call. */
  constructor(options: WebPlatformClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_MCP_TIMEOUT_MS;
    this.transport =
      options.transport === 'mcp'
        ? createMcpTransport(this.baseUrl, options.token)
        : createExecuteTransport(this.baseUrl, options.token);
  }

  /**
   * Whether the balance covers an estimated cost (task 2.2; 需求 11.2). Creates the user with the
   * platform's initial balance on first use.
   * @param input user_id, estimated_credits (whole credits), operation_type
   * @returns sufficient, balance and required, in whole credits
   * @throws AppError 3000/3004 (retryable), 1002, 3002, 3003
   */
  checkCredit(input: ToolInput<'check_credit'>): Promise<ToolOutput<'check_credit'>> {
    return this.invoke('check_credit', input);
  }

  /**
   * Deducts credits, idempotent per operation_id (task 2.2; 需求 11.3): a repeat returns the
   * original result with `duplicate: true` and deducts nothing.
   * @param input user_id, credits (whole credits), operation_type, operation_id (idempotency key)
   * @returns the deduction and the balance right after it
   * @throws AppError 6011 {balance, required} insufficient credits; 1009 operation_id reused with
   *   another amount or user; 3000/3004 (retryable: the retry is safe thanks to operation_id)
   */
  deductCredit(input: ToolInput<'deduct_credit'>): Promise<ToolOutput<'deduct_credit'>> {
    return this.invoke('deduct_credit', input);
  }

  /**
   * Refunds (part of) one deduction, once per operation_id (task 2.3; 需求 11.4): a repeat returns
   * the original refund with `duplicate: true`.
   * @param input user_id, credits (whole credits, at most what was deducted), operation_id of the deduction
   * @returns the refund and the balance right after it
   * @throws AppError 1004 unknown operation_id; 1001 more than deducted; 1009 repeat with another
   *   amount; 3000/3004 (retryable)
   */
  refundCredit(input: ToolInput<'refund_credit'>): Promise<ToolOutput<'refund_credit'>> {
    return this.invoke('refund_credit', input);
  }

  /**
   * The user's balance (task 2.2).
   * @returns balance in whole credits
   * @throws AppError 3000/3004 (retryable), 1002, 3003
   */
  getCreditBalance(input: ToolInput<'get_credit_balance'>): Promise<ToolOutput<'get_credit_balance'>> {
    return this.invoke('get_credit_balance', input);
  }

  /**
   * Appends messages (oldest first) to a session's conversation (task 2.1; 需求 5.1).
   * @returns how many messages were saved
   * @throws AppError 3002 invalid messages; 3000/3004 (retryable)
   */
  saveConversation(input: ToolInput<'save_conversation'>): Promise<ToolOutput<'save_conversation'>> {
    return this.invoke('save_conversation', input);
  }

  /**
   * The last `limit` messages (default 50) of a session, oldest first, with their entities
   * (task 2.1; 需求 5.1).
   * @throws AppError 3000/3004 (retryable), 3002, 3003
   */
  getConversationHistory(
    input: ToolInput<'get_conversation_history'>,
  ): Promise<ToolOutput<'get_conversation_history'>> {
    return this.invoke('get_conversation_history', input);
  }

  /**
   * A one-time upload URL for a file and the public URL it will have (task 2.4).
   * @returns upload_url (PUT the bytes there with {@link uploadFile}), file_url, key, expires_in_seconds
   * @throws AppError 3002 unsupported content type; 3000/3004 (retryable)
   */
  getUploadUrl(input: ToolInput<'get_upload_url'>): Promise<ToolOutput<'get_upload_url'>> {
    return this.invoke('get_upload_url', input);
  }

  /**
   * PUTs a file's bytes to an upload URL from {@link getUploadUrl} (no service token: the URL
   * carries its own one-time key).
   * @param uploadUrl the upload_url
   * @param bytes the file (at most 10 MB)
   * @param contentType must equal the content_type given to getUploadUrl
   * @throws AppError 3000/3004 (retryable); 3003 when the platform refuses the upload (used,
   *   expired, wrong content type, too large)
   */
  async uploadFile(uploadUrl: string, bytes: Uint8Array, contentType: string): Promise<void> {
    let response: Response;
    try {
      response = await fetch(uploadUrl, {
        method: 'PUT',
        headers: { 'content-type': contentType },
        body: new Uint8Array(bytes),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await response.arrayBuffer();
    } catch (err) {
      throw fromThrown(err, 'upload_file');
    }
    if (response.status >= 500) throw fromHttpStatus(response.status, 'upload_file');
    if (!response.ok) throw new AppError('3003', `Upload refused (HTTP ${response.status})`, { status: response.status });
  }

  /**
   * Records a creative for an uploaded file URL; idempotent per request_key (task 2.4).
   * @param input user_id, name, url, content_type, width/height in pixels, prompt, metadata, request_key
   * @returns the creative and `duplicate` (true when request_key was already used by this user)
   * @throws AppError 1001 the URL is not an uploaded file of this user; 1009 request_key used by
   *   another user; 3000/3004 (retryable)
   */
  createCreative(input: ToolInput<'create_creative'>): Promise<ToolOutput<'create_creative'>> {
    return this.invoke('create_creative', input);
  }

  /**
   * One of the user's creatives (task 2.4).
   * @throws AppError 5000 no such creative; 3000/3004 (retryable)
   */
  getCreative(input: ToolInput<'get_creative'>): Promise<ToolOutput<'get_creative'>> {
    return this.invoke('get_creative', input);
  }

  /**
   * The user's creatives, newest first (default 50) (task 2.4).
   * @throws AppError 3000/3004 (retryable), 3003
   */
  listCreatives(input: ToolInput<'list_creatives'>): Promise<ToolOutput<'list_creatives'>> {
    return this.invoke('list_creatives', input);
  }

  /**
   * The user's connected ad accounts with their credentials (issue "Ad platforms" §1: credentials
   * come from the Web Platform, never from code). Empty when none is connected.
   * @throws AppError 3000/3004 (retryable), 1002, 3003
   */
  getAdAccounts(input: ToolInput<'get_ad_accounts'>): Promise<ToolOutput<'get_ad_accounts'>> {
    return this.invoke('get_ad_accounts', input);
  }

  /**
   * Records a change made on an ad platform, idempotent per operation_id (issue "Ad platforms" §4).
   * @throws AppError 1009 operation_id used by another user; 3000/3004 (retryable)
   */
  updateCampaign(input: ToolInput<'update_campaign'>): Promise<ToolOutput<'update_campaign'>> {
    return this.invoke('update_campaign', input);
  }

  /** The user's recorded campaign changes, newest first. */
  listCampaignChanges(input: ToolInput<'list_campaign_changes'>): Promise<ToolOutput<'list_campaign_changes'>> {
    return this.invoke('list_campaign_changes', input);
  }

  /**
   * Records a campaign created on an ad platform with its ad sets, ads and copy, idempotent per
   * operation_id (issue "Campaign automation" §2). Budgets in major units of `currency`.
   * @returns the record and `duplicate` (true when operation_id was already recorded for this user)
   * @throws AppError 1009 operation_id used by another user; 3002 invalid parameters; 3000/3004 (retryable)
   */
  recordCampaign(input: ToolInput<'record_campaign'>): Promise<ToolOutput<'record_campaign'>> {
    return this.invoke('record_campaign', input);
  }

  /** The campaigns recorded for the user, newest first (default 50). */
  listCampaigns(input: ToolInput<'list_campaigns'>): Promise<ToolOutput<'list_campaigns'>> {
    return this.invoke('list_campaigns', input);
  }

  /**
   * Shows the user a notification, idempotent per dedupe_key (issue "Campaign automation" §5: rule triggers).
   * @throws AppError 1009 dedupe_key used by another user; 3000/3004 (retryable)
   */
  createNotification(input: ToolInput<'create_notification'>): Promise<ToolOutput<'create_notification'>> {
    return this.invoke('create_notification', input);
  }

  /** The user's notifications, newest first. */
  listNotifications(input: ToolInput<'list_notifications'>): Promise<ToolOutput<'list_notifications'>> {
    return this.invoke('list_notifications', input);
  }

  /**
   * Checks the platform answers its health endpoint (task 0.2).
   * @throws AppError 3000 unreachable or unhealthy; 3004 timeout
   */
  async ping(): Promise<void> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}/health`, { signal: AbortSignal.timeout(this.timeoutMs) });
      await response.arrayBuffer();
    } catch (err) {
      throw fromThrown(err, 'health');
    }
    if (!response.ok) throw new AppError('3000', `Web Platform health check failed (HTTP ${response.status})`, { status: response.status });
  }

  /**
   * Calls any tool by name, without result validation.
   * @param name tool name
   * @param params the tool's arguments
   * @returns the tool's raw result
   * @throws AppError as the typed methods; 3001 for an unknown tool
   */
  callTool(name: string, params: Record<string, unknown>): Promise<unknown> {
    return this.transport.call(name, params, this.timeoutMs);
  }

  /** Closes the connection (MCP); later calls reconnect. */
  close(): Promise<void> {
    return this.transport.close();
  }

  /** Calls a contract tool and validates its result (3003 when it does not match). */
  private async invoke<N extends ToolName>(name: N, input: ToolInput<N>): Promise<ToolOutput<N>> {
    const raw = await this.callTool(name, input as Record<string, unknown>);
    const parsed = WEB_PLATFORM_TOOLS[name].output.safeParse(raw);
    if (!parsed.success) {
      throw new AppError('3003', `Unexpected result from ${name}`, { tool: name, issues: parsed.error.issues });
    }
    return parsed.data as ToolOutput<N>;
  }
}
