/**
 * Mapping of Gemini SDK failures to AppError codes (seed 000 tasks 9.1, 9.2; seed 001 错误处理).
 */
import { ApiError } from '@google/genai';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import { generationFailed, toAppError } from '../../src/integrations/model/gemini/errors.js';

const ctx = { model: 'gemini-test-pro', operation: 'recognizeIntent' };

/** An ApiError as the SDK builds it for a non-2xx JSON response. */
function apiError(status: number, googleStatus: string, message: string, details?: unknown[]): ApiError {
  return new ApiError({ status, message: JSON.stringify({ error: { code: status, message, status: googleStatus, ...(details ? { details } : {}) } }) });
}

describe('toAppError', () => {
  it('429 RESOURCE_EXHAUSTED → 1003 rate limited, retryable, details keep status and message', () => {
    const err = toAppError(apiError(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).'), ctx);
    expect(err.code).toBe('1003');
    expect(err.retryable).toBe(true);
    expect(err.details).toEqual({
      provider: 'gemini',
      model: 'gemini-test-pro',
      operation: 'recognizeIntent',
      http_status: 429,
      provider_status: 'RESOURCE_EXHAUSTED',
      provider_message: 'Resource has been exhausted (e.g. check quota).',
    });
  });

  it.each([
    'Quota exceeded for quota metric GenerateRequestsPerDayPerProjectPerModel-FreeTier',
    'You have exceeded your daily quota for this model',
    'Requests per day limit reached',
    'Your prepayment credits are depleted. Please go to AI Studio to manage your billing.',
  ])('429 naming a daily quota or exhausted billing → 1005 (%s)', (message) => {
    const err = toAppError(apiError(429, 'RESOURCE_EXHAUSTED', message), ctx);
    expect(err.code).toBe('1005');
    expect(err.retryable).toBe(false);
  });

  it('429 per-minute quota wording stays 1003', () => {
    const err = toAppError(
      apiError(429, 'RESOURCE_EXHAUSTED', 'You exceeded your current quota, please check your plan and billing details. Quota: GenerateRequestsPerMinutePerProjectPerModel'),
      ctx,
    );
    expect(err.code).toBe('1003');
  });

  it.each([500, 502, 503, 504])('HTTP %i → 4002 unavailable, retryable', (status) => {
    const err = toAppError(apiError(status, status === 503 ? 'UNAVAILABLE' : 'INTERNAL', 'The model is overloaded.'), ctx);
    expect(err.code).toBe('4002');
    expect(err.retryable).toBe(true);
    expect(err.details.http_status).toBe(status);
  });

  it.each([
    [400, 'INVALID_ARGUMENT'],
    [404, 'NOT_FOUND'],
    [422, 'FAILED_PRECONDITION'],
  ])('HTTP %i → 4003 generation failed, not retryable', (status, googleStatus) => {
    const err = toAppError(apiError(status, googleStatus, 'bad request'), ctx);
    expect(err.code).toBe('4003');
    expect(err.retryable).toBe(false);
  });

  it.each([401, 403])('HTTP %i → 1002 unauthorised', (status) => {
    const err = toAppError(apiError(status, 'PERMISSION_DENIED', 'denied'), ctx);
    expect(err.code).toBe('1002');
    expect(err.retryable).toBe(false);
  });

  it('400 API_KEY_INVALID (how Google answers a wrong key) → 1002', () => {
    const err = toAppError(
      apiError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }]),
      ctx,
    );
    expect(err.code).toBe('1002');
  });

  it('an error frame inside a stream ("got status: X. {json}") is parsed too', () => {
    const body = { error: { code: 503, message: 'overloaded', status: 'UNAVAILABLE' } };
    const err = toAppError(new ApiError({ status: 503, message: `got status: UNAVAILABLE. ${JSON.stringify(body)}` }), ctx);
    expect(err.code).toBe('4002');
    expect(err.details).toMatchObject({ provider_status: 'UNAVAILABLE', provider_message: 'overloaded' });
  });

  it('a non-JSON error body keeps the raw text as the provider message', () => {
    const err = toAppError(new ApiError({ status: 502, message: '<html>Bad Gateway</html>' }), ctx);
    expect(err.code).toBe('4002');
    expect(err.details.provider_message).toBe('<html>Bad Gateway</html>');
  });

  it('HTTP 408 and client timeouts (AbortError, TimeoutError) → 4001, retryable', () => {
    expect(toAppError(apiError(408, 'DEADLINE_EXCEEDED', 'timeout'), ctx).code).toBe('4001');
    const abort = toAppError(new DOMException('This operation was aborted', 'AbortError'), ctx);
    expect(abort.code).toBe('4001');
    expect(abort.retryable).toBe(true);
    expect(toAppError(new DOMException('The operation timed out.', 'TimeoutError'), ctx).code).toBe('4001');
    expect(toAppError(new Error('wrapped', { cause: new DOMException('aborted', 'AbortError') }), ctx).code).toBe('4001');
  });

  it('network failures and truncated streams → 4002', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(toAppError(new TypeError('fetch failed', { cause: refused }), ctx).code).toBe('4002');
    expect(toAppError(new Error('Incomplete JSON segment at the end'), ctx).code).toBe('4002');
  });

  it('passes AppErrors through and maps anything else to 1000', () => {
    const app = new AppError('4003', 'already mapped');
    expect(toAppError(app, ctx)).toBe(app);
    const other = toAppError(new Error('personGeneration parameter is only supported in Vertex'), ctx);
    expect(other.code).toBe('1000');
    expect(other.retryable).toBe(false);
    expect(toAppError('a string', ctx).code).toBe('1000');
  });

  it('never keeps anything that looks like an API key, and truncates long messages', () => {
    const key = 'AIzaSyA1234567890abcdefghijklmnopqrstuv';
    const err = toAppError(apiError(400, 'INVALID_ARGUMENT', `bad request for ${key} at https://x.test/v1beta?key=${key}&alt=sse ${'x'.repeat(1000)}`), ctx);
    const text = JSON.stringify(err.details) + err.message;
    expect(text).not.toContain(key);
    expect(text).toContain('key=[redacted]');
    expect((err.details.provider_message as string).length).toBeLessThanOrEqual(501);
  });
});

describe('generationFailed', () => {
  it('is 4003, not retryable, with the reason and extra details', () => {
    const err = generationFailed(ctx, 'no_image', { parts: 0 });
    expect(err.code).toBe('4003');
    expect(err.retryable).toBe(false);
    expect(err.details).toEqual({ provider: 'gemini', model: 'gemini-test-pro', operation: 'recognizeIntent', reason: 'no_image', parts: 0 });
  });
});
