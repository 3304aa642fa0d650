/**
 * Property tests of the reporting module (seed 000 需求 8.1-8.3; seed 001 property 14: one merged,
 * normalised format across platforms; property 16: key metrics always present), at least 100 runs each.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLATFORMS } from '../../src/domain/chat/intent.js';
import type { InsightRow } from '../../src/domain/ads/types.js';
import { addDays, buildReport, detectAnomalies, type MetricValues } from '../../src/domain/reporting/index.js';

const RUNS = { numRuns: 150 };
const SINCE = '2024-02-20';
const SPAN = { since: SINCE, until: addDays(SINCE, 13) };

const cents = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((c) => c / 100);
const row: fc.Arbitrary<InsightRow> = fc
  .record({
    platform: fc.constantFrom(...PLATFORMS),
    id: fc.constantFrom('a', 'b', 'c'),
    day: fc.integer({ min: 0, max: 13 }),
    impressions: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 50_000 })),
    clicks: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2_000 })),
    spend: fc.oneof(fc.constant(0), cents(5_000)),
    conversions: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 200 })),
    revenue: fc.oneof(fc.constant(0), cents(20_000)),
  })
  .map(({ day, ...r }) => ({ ...r, level: 'adset' as const, name: `set ${r.id}`, date: addDays(SINCE, day), currency: 'USD' }));
const rows = fc.array(row, { maxLength: 40 });
const permuted = rows.chain((rs) => fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length, maxLength: rs.length })));

const sum = (rs: InsightRow[], k: 'impressions' | 'clicks' | 'spend' | 'conversions' | 'revenue') => rs.reduce((s, r) => s + r[k], 0);

/** Ratios are null exactly when their denominator is zero. */
function expectNullExactlyAtZero(m: MetricValues) {
  expect(m.ctr === null).toBe(m.impressions === 0);
  expect(m.cpm === null).toBe(m.impressions === 0);
  expect(m.cpc === null).toBe(m.clicks === 0);
  expect(m.cpa === null).toBe(m.conversions === 0);
  expect(m.roas === null).toBe(m.spend === 0);
}

describe('reports (需求 8.1; seed 001 property 14, 16)', () => {
  it('totals equal the sum of the rows', () => {
    fc.assert(
      fc.property(rows, (rs) => {
        const r = buildReport(rs, { span: SPAN, level: 'adset' });
        if (rs.length === 0) {
          expect(r.totals).toBeNull();
          return;
        }
        expect(r.totals?.impressions).toBe(sum(rs, 'impressions'));
        expect(r.totals?.clicks).toBe(sum(rs, 'clicks'));
        expect(r.totals?.conversions).toBe(sum(rs, 'conversions'));
        expect(r.totals?.spend).toBeCloseTo(sum(rs, 'spend'), 6);
        expect(r.totals?.revenue).toBeCloseTo(sum(rs, 'revenue'), 6);
        const platformSpend = r.by_platform.reduce((s, p) => s + (p.metrics.spend ?? 0), 0);
        const rowSpend = r.rows.reduce((s, x) => s + (x.metrics.spend ?? 0), 0);
        const dailySpend = r.daily.reduce((s, d) => s + (d.metrics.spend ?? 0), 0);
        for (const part of [platformSpend, rowSpend, dailySpend]) expect(part).toBeCloseTo(sum(rs, 'spend'), 6);
      }),
      RUNS,
    );
  });

  it('merging is independent of the order of rows and of platforms', () => {
    fc.assert(
      fc.property(permuted, ([a, b]) => {
        expect(buildReport(b, { span: SPAN, level: 'adset' })).toEqual(buildReport(a, { span: SPAN, level: 'adset' }));
        const meta = a.filter((r) => r.platform === 'meta');
        const others = a.filter((r) => r.platform !== 'meta');
        expect(buildReport([...others, ...meta], { span: SPAN, level: 'adset' })).toEqual(buildReport([...meta, ...others], { span: SPAN, level: 'adset' }));
      }),
      RUNS,
    );
  });

  it('ratios are null exactly when their denominator is zero', () => {
    fc.assert(
      fc.property(rows, (rs) => {
        const r = buildReport(rs, { span: SPAN, level: 'adset' });
        for (const m of [...r.totals_by_currency, ...r.by_platform, ...r.rows, ...r.daily].map((x) => x.metrics)) expectNullExactlyAtZero(m);
      }),
      RUNS,
    );
  });

  it('scaling all money by a constant leaves CTR and ROAS unchanged and scales CPA and CPC', () => {
    fc.assert(
      fc.property(rows, fc.double({ min: 0.01, max: 1000, noNaN: true }), (rs, k) => {
        const scaled = rs.map((r) => ({ ...r, spend: r.spend * k, revenue: r.revenue * k }));
        const a = buildReport(rs, { span: SPAN, level: 'adset' }).totals;
        const b = buildReport(scaled, { span: SPAN, level: 'adset' }).totals;
        if (!a || !b) return;
        expect(b.ctr).toBe(a.ctr);
        const close = (x: number | null | undefined, y: number | null | undefined) => {
          expect(x === null).toBe(y === null);
          if (typeof x === 'number' && typeof y === 'number') expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(y)));
        };
        close(b.roas, a.roas);
        close(b.cpa, a.cpa === null || a.cpa === undefined ? a.cpa : a.cpa * k);
        close(b.cpc, a.cpc === null || a.cpc === undefined ? a.cpc : a.cpc * k);
      }),
      RUNS,
    );
  });
});

/** Ten baseline days at a constant rate with varying volume, then three recent days with the rate scaled. */
function window(base: (i: number) => Omit<InsightRow, 'platform' | 'level' | 'id' | 'date' | 'currency'>): InsightRow[] {
  return Array.from({ length: 10 }, (_, i) => ({ platform: 'meta' as const, level: 'ad' as const, id: 'x', date: addDays(SINCE, i), currency: 'USD', ...base(i) }));
}

describe('anomaly rules (需求 8.3)', () => {
  const volumes = fc.array(fc.integer({ min: 2_000, max: 20_000 }), { minLength: 10, maxLength: 10 });

  it('flags a CTR drop to f < 0.8 of a stable baseline and not f ≥ 0.9', () => {
    const scenario = (f: number) =>
      fc.tuple(volumes, fc.integer({ min: 10, max: 50 })).map(([imps, ctrPerMille]) =>
        window((i) => {
          const impressions = imps[i] as number;
          const ctr = (ctrPerMille / 1000) * (i >= 7 ? f : 1);
          return { impressions, clicks: impressions * ctr, spend: impressions / 100, conversions: 0, revenue: 0 };
        }),
      );
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 0.79, noNaN: true }).chain((f) => scenario(f).map((rs) => [f, rs] as const)), ([f, rs]) => {
        const ctr = detectAnomalies(rs).filter((a) => a.metric === 'ctr');
        expect(ctr).toHaveLength(1);
        expect(ctr[0]?.severity).toBe(f < 0.5 ? 'critical' : 'warning');
        expect(ctr[0]?.change_pct).toBeCloseTo((f - 1) * 100, 6);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.double({ min: 0.9, max: 3, noNaN: true }).chain((f) => scenario(f)), (rs) => {
        expect(detectAnomalies(rs).filter((a) => a.metric === 'ctr')).toEqual([]);
      }),
      RUNS,
    );
  });

  it('flags a CPA rise to g > 1.3 of a stable baseline and not g ≤ 1.15', () => {
    const scenario = (g: number) =>
      fc.tuple(volumes, fc.integer({ min: 5, max: 50 })).map(([imps, cpa]) =>
        window((i) => {
          const spend = (imps[i] as number) / 10;
          return { impressions: imps[i] as number, clicks: (imps[i] as number) / 50, spend, conversions: spend / (cpa * (i >= 7 ? g : 1)), revenue: 0 };
        }),
      );
    fc.assert(
      fc.property(fc.double({ min: 1.31, max: 5, noNaN: true }).chain((g) => scenario(g).map((rs) => [g, rs] as const)), ([g, rs]) => {
        const cpa = detectAnomalies(rs).filter((a) => a.metric === 'cpa');
        expect(cpa).toHaveLength(1);
        expect(cpa[0]).toMatchObject({ kind: 'spike', severity: g > 1.6 ? 'critical' : 'warning' });
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.double({ min: 0.3, max: 1.15, noNaN: true }).chain((g) => scenario(g)), (rs) => {
        expect(detectAnomalies(rs).filter((a) => a.metric === 'cpa')).toEqual([]);
      }),
      RUNS,
    );
  });

  it('anomalies do not depend on the order of rows', () => {
    const daily = fc
      .record({
        platform: fc.constantFrom(...PLATFORMS),
        level: fc.constantFrom('adset' as const, 'ad' as const),
        id: fc.constantFrom('a', 'b'),
        day: fc.integer({ min: 0, max: 12 }),
        impressions: fc.integer({ min: 0, max: 20_000 }),
        clicks: fc.integer({ min: 0, max: 600 }),
        spend: cents(500),
        conversions: fc.integer({ min: 0, max: 30 }),
        revenue: cents(2_000),
      })
      .map(({ day, ...r }) => ({ ...r, date: addDays(SINCE, day), currency: 'USD' }));
    const shuffled = fc.array(daily, { maxLength: 60 }).chain((rs) => fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length, maxLength: rs.length })));
    fc.assert(
      fc.property(shuffled, ([a, b]) => {
        expect(detectAnomalies(b)).toEqual(detectAnomalies(a));
      }),
      RUNS,
    );
  });
});
