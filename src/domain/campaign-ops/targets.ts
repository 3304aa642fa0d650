/**
 * Which objects a campaign command means (issue "Ad platforms" §4): named in the message ("the
 * Retargeting campaign"), chosen by performance ("表现最好的广告组", "那个亏钱的系列"), or all of
 * them ("暂停所有广告"). Pure: candidates and their performance come in.
 */
import { AppError } from '../errors.js';
import type { ChangeCandidate } from './changes.js';

/** An object's delivery over the look-back window. Money in major units. */
export interface CandidatePerformance {
  spend: number;
  revenue: number;
  conversions: number;
}

export type Selector = 'best_performing' | 'worst_performing' | 'losing_money';

export interface TargetQuery {
  /** names or ids as the user wrote them. */
  targets?: string[];
  selector?: Selector;
  scope?: 'all' | 'several' | 'one';
  /** budget changes only consider objects that have a daily budget. */
  needsBudget?: boolean;
}

/** Share of the largest spend an object needs before its ROAS counts for "best/worst" (noise guard). */
export const MIN_SPEND_SHARE = 0.05;

const key = (c: Pick<ChangeCandidate, 'platform' | 'id'>) => `${c.platform}:${c.id}`;
const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Chooses the candidates a command targets.
 * - targets: candidates whose id equals, or whose name contains, one of the given strings
 *   (case-insensitive); a name matching nothing raises 1004.
 * - selector: best_performing = highest ROAS, worst_performing = lowest ROAS, losing_money =
 *   ROAS below 1 with the largest loss (spend − revenue); among candidates with at least
 *   {@link MIN_SPEND_SHARE} of the top spend. Scope `all` with losing_money returns every loser.
 * - neither, with scope `all` (or `several`): every candidate.
 * @param perf performance per `${platform}:${id}`; candidates without an entry count as no delivery
 * @throws AppError 1004 nothing matches; 1001 the command names nothing and is not about all objects
 */
export function selectTargets(
  candidates: readonly ChangeCandidate[],
  perf: ReadonlyMap<string, CandidatePerformance>,
  query: TargetQuery,
): ChangeCandidate[] {
  const pool = candidates.filter((c) => c.status !== 'deleted' && (!query.needsBudget || c.daily_budget !== undefined));
  if (query.targets?.length) {
    const wanted = query.targets.map(norm);
    const hits = pool.filter((c) => wanted.some((w) => c.id === w || norm(c.name).includes(w)));
    if (hits.length === 0) {
      throw new AppError('1004', `No campaign or ad set matches ${query.targets.join(', ')}`, {
        targets: query.targets,
        candidates: pool.slice(0, 20).map((c) => ({ platform: c.platform, name: c.name })),
      });
    }
    return hits;
  }
  if (query.selector) {
    const ranked = rankByRoas(pool, perf);
    if (ranked.length === 0) throw new AppError('1004', 'No object has delivered enough to rank', { selector: query.selector });
    if (query.selector === 'best_performing') return [ranked[0]!.c];
    if (query.selector === 'worst_performing') return [ranked[ranked.length - 1]!.c];
    const losers = ranked.filter((r) => r.roas < 1).sort((a, b) => b.loss - a.loss);
    if (losers.length === 0) throw new AppError('1004', 'No campaign is losing money (every ROAS ≥ 1)', { selector: query.selector });
    return query.scope === 'all' || query.scope === 'several' ? losers.map((r) => r.c) : [losers[0]!.c];
  }
  if (query.scope === 'all' || query.scope === 'several') return pool;
  throw new AppError('1001', 'Which campaign or ad set? Name it, or say "all"', {
    candidates: pool.slice(0, 20).map((c) => ({ platform: c.platform, name: c.name })),
  });
}

/** Candidates with enough spend, by ROAS descending (ties: larger spend first, then id). */
function rankByRoas(pool: readonly ChangeCandidate[], perf: ReadonlyMap<string, CandidatePerformance>) {
  const withPerf = pool.map((c) => ({ c, p: perf.get(key(c)) ?? { spend: 0, revenue: 0, conversions: 0 } }));
  const topSpend = Math.max(0, ...withPerf.map((x) => x.p.spend));
  return withPerf
    .filter((x) => x.p.spend > 0 && x.p.spend >= topSpend * MIN_SPEND_SHARE)
    .map((x) => ({ c: x.c, roas: x.p.revenue / x.p.spend, loss: x.p.spend - x.p.revenue, spend: x.p.spend }))
    .sort((a, b) => b.roas - a.roas || b.spend - a.spend || key(a.c).localeCompare(key(b.c)));
}

/** The performance map key of an object. */
export const performanceKey = key;
