/**
 * Property tests of the TikTok Business API v1.3 normalisation (seed 001 property 14: one result
 * format across platforms; property 15: platform errors keep a code and details), at least 100 runs
 * each: report rows with string numbers and "YYYY-MM-DD 00:00:00" days become InsightRows, status
 * mapping is total and agrees with the sandbox facade's rendering, return codes map totally.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES } from '../../src/domain/errors.js';
import { callToAction } from '../../src/integrations/platforms/tiktok/adapter.js';
import { ageGroupsFor, ageRangeOf, CALL_TO_ACTIONS } from '../../src/domain/ads/tiktok-enums.js';
import { tiktokErrorCode, tiktokRetryAfter } from '../../src/integrations/platforms/tiktok/errors.js';
import { metricNumber, normaliseStatus, reportRowToInsight, statTimeDayToIso } from '../../src/integrations/platforms/tiktok/normalise.js';
import type { Level, NormalizedStatus } from '../../src/domain/ads/types.js';
import { tiktokStatus } from '../../src/sandboxes/ads/tiktok/wire.js';
import type { AdsWorld, WorldObject, WorldStatus } from '../../src/sandboxes/ads/world-api.js';

const RUNS = { numRuns: 200 };
const STATUSES: NormalizedStatus[] = ['pending_review', 'active', 'paused', 'deleted', 'rejected'];
const LEVELS: Level[] = ['campaign', 'adset', 'ad'];

const isoDate = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const id = fc.stringMatching(/^[1-9]\d{18}$/);
const cents = fc.integer({ min: 0, max: 10_000_000 }).map((c) => c / 100);
const count = fc.integer({ min: 0, max: 5_000_000 });

describe('report rows → InsightRow (Synchronous report, business-api.tiktok.com/portal/docs?id=1740302848100353)', () => {
  it('parses string numbers and stat_time_day into major-unit money, integer counts and ISO dates', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LEVELS), id, id, id, isoDate, count, count, cents, count, cents, (level, objectId, campaignId, adgroupId, date, impressions, clicks, spend, conversions, revenue) => {
        const row = {
          dimensions: { [level === 'campaign' ? 'campaign_id' : level === 'adset' ? 'adgroup_id' : 'ad_id']: objectId, stat_time_day: `${date} 00:00:00` },
          metrics: {
            spend: spend.toFixed(2),
            impressions: String(impressions),
            clicks: String(clicks),
            conversion: String(conversions),
            total_complete_payment_rate: revenue.toFixed(2),
            campaign_id: campaignId,
            adgroup_id: adgroupId,
            [`${level === 'campaign' ? 'campaign' : level === 'adset' ? 'adgroup' : 'ad'}_name`]: 'Name',
          },
        };
        expect(reportRowToInsight(row, level, 'USD')).toEqual({
          platform: 'tiktok',
          level,
          id: objectId,
          name: 'Name',
          campaign_id: level === 'campaign' ? objectId : campaignId,
          ...(level === 'campaign' ? {} : { adset_id: level === 'adset' ? objectId : adgroupId }),
          date,
          impressions,
          clicks,
          spend,
          conversions,
          revenue,
          currency: 'USD',
        });
      }),
      RUNS,
    );
  });

  it('reads missing, empty and "-" metrics as 0 and rejects non-numbers as a malformed answer (4000)', () => {
    fc.assert(
      fc.property(fc.constantFrom(undefined, null, '', '-'), fc.string(), (empty, junk) => {
        expect(metricNumber(empty)).toBe(0);
        if (Number.isFinite(Number(junk.replaceAll(',', ''))) || ['', '-'].includes(junk)) return;
        expect(() => metricNumber(junk)).toThrow(AppError);
      }),
      RUNS,
    );
  });

  it('turns every stat_time_day into its ISO date and refuses anything else', () => {
    fc.assert(
      fc.property(isoDate, fc.string(), (date, junk) => {
        expect(statTimeDayToIso(`${date} 00:00:00`)).toBe(date);
        expect(statTimeDayToIso(date)).toBe(date);
        if (/^\d{4}-\d{2}-\d{2}/.test(junk)) return;
        let err: unknown;
        try {
          statTimeDayToIso(junk);
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(AppError);
        expect((err as AppError).code).toBe('4000');
      }),
      RUNS,
    );
  });
});

describe('status mapping (Enumeration - Secondary Status)', () => {
  const prefix = fc.constantFrom('CAMPAIGN_STATUS', 'ADGROUP_STATUS', 'AD_STATUS');
  const suffix = fc.constantFrom(
    'ENABLE',
    'DISABLE',
    'DELETE',
    'DELIVERY_OK',
    'AUDIT',
    'REAUDIT',
    'AUDIT_DENY',
    'ADVERTISER_AUDIT',
    'ADVERTISER_AUDIT_DENY',
    'CAMPAIGN_DISABLE',
    'CAMPAIGN_DELETE',
    'ADGROUP_DISABLE',
    'ADGROUP_DELETE',
    'BUDGET_EXCEED',
    'BALANCE_EXCEED',
    'NOT_START',
    'TIME_DONE',
    'NOT_DELETE',
  );
  const secondary = fc.oneof(fc.tuple(prefix, suffix).map(([p, s]) => `${p}_${s}`), fc.string());
  const operation = fc.oneof(fc.constantFrom('ENABLE', 'DISABLE', 'DELETE', 'FROZEN'), fc.string());

  it('is total: every (operation_status, secondary_status) pair maps to one of the five statuses', () => {
    fc.assert(
      fc.property(fc.option(operation, { nil: undefined }), fc.option(secondary, { nil: undefined }), (op, sec) => {
        expect(STATUSES).toContain(normaliseStatus(op, sec));
      }),
      { numRuns: 500 },
    );
  });

  it('follows the documented precedence', () => {
    fc.assert(
      fc.property(prefix, fc.constantFrom('ENABLE', 'DISABLE'), (p, op) => {
        expect(normaliseStatus(op, `${p}_DELETE`)).toBe('deleted');
        expect(normaliseStatus(op, `${p}_CAMPAIGN_DELETE`)).toBe('deleted');
        expect(normaliseStatus(op, `${p}_AUDIT_DENY`)).toBe('rejected');
        expect(normaliseStatus('DISABLE', `${p}_DELIVERY_OK`)).toBe('paused');
        expect(normaliseStatus('ENABLE', `${p}_AUDIT`)).toBe('pending_review');
        expect(normaliseStatus('ENABLE', `${p}_REAUDIT`)).toBe('pending_review');
        for (const s of ['DELIVERY_OK', 'CAMPAIGN_DISABLE', 'BUDGET_EXCEED', 'BALANCE_EXCEED', 'NOT_START']) expect(normaliseStatus('ENABLE', `${p}_${s}`)).toBe('active');
      }),
      RUNS,
    );
  });

  it('reads back every status the sandbox facade renders: own status, or deleted under a deleted parent', () => {
    const worldStatus = fc.constantFrom<WorldStatus>('active', 'paused', 'deleted', 'pending_review', 'rejected');
    fc.assert(
      fc.property(fc.constantFrom(...LEVELS), worldStatus, worldStatus, worldStatus, (level, own, campaignStatus, adgroupStatus) => {
        const obj = (lvl: Level, objId: string, status: WorldStatus): WorldObject => ({
          platform: 'tiktok',
          account_id: '7000000000000000001',
          level: lvl,
          id: objId,
          name: objId,
          status,
          created_on: '2026-11-20',
          extra: {},
          ...(lvl !== 'campaign' ? { campaign_id: 'c' } : {}),
          ...(lvl === 'ad' ? { adset_id: 's' } : {}),
        });
        const parents = new Map([
          ['c', obj('campaign', 'c', campaignStatus)],
          ['s', obj('adset', 's', adgroupStatus)],
        ]);
        const world = { get: (_platform: string, objId: string) => parents.get(objId) } as unknown as AdsWorld;
        const rendered = tiktokStatus(world, obj(level, 'x', own));
        const parentDeleted = (level !== 'campaign' && campaignStatus === 'deleted') || (level === 'ad' && adgroupStatus === 'deleted');
        expect(normaliseStatus(rendered.operation_status, rendered.secondary_status)).toBe(own === 'deleted' || parentDeleted ? 'deleted' : own);
      }),
      RUNS,
    );
  });
});

describe('return codes (business-api.tiktok.com/portal/docs?id=1737172488964097)', () => {
  const PLATFORM_CODES = ['6001', '6002', '6003', '6005', '1003', '1005', '1001', '1002', '1004', '4000'];

  it('maps every code to a platform error code; only throttling and platform failures are retryable', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999 }), fc.string(), (code, message) => {
        const mapped = tiktokErrorCode(code, message);
        expect(PLATFORM_CODES).toContain(mapped);
        expect(ERROR_CODES[mapped].retryable).toBe(mapped === '1003' || mapped === '4000');
        if (code >= 50000) expect(mapped).toBe('4000');
      }),
      RUNS,
    );
  });

  it('maps the documented codes as the table says', () => {
    const table: Array<[number, string, string]> = [
      [40100, 'App reaches the QPS limit 10', '1003'],
      [40016, '', '1003'],
      [40133, "Advertiser's QPS reaches QPS limit", '1003'],
      [40100, 'App reaches the QPD limit 864000', '1005'],
      [40502, '', '1005'],
      [40102, '', '6001'],
      [40104, '', '1002'],
      [40105, '', '1002'],
      [40106, '', '1002'],
      [40001, '', '1002'],
      [40000, '', '1001'],
      [40002, '', '1001'],
      [40007, '', '1004'],
      [40065, '', '6005'],
      [40904, '', '6003'],
      [40202, '', '4000'],
      [50000, '', '4000'],
      [50002, '', '4000'],
      [60001, '', '4000'],
      [20001, '', '1001'],
    ];
    for (const [code, message, expected] of table) expect([code, tiktokErrorCode(code, message)]).toEqual([code, expected]);
    expect(tiktokRetryAfter(40100, 'QPM limit reached')).toBe(300);
    expect(tiktokRetryAfter(40002, 'QPS')).toBeUndefined();
  });
});

describe('targeting and creative values', () => {
  it('covers an age range with the TikTok age groups overlapping it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 13, max: 100 }), fc.integer({ min: 13, max: 100 }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const range = ageRangeOf(ageGroupsFor(lo, hi));
        expect(range).toBeDefined();
        expect(range!.age_min).toBeLessThanOrEqual(lo);
        expect(range!.age_max).toBeGreaterThanOrEqual(hi);
      }),
      RUNS,
    );
  });

  it('always sends a call to action TikTok knows', () => {
    fc.assert(
      fc.property(fc.option(fc.oneof(fc.string(), fc.constantFrom('Shop now', 'sign-up', 'LEARN_MORE', 'Get offer')), { nil: undefined }), (value) => {
        expect(CALL_TO_ACTIONS).toContain(callToAction(value));
      }),
      RUNS,
    );
    expect(callToAction('Shop now')).toBe('SHOP_NOW');
  });
});
