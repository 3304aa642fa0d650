/**
 * Google Ads REST failures → coded AppErrors (seed 001 错误处理, 需求 7.5, property 15). Google
 * answers with canonical HTTP statuses and the envelope
 * `{error: {code, message, status, details: [{"@type": "...GoogleAdsFailure", errors: [{errorCode: {<kind>: <VALUE>}, message, location, details}], requestId}]}}`
 * (https://developers.google.com/google-ads/api/docs/get-started/handle-errors,
 * https://developers.google.com/google-ads/api/reference/rpc/v26/GoogleAdsFailure).
 *
 * | Google | code |
 * | --- | --- |
 * | authenticationError OAUTH_TOKEN_EXPIRED / OAUTH_TOKEN_REVOKED, or a 401 whose google.rpc.ErrorInfo reason is ACCESS_TOKEN_EXPIRED | 6001 |
 * | billingSetupError, accountBudgetProposalError, accountBudgetError, paymentsAccountError | 6002 |
 * | imageError, mediaUploadError, mediaFileError (the creative itself was refused) | 6003 |
 * | policyFindingError, policyViolationError, policyValidationParameterError | 6005 |
 * | quotaError RESOURCE_TEMPORARILY_EXHAUSTED / EXCESSIVE_SHORT_TERM_QUERY_RESOURCE_CONSUMPTION, or a bare 429 | 1003 (retryable; retry_after_s from quotaErrorDetails.retryDelay) |
 * | quotaError RESOURCE_EXHAUSTED / EXCESSIVE_LONG_TERM_QUERY_RESOURCE_CONSUMPTION (daily operations quota) | 1005 |
 * | other authenticationError, authorizationError, headerError, quotaError ACCESS_PROHIBITED; bare 401 / 403 | 1002 |
 * | mutateError RESOURCE_NOT_FOUND; bare 404 | 1004 |
 * | internalError, databaseError; HTTP 500 / 502 / 503 / 504; a body that is not Google's JSON envelope | 4000 (retryable) |
 * | anything else under 400 INVALID_ARGUMENT (fieldError, campaignBudgetError, queryError, requestError, ...) | 1001 |
 *
 * When several errors come back, the first code in the table's order wins. Details keep
 * http_status, status, platform_code ("quotaError:RESOURCE_TEMPORARILY_EXHAUSTED"),
 * platform_message, request_id, location ("operations[0].create.amount_micros"), every error when
 * there are several, and for budgets the minimum in micros and major units. Tokens never appear:
 * nothing from the request is copied.
 */
import type { AppError } from '../../../domain/errors.js';
import { platformError, type PlatformErrorCode, type PlatformErrorDetails } from '../errors.js';
import type { PlatformResponse } from '../http.js';
import { fromMicros } from '../../../domain/ads/money.js';

/** One entry of GoogleAdsFailure.errors (REST JSON, camelCase). */
interface GoogleAdsErrorJson {
  errorCode?: Record<string, string>;
  message?: string;
  location?: { fieldPathElements?: { fieldName?: string; index?: number }[] };
  details?: {
    quotaErrorDetails?: { rateScope?: string; rateName?: string; retryDelay?: string };
    budgetPerDayMinimumErrorDetails?: { budgetPerDayMinimumMicros?: string; minimumBudgetAmountMicros?: string; failedBudgetAmountMicros?: string; currencyCode?: string };
    policyFindingDetails?: { policyTopicEntries?: { topic?: string; type?: string }[] };
    [key: string]: unknown;
  };
}

interface GoogleErrorEnvelope {
  error?: {
    code?: number;
    message?: string;
    status?: string;
    details?: { '@type'?: string; errors?: GoogleAdsErrorJson[]; requestId?: string; reason?: string }[];
  };
}

/** Error kinds (errorCode keys) per code; the first matching row of ORDER wins. */
const BY_KIND: Record<string, PlatformErrorCode> = {
  billingSetupError: '6002',
  accountBudgetProposalError: '6002',
  accountBudgetError: '6002',
  paymentsAccountError: '6002',
  imageError: '6003',
  mediaUploadError: '6003',
  mediaFileError: '6003',
  policyFindingError: '6005',
  policyViolationError: '6005',
  policyValidationParameterError: '6005',
  authenticationError: '1002',
  authorizationError: '1002',
  headerError: '1002',
  internalError: '4000',
  databaseError: '4000',
};

const ORDER: readonly PlatformErrorCode[] = ['6001', '6002', '6003', '6005', '1003', '1005', '1002', '1004', '4000', '1001'];

const TOKEN_EXPIRED = new Set(['OAUTH_TOKEN_EXPIRED', 'OAUTH_TOKEN_REVOKED']);
const QUOTA: Record<string, PlatformErrorCode> = {
  RESOURCE_TEMPORARILY_EXHAUSTED: '1003',
  EXCESSIVE_SHORT_TERM_QUERY_RESOURCE_CONSUMPTION: '1003',
  RESOURCE_EXHAUSTED: '1005',
  EXCESSIVE_LONG_TERM_QUERY_RESOURCE_CONSUMPTION: '1005',
  ACCESS_PROHIBITED: '1002',
};

/** The code of one GoogleAdsError (undefined: decided by the HTTP status). */
function codeOfError(err: GoogleAdsErrorJson): PlatformErrorCode | undefined {
  const [kind, value = ''] = Object.entries(err.errorCode ?? {})[0] ?? [];
  if (kind === undefined) return undefined;
  if (kind === 'authenticationError' && TOKEN_EXPIRED.has(value)) return '6001';
  if (kind === 'quotaError') return QUOTA[value] ?? '1003';
  if (kind === 'mutateError' && value === 'RESOURCE_NOT_FOUND') return '1004';
  return BY_KIND[kind];
}

/** The code an HTTP status means when the body says nothing more specific. */
function codeOfHttp(status: number): PlatformErrorCode {
  if (status === 400) return '1001';
  if (status === 401 || status === 403) return '1002';
  if (status === 404) return '1004';
  if (status === 429) return '1003';
  return '4000';
}

/** Seconds of a protobuf Duration in JSON ("3s", "1.5s"), rounded up; undefined when malformed. */
function durationSeconds(duration: string | undefined): number | undefined {
  const m = /^(\d+(?:\.\d+)?)s$/.exec(duration ?? '');
  return m ? Math.ceil(Number(m[1])) : undefined;
}

/** "operations[0].create.amount_micros" from a location's field path. */
function locationPath(err: GoogleAdsErrorJson): string | undefined {
  const parts = err.location?.fieldPathElements?.map((e) => `${e.fieldName ?? ''}${e.index !== undefined ? `[${e.index}]` : ''}`);
  return parts?.length ? parts.join('.') : undefined;
}

const platformCode = (err: GoogleAdsErrorJson) => Object.entries(err.errorCode ?? {}).map(([k, v]) => `${k}:${v}`)[0];

/**
 * The AppError for a Google answer that is not a success: an HTTP error status, or a 2xx whose
 * body is not the expected JSON (→ 4000).
 * @param res the answer as platformFetch returned it
 * @returns an AppError with the code from the module table and Google's details kept
 */
export function googleAdsError(res: PlatformResponse): AppError {
  const requestId = res.headers.get('request-id') ?? undefined;
  const body = res.body;
  const envelope = typeof body === 'object' && body !== null ? (body as GoogleErrorEnvelope).error : undefined;
  if (!envelope || typeof envelope !== 'object') {
    const code = res.status >= 500 || res.status < 400 ? '4000' : codeOfHttp(res.status);
    return platformError(code, 'google', {
      http_status: res.status,
      request_id: requestId,
      reason: 'unexpected answer',
      platform_message: typeof body === 'string' ? body.slice(0, 500) : undefined,
    });
  }
  const failure = envelope.details?.find((d) => Array.isArray(d.errors));
  const errors = failure?.errors ?? [];
  const tokenExpired = res.status === 401 && envelope.details?.some((d) => d.reason === 'ACCESS_TOKEN_EXPIRED');
  const candidates = errors.map((e) => ({ err: e, code: codeOfError(e) ?? codeOfHttp(res.status) }));
  const first = ORDER.map((code) => candidates.find((c) => c.code === code)).find(Boolean);
  const code: PlatformErrorCode = tokenExpired ? '6001' : (first?.code ?? codeOfHttp(res.status));
  const err = first?.err;
  const details: PlatformErrorDetails = {
    http_status: res.status,
    status: envelope.status,
    platform_code: err ? platformCode(err) : envelope.status,
    platform_message: err?.message ?? envelope.message,
    request_id: failure?.requestId ?? requestId,
    location: err ? locationPath(err) : undefined,
  };
  const quota = err?.details?.quotaErrorDetails;
  if (quota) {
    details.retry_after_s = durationSeconds(quota.retryDelay);
    details.rate_scope = quota.rateScope;
    details.rate_name = quota.rateName;
  }
  const minimum = err?.details?.budgetPerDayMinimumErrorDetails;
  if (minimum?.minimumBudgetAmountMicros !== undefined) {
    details.minimum_budget_micros = minimum.minimumBudgetAmountMicros;
    details.minimum_daily_budget = fromMicros(minimum.minimumBudgetAmountMicros);
  }
  const topics = err?.details?.policyFindingDetails?.policyTopicEntries;
  if (topics?.length) details.policy_topics = topics.map((t) => t.topic).filter(Boolean);
  if (errors.length > 1) details.errors = errors.map((e) => ({ platform_code: platformCode(e), message: e.message, location: locationPath(e) }));
  return platformError(code, 'google', Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined)));
}
