/**
 * The budget optimiser's activity (issue "Campaign automation" §3; seed 001 需求 3.1-3.5): reads
 * the last 7 complete days per ad set on every asked platform, runs the pure optimiser rules and
 * turns their actions into planned platform changes with before/after values.
 */
import type { AdsService } from '../../integrations/ads/service.js';
import { optimizeBudgets, type BudgetAction, type OptimizerAdSet } from '../../domain/campaign-ops/optimizer.js';
import { changeRiskReasons, type PlannedChange } from '../../domain/campaign-ops/changes.js';
import { AppError } from '../../domain/errors.js';
import { adsetPausesReason } from '../../domain/replies/campaigns.js';
import { displayName } from '../../domain/ads/request-key.js';
import { resolveDateRange } from '../../domain/reporting/index.js';
import type { BudgetOptimizationRequest, BudgetProposal, OptimizerActivities } from './optimizer-types.js';
import { fanOut } from '../kit/platform-fanout.js';
import type { AutomationDeps } from '../automation-deps.js';

/** The change an optimiser action means on the platform; undefined for keep. */
function toChange(a: BudgetAction, status: OptimizerAdSet['status']): PlannedChange | undefined {
  const base = { platform: a.platform, level: 'adset' as const, id: a.adset_id, name: a.name, currency: a.currency, status_before: status };
  if (a.action === 'pause') return { ...base, status_after: 'paused' };
  if ((a.action === 'increase_budget' || a.action === 'decrease_budget') && a.old_budget !== null && a.new_budget !== null) {
    return { ...base, budget_before: a.old_budget, budget_after: a.new_budget };
  }
  return undefined;
}

/**
 * Proposes budget changes for the user's ad sets.
 * @throws AppError 6000 no connected account, 1004 no ad set to judge
 */
export async function proposeBudgetOptimization(ads: AdsService, input: BudgetOptimizationRequest): Promise<BudgetProposal> {
  const accounts = await ads.connected(input.userId, input.platforms);
  const span = resolveDateRange('last_7_days', await ads.today());
  const { ok, failures } = await fanOut(accounts, async (c) => ({
    adsets: await c.adapter.list('adset', input.campaignId),
    rows: (await ads.insights(input.userId, c, 'adset', span)).rows,
  }));
  const adsets: OptimizerAdSet[] = ok.flatMap(({ value }) =>
    value.adsets
      .filter((o) => !input.campaignId || o.campaign_id === input.campaignId)
      .map((o) => ({
        platform: o.platform,
        id: o.id,
        name: displayName(o.name),
        status: o.status,
        currency: o.currency,
        ...(o.daily_budget !== undefined ? { daily_budget: o.daily_budget } : {}),
        ...(o.campaign_id ? { campaign_id: o.campaign_id } : {}),
      })),
  );
  if (adsets.length === 0) throw new AppError('1004', 'No ad set to optimise', { campaign_id: input.campaignId, platforms: input.platforms });
  const optimization = optimizeBudgets({
    adsets,
    rows: ok.flatMap(({ value }) => value.rows),
    span,
    ...(input.strategy ? { strategy: input.strategy } : {}),
    targets: {
      ...(input.targetRoas !== undefined ? { target_roas: input.targetRoas } : {}),
      ...(input.targetCpa !== undefined ? { target_cpa: input.targetCpa } : {}),
    },
  });
  const statusOf = new Map(adsets.map((a) => [`${a.platform}:${a.id}`, a.status]));
  const changes = optimization.actions.flatMap((a) => toChange(a, statusOf.get(`${a.platform}:${a.adset_id}`) ?? 'active') ?? []);
  const reasons = changeRiskReasons(changes, input.language);
  const pauses = changes.filter((c) => c.status_after === 'paused').length;
  if (optimization.summary.requires_confirmation && pauses > 1) reasons.push(adsetPausesReason(pauses, input.language));
  return { optimization, changes, risk_reasons: reasons, platform_failures: failures };
}

/** The optimiser activities. */
export function createOptimizerActivities(deps: AutomationDeps): OptimizerActivities {
  return { proposeBudgetOptimization: (input) => proposeBudgetOptimization(deps.ads, input) };
}
