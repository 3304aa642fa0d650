/**
 * The one interface of a chat module (seed 000 phase 2: the functional modules a turn's steps run
 * in): an optional preview of what the step would change (campaign commands), its price, and the
 * run. Modules are registered by action in src/workflows/chat/modules.ts.
 */
import type { ChangePreview } from '../../activities/campaign-ops/ads-types.js';
import type { ConversationEntity } from '../../domain/chat/conversation.js';
import type { ErrorCode } from '../../domain/errors.js';
import type { Language, PlanStep } from '../../domain/chat/intent.js';

/** What a module's preview and price see. */
export interface PreviewContext {
  step: PlanStep;
  userId: string;
  language: Language;
}

/** What a module's run sees. */
export interface ModuleContext extends PreviewContext {
  /** the step's credit operation id; also the idempotency key prefix of its side effects. */
  operationId: string;
  /** outcomes of the steps this one depends on. */
  upstream: Array<{ result?: unknown; entities?: ConversationEntity[] }>;
  /** the credits deducted for the step (whole credits). */
  credits: number;
  /** the changes previewed (and, when risky, confirmed) before the step ran: modules with a preview only. */
  preview?: ChangePreview;
}

/**
 * What a run returns: a result, the credits to refund for the part that failed (whole credits),
 * and the entities the step produced; or `missing` when a precondition fails before any work (the
 * step is then failed and refunded in full).
 */
export type ModuleRun =
  | { result: unknown; refund: number; entities: ConversationEntity[]; missing?: undefined }
  | { missing: { code: ErrorCode; details: Record<string, unknown> } };

/** Runs one step (workflow code: activities and child workflows only). */
export type ModuleRunner = (ctx: ModuleContext) => Promise<ModuleRun>;

/** A chat module's action. */
export interface ChatModule {
  /**
   * Resolves what the step would change before anything is charged or confirmed; its
   * `risk_reasons` decide the confirmation. A failed preview fails the step, uncharged.
   */
  preview?(ctx: PreviewContext): Promise<ChangePreview>;
  /** The step's price in whole credits (default: the plan's estimate). */
  price?(step: PlanStep, preview: ChangePreview | undefined): number;
  run: ModuleRunner;
}

/** A feature's modules by action: each feature folder exports one, and the registry lists it once. */
export type ChatModules = Partial<Record<PlanStep['action'], ChatModule>>;
