/**
 * Plans a message: the text model reads the intent, references resolve against the history and
 * the domain rules add order, cost and risk (seed 000 需求 2, 3, 5.2). Used by the planTurn
 * activity and by `POST /api/v1/intent` (which has no side effects).
 */
import type { ChatMessage } from '../../domain/chat/conversation.js';
import { IntentDraftSchema } from '../../domain/chat/intent.js';
import { buildPlan } from '../../domain/chat/plan.js';
import { resolveReferences } from '../../domain/chat/references.js';
import type { PlanTurnInput, PlanTurnOutput } from './types.js';
import type { TextModel } from '../../integrations/model/types.js';

/**
 * @param model the text model (usually the fallback chain)
 * @throws AppError from the model when every model in the chain failed
 */
export async function planMessage(model: TextModel, input: PlanTurnInput): Promise<PlanTurnOutput> {
  const draft = IntentDraftSchema.parse(await model.recognizeIntent({ message: input.message, history: input.history }));
  const { steps, resolved } = resolveReferences(draft.steps, input.history as ChatMessage[]);
  const plan = buildPlan({ ...draft, steps }, { creditThreshold: input.creditThreshold });
  return { plan, resolved, model: model.name };
}
