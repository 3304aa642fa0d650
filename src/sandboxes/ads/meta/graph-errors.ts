/**
 * Graph API error answers of the Meta facade (seed 001 需求 7.5: platform-specific errors). Every
 * failure travels as Meta's envelope `{error: {message, type, code, error_subcode?, is_transient?,
 * error_user_title?, error_user_msg?, fbtrace_id}}`, almost always with HTTP 400 (throttling too,
 * never 429), HTTP 500 for transient server errors. Codes and subcodes follow
 * https://developers.facebook.com/docs/graph-api/guides/error-handling and
 * https://developers.facebook.com/docs/marketing-api/error-reference.
 */
import type { FaultMode } from '../world-api.js';

/** The `error` object of a Graph API error answer. */
export interface GraphErrorBody {
  message: string;
  type: string;
  code: number;
  error_subcode?: number;
  is_transient?: boolean;
  error_user_title?: string;
  error_user_msg?: string;
  fbtrace_id?: string;
}

/** A Graph API failure a handler throws; the router turns it into the HTTP answer. */
export class GraphError extends Error {
  override readonly name = 'GraphError';
  constructor(
    readonly status: number,
    readonly body: GraphErrorBody,
    /** extra response headers (e.g. WWW-Authenticate, X-Business-Use-Case-Usage). */
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }
}

/** Invalid parameter (code 100, HTTP 400), optionally with a subcode and the user-facing title and text. */
export function invalidParam(message: string, extra: Pick<GraphErrorBody, 'error_subcode' | 'error_user_title' | 'error_user_msg'> = {}): GraphError {
  return new GraphError(400, { message, type: 'OAuthException', code: 100, ...extra });
}

/** `(#100) The parameter <name> is required`. */
export function missingParam(name: string): GraphError {
  return invalidParam(`(#100) The parameter ${name} is required`);
}

/**
 * An id that does not exist or that the token may not see: code 100 subcode 33, type
 * GraphMethodException ("Unsupported get request. Object with ID '...' does not exist, cannot be
 * loaded due to missing permissions, or does not support this operation").
 */
export function unknownObject(id: string, method: string): GraphError {
  const verb = method === 'GET' ? 'get' : method === 'DELETE' ? 'delete' : 'post';
  return new GraphError(400, {
    message: `Unsupported ${verb} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    type: 'GraphMethodException',
    code: 100,
    error_subcode: 33,
  });
}

/** A path the Graph API does not know (code 2500). */
export function unknownPath(path: string): GraphError {
  return new GraphError(400, { message: `Unknown path components: ${path}`, type: 'OAuthException', code: 2500 });
}

/** No access token in the request (code 104). */
export function tokenMissing(): GraphError {
  return new GraphError(400, { message: 'An access token is required to request this resource.', type: 'OAuthException', code: 104 }, { 'WWW-Authenticate': 'OAuth "Facebook Platform" "invalid_request" "An access token is required to request this resource."' });
}

/** An access token the sandbox does not know (code 190, no subcode). */
export function tokenInvalid(): GraphError {
  return new GraphError(400, { message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190 }, { 'WWW-Authenticate': 'OAuth "Facebook Platform" "invalid_token" "Invalid OAuth access token - Cannot parse access token"' });
}

/**
 * A budget under the minimum: code 100 subcode 1885272, error_user_title "Budget Is Too Low"
 * (as observed on real ad set creation; the subcode is in the Marketing API error reference).
 * @param minimum the minimum daily budget, formatted in the account currency (e.g. "$1.00")
 */
export function budgetTooLow(minimum: string): GraphError {
  return invalidParam('Invalid parameter', {
    error_subcode: 1885272,
    error_user_title: 'Budget Is Too Low',
    error_user_msg: `The budget for this ad set must be at least ${minimum}. Please edit your budget to enable delivery of your ads.`,
  });
}

/** The usage entry Meta sends in X-Business-Use-Case-Usage. `estimated_time_to_regain_access` is in minutes. */
export interface BucUsage {
  type: 'ads_management' | 'ads_insights';
  call_count: number;
  total_cputime: number;
  total_time: number;
  estimated_time_to_regain_access: number;
  ads_api_access_tier: 'standard_access';
}

/** The X-Business-Use-Case-Usage header value: `{"<ad account id digits>": [usage]}`. */
export function bucHeader(accountDigits: string, usage: BucUsage): string {
  return JSON.stringify({ [accountDigits]: [usage] });
}

/** Minutes until access returns after an injected rate limit (a short, retryable throttle). */
const RATE_LIMIT_REGAIN_MINUTES = 1;
/** Minutes until access returns after an injected quota exhaustion (a day: not worth retrying). */
const QUOTA_REGAIN_MINUTES = 1440;

/**
 * The Graph API answer for an injected fault (every mode but latency):
 * - rate_limit: code 17 subcode 2446079 "User request limit reached" (Marketing API rate limiting
 *   doc), HTTP 400, X-Business-Use-Case-Usage with estimated_time_to_regain_access 1 minute;
 * - quota: code 80004 subcode 2446079 "There have been too many calls to this ad-account" (the
 *   ads_management business-use-case limit), HTTP 400, estimated_time_to_regain_access 1440 minutes;
 * - token_expired: code 190 subcode 463 (session expired), HTTP 400 with WWW-Authenticate;
 * - server_error: code 2 "An unexpected error has occurred", is_transient, HTTP 500;
 * - policy: code 100 subcode 3686001, error_user_title "Ad cannot be published" (the answer Meta
 *   gives when an advertiser may not publish ads under its policies).
 * @param accountDigits the ad account id without `act_`, keyed in the usage header ("" when unknown)
 */
export function faultError(mode: Exclude<FaultMode, 'latency'>, accountDigits: string, traceId: string): GraphError {
  const throttled = (minutes: number, type: BucUsage['type'] = 'ads_management') => ({
    'X-Business-Use-Case-Usage': bucHeader(accountDigits, { type, call_count: 100, total_cputime: 100, total_time: 100, estimated_time_to_regain_access: minutes, ads_api_access_tier: 'standard_access' }),
    'X-Ad-Account-Usage': JSON.stringify({ acc_id_util_pct: 100, reset_time_duration: minutes * 60, ads_api_access_tier: 'standard_access' }),
  });
  switch (mode) {
    case 'rate_limit':
      return new GraphError(
        400,
        { message: '(#17) User request limit reached', type: 'OAuthException', code: 17, error_subcode: 2446079, is_transient: true, error_user_title: 'Ad Account Has Too Many API Calls', error_user_msg: 'There have been too many calls from this ad account. Please wait a bit and try again.', fbtrace_id: traceId },
        throttled(RATE_LIMIT_REGAIN_MINUTES),
      );
    case 'quota':
      return new GraphError(
        400,
        { message: '(#80004) There have been too many calls to this ad-account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting#ads-management.', type: 'OAuthException', code: 80004, error_subcode: 2446079, fbtrace_id: traceId },
        throttled(QUOTA_REGAIN_MINUTES),
      );
    case 'token_expired':
      return new GraphError(
        400,
        { message: 'Error validating access token: Session has expired. The current time is later than the expiry time of the token.', type: 'OAuthException', code: 190, error_subcode: 463, fbtrace_id: traceId },
        { 'WWW-Authenticate': 'OAuth "Facebook Platform" "invalid_token" "Error validating access token: Session has expired"' },
      );
    case 'server_error':
      return new GraphError(500, { message: 'An unexpected error has occurred. Please retry your request later.', type: 'OAuthException', code: 2, is_transient: true, fbtrace_id: traceId });
    case 'policy':
      return new GraphError(400, {
        message: 'Invalid parameter',
        type: 'OAuthException',
        code: 100,
        error_subcode: 3686001,
        is_transient: false,
        error_user_title: 'Ad cannot be published',
        error_user_msg: "This ad can't be published because it doesn't comply with our Advertising Policies.",
        fbtrace_id: traceId,
      });
  }
}
