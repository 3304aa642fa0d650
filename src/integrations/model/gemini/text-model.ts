/**
 * A Gemini text model: intent recognition with structured output and streamed replies
 * (seed 000 需求 2 and 4; tasks 2.5, 3.3, 3.5).
 */
import type { Content, GenerateContentResponse, GoogleGenAI } from '@google/genai';
import type { ChatMessage } from '../../../domain/chat/conversation.js';
import { IntentDraftSchema, type IntentDraft } from '../../../domain/chat/intent.js';
import type { IntentRequest, ReplyContext, TextModel } from '../types.js';
import { generationFailed, toAppError, type GeminiCallContext } from './errors.js';
import { intentSystemPrompt, intentUserPrompt, replySystemPrompt, replyUserPrompt } from './prompts.js';
import { assertNotBlocked, chunkText, parseJsonReply, responseText } from './response.js';
import { toGeminiJsonSchema } from './schema.js';

/** How many recent history messages go into the intent prompt (the whole history's entities always do). */
const INTENT_HISTORY_MESSAGES = 30;

/** The JSON Schema sent as responseJsonSchema for intents; computed once. */
const INTENT_JSON_SCHEMA = toGeminiJsonSchema(IntentDraftSchema);

/** Maps stored messages to Gemini turns: assistant → model, system notes → user turns marked as such. */
function historyContents(history: readonly ChatMessage[]): Content[] {
  return history.slice(-INTENT_HISTORY_MESSAGES).map((m) => ({
    role: m.role === 'assistant' ? 'model' : 'user',
    parts: [{ text: m.role === 'system' ? `[conversation note] ${m.content}` : m.content }],
  }));
}

/**
 * One Gemini model (e.g. GEMINI_PRO_MODEL or GEMINI_FLASH_MODEL) behind the TextModel interface
 * (seed 000 tasks 2.5, 3.3, 3.5). Compose several with FallbackTextModel for seed 001 降级策略.
 */
export class GeminiTextModel implements TextModel {
  /**
   * @param ai the shared SDK client (createGeminiClient)
   * @param name the Gemini model name from configuration, e.g. "gemini-3.1-pro-preview"
   */
  constructor(
    private readonly ai: GoogleGenAI,
    readonly name: string,
  ) {}

  /**
   * Reads the message into an intent draft with structured output (`responseMimeType:
   * application/json` plus the intent JSON Schema), the intent system instruction and the last
   * 30 history messages. The reply is re-validated with
   * IntentDraftSchema.
   * @throws AppError 4003 when the reply is blocked, empty, not JSON or fails the schema (details
   *   carry the zod issues); 1003/1005/4001/4002/1002 as mapped by toAppError
   */
  async recognizeIntent(req: IntentRequest): Promise<IntentDraft> {
    const ctx: GeminiCallContext = { model: this.name, operation: 'recognizeIntent' };
    let response: GenerateContentResponse;
    try {
      response = await this.ai.models.generateContent({
        model: this.name,
        contents: [...historyContents(req.history), { role: 'user', parts: [{ text: intentUserPrompt(req.message, req.history) }] }],
        config: {
          systemInstruction: intentSystemPrompt(),
          responseMimeType: 'application/json',
          responseJsonSchema: INTENT_JSON_SCHEMA,
          temperature: 0,
        },
      });
    } catch (err) {
      throw toAppError(err, ctx);
    }
    return parseJsonReply(responseText(response, ctx), IntentDraftSchema, ctx);
  }

  /**
   * Writes the reply for a finished (or failed) turn in ctx.language, streaming it with
   * generateContentStream and calling onToken with each chunk's text, in order.
   * Errors thrown by onToken propagate unchanged (they are not model failures).
   * @returns the whole reply text (the concatenation of every token)
   * @throws AppError 4003 when the stream is blocked or yields no text; 1003/1005/4001/4002/1002
   *   as mapped by toAppError (possibly after some tokens were delivered)
   */
  async streamReply(ctx: ReplyContext, onToken: (token: string) => Promise<void>): Promise<string> {
    const call: GeminiCallContext = { model: this.name, operation: 'streamReply' };
    let stream: AsyncGenerator<GenerateContentResponse>;
    try {
      stream = await this.ai.models.generateContentStream({
        model: this.name,
        contents: [{ role: 'user', parts: [{ text: replyUserPrompt(ctx) }] }],
        config: { systemInstruction: replySystemPrompt(ctx.language), temperature: 0.4 },
      });
    } catch (err) {
      throw toAppError(err, call);
    }
    let whole = '';
    let finished = false;
    try {
      for (;;) {
        let next: IteratorResult<GenerateContentResponse>;
        try {
          next = await stream.next();
        } catch (err) {
          throw toAppError(err, call);
        }
        if (next.done) break;
        assertNotBlocked(next.value, call);
        const token = chunkText(next.value);
        if (token === '') continue;
        whole += token;
        await onToken(token);
      }
      finished = true;
    } finally {
      // stop reading the HTTP stream when a block or a failing onToken ends the loop early
      if (!finished) await stream.return(undefined).catch(() => undefined);
    }
    if (whole.trim() === '') throw generationFailed(call, 'empty');
    return whole;
  }
}
