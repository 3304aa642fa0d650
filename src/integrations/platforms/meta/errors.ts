/**
 * Meta Graph API failures as coded AppErrors (seed 001 错误处理 "Meta API 错误", 需求 7.5; property 15).
 * Meta answers `{error: {message, type, code, error_subcode, error_user_title, error_user_msg,
 * is_transient, fbtrace_id}}`, usually with HTTP 400 (throttling too: never 429) and HTTP 5xx for
 * server trouble. The mapping (first match wins):
 *
 * | Meta | code | source |
 * | --- | --- | --- |
 * | 190 (any subcode: 463 expired, 460 password changed, 467 invalid), 102 | 6001 | graph-api/guides/error-handling |
 * | 104, 10, 200-299 | 1002 | marketing-api/error-reference; error-handling (permissions) |
 * | 4, 17, 32, 341, 613, 80000-80014 | 1003 retryable, retry_after_s from X-Business-Use-Case-Usage | marketing-api/overview/rate-limiting |
 * | same, when access returns only after ≥ 1 h (estimated_time_to_regain_access) | 1005 | decision: a wait longer than the hourly BUC window is a spent quota |
 * | HTTP 5xx, code 1 / 2 / negative, is_transient | 4000 retryable | error-handling ("temporary issue due to downtime") |
 * | 100 subcode 33, 803 | 1004 | error-reference (100/33: object does not exist or no permission) |
 * | subcode 1885272, 1885650 or title "Budget Is Too Low" | 1001, details.reason budget_too_low | error-reference; facebook-php-business-sdk#338 |
 * | subcode 1487390 (Adcreative Create Failed), 2490427 / 2490468 (ad rejected) | 6003 | facebook-js-ads-sdk#48; error-reference |
 * | 368, subcode 3686001 (Ad cannot be published), 2708008 (unauthorised political ads), user text about Advertising Policies | 6005 | error-handling (368); facebook-nodejs-business-sdk#283 |
 * | user text about the account spending limit / payment method / balance | 6002 | no subcode documented: matched on error_user_title / error_user_msg |
 * | 100 and anything else | 1001 | error-reference |
 * | an answer that is not the JSON envelope | 4000 retryable | — |
 *
 * Details keep http_status, platform_code, platform_subcode, platform_message, platform_type,
 * error_user_title, error_user_msg, fbtrace_id (also as request_id) and retry_after_s. The access
 * token is blanked from every text kept.
 */
import type { AppError } from '../../../domain/errors.js';
import { platformError, type PlatformErrorCode, type PlatformErrorDetails } from '../errors.js';
import type { PlatformResponse } from '../http.js';

/** The `error` object of a Graph API error answer (fields as Meta sends them; all optional here). */
export interface MetaErrorEnvelope {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  error_user_title?: string;
  error_user_msg?: string;
  is_transient?: boolean;
  fbtrace_id?: string;
}

/** Seconds of announced throttling from which a throttle counts as a spent quota (1005), not a rate limit (1003). */
export const QUOTA_WAIT_S = 3600;

const THROTTLE_CODES = new Set([4, 17, 32, 341, 613]);
const BUDGET_TOO_LOW_SUBCODES = new Set([1885272, 1885650]);
const CREATIVE_REJECTED_SUBCODES = new Set([1487390, 2490427, 2490468]);
const POLICY_SUBCODES = new Set([3686001, 2708008]);

const isThrottle = (code: number) => THROTTLE_CODES.has(code) || (code >= 80000 && code <= 80014);

/**
 * The seconds Meta asks to wait, from X-Business-Use-Case-Usage (the largest
 * estimated_time_to_regain_access, in minutes, over its entries) or else X-Ad-Account-Usage
 * reset_time_duration (seconds). Undefined when neither says a positive wait or they are not JSON.
 */
function retryAfterSeconds(headers: Headers): number | undefined {
  const minutes = parseJson(headers.get('x-business-use-case-usage'));
  if (minutes && typeof minutes === 'object') {
    const waits = Object.values(minutes as Record<string, unknown>)
      .flatMap((entries) => (Array.isArray(entries) ? entries : []))
      .map((e: unknown) => Number((e as Record<string, unknown> | null)?.estimated_time_to_regain_access))
      .filter((m) => Number.isFinite(m) && m > 0);
    if (waits.length > 0) return Math.max(...waits) * 60;
  }
  const account = parseJson(headers.get('x-ad-account-usage')) as Record<string, unknown> | undefined;
  const reset = Number(account?.reset_time_duration);
  return Number.isFinite(reset) && reset > 0 ? reset : undefined;
}

function parseJson(text: string | null): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The seed's code for a Graph API error (pure; see the table above; seed 001 需求 7.5, property 15).
 * @param e the `error` object, or undefined when the answer carried none
 * @param httpStatus the answer's HTTP status
 * @param retryAfterS the announced wait in seconds, if any
 */
export function classifyMetaError(e: MetaErrorEnvelope | undefined, httpStatus: number, retryAfterS?: number): PlatformErrorCode {
  if (!e) return httpStatus === 404 ? '1004' : httpStatus === 401 || httpStatus === 403 ? '1002' : '4000';
  const code = e.code ?? 0;
  const sub = e.error_subcode ?? 0;
  const userText = `${e.error_user_title ?? ''} ${e.error_user_msg ?? ''}`;
  if (code === 190 || code === 102) return '6001';
  if (code === 104 || code === 10 || (code >= 200 && code <= 299)) return '1002';
  if (isThrottle(code)) return retryAfterS !== undefined && retryAfterS >= QUOTA_WAIT_S ? '1005' : '1003';
  if (httpStatus >= 500 || code === 1 || code === 2 || code < 0 || e.is_transient === true) return '4000';
  if (sub === 33 || code === 803) return '1004';
  if (BUDGET_TOO_LOW_SUBCODES.has(sub) || /budget is too low/i.test(userText)) return '1001';
  if (CREATIVE_REJECTED_SUBCODES.has(sub)) return '6003';
  if (code === 368 || POLICY_SUBCODES.has(sub) || /advertising polic/i.test(userText)) return '6005';
  if (/spend(ing)? limit|payment method|insufficient (funds|balance)|outstanding balance/i.test(userText)) return '6002';
  return '1001';
}

/** `text` with every occurrence of `secret` blanked (tokens never reach error details). */
export function redact(text: string | undefined, secret: string): string | undefined {
  if (text === undefined || secret.length === 0) return text;
  return text.split(secret).join('[redacted]');
}

/**
 * The AppError for a failed Graph API answer (non-2xx, an `error` envelope, or not JSON at all;
 * seed 001 需求 7.5: platform-specific details kept).
 * @param secret the access token, blanked from every kept text
 */
export function metaError(res: PlatformResponse, secret: string): AppError {
  const body = res.body;
  const envelope =
    body && typeof body === 'object' && 'error' in body && (body as { error: unknown }).error && typeof (body as { error: unknown }).error === 'object'
      ? ((body as { error: MetaErrorEnvelope }).error)
      : undefined;
  const retryAfterS = retryAfterSeconds(res.headers);
  const code = classifyMetaError(envelope, res.status, retryAfterS);
  const details: PlatformErrorDetails = { http_status: res.status };
  if (envelope) {
    Object.assign(details, {
      platform_code: envelope.code,
      platform_subcode: envelope.error_subcode,
      platform_message: redact(envelope.message, secret),
      platform_type: envelope.type,
      error_user_title: redact(envelope.error_user_title, secret),
      error_user_msg: redact(envelope.error_user_msg, secret),
      is_transient: envelope.is_transient,
      fbtrace_id: envelope.fbtrace_id,
      request_id: envelope.fbtrace_id,
    });
    if (code === '1001' && (BUDGET_TOO_LOW_SUBCODES.has(envelope.error_subcode ?? 0) || /budget is too low/i.test(envelope.error_user_title ?? ''))) {
      details.reason = 'budget_too_low';
    }
  } else {
    details.reason = 'malformed_response';
    details.platform_message = redact(typeof body === 'string' ? body.slice(0, 200) : 'answer without an error envelope', secret);
  }
  if ((code === '1003' || code === '1005') && retryAfterS !== undefined) details.retry_after_s = retryAfterS;
  return platformError(code, 'meta', Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined)));
}
