/**
 * Campaign management from chat (issue "Ad platforms" §4; seed 000 phase 3, 需求 14.5; seed 001
 * 需求 3.4 "单次调整不超过 50%" as the risk line): which objects an operation touches, their
 * before/after status and budget, and why a change needs the user's confirmation. Pure: the
 * objects and their performance come in, the planned changes go out. Money in MAJOR units of the
 * object's account currency.
 */
import type { BudgetChange, Language, Platform } from '../chat/intent.js';
import { budgetChangeFraction, MAX_UNCONFIRMED_BUDGET_CHANGE } from '../chat/risk.js';

/** Object levels a change applies to. */
export type ChangeLevel = 'campaign' | 'adset' | 'ad';

/** A status an operation sets. */
export type TargetStatus = 'active' | 'paused' | 'deleted';

/** manage_campaign operations and their target status. */
export const OPERATION_STATUS = { pause: 'paused', start: 'active', delete: 'deleted' } as const satisfies Record<string, TargetStatus>;
export type StatusOperation = keyof typeof OPERATION_STATUS;

/** An object as the planner sees it (a subset of the normalised PlatformObject). */
export interface ChangeCandidate {
  platform: Platform;
  level: ChangeLevel;
  id: string;
  name: string;
  status: 'pending_review' | 'active' | 'paused' | 'deleted' | 'rejected';
  /** daily budget in major units; undefined when the object has none (Google ad groups, ads). */
  daily_budget?: number;
  currency: string;
}

/** One planned change: the object and its status / budget before and after. */
export interface PlannedChange {
  platform: Platform;
  level: ChangeLevel;
  id: string;
  name: string;
  currency: string;
  status_before: ChangeCandidate['status'];
  /** set for status operations. */
  status_after?: TargetStatus;
  /** set for budget changes, major units. */
  budget_before?: number;
  budget_after?: number;
}

/** The smallest daily budget a change may set, in major units (platform minimums are checked by the platform). */
export const MIN_DAILY_BUDGET = 1;

/**
 * The budget after a change, rounded to cents and never below {@link MIN_DAILY_BUDGET}.
 * percent: +20 → ×1.2; multiplier: 2 → ×2; absolute: the value; delta: before + value.
 * @param before current daily budget, major units
 */
export function applyBudgetChange(before: number, change: BudgetChange): number {
  let after: number;
  switch (change.kind) {
    case 'percent':
      after = before * (1 + change.value / 100);
      break;
    case 'multiplier':
      after = before * change.value;
      break;
    case 'absolute':
      after = change.value;
      break;
    case 'delta':
      after = before + change.value;
      break;
  }
  return Math.max(MIN_DAILY_BUDGET, Math.round(after * 100) / 100);
}

/** The part of a planned change that names the object and its current status. */
function identify(c: ChangeCandidate): Omit<PlannedChange, 'status_after' | 'budget_before' | 'budget_after'> {
  return { platform: c.platform, level: c.level, id: c.id, name: c.name, currency: c.currency, status_before: c.status };
}

/**
 * Status changes for an operation; objects already in the target status (or deleted) are left out.
 * @returns the changes, in the candidates' order
 */
export function planStatusChanges(candidates: readonly ChangeCandidate[], operation: StatusOperation): PlannedChange[] {
  const target = OPERATION_STATUS[operation];
  return candidates
    .filter((c) => c.status !== target && c.status !== 'deleted')
    .map((c) => ({ ...identify(c), status_after: target }));
}

/**
 * Budget changes; objects without a daily budget are left out (Google ad groups share their
 * campaign's budget), as are changes that would not move the budget.
 */
export function planBudgetChanges(candidates: readonly ChangeCandidate[], change: BudgetChange): PlannedChange[] {
  return candidates.flatMap((c) => {
    if (c.daily_budget === undefined || c.status === 'deleted') return [];
    const after = applyBudgetChange(c.daily_budget, change);
    if (after === c.daily_budget) return [];
    return [
      { ...identify(c), budget_before: c.daily_budget, budget_after: after },
    ];
  });
}

const REASONS = {
  delete: { zh: '删除不可恢复', en: 'Deleting cannot be undone' },
  bulk: { zh: (n: number) => `将同时影响 ${n} 个广告系列`, en: (n: number) => `Affects ${n} campaigns at once` },
  budget: {
    zh: (name: string, pct: number) => `「${name}」预算变动 ${pct}%，超过 50%`,
    en: (name: string, pct: number) => `Budget of "${name}" changes by ${pct}%, above 50%`,
  },
} as const;

/**
 * Why planned changes need confirmation (seed 000 需求 14.5): deleting anything, pausing or
 * deleting more than one campaign, or any budget change above 50%.
 * @returns the reasons in the user's language; empty when no confirmation is needed
 */
export function changeRiskReasons(changes: readonly PlannedChange[], language: Language): string[] {
  const reasons: string[] = [];
  if (changes.some((c) => c.status_after === 'deleted')) reasons.push(REASONS.delete[language]);
  const stopped = changes.filter((c) => c.level === 'campaign' && (c.status_after === 'paused' || c.status_after === 'deleted'));
  if (stopped.length > 1) reasons.push(REASONS.bulk[language](stopped.length));
  for (const c of changes) {
    if (c.budget_before === undefined || c.budget_after === undefined) continue;
    const fraction = budgetChangeFraction(c.budget_before, c.budget_after);
    if (fraction > MAX_UNCONFIRMED_BUDGET_CHANGE) {
      reasons.push(REASONS.budget[language](c.name, Number.isFinite(fraction) ? Math.round(fraction * 100) : 100));
    }
  }
  return reasons;
}
