/**
 * Maps failures of the Gemini API (as the @google/genai SDK raises them) to {@link AppError}s with
 * the codes users see (seed 001 "错误处理"; seed 000 需求 12.1, tasks 9.1 and 9.2).
 *
 * The SDK raises `ApiError` (with `status`, the HTTP code, and `message`, the JSON error body
 * `{"error":{"code","message","status"}}`, or `got status: X. {json}` for an error frame inside a
 * stream), a DOM `AbortError` when `httpOptions.timeout` runs out, and `TypeError: fetch failed` when
 * the network fails. Whether an error is retryable follows the code table in domain/errors.ts, so
 * Temporal retries 1003, 4001 and 4002 and never 4003, 1002 or 1005.
 */
import { AppError, type ErrorCode } from '../../../domain/errors.js';

/** What the mapper needs to know about the failed call (model name, operation); seed 000 task 9.1. */
export interface GeminiCallContext {
  /** the Gemini model name the call used (from configuration). */
  model: string;
  /** what the call was doing, e.g. "recognizeIntent", "streamReply", "generateImage". */
  operation: string;
}

/** The provider error as parsed from an SDK `ApiError` message. */
interface ProviderError {
  /** Google's status string, e.g. RESOURCE_EXHAUSTED. */
  status?: string;
  /** Google's human-readable message. */
  message?: string;
  /** the whole error text, used for pattern checks (quota period, API key reason). */
  raw: string;
}

/** Longest provider message kept in error details, in characters. */
const MAX_PROVIDER_MESSAGE = 500;

/** Anything that looks like a Google API key or a `key=` query parameter is blanked from details. */
const KEY_PATTERNS = [/AIza[0-9A-Za-z_-]{20,}/g, /([?&]key=)[^&\s"]+/g];

function scrub(text: string): string {
  let out = text;
  for (const re of KEY_PATTERNS) out = out.replace(re, (_m, prefix: unknown) => (typeof prefix === 'string' ? `${prefix}[redacted]` : '[redacted]'));
  return out.length > MAX_PROVIDER_MESSAGE ? `${out.slice(0, MAX_PROVIDER_MESSAGE)}…` : out;
}

/** Reads Google's error body out of an SDK error message (plain JSON or `got status: X. {json}`). */
function parseProviderError(message: string): ProviderError {
  const start = message.indexOf('{');
  if (start >= 0) {
    try {
      const body = JSON.parse(message.slice(start)) as { error?: { status?: unknown; message?: unknown } };
      const e = body.error;
      if (e && typeof e === 'object') {
        return {
          status: typeof e.status === 'string' ? e.status : undefined,
          message: typeof e.message === 'string' ? e.message : undefined,
          raw: message,
        };
      }
    } catch {
      // not JSON: keep the raw text
    }
  }
  return { raw: message, message };
}

function isAbort(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === 'AbortError' || err.name === 'TimeoutError') return true;
  const cause = (err as { cause?: unknown }).cause;
  return cause instanceof Error && (cause.name === 'AbortError' || cause.name === 'TimeoutError');
}

function isNetworkFailure(err: Error): boolean {
  const cause = (err as { cause?: { code?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? cause.code : '';
  return (
    (err.name === 'TypeError' && /fetch failed/i.test(err.message)) ||
    /^(ECONN|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EPIPE|UND_ERR)/.test(code) ||
    /Incomplete JSON segment|Response body is empty|terminated|socket hang up/i.test(err.message)
  );
}

/** Daily quota or exhausted billing: retrying within minutes cannot succeed (code 1005). */
const DAILY_QUOTA = /per[ _-]?day|PerDay|daily (quota|limit)|billing.{0,40}(exhausted|depleted)|(credits?|prepay(ment)?|balance).{0,40}(exhausted|depleted)/i;
/** Google answers a wrong key with 400 INVALID_ARGUMENT and reason API_KEY_INVALID. */
const BAD_KEY = /API_KEY_INVALID|API key not valid|API key expired|API_KEY_EXPIRED/i;

function codeForStatus(status: number, provider: ProviderError): ErrorCode {
  if (status === 429) return DAILY_QUOTA.test(provider.raw) ? '1005' : '1003';
  if (status === 401 || status === 403) return '1002';
  if (status === 400 && BAD_KEY.test(provider.raw)) return '1002';
  if (status === 408) return '4001';
  if (status >= 500) return '4002';
  return '4003';
}

/**
 * Turns anything the SDK (or the network under it) threw into an AppError (seed 000 tasks 9.1,
 * 9.2; seed 001 错误处理).
 *
 * | failure | code | retryable |
 * | --- | --- | --- |
 * | HTTP 429 RESOURCE_EXHAUSTED | 1003 rate limited | yes |
 * | HTTP 429 naming a per-day quota or exhausted billing/credits | 1005 quota exceeded | no |
 * | HTTP 500/502/503/504 (any 5xx), network failure, truncated stream | 4002 model unavailable | yes |
 * | client timeout (AbortError), HTTP 408 | 4001 model timeout | yes |
 * | HTTP 401/403, HTTP 400 API_KEY_INVALID | 1002 unauthorised | no |
 * | other HTTP 4xx (400 INVALID_ARGUMENT, 404 NOT_FOUND...) | 4003 generation failed | no |
 * | an AppError | unchanged | as its code |
 * | anything else | 1000 internal | no |
 *
 * Details carry `provider: 'gemini'`, `model`, `operation`, and when known `http_status`,
 * `provider_status` and `provider_message` (scrubbed of anything that looks like an API key,
 * at most 500 characters). The API key itself never appears.
 * @param err the thrown value
 * @param ctx the model and operation of the call
 * @returns the AppError to throw (never throws itself)
 */
export function toAppError(err: unknown, ctx: GeminiCallContext): AppError {
  if (err instanceof AppError) return err;
  const base = { provider: 'gemini', model: ctx.model, operation: ctx.operation };
  if (isAbort(err)) {
    return new AppError('4001', `Gemini model ${ctx.model} timed out`, { ...base, reason: 'timeout' });
  }
  if (err instanceof Error && err.name === 'ApiError' && typeof (err as { status?: unknown }).status === 'number') {
    const status = (err as unknown as { status: number }).status;
    const provider = parseProviderError(err.message);
    const code = codeForStatus(status, provider);
    return new AppError(code, `Gemini model ${ctx.model} failed: HTTP ${status}${provider.status ? ` ${provider.status}` : ''}`, {
      ...base,
      http_status: status,
      ...(provider.status ? { provider_status: provider.status } : {}),
      ...(provider.message ? { provider_message: scrub(provider.message) } : {}),
    });
  }
  if (err instanceof Error && isNetworkFailure(err)) {
    return new AppError('4002', `Gemini model ${ctx.model} is unreachable`, { ...base, reason: 'network', provider_message: scrub(err.message) });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new AppError('1000', `Gemini model ${ctx.model} call failed`, { ...base, provider_message: scrub(message) });
}

/**
 * The error for a reply that arrived but cannot be used (seed 000 task 9.1): blocked by safety filters, no candidates,
 * no text, no image part, or output that does not match the schema. Always 4003 (non-retryable:
 * the fallback chain moves on to the next model instead).
 * @param ctx the model and operation of the call
 * @param reason machine-readable reason, e.g. "blocked", "empty", "no_image", "invalid_output"
 * @param extra more details (finish reason, block reason, validation issues)
 */
export function generationFailed(ctx: GeminiCallContext, reason: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError('4003', `Gemini model ${ctx.model} returned no usable output (${reason})`, {
    provider: 'gemini',
    model: ctx.model,
    operation: ctx.operation,
    reason,
    ...extra,
  });
}
