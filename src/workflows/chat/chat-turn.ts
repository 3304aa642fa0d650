/**
 * chatTurnWorkflow: one chat turn, durable from message to saved reply (seed 000 phases 1-2).
 *
 * plan (history, intent, references, cost, risk) → too unsure: ask; nothing to do: small talk →
 * preview and price the steps → check credits (6011: stop) → risky: wait for the user's
 * confirmation (reject or timeout: nothing runs, nothing is charged) → run the steps, each a
 * charged step (deduct, run the module, refund the failed part) → reply, `done`, save.
 * The phases live in {@link Turn}; events go to the turn's Redis stream for SSE.
 */
import type { ChatTurnInput, TurnState } from './definitions.js';
import { Turn } from './turn.js';

/**
 * Runs one turn.
 * @returns the turn's final state (also answered by the `turnState` query while it runs)
 * @throws only for unexpected failures (after publishing `error` and `done`); module failures end the turn normally
 */
export async function chatTurnWorkflow(input: ChatTurnInput): Promise<TurnState> {
  const turn = new Turn(input);
  try {
    const plan = await turn.plan();
    const early = turn.endingWithoutSteps(plan);
    if (early) return await turn.finish(early);
    const priced = await turn.price(plan);
    const stop = (await turn.checkCredits(priced)) ?? (await turn.confirm(priced));
    if (stop) return await turn.finish(stop);
    return await turn.finish(await turn.runSteps(plan, priced));
  } catch (err) {
    return await turn.fail(err);
  }
}
