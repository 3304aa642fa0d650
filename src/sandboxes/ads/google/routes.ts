/**
 * Google Ads REST facade of the ads sandbox, mounted at `/google`: the test double the Google adapter
 * is contract-tested against (seed 001 component 5, 需求 7.3 / 7.5, properties 14 and 15)
 * (https://developers.google.com/google-ads/api/rest/overview): `POST /google/<v>/customers/<cid>/<resource>:mutate`
 * for campaignBudgets, campaigns, adGroups, assets and adGroupAds (mutate.ts) and
 * `POST /google/<v>/customers/<cid>/googleAds:search` (search.ts, GAQL in gaql.ts); any `v<digits>` version.
 *
 * Every call, in order:
 * 1. fault injection, `world.takeFault('google', path)`: rate_limit → 429 RESOURCE_EXHAUSTED quotaError
 *    RESOURCE_TEMPORARILY_EXHAUSTED with quotaErrorDetails {rateScope ACCOUNT, rateName, retryDelay "3s"};
 *    quota → 429 quotaError RESOURCE_EXHAUSTED (daily operations quota); token_expired → 401
 *    UNAUTHENTICATED authenticationError OAUTH_TOKEN_EXPIRED; server_error → 500 INTERNAL
 *    internalError INTERNAL_ERROR and 503 UNAVAILABLE alternately (first 500); policy → 400
 *    policyFindingError POLICY_FINDING with policyFindingDetails; latency → waits latency_ms, then proceeds;
 * 2. `Authorization: Bearer <token>` must open the customer (`world.accountByToken('google', token)`):
 *    missing or malformed → 401 authenticationError OAUTH_TOKEN_HEADER_INVALID, unknown → 401
 *    OAUTH_TOKEN_INVALID, another customer's id → 403 authorizationError USER_PERMISSION_DENIED;
 *    `login-customer-id` is optional: 10 digits (dashes allowed), the sandbox manager or the customer
 *    itself (400 headerError INVALID_LOGIN_CUSTOMER_ID / 403 USER_PERMISSION_DENIED otherwise);
 *    `developer-token` is accepted and ignored: Google sunset developer tokens on 2026-09-09 and
 *    ignores the header since (https://developers.google.com/google-ads/api/docs/api-policy/developer-token);
 * 3. the method. Errors answer Google's envelope (envelope.ts); every answer has a `request-id` header.
 */
import { Hono } from 'hono';
import { SANDBOX_LOGIN_CUSTOMER_ID } from '../accounts.js';
import type { AdsWorld, FaultRule, WorldAccount } from '../world-api.js';
import { faultBody, GoogleAdsFault, PlainFault, plainBody } from './envelope.js';
import { GaqlError, parseGaql } from './gaql.js';
import { MUTATE_RESOURCES, runMutate, type MutateResourceName } from './mutate.js';
import { GoogleResources } from './resources.js';
import { gaqlFault, runSearch } from './search.js';

const ROUTE = /\/(v\d+)\/customers\/([^/]+)\/([A-Za-z]+):([A-Za-z]+)$/;

/** The fault an injected rule answers with (latency is handled by the caller). */
function injectedFault(rule: FaultRule, serverErrors: number): GoogleAdsFault | PlainFault {
  switch (rule.mode) {
    case 'rate_limit':
      return new GoogleAdsFault(429, [
        {
          errorCode: { quotaError: 'RESOURCE_TEMPORARILY_EXHAUSTED' },
          message: 'Too many requests. Retry in 3 seconds.',
          details: { quotaErrorDetails: { rateScope: 'ACCOUNT', rateName: 'Requests per account', retryDelay: '3s' } },
        },
      ]);
    case 'quota':
      return new GoogleAdsFault(429, [
        {
          errorCode: { quotaError: 'RESOURCE_EXHAUSTED' },
          message: 'Too many requests: the daily operations quota of this access level is used up.',
          details: { quotaErrorDetails: { rateScope: 'DEVELOPER', rateName: 'Number of operations for basic access' } },
        },
      ]);
    case 'token_expired':
      return new GoogleAdsFault(401, [{ errorCode: { authenticationError: 'OAUTH_TOKEN_EXPIRED' }, message: 'OAuth token in the header has expired.' }]);
    case 'policy':
      return new GoogleAdsFault(400, [
        {
          errorCode: { policyFindingError: 'POLICY_FINDING' },
          message: 'The resource has been disapproved since the policy summary includes policy topics of type PROHIBITED.',
          location: { fieldPathElements: [{ fieldName: 'operations', index: 0 }, { fieldName: 'create' }] },
          details: { policyFindingDetails: { policyTopicEntries: [{ topic: 'UNRELIABLE_CLAIMS', type: 'PROHIBITED' }] } },
        },
      ]);
    default: // server_error (latency never gets here)
      return serverErrors % 2 === 1
        ? new GoogleAdsFault(500, [{ errorCode: { internalError: 'INTERNAL_ERROR' }, message: 'An internal error has occurred.' }])
        : new PlainFault(503, 'The service is currently unavailable.');
  }
}

/** The account of the request's token, checked against the customer id and login-customer-id. */
function authenticate(world: AdsWorld, headers: { authorization?: string; login?: string }, customerId: string): WorldAccount {
  const auth = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
  if (!auth) throw new GoogleAdsFault(401, [{ errorCode: { authenticationError: 'OAUTH_TOKEN_HEADER_INVALID' }, message: 'Authorization header is missing or not a Bearer OAuth token.' }]);
  const account = world.accountByToken('google', auth[1]!);
  if (!account) throw new GoogleAdsFault(401, [{ errorCode: { authenticationError: 'OAUTH_TOKEN_INVALID' }, message: 'OAuth token in the header is not valid.' }]);
  const denied = () =>
    new GoogleAdsFault(403, [{ errorCode: { authorizationError: 'USER_PERMISSION_DENIED' }, message: "User doesn't have permission to access customer." }]);
  if (!/^\d{10}$/.test(customerId)) throw new GoogleAdsFault(400, [{ errorCode: { authenticationError: 'CLIENT_CUSTOMER_ID_INVALID' }, message: 'Client customer ID is not a number.' }]);
  if (headers.login !== undefined) {
    const login = headers.login.replace(/-/g, '');
    if (!/^\d{10}$/.test(login)) throw new GoogleAdsFault(400, [{ errorCode: { headerError: 'INVALID_LOGIN_CUSTOMER_ID' }, message: 'The login customer ID could not be validated.' }]);
    if (login !== SANDBOX_LOGIN_CUSTOMER_ID && login !== customerId) throw denied();
  }
  if (account.account_id !== customerId) throw denied();
  return account;
}

/** The Google Ads REST routes over a world, mounted at `/google` (see the module comment). */
export function googleRoutes(world: AdsWorld): Hono {
  const res = new GoogleResources(world);
  let serverErrors = 0;
  const app = new Hono();
  app.all('*', async (c) => {
    const requestId = res.nextRequestId();
    c.header('request-id', requestId);
    const path = c.req.path;
    const route = ROUTE.exec(path);
    const version = route?.[1] ?? 'v26';
    try {
      const rule = world.takeFault('google', path);
      if (rule?.mode === 'latency') await new Promise((resolve) => setTimeout(resolve, rule.latency_ms ?? 0));
      else if (rule) throw injectedFault(rule, rule.mode === 'server_error' ? ++serverErrors : 0);
      if (!route || c.req.method !== 'POST') throw new PlainFault(404, `Method not found: ${c.req.method} ${path}`);
      const [, , customerId, resource, method] = route as unknown as [string, string, string, string, string];
      const account = authenticate(world, { authorization: c.req.header('authorization'), login: c.req.header('login-customer-id') }, customerId);
      let body: unknown;
      try {
        body = JSON.parse((await c.req.text()) || '{}');
      } catch {
        throw new PlainFault(400, 'Invalid JSON payload received.');
      }
      if (resource === 'googleAds' && method === 'search') {
        const { query, pageToken, pageSize, searchSettings } = (body ?? {}) as { query?: unknown; pageToken?: unknown; pageSize?: unknown; searchSettings?: { returnTotalResultsCount?: unknown } };
        if (pageSize !== undefined) throw new GoogleAdsFault(400, [{ errorCode: { requestError: 'PAGE_SIZE_NOT_SUPPORTED' }, message: 'Setting the page size is not supported.' }]);
        if (typeof query !== 'string' || !query.trim()) throw new GoogleAdsFault(400, [{ errorCode: { queryError: 'EXPECTED_SELECT' }, message: 'The query is empty.' }]);
        let parsed;
        try {
          parsed = parseGaql(query);
          return c.json(runSearch(res, account, parsed, query, { ...(typeof pageToken === 'string' && pageToken ? { pageToken } : {}), totalResultsCount: searchSettings?.returnTotalResultsCount === true }));
        } catch (err) {
          throw err instanceof GaqlError ? gaqlFault(err) : err;
        }
      }
      if (method === 'mutate' && (MUTATE_RESOURCES as readonly string[]).includes(resource)) {
        return c.json(await runMutate(resource as MutateResourceName, body, { res, account, version, requestId }));
      }
      throw new PlainFault(404, `Method not found: ${resource}:${method}`);
    } catch (err) {
      if (err instanceof GoogleAdsFault) return c.json(faultBody(version, err, requestId), err.http);
      if (err instanceof PlainFault) return c.json(plainBody(err), err.http);
      throw err;
    }
  });
  return app;
}
