/**
 * Campaign management activities (issue "Ad platforms" §4, "Campaign automation" §3): preview the
 * changes a command (or the budget optimiser) means,
 * apply one change on its platform, record it in the Web Platform. Applying sets absolute values
 * (a status, a budget), so a retried or replayed activity never changes anything twice.
 */
import type { AdsService, ConnectedAccount } from '../../integrations/ads/service.js';
import {
  changeRiskReasons,
  planBudgetChanges,
  planStatusChanges,
  type ChangeCandidate,
  type ChangeLevel,
  type PlannedChange,
} from '../../domain/campaign-ops/changes.js';
import { AppError } from '../../domain/errors.js';
import { performanceKey, selectTargets, type CandidatePerformance } from '../../domain/campaign-ops/targets.js';
import type { WebPlatformClient } from '../../integrations/mcp/web-platform-client.js';
import { displayName } from '../../domain/ads/request-key.js';
import type { DateSpan } from '../../domain/ads/types.js';
import { resolveDateRange } from '../../domain/reporting/index.js';
import type { AdsActivities, ChangePreview, ChangePreviewInput } from './ads-types.js';
import { proposeBudgetOptimization } from './optimizer.js';
import { fanOut } from '../kit/platform-fanout.js';

export interface CampaignActivityDeps {
  ads: AdsService;
  webPlatform: WebPlatformClient;
}

/**
 * Objects of a level on every connected platform, with last-7-day performance when a selector needs it.
 * @param span the performance window; undefined reads no insights
 * @returns the candidates (display names, budgets in major units), their spend / revenue / conversions
 *   by `platform:id`, and the platforms that failed
 * @throws the first platform failure when every platform failed (see fanOut)
 */
export async function loadCandidates(ads: AdsService, userId: string, accounts: ConnectedAccount[], level: ChangeLevel, span: DateSpan | undefined) {
  const { ok, failures } = await fanOut(accounts, async (c) => ({
    objects: await c.adapter.list(level),
    rows: span ? (await ads.insights(userId, c, level, span)).rows : [],
  }));
  const candidates: ChangeCandidate[] = ok.flatMap(({ value }) =>
    value.objects.map((o) => ({
      platform: o.platform,
      level: o.level,
      id: o.id,
      name: displayName(o.name),
      status: o.status,
      ...(o.daily_budget !== undefined ? { daily_budget: o.daily_budget } : {}),
      currency: o.currency,
    })),
  );
  const perf = new Map<string, CandidatePerformance>();
  for (const { value } of ok) {
    for (const r of value.rows) {
      const k = performanceKey(r);
      const p = perf.get(k) ?? { spend: 0, revenue: 0, conversions: 0 };
      perf.set(k, { spend: p.spend + r.spend, revenue: p.revenue + r.revenue, conversions: p.conversions + r.conversions });
    }
  }
  return { candidates, perf, failures };
}

/** The default level of a command: budgets live on ad sets, status commands act on campaigns. */
const defaultLevel = (action: ChangePreviewInput['action']): ChangeLevel => (action === 'manage_campaign' ? 'campaign' : 'adset');

/** optimize_budget as a preview: the optimiser's proposal (seed 001 需求 3), changes and reasons. */
async function previewOptimization(deps: CampaignActivityDeps, input: ChangePreviewInput): Promise<ChangePreview> {
  const p = input.parameters;
  const proposal = await proposeBudgetOptimization(deps.ads, {
    userId: input.userId,
    language: input.language,
    ...(p.platforms ? { platforms: p.platforms } : {}),
    ...(p.strategy ? { strategy: p.strategy } : {}),
    ...(p.target_roas !== undefined ? { targetRoas: p.target_roas } : {}),
    ...(p.target_cpa !== undefined ? { targetCpa: p.target_cpa } : {}),
  });
  const changed = new Set(proposal.changes.map((c) => `${c.platform}:${c.id}`));
  return {
    operation: 'optimize',
    level: 'adset',
    changes: proposal.changes,
    risk_reasons: proposal.risk_reasons,
    unchanged: [],
    platform_failures: proposal.platform_failures,
    reasons: proposal.optimization.actions
      .filter((a) => changed.has(`${a.platform}:${a.adset_id}`))
      .map((a) => ({ platform: a.platform, id: a.adset_id, code: a.reason.code, figures: a.reason.figures })),
  };
}

async function preview(deps: CampaignActivityDeps, input: ChangePreviewInput): Promise<ChangePreview> {
  if (input.action === 'optimize_budget') return previewOptimization(deps, input);
  const p = input.parameters;
  if (input.action === 'manage_campaign' && !p.operation) throw new AppError('1001', 'Pause, start or delete?', { missing: 'operation' });
  if (input.action === 'update_budget' && !p.budget_change) throw new AppError('1001', 'By how much should the budget change?', { missing: 'budget_change' });
  const accounts = await deps.ads.connected(input.userId, p.platforms);
  const span = p.selector ? resolveDateRange('last_7_days', await deps.ads.today()) : undefined;
  // A name may be a campaign or an ad set: without an explicit level, try the other level too.
  const levels: ChangeLevel[] = p.level ? [p.level] : [defaultLevel(input.action), defaultLevel(input.action) === 'adset' ? 'campaign' : 'adset'];
  let lastMiss: unknown;
  for (const level of p.targets?.length ? levels : levels.slice(0, 1)) {
    const { candidates, perf, failures } = await loadCandidates(deps.ads, input.userId, accounts, level, span);
    let selected: ChangeCandidate[];
    try {
      selected = selectTargets(candidates, perf, {
        ...(p.targets ? { targets: p.targets } : {}),
        ...(p.selector ? { selector: p.selector } : {}),
        ...(p.scope ? { scope: p.scope } : {}),
        needsBudget: input.action === 'update_budget',
      });
    } catch (err) {
      if (err instanceof AppError && err.code === '1004') {
        lastMiss = err;
        continue;
      }
      throw err;
    }
    const changes: PlannedChange[] =
      input.action === 'manage_campaign' ? planStatusChanges(selected, p.operation!) : planBudgetChanges(selected, p.budget_change!);
    const changed = new Set(changes.map((c) => performanceKey(c)));
    const unchanged = selected
      .filter((c) => !changed.has(performanceKey(c)))
      .map((c) => ({ platform: c.platform, id: c.id, name: c.name, reason: c.daily_budget === undefined && input.action === 'update_budget' ? ('no_budget' as const) : ('already' as const) }));
    return {
      operation: input.action === 'manage_campaign' ? p.operation! : 'budget',
      level,
      changes,
      risk_reasons: changeRiskReasons(changes, input.language),
      unchanged,
      platform_failures: failures,
    };
  }
  throw lastMiss;
}

/** The campaign management activities. */
export function createCampaignActivities(deps: CampaignActivityDeps): Pick<AdsActivities, 'previewCampaignChanges' | 'applyCampaignChange' | 'recordCampaignChange'> {
  return {
    previewCampaignChanges: (input) => preview(deps, input),

    async applyCampaignChange({ userId, change }) {
      const { adapter } = await deps.ads.on(userId, change.platform);
      let object;
      if (change.status_after) object = await adapter.setStatus(change.level, change.id, change.status_after);
      else if (change.budget_after !== undefined && change.level !== 'ad') object = await adapter.updateBudget(change.level, change.id, change.budget_after);
      else throw new AppError('1001', 'The change sets neither a status nor a budget', { id: change.id });
      return { ...change, status_now: object.status, ...(object.daily_budget !== undefined ? { budget_now: object.daily_budget } : {}) };
    },

    async recordCampaignChange({ userId, change, operationId }) {
      await deps.webPlatform.updateCampaign({
        user_id: userId,
        platform: change.platform,
        level: change.level,
        object_id: change.id,
        object_name: change.name,
        change: {
          ...(change.status_after ? { status: change.status_after } : {}),
          ...(change.budget_after !== undefined ? { daily_budget: change.budget_after } : {}),
          ...(change.budget_before !== undefined ? { previous_daily_budget: change.budget_before } : {}),
        },
        operation_id: operationId,
      });
    },
  };
}
