/**
 * Report date ranges (seed 000 task 11.2, 需求 8.1: today, yesterday, last_7_days, last_30_days,
 * custom). Dates are calendar days written as ISO `YYYY-MM-DD` in the ad account's time zone; all
 * arithmetic is done on UTC midnights so no local time zone or daylight-saving shift can move a day.
 * "Today" always comes in as a parameter: nothing here reads the clock.
 */
import type { DateRange } from '../chat/intent.js';
import { AppError } from '../errors.js';
import type { DateSpan } from '../ads/types.js';

export type { DateSpan };

/** The named ranges a report can ask for. */
export type DateRangeName = DateRange['preset'];

/** The longest custom range, in days (inclusive), a report accepts. */
export const MAX_SPAN_DAYS = 400;

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** UTC milliseconds of an ISO date's midnight, or undefined when it is not a real calendar date. */
function toUtcMs(iso: string): number | undefined {
  const m = ISO_DATE.exec(iso);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? ms : undefined;
}

function utcMs(iso: string): number {
  const ms = toUtcMs(iso);
  if (ms === undefined) throw new AppError('1001', `Invalid date ${iso}, expected YYYY-MM-DD`, { field: 'date', value: iso });
  return ms;
}

const fromUtcMs = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Whether a string is a real calendar date written `YYYY-MM-DD` (2024-02-29 yes, 2023-02-29 no). */
export function isIsoDate(s: string): boolean {
  return toUtcMs(s) !== undefined;
}

/**
 * The ISO date `days` calendar days after `iso` (negative: before).
 * @throws AppError 1001 when `iso` is not a valid ISO date
 */
export function addDays(iso: string, days: number): string {
  return fromUtcMs(utcMs(iso) + days * DAY_MS);
}

/**
 * Whole days from `from` to `to` (2024-03-01 − 2024-02-28 = 2 in a leap year); negative when `to` is earlier.
 * @throws AppError 1001 when a date is not a valid ISO date
 */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcMs(to) - utcMs(from)) / DAY_MS);
}

/** Number of days in an inclusive span (a single day is 1). */
export function spanLength(span: DateSpan): number {
  return daysBetween(span.since, span.until) + 1;
}

/** Every date of an inclusive span, in order. */
export function datesOf(span: DateSpan): string[] {
  const n = spanLength(span);
  return Array.from({ length: Math.max(0, n) }, (_, i) => addDays(span.since, i));
}

/** Whether an ISO date lies inside an inclusive span (ISO dates compare as strings). */
export function inSpan(date: string, span: DateSpan): boolean {
  return date >= span.since && date <= span.until;
}

function invalid(reason: string, message: string, details: Record<string, unknown>): AppError {
  return new AppError('1001', message, { field: 'date_range', reason, ...details });
}

/**
 * The dates a named range covers (seed 000 需求 8.1).
 * - today: `today` only (a partial day); yesterday: the day before.
 * - last_7_days / last_30_days: the 7 / 30 complete days before today, today excluded (as Meta's
 *   `last_7d` preset), e.g. today 2024-03-01 → 2024-02-23 .. 2024-02-29.
 * - custom: `custom.since .. custom.until` inclusive; `until` after today is clamped to today (no
 *   data exists yet beyond it).
 * @param today the current date in the account's time zone, ISO `YYYY-MM-DD`
 * @throws AppError 1001 with details `{field: 'date_range', reason}`: `invalid_date` (not a real ISO
 *   date), `missing_custom` (custom without dates), `since_after_until`, `in_future` (since after
 *   today), `too_long` (more than {@link MAX_SPAN_DAYS} days, details.max_days)
 */
export function resolveDateRange(name: DateRangeName, today: string, custom?: { since?: string; until?: string }): DateSpan {
  if (!isIsoDate(today)) throw invalid('invalid_date', `Invalid date ${today}, expected YYYY-MM-DD`, { value: today });
  switch (name) {
    case 'today':
      return { since: today, until: today };
    case 'yesterday': {
      const y = addDays(today, -1);
      return { since: y, until: y };
    }
    case 'last_7_days':
      return { since: addDays(today, -7), until: addDays(today, -1) };
    case 'last_30_days':
      return { since: addDays(today, -30), until: addDays(today, -1) };
    case 'custom':
      return customSpan(today, custom);
  }
}

function customSpan(today: string, custom: { since?: string; until?: string } | undefined): DateSpan {
  const { since, until } = custom ?? {};
  if (!since || !until) throw invalid('missing_custom', 'A custom date range needs a start and an end date', { since, until });
  for (const value of [since, until]) {
    if (!isIsoDate(value)) throw invalid('invalid_date', `Invalid date ${value}, expected YYYY-MM-DD`, { value });
  }
  if (since > until) throw invalid('since_after_until', `The start date ${since} is after the end date ${until}`, { since, until });
  if (since > today) throw invalid('in_future', `The range starts after today (${today}): no data exists yet`, { since, until, today });
  const span = { since, until: until > today ? today : until };
  const days = spanLength(span);
  if (days > MAX_SPAN_DAYS) {
    throw invalid('too_long', `The range has ${days} days; at most ${MAX_SPAN_DAYS} are allowed`, { since, until, days, max_days: MAX_SPAN_DAYS });
  }
  return span;
}

/**
 * The span of an intent's `date_range` parameter (domain/intent.ts: preset with `start`/`end` for
 * custom), or of `fallback` when the message named none.
 * @throws AppError 1001 as {@link resolveDateRange}
 */
export function spanOfDateRange(range: DateRange | undefined, today: string, fallback: DateRangeName = 'last_7_days'): DateSpan {
  if (!range) return resolveDateRange(fallback, today);
  return resolveDateRange(range.preset, today, { since: range.start, until: range.end });
}

/**
 * The span of the same length just before `span`, for period-over-period comparison
 * (2024-03-01..2024-03-07 → 2024-02-23..2024-02-29).
 */
export function previousSpan(span: DateSpan): DateSpan {
  const n = spanLength(span);
  return { since: addDays(span.since, -n), until: addDays(span.since, -1) };
}
