/**
 * TikTok Business API v1.3 facade of the ads sandbox (seed 001 component 5, 需求 7.2; issue "Ad
 * platforms" §2), mounted at `/tiktok`: `/tiktok/open_api/v1.3/<endpoint>/`, trailing slash required
 * (a path without it answers HTTP 404, as TikTok's gateway does). Like TikTok it answers HTTP 200 with
 * `{code, message, request_id, data}` for successes and errors alike.
 *
 * Order of checks per call: (1) fault injection, `world.takeFault('tiktok', path)`: latency sleeps
 * `latency_ms` then continues; rate_limit → 40100 (app QPS limit); quota → 40100 naming the daily
 * QPD limit (TikTok has no separate quota code; its Rate limits page says QPD exhaustion also answers
 * 40100 until 00:00 UTC); token_expired → 40102; policy → 40065 (the Return Codes page's "Advertising
 * policy related" code); server_error → alternately 50000 "System error" in an HTTP 200 envelope and an
 * HTTP 503 without an envelope (a gateway failure). (2) `Access-Token` header: empty → 40104, unknown →
 * 40105. (3) `advertiser_id` (query for GET, JSON body for POST): missing → 40002, not the token's
 * advertiser → 40106. (4) the endpoint (objects.ts, report.ts). GET parameters holding arrays or
 * objects (filtering, fields, dimensions, metrics) are JSON strings, as on TikTok.
 */
import { Hono, type Context } from 'hono';
import { TIKTOK_API_PATH } from '../../../domain/ads/tiktok-enums.js';
import type { AdsWorld, FaultRule, WorldAccount } from '../world-api.js';
import {
  createAdGroup,
  createAds,
  createCampaign,
  getObjects,
  ImageStore,
  updateAdGroup,
  updateAdGroupBudgets,
  updateCampaign,
  updateStatus,
  uploadImage,
} from './objects.js';
import { integratedReport } from './report.js';
import { paramError, requestIds, TikTokFailure, type TikTokCall, type TikTokEnvelope } from './wire.js';

type Handler = (call: TikTokCall) => Record<string, unknown>;

/** GET parameters whose values are JSON (arrays or objects). */
const JSON_PARAMS = new Set(['filtering', 'fields', 'dimensions', 'metrics', 'campaign_ids', 'adgroup_ids', 'ad_ids']);

/** The TikTok facade's routes, mounted at `/tiktok` by the ads sandbox server. */
export function tiktokRoutes(world: AdsWorld): Hono {
  const app = new Hono();
  const images = new ImageStore();
  const nextRequestId = requestIds();
  let serverErrors = 0;

  app.use(`${TIKTOK_API_PATH}/*`, async (c, next) => {
    const fault = world.takeFault('tiktok', c.req.path);
    if (fault?.mode === 'latency') {
      await sleep(fault.latency_ms ?? 0);
    } else if (fault) {
      if (fault.mode === 'server_error' && ++serverErrors % 2 === 0) return c.text('503 Service Temporarily Unavailable', 503);
      const { code, message } = faultReturnCode(fault);
      return c.json(envelope(code, message, nextRequestId()));
    }
    await next();
  });

  const endpoints: ReadonlyArray<['GET' | 'POST', string, Handler]> = [
    ['POST', '/campaign/create/', createCampaign],
    ['GET', '/campaign/get/', (call) => getObjects(call, 'campaign', images)],
    ['POST', '/campaign/update/', updateCampaign],
    ['POST', '/campaign/status/update/', (call) => updateStatus(call, 'campaign')],
    ['POST', '/adgroup/create/', createAdGroup],
    ['GET', '/adgroup/get/', (call) => getObjects(call, 'adset', images)],
    ['POST', '/adgroup/update/', updateAdGroup],
    ['POST', '/adgroup/budget/update/', updateAdGroupBudgets],
    ['POST', '/adgroup/status/update/', (call) => updateStatus(call, 'adset')],
    ['POST', '/file/image/ad/upload/', (call) => uploadImage(call, images)],
    ['POST', '/ad/create/', (call) => createAds(call, images)],
    ['GET', '/ad/get/', (call) => getObjects(call, 'ad', images)],
    ['POST', '/ad/status/update/', (call) => updateStatus(call, 'ad')],
    ['GET', '/report/integrated/get/', integratedReport],
  ];

  for (const [method, path, handler] of endpoints) {
    app.on(method, `${TIKTOK_API_PATH}${path}`, async (c) => {
      const requestId = nextRequestId();
      try {
        const account = authenticate(world, c.req.header('Access-Token'));
        const params = method === 'GET' ? queryParams(c) : await bodyParams(c);
        checkAdvertiser(params.advertiser_id, account);
        return c.json(envelope(0, 'OK', requestId, handler({ world, account, params })));
      } catch (err) {
        if (err instanceof TikTokFailure) return c.json(envelope(err.code, err.message, requestId));
        throw err;
      }
    });
  }
  return app;
}

/** The envelope TikTok answers with (data `{}` on errors). */
function envelope(code: number, message: string, requestId: string, data: unknown = {}): TikTokEnvelope {
  return { code, message, request_id: requestId, data };
}

/** The TikTok return code an injected fault answers with (see the module comment). */
function faultReturnCode(fault: FaultRule): { code: number; message: string } {
  switch (fault.mode) {
    case 'rate_limit':
      return { code: 40100, message: 'App reaches the QPS limit 10, current QPS is 11. Requests made too frequently, please try again later.' };
    case 'quota':
      return { code: 40100, message: 'App reaches the QPD limit 864000 of the current day. Requests are restricted until 00:00:00 UTC+0.' };
    case 'token_expired':
      return { code: 40102, message: 'Access token has expired. Please call the endpoint with the latest access token.' };
    case 'policy':
      return { code: 40065, message: 'Advertising policy restriction: based on one or more of your choices, this ad cannot be delivered.' };
    default:
      return { code: 50000, message: 'System error' };
  }
}

/**
 * The account an `Access-Token` opens.
 * @throws TikTokFailure 40104 when the header is missing or empty, 40105 for an unknown token
 */
function authenticate(world: AdsWorld, token: string | undefined): WorldAccount {
  if (!token) throw new TikTokFailure(40104, 'Access token is null, you should set it in http header with key Access-Token.');
  const account = world.accountByToken('tiktok', token);
  if (!account) throw new TikTokFailure(40105, 'Access token is incorrect or has been revoked.');
  return account;
}

/** @throws TikTokFailure 40002 without advertiser_id, 40106 when it is not the token's advertiser */
function checkAdvertiser(advertiserId: unknown, account: WorldAccount): void {
  if (advertiserId === undefined || advertiserId === '') throw paramError('advertiser_id: Missing data for required field.');
  if (String(advertiserId) !== account.account_id) {
    throw new TikTokFailure(40106, `The core user is invalid: advertiser_id ${String(advertiserId)} is not authorised for this access token.`);
  }
}

/** GET parameters; JSON-valued ones parsed. @throws TikTokFailure 40002 for malformed JSON */
function queryParams(c: Context): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(c.req.query())) {
    if (!JSON_PARAMS.has(key)) {
      params[key] = value;
      continue;
    }
    try {
      params[key] = JSON.parse(value);
    } catch {
      throw paramError(`${key}: Not a valid JSON string.`);
    }
  }
  return params;
}

/** The JSON object body of a POST. @throws TikTokFailure 40002 when it is not a JSON object */
async function bodyParams(c: Context): Promise<Record<string, unknown>> {
  const body: unknown = await c.req.json().catch(() => undefined);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw paramError('The request body must be a JSON object.');
  return body as Record<string, unknown>;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
