/**
 * TikTok Business API v1.3 failures → the system's error codes (seed 001 错误处理 "TikTok API 错误",
 * 需求 7.5; property 15). TikTok answers almost every call with HTTP 200 and a `{code, message,
 * request_id, data}` envelope; `code` decides, and an HTTP 4xx/5xx only means the request never reached
 * the API (Appendix - Return Codes, business-api.tiktok.com/portal/docs?id=1737172488964097).
 *
 * | TikTok code | meaning (Return Codes page) | ours |
 * | --- | --- | --- |
 * | 40100, 40016 | app-level QPS/QPM limit | 1003 (retryable) |
 * | 40133 | advertiser-level QPS limit | 1003 (retryable) |
 * | 40132 | QPS limit on a field value | 1003 (retryable) |
 * | 40100 whose message names the QPD (daily) limit | daily request quota; resets 00:00 UTC (Rate limits page, portal/docs/rate-limits/v1.3) | 1005 |
 * | 40502 | maximum number of ads reached (quota category) | 1005 |
 * | 40102, 40103 | access / refresh token expired | 6001 |
 * | 40104, 40105, 40106, 40107, 40001, 40113, 40118, 40119, 40125, 40300, 40301, 41000 | token empty / invalid / not for this advertiser, no permission, app blocked, advertiser missing, IP blocked | 1002 |
 * | 40000, 40002, 40006, 40008, 40009, 40010, 40011, 40014, 40050, 40051, 40700, 40905, 40906, 40910, 40912, 41001, 41002 | parameter, version, endpoint or file-reference errors | 1001 |
 * | 40007 | the operation / object does not exist | 1004 |
 * | 40065 | "Advertising policy related" (targeting restriction) | 6005 |
 * | 40904, 40907, 40908, 40914, 40915 | image content illegal, too large, unsupported type, invalid, off-spec | 6003 |
 * | 40202 | write or update entity conflict ("retry may resolve") | 4000 (retryable) |
 * | 40201, 40902, 40903, 40913 | task not ready; image URL could not be fetched ("retry may resolve") | 4000 (retryable) |
 * | 50000, 50002, 51305, 60001 | system / service error, maintenance | 4000 (retryable) |
 * | other 4xxxx / 5xxxx / 20001 (partial success) | | 1001 / 4000 / 1001 |
 * | HTTP 429 without an envelope | gateway throttling | 1003 |
 * | HTTP 401/403 without an envelope | gateway refused the credentials | 1002 |
 * | other HTTP 4xx without an envelope | wrong path (e.g. missing trailing slash) or method | 1001 |
 * | HTTP 5xx or a body that is not an envelope | gateway failure, malformed answer | 4000 (retryable) |
 *
 * TikTok documents no error code for an insufficient account balance (6002): the balance shows in
 * delivery statuses (`*_BALANCE_EXCEED`), see normalise.ts. Nor does it reject a creative at creation:
 * review results appear as `*_AUDIT_DENY` statuses (normalised to `rejected`).
 */
import type { AppError } from '../../../domain/errors.js';
import { platformError, type PlatformErrorCode } from '../errors.js';

const RATE_LIMITED = new Set([40016, 40100, 40132, 40133]);
const QUOTA = new Set([40502]);
const TOKEN_EXPIRED = new Set([40102, 40103]);
const AUTH = new Set([40001, 40104, 40105, 40106, 40107, 40113, 40118, 40119, 40125, 40300, 40301, 41000]);
const INVALID = new Set([40000, 40002, 40006, 40008, 40009, 40010, 40011, 40014, 40050, 40051, 40700, 40905, 40906, 40910, 40912, 41001, 41002]);
const NOT_FOUND = new Set([40007]);
const POLICY = new Set([40065]);
const CREATIVE = new Set([40904, 40907, 40908, 40914, 40915]);
const TRANSIENT = new Set([40201, 40202, 40902, 40903, 40913]);
const UNAVAILABLE = new Set([50000, 50002, 51305, 60001]);

/** A 40100 message that names the daily (QPD) limit rather than the per-second or per-minute one. */
const DAILY_LIMIT = /\bQPD\b|daily/i;

/**
 * The system code for a TikTok return code (table above). Total: every number maps to a code.
 * @param message the envelope's message, used to tell the daily quota (1005) from throttling (1003)
 */
export function tiktokErrorCode(code: number, message = ''): PlatformErrorCode {
  if (RATE_LIMITED.has(code)) return DAILY_LIMIT.test(message) ? '1005' : '1003';
  if (QUOTA.has(code)) return '1005';
  if (TOKEN_EXPIRED.has(code)) return '6001';
  if (AUTH.has(code)) return '1002';
  if (INVALID.has(code)) return '1001';
  if (NOT_FOUND.has(code)) return '1004';
  if (POLICY.has(code)) return '6005';
  if (CREATIVE.has(code)) return '6003';
  if (TRANSIENT.has(code) || UNAVAILABLE.has(code)) return '4000';
  if (code >= 50000) return '4000';
  return '1001';
}

/**
 * Seconds to wait before retrying a throttled call, when the message says which window was hit:
 * QPS → 1, QPM → 300 (Rate limits page: "suspend calls for 5 minutes"); undefined otherwise.
 */
export function tiktokRetryAfter(code: number, message: string): number | undefined {
  if (!RATE_LIMITED.has(code)) return undefined;
  if (/\bQPM\b/.test(message)) return 300;
  if (/\bQPS\b/.test(message)) return 1;
  return undefined;
}

/** What the adapter knows about a failed call; never the token. */
export interface TikTokCallContext {
  /** endpoint path relative to the API root, e.g. "/campaign/create/". */
  endpoint: string;
  http_status: number;
}

/** The AppError for an error envelope, with TikTok's code, message and request id kept in details. */
export function tiktokEnvelopeError(envelope: { code: number; message?: string; request_id?: string }, ctx: TikTokCallContext): AppError {
  const message = envelope.message ?? '';
  const retryAfter = tiktokRetryAfter(envelope.code, message);
  return platformError(tiktokErrorCode(envelope.code, message), 'tiktok', {
    http_status: ctx.http_status,
    platform_code: envelope.code,
    platform_message: message,
    ...(envelope.request_id ? { request_id: envelope.request_id } : {}),
    ...(retryAfter !== undefined ? { retry_after_s: retryAfter } : {}),
    endpoint: ctx.endpoint,
  });
}

/**
 * The AppError for an answer without an envelope (the request never reached the API, or the answer
 * is malformed): 429 → 1003, 401/403 → 1002, other 4xx → 1001, anything else → 4000.
 * @param body the raw answer (a prefix is kept as platform_message)
 */
export function tiktokHttpError(body: unknown, ctx: TikTokCallContext): AppError {
  const status = ctx.http_status;
  const code: PlatformErrorCode =
    status === 429 ? '1003' : status === 401 || status === 403 ? '1002' : status >= 400 && status < 500 ? '1001' : '4000';
  const text = typeof body === 'string' ? body : JSON.stringify(body) ?? '';
  return platformError(code, 'tiktok', {
    http_status: status,
    platform_message: text.slice(0, 300),
    reason: status >= 200 && status < 300 ? 'malformed_answer' : 'http_error',
    endpoint: ctx.endpoint,
  });
}
