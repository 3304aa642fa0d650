/** The shape of a module's step runner inside the chat turn workflow. */
import type { ChangePreview } from '../../activities/campaign-ops/ads-types.js';
import type { ConversationEntity } from '../../domain/chat/conversation.js';
import type { ErrorCode } from '../../domain/errors.js';
import type { Language, PlanStep } from '../../domain/chat/intent.js';

export interface ModuleContext {
  step: PlanStep;
  userId: string;
  /** the step's credit operation id; also the idempotency key prefix of its side effects. */
  operationId: string;
  language: Language;
  /** outcomes of the steps this one depends on. */
  upstream: Array<{ result?: unknown; entities?: ConversationEntity[] }>;
  /** the credits deducted for the step (whole credits). */
  credits: number;
  /** the changes previewed (and, when risky, confirmed) before the step ran: campaign steps only. */
  preview?: ChangePreview;
}

/**
 * What a runner returns: a result, the credits to refund for the part that failed (whole credits),
 * and the entities the step produced; or `missing` when a precondition fails before any work (the
 * step is then failed and refunded in full).
 */
export type ModuleRun =
  | { result: unknown; refund: number; entities: ConversationEntity[]; missing?: undefined }
  | { missing: { code: ErrorCode; details: Record<string, unknown> } };

export type ModuleRunner = (ctx: ModuleContext) => Promise<ModuleRun>;
