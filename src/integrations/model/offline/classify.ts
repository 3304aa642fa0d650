/**
 * Scores a clause against the keyword rules (lexicon.ts): the offline model's action classifier.
 */
import type { ActionName } from '../../../domain/chat/intent.js';
import { RULES, TIE_ORDER } from './lexicon.js';

/** An action and the summed weight of its matched rule groups. */
export interface ActionScore {
  action: ActionName;
  score: number;
}

/**
 * Scores every action for one clause.
 * @param lower a lower-cased normalised clause (see text.ts)
 * @returns actions with a positive score, best first (ties broken by {@link TIE_ORDER})
 */
export function scoreClause(lower: string): ActionScore[] {
  const groups = new Map<ActionName, Map<string, number>>();
  RULES.forEach((rule, i) => {
    if (!rule.pattern.test(lower)) return;
    const byGroup = groups.get(rule.action) ?? new Map<string, number>();
    const key = rule.group ?? `#${i}`;
    byGroup.set(key, Math.max(byGroup.get(key) ?? -Infinity, rule.weight));
    groups.set(rule.action, byGroup);
  });
  return [...groups.entries()]
    .map(([action, byGroup]) => ({ action, score: [...byGroup.values()].reduce((a, b) => a + b, 0) }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || TIE_ORDER.indexOf(a.action) - TIE_ORDER.indexOf(b.action));
}
