/**
 * What the orchestrator asks of a language or image model. Implemented by the Gemini client
 * (src/integrations/model/gemini) and by the offline model (src/integrations/model/offline); the fallback chain
 * (seed 001 "降级策略": pro, then flash, then offline/template) composes them.
 */
import type { IntentDraft, Language } from '../../domain/chat/intent.js';

export type { ChatMessage, ConversationEntity } from '../../domain/chat/conversation.js';
import type { ChatMessage } from '../../domain/chat/conversation.js';

export interface IntentRequest {
  message: string;
  /** recent history, oldest first (already compressed beyond 100 rounds). */
  history: ChatMessage[];
}

/** What a reply writer is given (the turn's outcome); defined by the replies module. */
export type { ReplyContext, StepOutcome } from '../../domain/replies/turn.js';
import type { ReplyContext } from '../../domain/replies/turn.js';

/** A text model: reads intents and writes replies. */
export interface TextModel {
  /** e.g. "gemini-3.1-pro-preview" or "offline". */
  readonly name: string;
  /**
   * Reads the message into an intent draft.
   * @throws AppError 4001 timeout, 4002 unavailable, 1003 rate limited, 4003 invalid output
   */
  recognizeIntent(req: IntentRequest): Promise<IntentDraft>;
  /**
   * Writes the reply, calling onToken for each streamed piece; resolves to the whole text.
   * @throws AppError as recognizeIntent
   */
  streamReply(ctx: ReplyContext, onToken: (token: string) => Promise<void>): Promise<string>;
}

/** An ad image request. Sizes in pixels. */
export interface ImageRequest {
  product: string;
  style?: string;
  tagline?: string;
  language: Language;
  /** 0-based index of the image in its batch, so a batch varies its designs. */
  variant: number;
  aspectRatio: '1:1' | '4:5' | '9:16' | '16:9';
}

/** A generated image. */
export interface GeneratedImage {
  data: Buffer;
  mimeType: 'image/png' | 'image/jpeg' | 'image/webp';
  width: number;
  height: number;
  /** which model made it ("offline-template" offline). */
  model: string;
}

export interface ImageModel {
  readonly name: string;
  /** the MIME type every image of this model has, when it is fixed (the offline PNG renderer); lets the upload slot be asked for while the image is made. */
  readonly mimeType?: GeneratedImage['mimeType'];
  /** @throws AppError 4003 generation failed (non-retryable), 4001/4002/1003 (retryable) */
  generateImage(req: ImageRequest): Promise<GeneratedImage>;
}

/** A creative's quality score, 0..100, with reasons (seed 000 需求 6.2, 6.3). */
export interface CreativeAnalysis {
  score: number;
  reasons: string[];
  /** measured properties (width, height, contrast, brightness, colourfulness, ...). */
  properties: Record<string, number | string>;
  model: string;
}
