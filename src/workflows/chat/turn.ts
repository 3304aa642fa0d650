/**
 * The phases of a chat turn (seed 000 phases 1-2), each a method of {@link Turn}: load and plan,
 * preview and price, check credits, confirm, run the steps, reply. The turn's state (answered by
 * the `turnState` query), its events (Redis stream for SSE) and its search attributes are kept
 * here; chatTurnWorkflow (chat-turn.ts) only orders the phases.
 *
 * Speed (issue 8): every short step is a local activity, so a turn whose modules only read runs in
 * one workflow task, and the conversation is saved while `done` is published.
 */
import { CancellationScope, log, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { ChangePreview } from '../../activities/campaign-ops/ads-types.js';
import type { ChatMessage, ConversationEntity } from '../../domain/chat/conversation.js';
import type { ConfirmationRequest, TurnEvent } from '../../domain/chat/events.js';
import type { IntentPlan, Language, PlanStep } from '../../domain/chat/intent.js';
import { MIN_CONFIDENCE } from '../../domain/chat/plan.js';
import { errorBody } from '../../domain/errors.js';
import { detectLanguage } from '../../domain/language.js';
import { Intent, Module, TurnStatusAttr } from '../../domain/search-attributes.js';
import type { ReplyContext, StepOutcome } from '../../integrations/model/types.js';
import { conversation, credits, events, modelReplies, planner, templateReplies } from '../kit/activity-options.js';
import { chargedStep } from '../kit/charged-step.js';
import { confirmationGate, type ConfirmationGate } from '../kit/confirmation.js';
import { errorBodyOf, codedFailure } from '../kit/failures.js';
import { turnStateQuery, type ChatTurnInput, type StepState, type TurnState, type TurnStatus } from './definitions.js';
import type { ChatModule } from './module.js';
import { moduleOf } from './modules.js';

/** A step of the plan with what the turn decided about it before running it. */
export interface PricedStep {
  index: number;
  step: PlanStep;
  module: ChatModule;
  /** whole credits the step is charged. */
  credits: number;
  preview?: ChangePreview;
}

/** How a turn ends: the reply's kind and the turn's final status. */
interface Ending {
  context: Omit<ReplyContext, 'language' | 'message'>;
  status: TurnStatus;
  entities?: ConversationEntity[];
}

const outcomeStatus = (s: StepState['status']): StepOutcome['status'] =>
  s === 'succeeded' || s === 'failed' || s === 'skipped' ? s : 'unavailable';

/** One chat turn's state and phases. */
export class Turn {
  readonly state: TurnState;
  language: Language;
  private readonly gate: ConfirmationGate;

  constructor(readonly input: ChatTurnInput) {
    this.state = {
      turn_id: input.turnId,
      user_id: input.userId,
      session_id: input.sessionId,
      status: 'planning',
      steps: [],
      credits: { charged: 0, refunded: 0 },
    };
    this.language = detectLanguage(input.message);
    setHandler(turnStateQuery, () => this.state);
    this.gate = confirmationGate(input.userId);
  }

  /**
   * Publishes an event to the turn's stream (idempotent per key) and waits for it. Events are
   * published one at a time: local activities started from a callback of another one's completion
   * would be numbered differently on replay (seen as nondeterminism), and the stream's order is the
   * order of the events.
   */
  async publish(event: TurnEvent, key: string): Promise<void> {
    await events.publishEvent(this.input.turnId, event, key);
  }

  setStatus(status: TurnStatus): void {
    this.state.status = status;
    upsertSearchAttributes([{ key: TurnStatusAttr, value: status }]);
  }

  /** Phase 1: history → plan (intent, references, cost, risk); publishes `intent`. */
  async plan(): Promise<IntentPlan> {
    const history = await conversation.loadHistory(this.input.userId, this.input.sessionId);
    const { plan, model } = await planner.planTurn({ message: this.input.message, history, creditThreshold: this.input.creditThreshold });
    this.language = plan.language;
    this.state.plan = plan;
    this.state.model = model;
    upsertSearchAttributes([
      { key: Intent, value: plan.steps.map((s) => s.action) },
      { key: Module, value: [...new Set(plan.steps.map((s) => s.module))] },
    ]);
    await this.publish({ type: 'intent', plan }, 'intent');
    return plan;
  }

  /** A plan the turn cannot act on: too unsure (ask), or nothing to do (small talk). */
  endingWithoutSteps(plan: IntentPlan): Ending | undefined {
    if (plan.confidence < MIN_CONFIDENCE) {
      return { context: { kind: 'clarify', outcomes: [], ...(plan.clarification ? { clarification: plan.clarification } : {}) }, status: 'clarifying' };
    }
    if (plan.steps.length === 0) return { context: { kind: 'chitchat', outcomes: [] }, status: 'completed' };
    return undefined;
  }

  /**
   * Phase 2: the steps' modules, previews and prices. Steps without a module are `unavailable`;
   * a failed preview fails its step, uncharged.
   * @returns the steps that will run, priced
   */
  async price(plan: IntentPlan): Promise<PricedStep[]> {
    this.state.steps = plan.steps.map((s, index) => ({
      index,
      module: s.module,
      action: s.action,
      status: moduleOf(s.action) ? 'pending' : 'unavailable',
      credits_charged: 0,
      credits_refunded: 0,
    }));
    const priced: PricedStep[] = [];
    for (const [index, step] of plan.steps.entries()) {
      const module = moduleOf(step.action);
      if (!module) continue;
      let preview: ChangePreview | undefined;
      if (module.preview) {
        try {
          preview = await module.preview({ step, userId: this.input.userId, language: this.language });
        } catch (err) {
          Object.assign(this.state.steps[index]!, { status: 'failed', error: errorBodyOf(err, this.language) });
          continue;
        }
      }
      const cost = module.price ? module.price(step, preview) : step.estimated_credits;
      priced.push({ index, step, module, credits: cost, ...(preview ? { preview } : {}) });
    }
    return priced;
  }

  /** Phase 3: the user's balance covers every priced step, else the 6011 ending (nothing runs). */
  async checkCredits(priced: readonly PricedStep[]): Promise<Ending | undefined> {
    const required = priced.reduce((sum, p) => sum + p.credits, 0);
    if (required <= 0) return undefined;
    const check = await credits.checkCredits(this.input.userId, required, 'chat_turn');
    if (check.sufficient) return undefined;
    const error = errorBody('6011', this.language, { balance: check.balance, required, recharge_url: this.input.rechargeUrl });
    this.state.error = error;
    await this.publish({ type: 'error', error }, 'error');
    return {
      context: { kind: 'insufficient_credits', outcomes: [], credits: { required, balance: check.balance, recharge_url: this.input.rechargeUrl } },
      status: 'insufficient_credits',
    };
  }

  /**
   * Phase 4: risky steps (a previewed step by its real changes, others by the plan) wait for the
   * user's confirmation; rejection or timeout cancels every step and ends the turn uncharged.
   */
  async confirm(priced: readonly PricedStep[]): Promise<Ending | undefined> {
    const reasonsOf = (p: PricedStep) => (p.preview ? p.preview.risk_reasons : p.step.risk === 'high' ? p.step.risk_reasons : []);
    const risky = priced.filter((p) => reasonsOf(p).length > 0);
    if (risky.length === 0) return undefined;
    const timeoutSeconds = this.input.confirmationTimeoutSeconds;
    const request: ConfirmationRequest = {
      turn_id: this.input.turnId,
      operation: {
        steps: risky.map((p) => ({
          index: p.index,
          module: p.step.module,
          action: p.step.action,
          parameters: p.step.parameters,
          ...(p.preview ? { changes: p.preview.changes } : {}),
        })),
      },
      impact: {
        estimated_credits: priced.reduce((sum, p) => sum + p.credits, 0),
        reasons: [...new Set(risky.flatMap(reasonsOf))],
        // Date inside a workflow is workflow time (deterministic on replay).
        expires_at: new Date(new Date().getTime() + timeoutSeconds * 1000).toISOString(),
      },
    };
    this.state.pending_confirmation = request;
    this.setStatus('awaiting_confirmation');
    await this.publish({ type: 'confirmation_required', ...request }, 'confirmation_required');
    const confirmation = await this.gate.ask(timeoutSeconds);
    this.state.pending_confirmation = undefined;
    this.state.confirmation = confirmation;
    await this.publish({ type: 'confirmation_resolved', approved: confirmation.approved, reason: confirmation.reason }, 'confirmation_resolved');
    if (confirmation.approved) return undefined;
    for (const st of this.state.steps) if (st.status === 'pending') st.status = 'cancelled';
    log.info('turn not confirmed', { turnId: this.input.turnId, reason: confirmation.reason });
    const kind = confirmation.reason === 'user' ? 'rejected' : 'confirmation_timeout';
    return { context: { kind, outcomes: [] }, status: kind };
  }

  /**
   * Phase 5: each step in plan order: `tool_start`, then (unless a step it depends on did not
   * succeed) a charged run — deduct with operation id `<workflowId>:step-<n>`, run the module,
   * refund the failed part — then `tool_complete`.
   * @returns the reply's ending (results; `failed` when no step succeeded)
   */
  async runSteps(plan: IntentPlan, priced: readonly PricedStep[]): Promise<Ending> {
    this.setStatus('running');
    const { workflowId } = workflowInfo();
    const byIndex = new Map(priced.map((p) => [p.index, p]));
    const produced = new Map<number, { result: unknown; entities: ConversationEntity[] }>();
    for (const [index, step] of plan.steps.entries()) {
      const st = this.state.steps[index]!;
      const tool = `${step.module}.${step.action}`;
      await this.publish({ type: 'tool_start', tool, step: index }, `tool_start-${index}`);
      const p = byIndex.get(index);
      if (st.status === 'pending' && p) {
        const blocked = step.depends_on.some((d) => !['succeeded', 'unavailable'].includes(this.state.steps[d]!.status));
        if (blocked) st.status = 'skipped';
        else await this.runStep(p, st, `${workflowId}:step-${index}`, produced);
      }
      await this.publish(
        {
          type: 'tool_complete',
          tool,
          step: index,
          status: outcomeStatus(st.status),
          ...(st.result !== undefined ? { result: st.result } : {}),
          ...(st.error ? { error: st.error } : {}),
        },
        `tool_complete-${index}`,
      );
    }
    const outcomes: StepOutcome[] = this.state.steps.map((st) => ({
      module: st.module,
      action: st.action,
      status: outcomeStatus(st.status),
      ...(st.result !== undefined ? { result: st.result } : {}),
      ...(st.error ? { error: st.error } : {}),
      credits_charged: st.credits_charged,
      credits_refunded: st.credits_refunded,
    }));
    const anyFailed = this.state.steps.some((st) => st.status === 'failed');
    const firstError = this.state.steps.find((st) => st.error)?.error;
    if (anyFailed && firstError) await this.publish({ type: 'error', error: firstError }, 'error');
    const allFailed = anyFailed && this.state.steps.every((st) => ['failed', 'skipped', 'unavailable'].includes(st.status));
    const entities = [...produced.values()].flatMap((p) => p.entities);
    return { context: { kind: 'results', outcomes }, status: allFailed ? 'failed' : 'completed', entities };
  }

  /** One step with its credits (the kit's charged step); records the outcome on the step's state. */
  private async runStep(
    p: PricedStep,
    st: StepState,
    operationId: string,
    produced: Map<number, { result: unknown; entities: ConversationEntity[] }>,
  ): Promise<void> {
    st.status = 'running';
    const upstream = p.step.depends_on.map((d) => produced.get(d) ?? {});
    const outcome = await chargedStep(
      { userId: this.input.userId, credits: p.credits, operationType: `${p.step.module}.${p.step.action}`, operationId },
      this.language,
      async () => {
        const run = await p.module.run({
          step: p.step,
          userId: this.input.userId,
          operationId,
          language: this.language,
          upstream,
          credits: p.credits,
          ...(p.preview ? { preview: p.preview } : {}),
        });
        if (run.missing) throw codedFailure(errorBody(run.missing.code, this.language, run.missing.details));
        return { value: run, refund: run.refund };
      },
    );
    st.credits_charged = outcome.charged;
    st.credits_refunded = outcome.refunded;
    this.state.credits.charged += outcome.charged;
    this.state.credits.refunded += outcome.refunded;
    if (outcome.status === 'failed') {
      st.status = 'failed';
      st.error = outcome.error;
      return;
    }
    st.status = 'succeeded';
    st.result = outcome.value.result;
    produced.set(p.index, { result: outcome.value.result, entities: outcome.value.entities });
  }

  /**
   * Phase 6: writes the reply (streamed as `token` events), sets the final status, publishes
   * `done` and saves the conversation at the same time (a failed save is logged, never fails the turn).
   */
  async finish(ending: Ending): Promise<TurnState> {
    this.setStatus('replying');
    const writer = this.input.replyWriter === 'template' ? templateReplies : modelReplies;
    const reply = await writer.writeReply(this.input.turnId, { ...ending.context, language: this.language, message: this.input.message });
    this.state.reply = reply;
    this.setStatus(ending.status);
    await Promise.all([this.publish({ type: 'done', status: ending.status }, 'done'), this.save(reply, ending.entities ?? [])]);
    return this.state;
  }

  /** An unexpected failure (module failures are handled per step): `error` and `done`, then the workflow fails. */
  async fail(err: unknown): Promise<never> {
    const error = errorBodyOf(err, this.language);
    log.error('chat turn failed', { turnId: this.input.turnId, code: error.code, message: error.message });
    this.state.error = error;
    this.setStatus('failed');
    await CancellationScope.nonCancellable(async () => {
      await this.publish({ type: 'error', error }, 'error');
      await this.publish({ type: 'done', status: 'failed' }, 'done');
    });
    throw err;
  }

  private async save(reply: string, entities: ConversationEntity[]): Promise<void> {
    const now = new Date().toISOString(); // workflow time
    const messages: ChatMessage[] = [
      { role: 'user', content: this.input.message, timestamp: now },
      { role: 'assistant', content: reply, timestamp: now, ...(entities.length > 0 ? { entities } : {}) },
    ];
    try {
      await conversation.saveConversation(this.input.userId, this.input.sessionId, messages);
    } catch (err) {
      log.warn('saving the conversation failed', { turnId: this.input.turnId, error: err instanceof Error ? err.message : String(err) });
    }
  }
}
