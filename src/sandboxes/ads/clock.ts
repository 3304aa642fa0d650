/** ISO calendar dates (YYYY-MM-DD, UTC) for the ads sandbox's clock. */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `s` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}

/** The ISO date `days` days after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The ISO dates from `since` to `until` inclusive (empty when since > until). */
export function datesBetween(since: string, until: string): string[] {
  const out: string[] = [];
  for (let d = since; d <= until; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Today's UTC date (the sandbox clock's default start). */
export function utcToday(): string {
  return new Date().toISOString().slice(0, 10);
}
