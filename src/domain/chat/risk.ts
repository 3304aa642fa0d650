/**
 * Risk policy: which operations wait for the user's confirmation (seed 000 需求 14.5, task 3.7;
 * property 6). High risk: pausing or deleting all or several campaigns, deleting any campaign,
 * a budget change above 50%, or a step whose estimated credits exceed the threshold.
 */
import type { BudgetChange, DraftStep, Language, Risk } from './intent.js';

/** A budget change larger than this fraction (0.5 = 50%) is high risk. */
export const MAX_UNCONFIRMED_BUDGET_CHANGE = 0.5;

/**
 * The relative size of a budget change as a fraction (0.2 = 20%), or undefined when it depends on
 * the current budget (absolute and delta changes are judged again by the module with real budgets).
 */
export function relativeBudgetChange(change: BudgetChange): number | undefined {
  switch (change.kind) {
    case 'percent':
      return Math.abs(change.value) / 100;
    case 'multiplier':
      return Math.abs(change.value - 1);
    default:
      return undefined;
  }
}

/**
 * Relative change between two budgets (major units), as a fraction; 0 when both are 0.
 * Used by modules that know the current budget.
 */
export function budgetChangeFraction(before: number, after: number): number {
  if (before === 0) return after === 0 ? 0 : Infinity;
  return Math.abs(after - before) / before;
}

export interface RiskAssessment {
  risk: Risk;
  /** why it is high or medium risk, in the user's language. */
  reasons: string[];
}

const TEXT = {
  delete: { zh: '删除广告系列不可恢复', en: 'Deleting a campaign cannot be undone' },
  bulk: { zh: '将影响多个广告系列', en: 'Affects several campaigns at once' },
  budget: { zh: '预算变动超过 50%', en: 'Budget change above 50%' },
  credits: { zh: '预计消耗较多 Credit', en: 'High estimated credit cost' },
} as const;

/**
 * Assesses a step.
 * @param step the draft step (module, action, parameters)
 * @param estimatedCredits its estimated cost in credits
 * @param creditThreshold credits above which a step needs confirmation
 * @param language language of the reasons
 */
export function assessRisk(
  step: DraftStep,
  estimatedCredits: number,
  creditThreshold: number,
  language: Language,
): RiskAssessment {
  const p = step.parameters;
  const high: string[] = [];
  let medium = false;
  if (step.action === 'manage_campaign') {
    if (p.operation === 'delete') high.push(TEXT.delete[language]);
    const bulk = p.scope === 'all' || p.scope === 'several' || (p.targets?.length ?? 0) > 1;
    if (bulk && (p.operation === 'pause' || p.operation === 'delete')) high.push(TEXT.bulk[language]);
    medium = true;
  }
  if (p.budget_change) {
    const rel = relativeBudgetChange(p.budget_change);
    if (rel !== undefined && rel > MAX_UNCONFIRMED_BUDGET_CHANGE) high.push(TEXT.budget[language]);
    medium = true;
  }
  if (step.action === 'optimize_budget' || step.action === 'create_campaign') medium = true;
  if (estimatedCredits > creditThreshold) high.push(TEXT.credits[language]);
  if (high.length > 0) return { risk: 'high', reasons: high };
  return { risk: medium ? 'medium' : 'low', reasons: [] };
}
