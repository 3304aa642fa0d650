/**
 * HTTP error responses: `{error: {code, type, message, details}}` with the seeds' codes and
 * status mapping (seed 000 task 4.6: 400 validation, 401 auth, 402 credits, 404, 409, 429, 503).
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { AppError, ERROR_CODES, errorBody, type ErrorCode } from '../domain/errors.js';
import type { Language } from '../domain/chat/intent.js';

/** The caller's language from Accept-Language (zh* → zh, else en). */
export function requestLanguage(c: Context): Language {
  return (c.req.header('accept-language') ?? '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** Sends a coded error with its HTTP status. */
export function sendError(c: Context, code: ErrorCode, details: Record<string, unknown> = {}, message?: string) {
  return c.json({ error: errorBody(code, requestLanguage(c), details, message) }, ERROR_CODES[code].http as ContentfulStatusCode);
}

/** Maps an HTTP status hono raised (auth, body limit, ...) to a code. */
function codeForStatus(status: number): ErrorCode {
  if (status === 401) return '1002';
  if (status === 403) return '1006';
  if (status === 404) return '1004';
  if (status === 409) return '1009';
  if (status === 429) return '1003';
  if (status >= 500) return '1000';
  return '1001';
}

/** The app's onError: AppError and HTTPException become coded bodies; anything else is a logged 500. */
export function toErrorResponse(err: Error, c: Context, log: (err: Error) => void) {
  if (err instanceof AppError) {
    const retryAfter = err.details.retry_after_seconds;
    if (typeof retryAfter === 'number') c.header('Retry-After', String(retryAfter));
    return sendError(c, err.code, err.details, requestLanguage(c) === 'en' ? err.message : undefined);
  }
  if (err instanceof HTTPException) {
    const code = codeForStatus(err.status);
    return c.json({ error: errorBody(code, requestLanguage(c), {}, undefined) }, err.status as ContentfulStatusCode);
  }
  log(err);
  return sendError(c, '1000');
}

/**
 * Reads and validates a JSON body.
 * @throws AppError 1001 with the zod issues (or the JSON syntax error) in details
 */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = c.req.header('content-type');
  if (type !== undefined && !/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type)) {
    throw new AppError('1001', 'Request body must be JSON (Content-Type: application/json)', { reason: 'unsupported_media_type', content_type: type });
  }
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new AppError('1001', 'Request body must be valid JSON', { reason: 'malformed_json' });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('1001', 'Invalid request body', {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return parsed.data;
}
