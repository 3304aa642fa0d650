/**
 * "Today" for report date ranges. Real accounts: the current UTC date. Accounts in the ads sandbox:
 * the sandbox's clock, which tests and demos advance (GET <sandbox>/_control/clock).
 */
import { AppError } from '../../domain/errors.js';

/** Returns today's date (ISO YYYY-MM-DD) for report date ranges. */
export type ReportClock = () => Promise<string>;

/**
 * @param sandboxUrl the ads sandbox base URL, or undefined for the real date
 * @throws AppError 4000 (from the returned function) when the sandbox does not answer
 */
export function createReportClock(sandboxUrl: string | undefined, fetchImpl: typeof fetch = fetch): ReportClock {
  if (!sandboxUrl) return async () => new Date().toISOString().slice(0, 10);
  return async () => {
    try {
      const res = await fetchImpl(`${sandboxUrl}/_control/clock`, { signal: AbortSignal.timeout(5_000) });
      const body = (await res.json()) as { today?: unknown };
      if (typeof body.today === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(body.today)) return body.today;
      throw new Error(`unexpected clock answer ${JSON.stringify(body)}`);
    } catch (err) {
      throw new AppError('4000', 'The ads sandbox clock is unavailable', { reason: err instanceof Error ? err.message : String(err) });
    }
  };
}
