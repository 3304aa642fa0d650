/**
 * The activity contract of the chat turn workflow: inputs and outputs of every activity. The
 * workflow imports these types only (never activity code); src/activities/chat-activities.ts
 * implements them. Credits are whole credits; durations in ms.
 */
import type { ChatMessage, ConversationEntity } from '../../domain/chat/conversation.js';
import type { IntentPlan, Language } from '../../domain/chat/intent.js';
import type { ResolvedReference } from '../../domain/chat/references.js';
import type { TurnEvent } from '../../domain/chat/events.js';
import type { CreativeAnalysis, ReplyContext } from '../../integrations/model/types.js';

export interface PlanTurnInput {
  message: string;
  history: ChatMessage[];
  /** credits above which a step needs confirmation. */
  creditThreshold: number;
}

export interface PlanTurnOutput {
  plan: IntentPlan;
  resolved: ResolvedReference[];
  /** which model produced the plan ("offline", a Gemini model name). */
  model: string;
}

export interface CreditCheck {
  sufficient: boolean;
  balance: number;
  required: number;
}

export interface GenerateImageInput {
  userId: string;
  /** the deduction's operation id; with `index` it keys the creative so a retry creates nothing twice. */
  operationId: string;
  index: number;
  /** the product to show; default the language's "新品" / "New product" (replies' DEFAULT_PRODUCT). */
  product?: string;
  style?: string;
  language: Language;
}

/** A creative stored in the Web Platform. */
export interface CreativeRecord {
  creative_id: string;
  url: string;
  width: number;
  height: number;
  model: string;
}

export interface AnalyzeCreativeInput {
  userId: string;
  creativeId: string;
  language: Language;
}

export interface ChatActivities {
  /** Appends an event to the turn's stream (idempotent per key). */
  publishEvent(turnId: string, event: TurnEvent, key: string): Promise<void>;
  /** Loads and compresses the session's history; [] when the Web Platform cannot answer. */
  loadHistory(userId: string, sessionId: string): Promise<ChatMessage[]>;
  /** Recognises the intent (model fallback chain), resolves references and builds the plan. */
  planTurn(input: PlanTurnInput): Promise<PlanTurnOutput>;
  /** @throws AppError 3000/3004 (retryable) */
  checkCredits(userId: string, credits: number, operationType: string): Promise<CreditCheck>;
  /** Idempotent per operationId. @throws AppError 6011 insufficient credits */
  deductCredits(userId: string, credits: number, operationType: string, operationId: string): Promise<void>;
  /** Idempotent per operationId; never more than was deducted. */
  refundCredits(userId: string, credits: number, operationId: string): Promise<void>;
  /** Generates one ad image, uploads it and records the creative (idempotent per operationId+index). */
  generateCreativeImage(input: GenerateImageInput): Promise<CreativeRecord>;
  /** Scores a stored creative. @throws AppError 5000 when it does not exist */
  analyzeCreative(input: AnalyzeCreativeInput): Promise<CreativeAnalysis & { creative_id: string }>;
  /** Writes the reply, streaming token events; returns the whole text. */
  writeReply(turnId: string, context: ReplyContext): Promise<string>;
  /** Appends the turn's messages to the conversation. */
  saveConversation(userId: string, sessionId: string, messages: ChatMessage[]): Promise<void>;
}

export type { ConversationEntity };
