/**
 * Resolves references to earlier entities ("刚才的素材", "those images", "the campaign I created")
 * against the conversation (seed 000 需求 5.2, 5.3; property 3).
 */
import { latestEntities, type ChatMessage } from './conversation.js';
import type { DraftStep } from './intent.js';

/** A reference that was resolved, for the plan's transparency. */
export interface ResolvedReference {
  step: number;
  kind: string;
  ids: string[];
}

/**
 * Fills `creative_ids` and `targets` of steps that refer to earlier entities, from the most recent
 * entities of that kind in the history. A step that names its ids explicitly, or picks its objects
 * by performance (a selector such as losing_money), keeps them.
 * Steps that consume an earlier step of the same plan are wired at run time, not here.
 * @returns the steps with references filled, and what was resolved
 */
export function resolveReferences(
  steps: readonly DraftStep[],
  history: readonly ChatMessage[],
): { steps: DraftStep[]; resolved: ResolvedReference[] } {
  const resolved: ResolvedReference[] = [];
  const out = steps.map((step, i) => {
    const refs = step.parameters.references ?? [];
    let parameters = step.parameters;
    for (const kind of refs) {
      const ids = latestEntities(history, kind).map((e) => e.id);
      if (ids.length === 0) continue;
      if (kind === 'creative' && !parameters.creative_ids?.length) {
        parameters = { ...parameters, creative_ids: ids };
        resolved.push({ step: i, kind, ids });
      } else if (kind !== 'creative' && !parameters.targets?.length && !parameters.selector) {
        // "那个亏钱的系列" names its object by performance (selector), not by an earlier entity.
        parameters = { ...parameters, targets: ids };
        resolved.push({ step: i, kind, ids });
      }
    }
    return parameters === step.parameters ? step : { ...step, parameters };
  });
  return { steps: out, resolved };
}
