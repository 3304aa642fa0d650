/**
 * chatTurnWorkflow: one chat turn, durable from message to saved reply (seed 000 phases 1-2).
 *
 * load history → plan (intent, references, cost, risk) → low confidence: ask, charge nothing →
 * check credits (6011: stop) → high risk: wait for the user's confirmation (reject or timeout:
 * nothing runs, nothing is charged) → per step in dependency order: deduct (operation id derived
 * from the workflow and step) → run the module → on failure refund the step (compensation) →
 * stream the reply → save the conversation (failure logged, never fails the turn) → done.
 * Events are published to the turn's Redis stream for SSE.
 */
import {
  ApplicationFailure,
  CancellationScope,
  condition,
  log,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { ChangePreview } from '../../activities/campaign-ops/ads-types.js';
import type { ChatMessage, ConversationEntity } from '../../domain/chat/conversation.js';
import { errorBody, type ErrorBody } from '../../domain/errors.js';
import type { Language, PlanStep } from '../../domain/chat/intent.js';
import { detectLanguage } from '../../domain/language.js';
import { MIN_CONFIDENCE } from '../../domain/chat/plan.js';
import { CREDITS_PER_CHANGE } from '../../domain/credits/pricing.js';
import type { ConfirmationRequest, TurnEvent } from '../../domain/chat/events.js';
import type { ReplyContext, StepOutcome } from '../../integrations/model/types.js';
import { acts, adsActs, localActs, replyActs } from '../kit/activity-options.js';
import {
  confirmUpdate,
  FORBIDDEN_FAILURE,
  NOT_PENDING_FAILURE,
  turnStateQuery,
  type ChatTurnInput,
  type ConfirmationDecision,
  type StepState,
  type TurnState,
  type TurnStatus,
} from './definitions.js';
import { errorBodyOf } from '../kit/failures.js';
import { PREVIEWED_ACTIONS, runnersFor } from './modules.js';
import type { ModuleRunner } from './module.js';
import { Intent, Module, TurnStatusAttr } from '../../domain/search-attributes.js';

export async function chatTurnWorkflow(input: ChatTurnInput): Promise<TurnState> {
  const { workflowId } = workflowInfo();
  const state: TurnState = {
    turn_id: input.turnId,
    user_id: input.userId,
    session_id: input.sessionId,
    status: 'planning',
    steps: [],
    credits: { charged: 0, refunded: 0 },
  };
  let decision: ConfirmationDecision | undefined;
  let language: Language = detectLanguage(input.message);

  setHandler(turnStateQuery, () => state);
  setHandler(
    confirmUpdate,
    (d) => {
      decision = d;
      return { accepted: true, approved: d.approved };
    },
    {
      validator: (d) => {
        if (d.user_id !== input.userId) {
          throw ApplicationFailure.nonRetryable('Only the user of this turn may confirm it', FORBIDDEN_FAILURE);
        }
        if (state.status !== 'awaiting_confirmation' || decision !== undefined) {
          throw ApplicationFailure.nonRetryable('No confirmation is pending for this turn', NOT_PENDING_FAILURE);
        }
      },
    },
  );

  const publish = (event: TurnEvent, key: string) => localActs.publishEvent(input.turnId, event, key);
  const setStatus = (status: TurnStatus) => {
    state.status = status;
    upsertSearchAttributes([{ key: TurnStatusAttr, value: status }]);
  };

  const finish = async (ctx: Omit<ReplyContext, 'language' | 'message'>, status: TurnStatus, entities: ConversationEntity[] = []) => {
    setStatus('replying');
    const reply = await replyActs.writeReply(input.turnId, { ...ctx, language, message: input.message });
    state.reply = reply;
    await saveConversation(input, reply, entities);
    setStatus(status);
    await publish({ type: 'done', status }, 'done');
    return state;
  };

  try {
    const history = await acts.loadHistory(input.userId, input.sessionId);
    const { plan, model } = await acts.planTurn({ message: input.message, history, creditThreshold: input.creditThreshold });
    language = plan.language;
    state.plan = plan;
    state.model = model;
    upsertSearchAttributes([
      { key: Intent, value: plan.steps.map((s) => s.action) },
      { key: Module, value: [...new Set(plan.steps.map((s) => s.module))] },
    ]);
    await publish({ type: 'intent', plan }, 'intent');

    if (plan.confidence < MIN_CONFIDENCE) {
      return await finish({ kind: 'clarify', outcomes: [], ...(plan.clarification ? { clarification: plan.clarification } : {}) }, 'clarifying');
    }
    if (plan.steps.length === 0) return await finish({ kind: 'chitchat', outcomes: [] }, 'completed');

    const runners = runnersFor(plan.steps.map((s) => s.action));
    state.steps = plan.steps.map((s, index) => ({
      index,
      module: s.module,
      action: s.action,
      status: runners[s.action] ? 'pending' : 'unavailable',
      credits_charged: 0,
      credits_refunded: 0,
    }));

    // Campaign commands: resolve their objects and before/after values first, so the cost, the
    // risk and the confirmation are about the real changes (a failed preview fails its step, uncharged).
    const credits = plan.steps.map((s) => s.estimated_credits);
    const previews = new Map<number, ChangePreview>();
    for (const [index, s] of plan.steps.entries()) {
      const st = state.steps[index]!;
      if (st.status !== 'pending' || !PREVIEWED_ACTIONS.has(s.action)) continue;
      try {
        const preview = await adsActs.previewCampaignChanges({
          userId: input.userId,
          action: s.action as 'manage_campaign' | 'update_budget' | 'optimize_budget',
          parameters: s.parameters,
          language,
        });
        previews.set(index, preview);
        credits[index] = preview.changes.length * CREDITS_PER_CHANGE;
      } catch (err) {
        st.status = 'failed';
        st.error = errorBodyOf(err, language);
      }
    }
    const runnable = plan.steps.map((s, index) => ({ s, index })).filter(({ index }) => state.steps[index]!.status === 'pending');

    const required = runnable.reduce((sum, { index }) => sum + credits[index]!, 0);
    if (required > 0) {
      const check = await acts.checkCredits(input.userId, required, 'chat_turn');
      if (!check.sufficient) {
        const error = errorBody('6011', language, { balance: check.balance, required, recharge_url: input.rechargeUrl });
        state.error = error;
        await publish({ type: 'error', error }, 'error');
        return await finish(
          { kind: 'insufficient_credits', outcomes: [], credits: { required, balance: check.balance, recharge_url: input.rechargeUrl } },
          'insufficient_credits',
        );
      }
    }

    // A previewed step is risky when its real changes are; others by the plan's assessment.
    const riskReasons = ({ s, index }: { s: PlanStep; index: number }) => {
      const preview = previews.get(index);
      if (preview) return preview.risk_reasons;
      return s.risk === 'high' ? s.risk_reasons : [];
    };
    const risky = runnable.filter((r) => riskReasons(r).length > 0);
    if (risky.length > 0) {
      const timeoutMs = input.confirmationTimeoutSeconds * 1000;
      const request: ConfirmationRequest = {
        turn_id: input.turnId,
        operation: {
          steps: risky.map(({ s, index }) => ({
            index,
            module: s.module,
            action: s.action,
            parameters: s.parameters,
            ...(previews.has(index) ? { changes: previews.get(index)!.changes } : {}),
          })),
        },
        impact: {
          estimated_credits: required,
          reasons: [...new Set(risky.flatMap(riskReasons))],
          // Date inside a workflow is workflow time (deterministic on replay).
          expires_at: new Date(new Date().getTime() + timeoutMs).toISOString(),
        },
      };
      state.pending_confirmation = request;
      setStatus('awaiting_confirmation');
      await publish({ type: 'confirmation_required', ...request }, 'confirmation_required');
      const answered = await condition(() => decision !== undefined, timeoutMs);
      state.pending_confirmation = undefined;
      const approved = answered && decision!.approved;
      state.confirmation = { approved, reason: answered ? 'user' : 'timeout' };
      await publish({ type: 'confirmation_resolved', approved, reason: state.confirmation.reason }, 'confirmation_resolved');
      if (!approved) {
        for (const st of state.steps) if (st.status === 'pending') st.status = 'cancelled';
        log.info('turn not confirmed', { turnId: input.turnId, reason: state.confirmation.reason });
        return await finish({ kind: answered ? 'rejected' : 'confirmation_timeout', outcomes: [] }, answered ? 'rejected' : 'confirmation_timeout');
      }
    }

    setStatus('running');
    const entities: ConversationEntity[] = [];
    const produced = new Map<number, ConversationEntity[]>();
    const results = new Map<number, unknown>();
    for (const [index, step] of plan.steps.entries()) {
      const st = state.steps[index]!;
      const tool = `${step.module}.${step.action}`;
      await publish({ type: 'tool_start', tool, step: index }, `tool_start-${index}`);
      if (st.status === 'pending') {
        const blocked = step.depends_on.some((d) => state.steps[d]!.status !== 'succeeded' && state.steps[d]!.status !== 'unavailable');
        if (blocked) st.status = 'skipped';
        else {
          const upstream = step.depends_on.map((d) => ({ result: results.get(d), entities: produced.get(d) }));
          const prepared = { runner: runners[step.action]!, credits: credits[index]!, preview: previews.get(index) };
          await runStep(input, workflowId, step, st, language, upstream, state, prepared, (r, e) => {
            results.set(index, r);
            produced.set(index, e);
            entities.push(...e);
          });
        }
      }
      await publish(
        {
          type: 'tool_complete',
          tool,
          step: index,
          status: st.status === 'succeeded' || st.status === 'failed' || st.status === 'skipped' ? st.status : 'unavailable',
          ...(st.result !== undefined ? { result: st.result } : {}),
          ...(st.error ? { error: st.error } : {}),
        },
        `tool_complete-${index}`,
      );
    }
    const outcomes: StepOutcome[] = state.steps.map((st) => ({
      module: st.module,
      action: st.action,
      status: st.status === 'succeeded' || st.status === 'failed' || st.status === 'skipped' ? st.status : 'unavailable',
      ...(st.result !== undefined ? { result: st.result } : {}),
      ...(st.error ? { error: st.error } : {}),
      credits_charged: st.credits_charged,
      credits_refunded: st.credits_refunded,
    }));
    const anyFailed = state.steps.some((st) => st.status === 'failed');
    const firstError = state.steps.find((st) => st.error)?.error;
    if (anyFailed && firstError) await publish({ type: 'error', error: firstError }, 'error');
    const allFailed = state.steps.every((st) => st.status === 'failed' || st.status === 'skipped' || st.status === 'unavailable') && anyFailed;
    return await finish({ kind: 'results', outcomes }, allFailed ? 'failed' : 'completed', entities);
  } catch (err) {
    // Only unexpected failures reach here (module failures are handled per step).
    const error = errorBodyOf(err, language);
    log.error('chat turn failed', { turnId: input.turnId, code: error.code, message: error.message });
    state.error = error;
    setStatus('failed');
    await CancellationScope.nonCancellable(async () => {
      await publish({ type: 'error', error }, 'error');
      await publish({ type: 'done', status: 'failed' }, 'done');
    });
    throw err;
  }
}

/**
 * Runs one step with its credits: deduct, run, refund the failed part (compensation). Mutates the
 * step's state; never throws for a module failure.
 */
async function runStep(
  input: ChatTurnInput,
  workflowId: string,
  step: PlanStep,
  st: StepState,
  language: Language,
  upstream: Array<{ result?: unknown; entities?: ConversationEntity[] }>,
  state: TurnState,
  prepared: { runner: ModuleRunner; credits: number; preview: ChangePreview | undefined },
  onSuccess: (result: unknown, entities: ConversationEntity[]) => void,
): Promise<void> {
  const operationId = `${workflowId}:step-${st.index}`;
  const operationType = `${step.module}.${step.action}`;
  const { runner, credits, preview } = prepared;
  const fail = (error: ErrorBody) => {
    st.status = 'failed';
    st.error = error;
  };
  st.status = 'running';
  try {
    if (credits > 0) await acts.deductCredits(input.userId, credits, operationType, operationId);
  } catch (err) {
    fail(errorBodyOf(err, language));
    return;
  }
  st.credits_charged = credits;
  state.credits.charged += credits;
  const refund = async (amount: number) => {
    if (amount <= 0) return;
    await CancellationScope.nonCancellable(() => acts.refundCredits(input.userId, amount, operationId));
    st.credits_refunded += amount;
    state.credits.refunded += amount;
  };
  try {
    const run = await runner({ step, userId: input.userId, operationId, language, upstream, credits, ...(preview ? { preview } : {}) });
    if (run.missing) {
      await refund(credits);
      fail(errorBody(run.missing.code, language, run.missing.details));
      return;
    }
    await refund(Math.min(run.refund, credits));
    st.status = 'succeeded';
    st.result = run.result;
    onSuccess(run.result, run.entities);
  } catch (err) {
    fail(errorBodyOf(err, language));
    log.warn('step failed; refunding', { turnId: input.turnId, step: st.index, code: st.error?.code });
    await refund(credits);
  }
}

/** Saves the user's message and the reply; a failure is logged and never fails the turn. */
async function saveConversation(input: ChatTurnInput, reply: string, entities: ConversationEntity[]): Promise<void> {
  const now = new Date().toISOString(); // workflow time
  const messages: ChatMessage[] = [
    { role: 'user', content: input.message, timestamp: now },
    { role: 'assistant', content: reply, timestamp: now, ...(entities.length > 0 ? { entities } : {}) },
  ];
  try {
    await acts.saveConversation(input.userId, input.sessionId, messages);
  } catch (err) {
    log.warn('saving the conversation failed', { turnId: input.turnId, error: err instanceof Error ? err.message : String(err) });
  }
}
