/**
 * Property tests of the Meta adapter's normalisation (seed 001 property 14: one result format and
 * normalised units across platforms; property 15: platform errors keep their details), at least
 * 200 runs each: minor-unit budget round trips in USD, JPY and KWD, insights rows (spend strings →
 * major-unit numbers, purchases counted once whatever action types Meta repeats them under),
 * status normalisation and the throttle / quota split.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyExponent, fromMinor, toMinorString } from '../../src/domain/ads/money.js';
import { classifyMetaError, QUOTA_WAIT_S, redact } from '../../src/integrations/platforms/meta/errors.js';
import { normaliseStatus, PURCHASE_TYPES, toInsightRow, toPlatformObject, type MetaAction } from '../../src/integrations/platforms/meta/normalise.js';

const RUNS = { numRuns: 200 };
const currency = fc.constantFrom('USD', 'JPY', 'KWD');
/** a minor-unit amount up to 10^12 (10 billion USD). */
const minor = fc.integer({ min: 0, max: 1_000_000_000_000 });

describe('budgets: minor-unit strings ↔ major units', () => {
  it('minor string → major → minor string is the identity (USD 2, JPY 0, KWD 3 digits)', () => {
    fc.assert(
      fc.property(currency, minor, (cur, m) => {
        const major = fromMinor(String(m), cur);
        expect(toMinorString(major, cur)).toBe(String(m));
        expect(major * 10 ** currencyExponent(cur)).toBeCloseTo(m, 3);
      }),
      RUNS,
    );
  });

  it('a node daily_budget reads back as the major amount the adapter sent', () => {
    fc.assert(
      fc.property(currency, minor, (cur, m) => {
        const sent = fromMinor(m, cur);
        const node = { id: '1', name: 'x', status: 'ACTIVE', effective_status: 'ACTIVE', daily_budget: toMinorString(sent, cur) };
        expect(toPlatformObject(node, 'adset', cur).daily_budget).toBe(sent);
      }),
      RUNS,
    );
  });

  it('JPY has no minor digits and KWD three', () => {
    expect(toMinorString(1500, 'JPY')).toBe('1500');
    expect(toMinorString(1.234, 'KWD')).toBe('1234');
    expect(fromMinor('2050', 'USD')).toBe(20.5);
  });
});

const otherAction = fc.record({
  action_type: fc.constantFrom('link_click', 'landing_page_view', 'add_to_cart', 'initiate_checkout', 'post_engagement'),
  value: fc.integer({ min: 0, max: 100_000 }).map(String),
});

/** An actions list with `count` reported under a random non-empty subset of the purchase types, in random order. */
const withPurchases = (value: string) =>
  fc
    .tuple(fc.subarray([...PURCHASE_TYPES], { minLength: 1 }), fc.array(otherAction, { maxLength: 4 }))
    .chain(([types, others]) => fc.shuffledSubarray([...types.map((action_type) => ({ action_type, value })), ...others], { minLength: types.length + others.length }));

describe('insights rows: strings → numbers in major units', () => {
  it('spend decimal strings become major-unit numbers at the currency precision', () => {
    fc.assert(
      fc.property(currency, minor, fc.boolean(), (cur, m, padded) => {
        const digits = currencyExponent(cur);
        const spend = padded ? (m / 10 ** digits).toFixed(digits) : String(m / 10 ** digits);
        const row = toInsightRow({ campaign_id: '7', spend, impressions: '10', clicks: '2', date_start: '2026-11-20' }, 'campaign', cur);
        expect(row.spend).toBe(fromMinor(m, cur));
        expect(row).toMatchObject({ platform: 'meta', level: 'campaign', id: '7', date: '2026-11-20', impressions: 10, clicks: 2, currency: cur });
      }),
      RUNS,
    );
  });

  it('counts purchases once, whatever purchase types Meta repeats them under', () => {
    const conv = fc.integer({ min: 0, max: 10_000 });
    const revenueCents = fc.integer({ min: 0, max: 100_000_000 });
    fc.assert(
      fc.property(
        conv.chain((n) => fc.tuple(fc.constant(n), withPurchases(String(n)))),
        revenueCents.chain((c) => fc.tuple(fc.constant(c), withPurchases((c / 100).toFixed(2)))),
        ([n, actions], [cents, values]) => {
          const row = toInsightRow({ adset_id: '9', campaign_id: '7', actions: actions as MetaAction[], action_values: values as MetaAction[], date_start: '2026-11-20' }, 'adset', 'USD');
          expect(row.conversions).toBe(n);
          expect(row.revenue).toBe(cents / 100);
          expect(row.campaign_id).toBe('7');
        },
      ),
      RUNS,
    );
  });

  it('rows without purchase actions have zero conversions and revenue', () => {
    fc.assert(
      fc.property(fc.array(otherAction, { maxLength: 5 }), (actions) => {
        const row = toInsightRow({ ad_id: '3', actions, date_start: '2026-11-20' }, 'ad', 'USD');
        expect(row.conversions).toBe(0);
        expect(row.revenue).toBe(0);
      }),
      RUNS,
    );
  });
});

describe('statuses and errors', () => {
  const known = ['ACTIVE', 'PAUSED', 'CAMPAIGN_PAUSED', 'ADSET_PAUSED', 'DELETED', 'ARCHIVED', 'PENDING_REVIEW', 'IN_PROCESS', 'DISAPPROVED', 'WITH_ISSUES'];

  it('every effective status maps to one normalised status; an unknown one falls back to the configured status', () => {
    fc.assert(
      fc.property(fc.constantFrom(...known), fc.constantFrom('ACTIVE', 'PAUSED'), fc.string({ minLength: 1, maxLength: 12 }), (effective, configured, junk) => {
        expect(['pending_review', 'active', 'paused', 'deleted', 'rejected']).toContain(normaliseStatus(effective, configured));
        if (!known.includes(junk)) expect(normaliseStatus(junk, configured)).toBe(configured === 'ACTIVE' ? 'active' : 'paused');
      }),
      RUNS,
    );
  });

  it('throttles are 1003 below an hour of announced wait and 1005 from an hour on', () => {
    const throttle = fc.oneof(fc.constantFrom(4, 17, 32, 341, 613), fc.integer({ min: 80000, max: 80014 }));
    fc.assert(
      fc.property(throttle, fc.option(fc.integer({ min: 0, max: 10 * QUOTA_WAIT_S }), { nil: undefined }), (code, wait) => {
        const expected = wait !== undefined && wait >= QUOTA_WAIT_S ? '1005' : '1003';
        expect(classifyMetaError({ code, message: 'limit' }, 400, wait)).toBe(expected);
      }),
      RUNS,
    );
  });

  it('redaction removes the token from any text', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 8, maxLength: 40 }), fc.string(), (before, token, after) => {
        expect(redact(`${before}${token}${after}${token}`, token)).not.toContain(token);
      }),
      RUNS,
    );
  });
});
