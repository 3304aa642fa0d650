/**
 * Properties of the Google Ads normalisation (seed 001 property 14: one result format, units
 * normalised; property 15: every platform error maps to a code): micros round-trips, the GAQL the
 * adapter generates is accepted by the sandbox's parser and executor for any span, level, id and
 * request key, LIKE escaping matches exactly the keyed name, status and error mapping are total,
 * and ad texts always fit Google's display-width limits.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/domain/errors.js';
import { displayWidth, fitText } from '../../src/integrations/platforms/google/ad.js';
import { googleAdsError } from '../../src/integrations/platforms/google/errors.js';
import {
  assetNamesQuery,
  assetsByRequestKeyQuery,
  budgetByRequestKeyQuery,
  campaignBudgetQuery,
  gaqlString,
  insightsQuery,
  LEVEL_RESOURCE,
  likeLiteral,
  objectQuery,
  requestKeyPattern,
} from '../../src/integrations/platforms/google/gaql.js';
import { normaliseGoogleStatus } from '../../src/integrations/platforms/google/status.js';
import { fromMicros, roundMajor, toMicrosString } from '../../src/domain/ads/money.js';
import { withRequestKey } from '../../src/domain/ads/request-key.js';
import type { Level } from '../../src/domain/ads/types.js';
import { likePattern, parseGaql } from '../../src/sandboxes/ads/google/gaql.js';
import { GoogleResources } from '../../src/sandboxes/ads/google/resources.js';
import { runSearch } from '../../src/sandboxes/ads/google/search.js';
import { createAdsWorld } from '../../src/sandboxes/ads/world.js';
import type { AdsWorld, WorldAccount } from '../../src/sandboxes/ads/world-api.js';

const RUNS = { numRuns: 150 };
const level = fc.constantFrom<Level>('campaign', 'adset', 'ad');
const id = fc.bigInt({ min: 1n, max: 99_999_999_999n }).map(String);
const requestKey = fc.stringMatching(/^[A-Za-z0-9._:-]{1,80}$/);
const isoDate = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const span = fc.tuple(isoDate, isoDate).map(([a, b]) => (a <= b ? { since: a, until: b } : { since: b, until: a }));

describe('money on the Google wire', () => {
  it('cents → micros string → major units round-trips exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000_00 }), (cents) => {
        const major = cents / 100;
        const micros = toMicrosString(major);
        expect(micros).toMatch(/^\d+$/);
        expect(Number(micros) % 10_000).toBe(0);
        expect(fromMicros(micros)).toBe(major);
        expect(fromMicros(Number(micros))).toBe(major);
      }),
      RUNS,
    );
  });

  it('any positive amount rounded to USD cents gives micros that are a multiple of the 10 000-micro unit', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1_000_000, noNaN: true }), (amount) => {
        const micros = Number(toMicrosString(roundMajor(amount, 'USD')));
        expect(micros % 10_000).toBe(0);
        expect(Math.abs(fromMicros(micros) - amount)).toBeLessThanOrEqual(0.005 + 1e-9);
      }),
      RUNS,
    );
  });
});

describe('GAQL: what the adapter sends, the sandbox accepts', () => {
  let world: AdsWorld;
  let account: WorldAccount;
  let resources: GoogleResources;
  beforeAll(() => {
    world = createAdsWorld({ today: '2026-11-20' });
    account = world.ensureUser('gaql-property').find((a) => a.platform === 'google')!;
    resources = new GoogleResources(world);
  });
  const run = (query: string) => runSearch(resources, account, parseGaql(query), query, {});

  it('insights queries parse to BETWEEN the span on the level resource and run', () => {
    fc.assert(
      fc.property(level, span, (lvl, s) => {
        const query = insightsQuery(lvl, s);
        const parsed = parseGaql(query);
        expect(parsed.resource).toBe(LEVEL_RESOURCE[lvl]);
        expect(parsed.where).toEqual([{ field: 'segments.date', operator: 'BETWEEN', values: [{ kind: 'string', value: s.since }, { kind: 'string', value: s.until }] }]);
        expect(parsed.fields).toContain('metrics.cost_micros');
        const answer = run(query);
        for (const row of answer.results) {
          const date = (row.segments as { date: string }).date;
          expect(date >= s.since && date <= s.until).toBe(true);
          expect((row.metrics as { costMicros: string }).costMicros).toMatch(/^\d+$/);
        }
      }),
      RUNS,
    );
  });

  it('object, budget, asset and campaign-budget queries parse and run for any ids and request keys', () => {
    fc.assert(
      fc.property(level, fc.option(id), fc.option(id), fc.option(requestKey), fc.boolean(), requestKey, id, (lvl, oid, parent, key, excludeRemoved, key2, cid) => {
        const queries = [
          objectQuery(lvl, { ...(oid ? { id: oid } : {}), ...(parent ? { parentId: parent } : {}), ...(key ? { requestKey: key } : {}), excludeRemoved }),
          budgetByRequestKeyQuery(key2),
          assetsByRequestKeyQuery(key2),
          assetNamesQuery([`customers/${account.account_id}/assets/${cid}`, "it's\\odd"]),
          campaignBudgetQuery(cid),
        ];
        for (const query of queries) expect(() => run(query)).not.toThrow();
      }),
      RUNS,
    );
  });

  it("a request key's LIKE pattern matches exactly the names carrying that key", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), requestKey, requestKey, (name, key, other) => {
        const pattern = likePattern(requestKeyPattern(key));
        expect(pattern.test(withRequestKey(name, key))).toBe(true);
        if (other !== key) expect(pattern.test(withRequestKey(name, other))).toBe(false);
        expect(pattern.test(name)).toBe(false);
      }),
      RUNS,
    );
  });

  it('string literals and LIKE literals survive quoting and escaping', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60, unit: 'binary' }), (text) => {
        const parsed = parseGaql(`SELECT campaign.id FROM campaign WHERE campaign.name = ${gaqlString(text)}`);
        expect(parsed.where[0]!.values[0]).toEqual({ kind: 'string', value: text });
        expect(likePattern(likeLiteral(text)).test(text)).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('normalisation is total', () => {
  const googleStatus = fc.oneof(fc.constantFrom('ENABLED', 'PAUSED', 'REMOVED', 'UNKNOWN', 'UNSPECIFIED', undefined), fc.string());
  const approval = fc.oneof(fc.constantFrom('APPROVED', 'APPROVED_LIMITED', 'AREA_OF_INTEREST_ONLY', 'DISAPPROVED', 'UNKNOWN', 'UNSPECIFIED', undefined), fc.string());
  const review = fc.oneof(fc.constantFrom('REVIEW_IN_PROGRESS', 'REVIEWED', 'UNDER_APPEAL', 'ELIGIBLE_MAY_SERVE', 'UNKNOWN', undefined), fc.string());

  it('every status, approval and review combination maps to one normalised status, with REMOVED and DISAPPROVED winning', () => {
    fc.assert(
      fc.property(googleStatus, approval, review, (status, approvalStatus, reviewStatus) => {
        const out = normaliseGoogleStatus({ status, approvalStatus, reviewStatus });
        expect(['pending_review', 'active', 'paused', 'deleted', 'rejected']).toContain(out);
        if (status === 'REMOVED') expect(out).toBe('deleted');
        else if (approvalStatus === 'DISAPPROVED') expect(out).toBe('rejected');
        else if (status === 'PAUSED') expect(out).toBe('paused');
        else if (status === 'ENABLED' && reviewStatus !== 'REVIEW_IN_PROGRESS' && reviewStatus !== 'UNDER_APPEAL') expect(out).toBe('active');
      }),
      RUNS,
    );
  });

  it('every HTTP answer that is not a success maps to a platform code, keeping the HTTP status', () => {
    const errorCode = fc.record({ kind: fc.constantFrom('quotaError', 'authenticationError', 'authorizationError', 'fieldError', 'imageError', 'policyFindingError', 'billingSetupError', 'mutateError', 'internalError', 'somethingNew'), value: fc.string({ minLength: 1, maxLength: 30 }) });
    const body = fc.oneof(
      fc.string(),
      fc.constant(null),
      fc.record({ error: fc.record({ code: fc.integer(), status: fc.string(), message: fc.string(), details: fc.array(fc.record({ errors: fc.array(errorCode.map((e) => ({ errorCode: { [e.kind]: e.value }, message: 'm' })), { maxLength: 3 }) }), { maxLength: 2 }) }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 300, max: 599 }), body, (status, payload) => {
        const err = googleAdsError({ status, headers: new Headers(), body: payload });
        expect(['6001', '6002', '6003', '6005', '1003', '1005', '1001', '1002', '1004', '4000']).toContain(err.code);
        expect(ERROR_CODES[err.code]).toBeDefined();
        expect(err.details.http_status).toBe(status);
        expect(err.details.platform).toBe('google');
        if ((typeof payload !== 'object' || payload === null) && status >= 500) expect(err.code).toBe('4000');
      }),
      RUNS,
    );
  });

  it('ad texts are fitted within their display width without growing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: fc.constantFrom('a', 'b', ' ', '界', '好', 'Ｗ', '!') }), fc.integer({ min: 1, max: 90 }), (text, max) => {
        const fitted = fitText(text, max);
        expect(displayWidth(fitted)).toBeLessThanOrEqual(max);
        expect(text.replace(/\s+/g, ' ').trim().startsWith(fitted)).toBe(true);
      }),
      RUNS,
    );
  });
});
