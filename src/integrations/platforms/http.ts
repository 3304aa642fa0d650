/**
 * The one HTTP call every adapter makes: a timeout (default 30 s, seed requirement 9), JSON in and
 * out, and transport failures mapped to code 4000 (retryable). Adapters never retry: Temporal's
 * activity retry policy does.
 */
import { platformError } from './errors.js';
import type { Platform } from '../../domain/ads/types.js';

/** A platform answer: HTTP status, headers and the parsed JSON body (or the raw text if not JSON). */
export interface PlatformResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface PlatformRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  /** serialised as JSON when present. */
  json?: unknown;
  /** sent as application/x-www-form-urlencoded when present (Meta accepts both). */
  form?: Record<string, string>;
  /** ms; default 30 000. */
  timeoutMs?: number;
}

/** Default per-call timeout (ms). */
export const PLATFORM_TIMEOUT_MS = 30_000;

/**
 * Performs one call. HTTP error statuses are returned, not thrown: each adapter reads its own envelope.
 * @throws AppError 4000 when the platform cannot be reached, times out or answers without a body
 */
export async function platformFetch(platform: Platform, req: PlatformRequest, fetchImpl: typeof fetch = fetch): Promise<PlatformResponse> {
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
  let body: string | undefined;
  if (req.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(req.json);
  } else if (req.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(req.form).toString();
  }
  const timeoutMs = req.timeoutMs ?? PLATFORM_TIMEOUT_MS;
  let res: Response;
  let text: string;
  try {
    res = await fetchImpl(req.url, { method: req.method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
    text = await res.text();
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    throw platformError('4000', platform, {
      reason: timedOut ? 'timeout' : 'unreachable',
      timeout_ms: timedOut ? timeoutMs : undefined,
      platform_message: err instanceof Error ? err.message : String(err),
    });
  }
  let parsed: unknown = text;
  if (text.length > 0) {
    try {
      parsed = JSON.parse(text);
    } catch {
      // keep the raw text: the adapter reports it as a malformed answer
    }
  }
  return { status: res.status, headers: res.headers, body: parsed };
}
