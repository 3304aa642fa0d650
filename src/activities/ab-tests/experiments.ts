/**
 * Campaign automation activities: experiments (issue "Campaign automation" §4-§6; seed 001 需求 5,
 * 6, 8): A/B test creation and measurement, rule checks (evaluate, act once, log and notify), rule
 * management on Temporal Schedules for chat, and the campaign status with its Redis fallback.
 *
 * Idempotency: platform creations carry request keys derived from the workflow id (a retried or
 * replayed creation finds what the first attempt made); rule actions set absolute values and are
 * recorded per rule, data day and object in Redis, so a repeated check acts once; the execution
 * log is written once per check id; notifications carry a dedupe key.
 */
import { createHash } from 'node:crypto';
import { log } from '@temporalio/activity';
import { campaignStatusWithCache } from '../../integrations/ads/campaign-status.js';
import { analyzeAbTest, splitAbBudget, type AbVariant } from '../../domain/ab-tests/analysis.js';
import { evaluateRule, ruleSpan, type RuleMatch, type RuleTarget } from '../../domain/rules/evaluate.js';
import { describeRuleCheck, describeRuleCheckFailure } from '../../domain/replies/rules.js';
import { describeAbTestStarted } from '../../domain/replies/ab-tests.js';
import type { PlannedChange } from '../../domain/campaign-ops/changes.js';
import { AppError } from '../../domain/errors.js';
import type { Language, Platform } from '../../domain/chat/intent.js';
import { roundMajor } from '../../domain/ads/money.js';
import { displayName } from '../../domain/ads/request-key.js';
import { TIKTOK_MIN_DAILY_BUDGET_USD } from '../../domain/ads/tiktok-enums.js';
import { addDays } from '../../domain/reporting/periods.js';
import { appendRuleLogOnce, readStored, ruleActionRecordKey, ruleCheckStateKey, ruleLog, storeOnce } from '../../integrations/redis/rule-log.js';
import { createRuleSchedule, deleteRule, getRule, listRules, pauseRule, resumeRule, triggerRule, updateRule } from '../../integrations/temporal/rule-schedules.js';
import type { RuleLogEntry, RuleLogMatch, RuleManagementRequest, RuleManagementResult } from '../../domain/rules/types.js';
import type {
  AbRecommendationPlan,
  AbTestCreative,
  AbTestPlan,
  ExperimentActivities,
  RecordRuleCheckInput,
  RecordRuleCheckResult,
  RuleActionResult,
  RuleCheckEvaluation,
} from './experiment-types.js';
import { fanOut } from '../kit/platform-fanout.js';
import type { AutomationDeps } from '../automation-deps.js';
import { isLastAttempt } from '../kit/last-attempt.js';

/** Default ad copy, identical for every variant (an A/B test varies the creative only). */
const DEFAULT_COPY: Record<Language, { headline: string; primary_text: string }> = {
  zh: { headline: '新品上市，立即了解', primary_text: '点击查看详情，限时优惠。' },
  en: { headline: 'New arrivals: see more', primary_text: 'Tap to see the details. Limited-time offer.' },
};

/** The audience of every variant: the same for all, so only the creative differs. */
const AB_AGE = { age_min: 18, age_max: 65 } as const;

/**
 * A platform request key from a workflow-derived prefix and a suffix: kept as is when it fits the
 * request-key alphabet (A-Z a-z 0-9 . _ : -, ≤ 80), else a stable hash of it.
 */
export function abRequestKey(prefix: string, suffix: string): string {
  const key = `${prefix}.${suffix}`;
  if (/^[A-Za-z0-9._:-]{1,80}$/.test(key)) return key;
  return `h-${createHash('sha256').update(prefix).digest('hex').slice(0, 32)}.${suffix}`;
}

/** Smallest daily budget per budget-carrying object, major units (TikTok ad groups: 20 USD). */
function minimumBudget(platform: Platform, currency: string): number {
  return platform === 'tiktok' && currency === 'USD' ? TIKTOK_MIN_DAILY_BUDGET_USD.adgroup : 1;
}

/** The idempotency key of a rule's action on an object for one data day. */
export function ruleActionKey(ruleId: string, dataUntil: string, target: { platform: Platform; id: string }): string {
  return `rule:${encodeURIComponent(ruleId)}:${dataUntil}:${target.platform}:${encodeURIComponent(target.id)}`;
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 20);

function overallOutcome(matched: RuleLogMatch[], error: unknown): RuleLogEntry['outcome'] {
  if (error) return 'error';
  if (matched.length === 0) return 'no_match';
  const done = matched.filter((m) => m.outcome === 'succeeded' && !m.duplicate).length;
  const failed = matched.filter((m) => m.outcome === 'failed').length;
  if (failed > 0) return done > 0 || matched.some((m) => m.outcome === 'succeeded') ? 'partial' : 'failed';
  return done > 0 ? 'succeeded' : 'skipped';
}

export function createExperimentActivities(deps: AutomationDeps): ExperimentActivities {
  const { ads, redis, webPlatform } = deps;

  async function recordRuleCheck(input: RecordRuleCheckInput): Promise<RecordRuleCheckResult> {
    const ev = input.evaluation;
    const byTarget = new Map(input.outcomes.map((o) => [`${o.platform}:${o.id}`, o]));
    const matched: RuleLogMatch[] = (ev?.evaluation.matched ?? []).map((m: RuleMatch) => {
      const o = byTarget.get(`${m.platform}:${m.id}`);
      return {
        platform: m.platform,
        id: m.id,
        name: m.name,
        currency: m.currency,
        value: m.value,
        ...(m.lower_bound !== undefined ? { lower_bound: m.lower_bound } : {}),
        planned: m.action,
        outcome: o?.outcome ?? 'skipped',
        ...(o?.error ? { error: o.error } : {}),
        ...(o?.duplicate ? { duplicate: true } : {}),
      };
    });
    const text = ev ? describeRuleCheck(ev.evaluation, input.language, input.outcomes) : describeRuleCheckFailure(input.error, input.language);
    const entry: RuleLogEntry = {
      check_id: input.checkId,
      rule_id: input.ruleId,
      user_id: input.userId,
      at: input.checkTime,
      logged_at: new Date().toISOString(),
      rule_name: ev?.evaluation.rule.name ?? '',
      action: ev?.evaluation.rule.action ?? { type: 'notify' },
      level: ev?.evaluation.rule.level ?? 'adset',
      ...(ev ? { evaluated_span: ev.evaluation.evaluated_span } : {}),
      evaluated_count: ev?.evaluation.evaluated_count ?? 0,
      matched,
      outcome: overallOutcome(matched, input.error),
      platform_failures: ev?.platform_failures ?? [],
      ...(input.error ? { error: input.error } : {}),
      title: text.title,
      body: text.body,
    };

    // A trigger notifies once per rule, data day and set of matched objects (a later check of the
    // same day on the same data does not repeat it); a failed check once per rule, day and code.
    let notification: RecordRuleCheckResult['notification'];
    const notify = async (kind: string, dedupeKey: string, data: Record<string, unknown>) => {
      const n = await webPlatform.createNotification({
        user_id: input.userId,
        kind,
        title: entry.title,
        body: entry.body,
        data,
        dedupe_key: dedupeKey,
      });
      notification = { id: n.id, duplicate: n.duplicate };
      entry.notification_id = n.id;
    };
    const sendNotification = async () => {
      if (ev && matched.length > 0) {
        const fingerprint = sha(
          matched
            .map((m) => `${m.platform}:${m.id}:${m.planned.type}`)
            .sort()
            .join('|'),
        );
        await notify('rule_triggered', `rule:${input.ruleId}:${ev.evaluation.evaluated_span.until}:${fingerprint}`, {
          rule_id: input.ruleId,
          check_id: input.checkId,
          outcome: entry.outcome,
          matched: matched.map((m) => ({ platform: m.platform, id: m.id, name: m.name, outcome: m.outcome })),
        });
      } else if (input.error) {
        await notify('rule_failed', `rule:${input.ruleId}:error:${input.error.code}:${input.checkTime.slice(0, 10)}`, {
          rule_id: input.ruleId,
          check_id: input.checkId,
          error: input.error,
        });
      }
    };
    try {
      await sendNotification();
    } catch (err) {
      // A notification the Web Platform cannot take now is retried with the activity; on the last
      // attempt (or for an error retrying cannot fix) the check is still logged, with the failure.
      if ((!(err instanceof AppError) || err.retryable) && !isLastAttempt()) throw err;
      entry.notification_error = err instanceof Error ? err.message : String(err);
      log.warn('rule notification failed', { ruleId: input.ruleId, checkId: input.checkId, error: entry.notification_error });
    }
    const logged = await appendRuleLogOnce(redis, entry);
    log.info('rule check recorded', { ruleId: input.ruleId, checkId: input.checkId, outcome: entry.outcome, matched: matched.length, logged });
    return { entry, logged, ...(notification ? { notification } : {}) };
  }

  async function manageRule(req: RuleManagementRequest): Promise<RuleManagementResult> {
    const client = deps.temporal;
    switch (req.op) {
      case 'create': {
        const created = await createRuleSchedule(client, deps.taskQueue, req);
        return { op: req.op, rule: await getRule(client, req.userId, created.rule_id) };
      }
      case 'list':
        return { op: req.op, rules: await listRules(client, req.userId) };
      case 'get':
        return { op: req.op, rule: await getRule(client, req.userId, req.ruleId) };
      case 'pause':
        return { op: req.op, rule: await pauseRule(client, req.userId, req.ruleId) };
      case 'resume':
        return { op: req.op, rule: await resumeRule(client, req.userId, req.ruleId) };
      case 'update':
        return { op: req.op, rule: await updateRule(client, req) };
      case 'delete':
        return { op: req.op, deleted: (await deleteRule(client, req.userId, req.ruleId)).deleted };
      case 'trigger':
        await triggerRule(client, req.userId, req.ruleId);
        return { op: req.op, rule: await getRule(client, req.userId, req.ruleId) };
      case 'log': {
        await getRule(client, req.userId, req.ruleId); // ownership
        return { op: req.op, entries: await ruleLog(redis, req.ruleId, req.limit ?? 50) };
      }
    }
  }

  return {
    async prepareAbTest(input): Promise<AbTestPlan> {
      if (new Set(input.creativeIds).size !== input.creativeIds.length) {
        throw new AppError('1001', 'Each variant needs a different creative', { field: 'creative_ids', reason: 'duplicate_creative' });
      }
      const { account } = await ads.on(input.userId, input.platform);
      const split = splitAbBudget(input.dailyBudget, input.creativeIds.length, account.currency);
      const budgetLevel = input.platform === 'google' ? 'campaign' : 'adset';
      const min = minimumBudget(input.platform, account.currency);
      if (budgetLevel === 'adset' && split.per_variant < min) {
        throw new AppError('1001', `Each variant's ad set needs at least ${min} ${account.currency} a day on ${input.platform}`, {
          field: 'daily_budget',
          reason: 'below_minimum',
          min_per_variant: min,
          per_variant: split.per_variant,
        });
      }
      const records = await Promise.all(input.creativeIds.map((id) => webPlatform.getCreative({ user_id: input.userId, creative_id: id })));
      const creatives: AbTestCreative[] = records.map((c) => ({ creative_id: c.id, name: c.name, image_url: c.url }));
      const fromMetadata = records.map((c) => c.metadata.landing_url).find((u): u is string => typeof u === 'string' && /^https?:\/\//.test(u));
      const landing = input.landingUrl ?? fromMetadata;
      if (!landing) throw new AppError('1001', 'Which page should the test ads link to? (landing_url)', { field: 'landing_url', reason: 'required' });
      const copy = DEFAULT_COPY[input.language];
      const name = (input.name ?? `A/B test · ${creatives.map((c) => c.name).join(' vs ')}`).slice(0, 150);
      const today = await ads.today();
      const plan: AbTestPlan = {
        name,
        account_id: account.account_id,
        currency: account.currency,
        budget_level: budgetLevel,
        split,
        ...(budgetLevel === 'campaign' ? { campaign_daily_budget: roundMajor(split.per_variant * split.budgets.length, account.currency) } : {}),
        creatives,
        landing_url: landing,
        headline: input.headline ?? copy.headline,
        primary_text: input.primaryText ?? copy.primary_text,
        start_date: today,
        end_date: addDays(today, input.durationDays),
      };
      if (!input.startedReply) return plan;
      const { statusUrl, landingDefaulted } = input.startedReply;
      const startedText = describeAbTestStarted(
        { ...plan, platform: input.platform, duration_days: input.durationDays, status_url: statusUrl, landing_url_defaulted: landingDefaulted },
        input.language,
      );
      return { ...plan, started_text: startedText };
    },

    async createAbTestCampaign(input) {
      const { adapter, account } = await ads.on(input.userId, input.platform);
      const campaign = await adapter.createCampaign(
        { name: input.name, objective: 'sales', status: 'active', ...(input.dailyBudget !== undefined ? { daily_budget: input.dailyBudget } : {}) },
        abRequestKey(input.requestKey, 'c'),
      );
      log.info('A/B test campaign ready', { userId: input.userId, platform: input.platform, campaignId: campaign.id });
      return { campaign_id: campaign.id, name: displayName(campaign.name), currency: campaign.currency || account.currency };
    },

    async createAbTestVariant(input) {
      const { adapter } = await ads.on(input.userId, input.platform);
      const label = `V${input.index + 1}`;
      const adset = await adapter.createAdSet(
        {
          campaign_id: input.campaignId,
          name: `${input.testName} · ${label} · ${input.creative.name}`.slice(0, 180),
          // Google ad groups have no budget of their own (the campaign's is shared).
          daily_budget: input.dailyBudget ?? 0,
          targeting: { countries: input.countries, ...AB_AGE, audience: 'broad' },
          status: 'active',
        },
        abRequestKey(input.requestKeyPrefix, 's'),
      );
      const ad = await adapter.createAd(
        {
          adset_id: adset.id,
          name: `${input.testName} · ${label}`.slice(0, 180),
          creative: {
            creative_id: input.creative.creative_id,
            image_url: input.creative.image_url,
            headline: input.headline,
            primary_text: input.primaryText,
            link_url: input.landingUrl,
          },
          status: 'active',
        },
        abRequestKey(input.requestKeyPrefix, 'a'),
      );
      return {
        variant_id: input.creative.creative_id,
        creative_id: input.creative.creative_id,
        name: input.creative.name,
        adset_id: adset.id,
        ad_id: ad.id,
        ...(input.dailyBudget !== undefined ? { daily_budget: input.dailyBudget } : {}),
      };
    },

    async measureAbTest(input) {
      const { adapter, account } = await ads.on(input.userId, input.platform);
      const today = await ads.today();
      const until = input.until !== undefined && input.until < today ? input.until : today;
      const span = { since: input.since, until: until < input.since ? input.since : until };
      // Fresh rows (not the 5-minute report cache): the test's figures must follow the platform.
      const rows = await adapter.insights('adset', span);
      const variants: AbVariant[] = input.variants.map((v) => {
        const mine = rows.filter((r) => r.id === v.adset_id);
        const sum = (f: 'impressions' | 'clicks' | 'conversions' | 'spend' | 'revenue') => mine.reduce((s, r) => s + r[f], 0);
        return {
          variant_id: v.variant_id,
          adset_id: v.adset_id,
          creative_id: v.creative_id,
          name: v.name,
          impressions: sum('impressions'),
          clicks: sum('clicks'),
          conversions: sum('conversions'),
          spend: roundMajor(sum('spend'), account.currency),
          revenue: roundMajor(sum('revenue'), account.currency),
        };
      });
      // Conversion rates are per click; a platform counting view-through conversions can report
      // more conversions than clicks, and then the rate is per impression.
      const denominator = variants.some((v) => v.conversions > v.clicks) ? 'impressions' : 'clicks';
      return { today, span, variants, analysis: analyzeAbTest(variants, { denominator }) };
    },

    async planAbRecommendations(input): Promise<AbRecommendationPlan> {
      const { adapter } = await ads.on(input.userId, input.platform);
      const adsets = new Map((await adapter.list('adset', input.campaignId)).map((s) => [s.id, s]));
      const plan: AbRecommendationPlan = { changes: [], skipped: [] };
      for (const rec of input.recommendations) {
        const s = rec.adset_id === undefined ? undefined : adsets.get(rec.adset_id);
        if (!s) {
          plan.skipped.push({ variant_id: rec.variant_id, action: rec.action, reason: 'not_found' });
          continue;
        }
        const base: PlannedChange = { platform: s.platform, level: 'adset', id: s.id, name: displayName(s.name), currency: s.currency, status_before: s.status };
        if (rec.action === 'pause') {
          if (s.status === 'paused') plan.skipped.push({ variant_id: rec.variant_id, action: rec.action, reason: 'already' });
          else plan.changes.push({ ...base, status_after: 'paused' });
        } else if (s.daily_budget === undefined || s.daily_budget <= 0) {
          plan.skipped.push({ variant_id: rec.variant_id, action: rec.action, reason: 'no_budget' });
        } else {
          const after = roundMajor(s.daily_budget * (1 + (rec.change_pct ?? 50) / 100), s.currency);
          plan.changes.push({ ...base, budget_before: s.daily_budget, budget_after: after });
        }
      }
      return plan;
    },

    async removeAbTestCampaign(input) {
      const { adapter } = await ads.on(input.userId, input.platform);
      try {
        await adapter.setStatus('campaign', input.campaignId, 'deleted');
      } catch (err) {
        if (!(err instanceof AppError && err.code === '1004')) throw err;
      }
    },

    async evaluateRuleCheck(input): Promise<RuleCheckEvaluation> {
      const key = ruleCheckStateKey(input.ruleId, input.checkId);
      const stored = await readStored<RuleCheckEvaluation>(redis, key);
      if (stored) return { ...stored, repeated: true };
      const { rule } = input;
      const level = rule.applies_to.level;
      const accounts = await ads.connected(input.userId, rule.applies_to.platforms);
      const today = await ads.today();
      const span = ruleSpan(rule.condition.time_range, today);
      const { ok, failures } = await fanOut(accounts, async (c) => {
        const [objects, insights] = await Promise.all([c.adapter.list(level), ads.insights(input.userId, c, level, span)]);
        return { objects, rows: insights.rows };
      });
      const targets: RuleTarget[] = ok.flatMap(({ value }) =>
        value.objects.map((o) => ({
          platform: o.platform,
          id: o.id,
          name: o.name,
          status: o.status,
          ...(o.daily_budget !== undefined ? { daily_budget: o.daily_budget } : {}),
          currency: o.currency,
        })),
      );
      const evaluation = evaluateRule(
        rule,
        ok.flatMap(({ value }) => value.rows),
        targets,
        today,
      );
      const result: RuleCheckEvaluation = { check_id: input.checkId, today, evaluation, platform_failures: failures, repeated: false };
      const { value, first } = await storeOnce(redis, key, result);
      return first ? value : { ...value, repeated: true };
    },

    async executeRuleAction(input): Promise<RuleActionResult> {
      const { match } = input;
      const actionKey = ruleActionKey(input.ruleId, input.dataUntil, match);
      const recordKey = ruleActionRecordKey(actionKey);
      const prior = await readStored<RuleActionResult>(redis, recordKey);
      if (prior) return { ...prior, duplicate: prior.executed_by !== input.checkId };
      const { adapter } = await ads.on(input.userId, match.platform);
      const a = match.action;
      let object;
      if (a.type === 'pause_adset') object = await adapter.setStatus(input.level, match.id, 'paused');
      else if ((a.type === 'increase_budget' || a.type === 'decrease_budget') && a.new_budget !== undefined && !a.skipped) {
        object = await adapter.updateBudget(input.level, match.id, a.new_budget);
      } else {
        throw new AppError('1001', `Nothing to execute for a ${a.type} action`, { id: match.id, action: a });
      }
      let recorded = true;
      try {
        await webPlatform.updateCampaign({
          user_id: input.userId,
          platform: match.platform,
          level: input.level,
          object_id: match.id,
          object_name: match.name,
          change: a.type === 'pause_adset' ? { status: 'paused' } : { daily_budget: a.new_budget, previous_daily_budget: a.old_budget },
          operation_id: actionKey,
        });
      } catch (err) {
        recorded = false;
        log.warn('recording a rule action failed', { ruleId: input.ruleId, objectId: match.id, error: err instanceof Error ? err.message : String(err) });
      }
      const result: RuleActionResult = {
        platform: match.platform,
        id: match.id,
        outcome: 'succeeded',
        duplicate: false,
        action_key: actionKey,
        executed_by: input.checkId,
        status_now: object.status,
        ...(object.daily_budget !== undefined ? { budget_now: object.daily_budget } : {}),
        recorded,
      };
      const { value } = await storeOnce(redis, recordKey, result);
      log.info('rule action executed', { ruleId: input.ruleId, checkId: input.checkId, objectId: match.id, action: a.type });
      return { ...value, duplicate: value.executed_by !== input.checkId };
    },

    recordRuleCheck,
    manageRule,

    getCampaignStatus: (input) => campaignStatusWithCache({ ads, redis }, input),
  };
}
