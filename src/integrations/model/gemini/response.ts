/**
 * Reads Gemini responses: the text of the first candidate, or why there is none
 * (seed 000 task 2.5; seed 001 "错误处理" code 4003).
 */
import type { GenerateContentResponse } from '@google/genai';
import type { z } from 'zod';
import { generationFailed, type GeminiCallContext } from './errors.js';

/** Finish reasons that mean the candidate was cut for policy reasons rather than completed. */
const BLOCKING_FINISH = new Set(['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY', 'IMAGE_PROHIBITED_CONTENT']);

/**
 * The visible text of the first candidate of one response or stream chunk (thought parts skipped).
 * @returns the concatenated text parts, '' when the chunk has none
 */
export function chunkText(response: GenerateContentResponse): string {
  const parts = response.candidates?.[0]?.content?.parts ?? [];
  return parts
    .filter((p) => typeof p.text === 'string' && p.thought !== true)
    .map((p) => p.text)
    .join('');
}

/**
 * Throws when a response was blocked: a prompt block reason, or a candidate finished for a safety
 * or policy reason.
 * @throws AppError 4003 (reason "blocked") with block_reason / finish_reason in details
 */
export function assertNotBlocked(response: GenerateContentResponse, ctx: GeminiCallContext): void {
  const blockReason = response.promptFeedback?.blockReason;
  if (blockReason) throw generationFailed(ctx, 'blocked', { block_reason: blockReason });
  const finish = response.candidates?.[0]?.finishReason;
  if (finish && BLOCKING_FINISH.has(finish)) throw generationFailed(ctx, 'blocked', { finish_reason: finish });
}

/**
 * The text of a unary response.
 * @throws AppError 4003 when the response was blocked ("blocked") or carries no text ("empty")
 */
export function responseText(response: GenerateContentResponse, ctx: GeminiCallContext): string {
  assertNotBlocked(response, ctx);
  const text = chunkText(response);
  if (text.trim() === '') {
    throw generationFailed(ctx, 'empty', { finish_reason: response.candidates?.[0]?.finishReason ?? null, candidates: response.candidates?.length ?? 0 });
  }
  return text;
}

/**
 * Parses a structured-output reply and re-validates it with its zod schema (the JSON Schema sent to
 * Gemini only guides decoding).
 * @param text the reply text
 * @param schema the zod schema the reply must satisfy
 * @returns the parsed, validated value (zod defaults applied)
 * @throws AppError 4003 (reason "invalid_output") when the text is not JSON (details carry an
 *   excerpt) or fails the schema (details carry up to 10 zod issues)
 */
export function parseJsonReply<T extends z.ZodType>(text: string, schema: T, ctx: GeminiCallContext): z.output<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw generationFailed(ctx, 'invalid_output', { problem: 'reply is not JSON', excerpt: text.slice(0, 200) });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw generationFailed(ctx, 'invalid_output', {
      problem: 'reply does not match the schema',
      issues: parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return parsed.data;
}
