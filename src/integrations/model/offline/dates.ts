/**
 * Date ranges for the offline intent model: presets ("昨天", "last 7 days", "上个月") and explicit
 * ranges ("from 2026-10-01 to 2026-10-15", "10月1日到10月15日", "Oct 1 - Oct 15"). Dates are
 * calendar days of `now` in UTC, written as ISO YYYY-MM-DD.
 */
import type { DateRange } from '../../../domain/chat/intent.js';

const DAY_MS = 86_400_000;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** ISO date (YYYY-MM-DD) of a UTC instant. */
function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function ymd(y: number, m: number, d: number): string | undefined {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? isoDay(date) : undefined;
}

interface Found {
  index: number;
  iso: string;
}

function fullDates(lower: string): Found[] {
  return [...lower.matchAll(/(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})(?:日|号)?/g)].flatMap((m) => {
    const iso = ymd(Number(m[1]), Number(m[2]), Number(m[3]));
    return iso ? [{ index: m.index, iso }] : [];
  });
}

function chineseDates(lower: string, year: number): Found[] {
  const found: Found[] = [];
  let month = 0;
  for (const m of lower.matchAll(/(?<![\d年/.-])(?:(\d{1,2})月)?(\d{1,2})(?:日|号)/g)) {
    month = m[1] ? Number(m[1]) : month;
    const iso = month ? ymd(year, month, Number(m[2])) : undefined;
    if (iso) found.push({ index: m.index, iso });
  }
  return found;
}

function englishDates(lower: string, year: number): Found[] {
  const re = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?\b|\b(\d{1,2})(?:st|nd|rd|th)? (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*(?:,? (\d{4}))?\b/g;
  return [...lower.matchAll(re)].flatMap((m) => {
    const mon = MONTHS.indexOf(m[1] ?? m[5] ?? '') + 1;
    const iso = ymd(Number(m[3] ?? m[6] ?? year), mon, Number(m[2] ?? m[4]));
    return iso ? [{ index: m.index, iso }] : [];
  });
}

function explicitRange(lower: string, now: Date): DateRange | undefined {
  const year = now.getUTCFullYear();
  const dates = [...fullDates(lower), ...englishDates(lower, year)];
  const all = dates.length ? dates : chineseDates(lower, year);
  const sorted = all.sort((a, b) => a.index - b.index);
  const first = sorted[0];
  if (!first) return undefined;
  const last = sorted[sorted.length - 1] ?? first;
  const [start, end] = first.iso <= last.iso ? [first.iso, last.iso] : [last.iso, first.iso];
  return { preset: 'custom', start, end };
}

function lastNDays(n: number, now: Date): DateRange {
  if (n === 7) return { preset: 'last_7_days' };
  if (n === 30) return { preset: 'last_30_days' };
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return { preset: 'custom', start: isoDay(new Date(today - n * DAY_MS)), end: isoDay(new Date(today - DAY_MS)) };
}

const PRESETS: [RegExp, DateRange['preset']][] = [
  [/(最近|过去|近|前|这|上|本)(1|一)?(周|个?星期|个?礼拜)|上周|本周|这周|\b(last|past|this|previous) week\b|\bweek to date\b|\bwtd\b/, 'last_7_days'],
  [/(最近|过去|近|前|这|上|本)(1|一)?个?月|上月|本月|\b(last|past|this|previous) month\b|\bmonth to date\b|\bmtd\b/, 'last_30_days'],
  [/昨天|昨日|\byesterday\b|\blast night\b/, 'yesterday'],
  [/今天|今日|当天|\btoday\b|\btonight\b|\bso far today\b/, 'today'],
];

/**
 * The date range a message names, if any.
 * @param lower lower-cased normalised message
 * @param now the current instant; supplies the year of dates written without one
 */
export function extractDateRange(lower: string, now: Date): DateRange | undefined {
  const explicit = explicitRange(lower, now);
  if (explicit) return explicit;
  const n = /(?:最近|过去|近|前)(\d+)(?:天|日)|\b(?:last|past|previous) (\d+) days?\b|(?<![\d.])(\d+)(?:天|日)(?:内|以来|的|数据)|\b(\d+) days\b/.exec(lower);
  if (n) return lastNDays(Number(n[1] ?? n[2] ?? n[3] ?? n[4]), now);
  if (/前天|\bday before yesterday\b/.test(lower)) {
    const day = isoDay(new Date(now.getTime() - 2 * DAY_MS));
    return { preset: 'custom', start: day, end: day };
  }
  const preset = PRESETS.find(([re]) => re.test(lower));
  return preset ? { preset: preset[1] } : undefined;
}
