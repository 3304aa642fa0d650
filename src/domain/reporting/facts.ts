/**
 * The fact sheet of an analysis for a model's narrative (seed 000 需求 8.2: the model narrates
 * computed statistics only): every number it may state, already rounded. The templated narrative
 * of the same analysis is src/domain/replies/reporting.ts (describeAnalysis).
 */
import type { Level, Platform } from '../ads/types.js';
import { roundMoney } from './aggregate.js';
import type { Analysis, Performer } from './analysis.js';
import { objectLabel } from '../replies/reporting.js';

/** Rounding for the fact sheet: money to the currency's minor unit, other figures to 4 decimals. */
const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
const pct2 = (fraction: number | null) => (fraction === null ? null : Math.round(fraction * 1e4) / 100);
const MONEY_FIGURES = new Set(['spend', 'spend_recent', 'cpa', 'account_cpa']);

/** One object in the fact sheet. */
export interface FactObject {
  /** "Meta ad set “Spring”": the label to use in prose. */
  label: string;
  platform: Platform;
  level: Level;
  id: string;
  currency: string;
}

/**
 * The compact fact sheet of an analysis for a model's narrative: every number it may state,
 * already rounded. Units: money in major units of the stated currency, `*_pct` in percent (CTR
 * included, as `ctr_pct`), roas as a ratio. Labels are English; the model writes the prose.
 */
export interface AnalysisFacts {
  span: { since: string; until: string };
  currency: string | null;
  totals: { currency: string; spend: number; revenue: number; roas: number | null; cpa: number | null; ctr_pct: number | null; conversions: number; impressions: number; clicks: number }[];
  top_performers: (FactObject & { ranked_by: 'roas' | 'cpa'; roas: number | null; cpa: number | null; spend: number; vs_account_average: number })[];
  underperformers: (FactObject & { ranked_by: 'roas' | 'cpa'; roas: number | null; cpa: number | null; spend: number; vs_account_average: number })[];
  trends: { metric: string; currency?: string; direction: string; assessment: string; total_change_pct: number; change_per_day_pct: number }[];
  benchmarks: { platform: Platform; metric: string; actual: number; benchmark: number; diff_pct: number; verdict: string; unit: 'percent' | 'ratio' | 'money' }[];
  recommendations: { action: string; target: FactObject; reason: string; figures: Record<string, number>; suggested_change_pct?: number }[];
}

function factObject(o: { platform: Platform; level: Level; id: string; name?: string; currency: string }): FactObject {
  return { label: objectLabel(o, 'en'), platform: o.platform, level: o.level, id: o.id, currency: o.currency };
}

function factPerformer(p: Performer) {
  return {
    ...factObject(p),
    ranked_by: p.ranked_by,
    roas: p.metrics.roas === null ? null : round4(p.metrics.roas),
    cpa: p.metrics.cpa === null ? null : roundMoney(p.metrics.cpa, p.currency),
    spend: roundMoney(p.metrics.spend, p.currency),
    vs_account_average: round4(p.index),
  };
}

function factFigures(figures: Record<string, number>, currency: string): Record<string, number> {
  return Object.fromEntries(
    Object.entries(figures).map(([k, v]) => {
      if (k.startsWith('ctr_')) return [`${k}_pct`, pct2(v) as number];
      return [k, MONEY_FIGURES.has(k) ? roundMoney(v, currency) : round4(v)];
    }),
  );
}

/**
 * The fact sheet of an analysis (seed 000 需求 8.2: the model narrates computed statistics only).
 * JSON-serialisable and compact: give it to the model with the instruction to state no other numbers.
 */
export function analysisFacts(analysis: Analysis): AnalysisFacts {
  return {
    span: analysis.span,
    currency: analysis.currency,
    totals: analysis.totals.map(({ currency, metrics: m }) => ({
      currency,
      spend: roundMoney(m.spend, currency),
      revenue: roundMoney(m.revenue, currency),
      roas: m.roas === null ? null : round4(m.roas),
      cpa: m.cpa === null ? null : roundMoney(m.cpa, currency),
      ctr_pct: pct2(m.ctr),
      conversions: round4(m.conversions),
      impressions: m.impressions,
      clicks: m.clicks,
    })),
    top_performers: analysis.top_performers.map(factPerformer),
    underperformers: analysis.underperformers.map(factPerformer),
    trends: analysis.trends.map((t) => ({
      metric: t.metric,
      ...(t.currency !== undefined ? { currency: t.currency } : {}),
      direction: t.direction,
      assessment: t.assessment,
      total_change_pct: Math.round(t.total_change_pct * 10) / 10,
      change_per_day_pct: Math.round(t.change_per_day_pct * 10) / 10,
    })),
    benchmarks: analysis.benchmarks.map((b) => {
      const unit = b.metric === 'ctr' ? 'percent' : b.metric === 'roas' ? 'ratio' : 'money';
      const value = (x: number) => (unit === 'percent' ? (pct2(x) as number) : unit === 'money' ? roundMoney(x, b.currency) : round4(x));
      return { platform: b.platform, metric: b.metric, actual: value(b.actual), benchmark: value(b.benchmark), diff_pct: Math.round(b.diff_pct * 10) / 10, verdict: b.verdict, unit };
    }),
    recommendations: analysis.recommendations.map((r) => ({
      action: r.action,
      target: factObject(r.target),
      reason: r.reason.code,
      figures: factFigures(r.reason.figures, r.target.currency),
      ...(r.suggested_change_pct !== undefined ? { suggested_change_pct: r.suggested_change_pct } : {}),
    })),
  };
}
