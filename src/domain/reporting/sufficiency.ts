/**
 * Whether there is enough delivery for analysis (seed 000 task 11.5, 需求 8.5): at least 7 days
 * with delivery and 1,000 impressions by default. Below that, rankings, trends and anomaly scores
 * are mostly noise, and the chat explains the minimum instead (src/domain/replies/reporting.ts describeInsufficient).
 */
import type { InsightRow } from '../ads/types.js';
import { accountRows } from './aggregate.js';

/** Default minimum number of days with delivery. */
export const MIN_DAYS = 7;
/** Default minimum number of impressions over those days. */
export const MIN_IMPRESSIONS = 1000;

/** Result of {@link checkSufficiency}. */
export interface SufficiencyCheck {
  sufficient: boolean;
  /** distinct dates with at least one impression. */
  days: number;
  /** impressions in total (counted at the coarsest level present, so levels are not double counted). */
  impressions: number;
  min_days: number;
  min_impressions: number;
  /** which minimums are not met. */
  missing: ('days' | 'impressions')[];
  /**
   * Estimated whole days to wait until both minimums are met at the current average daily
   * impressions; 0 when sufficient; null when there is no delivery to extrapolate from.
   */
  wait_days: number | null;
}

/**
 * Checks the data volume before analysis (seed 000 需求 8.5).
 * @param rows daily rows of one or several levels and platforms (the coarsest level present is counted)
 * @param options minimum days with delivery (default {@link MIN_DAYS}) and impressions (default {@link MIN_IMPRESSIONS})
 */
export function checkSufficiency(rows: readonly InsightRow[], options: { minDays?: number; minImpressions?: number } = {}): SufficiencyCheck {
  const minDays = options.minDays ?? MIN_DAYS;
  const minImpressions = options.minImpressions ?? MIN_IMPRESSIONS;
  const counted = accountRows(rows);
  const days = new Set(counted.filter((r) => r.impressions > 0).map((r) => r.date)).size;
  const impressions = counted.reduce((s, r) => s + r.impressions, 0);
  const missing: SufficiencyCheck['missing'] = [];
  if (days < minDays) missing.push('days');
  if (impressions < minImpressions) missing.push('impressions');
  let waitDays: number | null = 0;
  if (missing.length > 0) {
    waitDays = days === 0 ? null : Math.max(minDays - days, Math.ceil((minImpressions - impressions) / (impressions / days)), 0);
  }
  return { sufficient: missing.length === 0, days, impressions, min_days: minDays, min_impressions: minImpressions, missing, wait_days: waitDays };
}
