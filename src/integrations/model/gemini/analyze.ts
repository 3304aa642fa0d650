/**
 * Creative scoring with a Gemini vision model (seed 000 需求 6.2, 6.3; task 2.5): the image goes
 * inline with a structured-output request for {score, reasons}.
 */
import type { GenerateContentResponse, GoogleGenAI } from '@google/genai';
import { z } from 'zod';
import type { Language } from '../../../domain/chat/intent.js';
import type { CreativeAnalysis } from '../types.js';
import { toAppError, type GeminiCallContext } from './errors.js';
import { readImageInfo } from './image-model.js';
import { analysisPrompt } from './prompts.js';
import { parseJsonReply, responseText } from './response.js';
import { toGeminiJsonSchema } from './schema.js';

/** What the model must answer: a 0..100 score and the reasons for it. */
const CreativeScoreSchema = z.object({
  score: z.number().min(0).max(100),
  reasons: z.array(z.string().min(1)).min(1).max(8),
});

const SCORE_JSON_SCHEMA = toGeminiJsonSchema(CreativeScoreSchema);

/**
 * Scores an ad image (seed 000 需求 6.2, 6.3; task 2.5).
 * @param ai the shared SDK client (createGeminiClient)
 * @param model the Gemini model name to use (from configuration, e.g. GEMINI_FLASH_MODEL)
 * @param image the encoded image bytes, sent inline (base64)
 * @param mimeType the image's MIME type, e.g. image/png
 * @param language the language of the reasons
 * @returns score (integer 0..100), reasons, properties (width and height in pixels when the header
 *   is readable, bytes, mime_type) and the model name
 * @throws AppError 4003 when the reply is blocked, empty, not JSON or fails the schema;
 *   1003/1005/4001/4002/1002 as mapped by toAppError
 */
export async function analyzeCreativeWithGemini(
  ai: GoogleGenAI,
  model: string,
  image: Buffer,
  mimeType: string,
  language: Language,
): Promise<CreativeAnalysis> {
  const ctx: GeminiCallContext = { model, operation: 'analyzeCreative' };
  let response: GenerateContentResponse;
  try {
    response = await ai.models.generateContent({
      model,
      contents: [{ role: 'user', parts: [{ inlineData: { mimeType, data: image.toString('base64') } }, { text: analysisPrompt(language) }] }],
      config: { responseMimeType: 'application/json', responseJsonSchema: SCORE_JSON_SCHEMA, temperature: 0 },
    });
  } catch (err) {
    throw toAppError(err, ctx);
  }
  const reply = parseJsonReply(responseText(response, ctx), CreativeScoreSchema, ctx);
  const info = readImageInfo(image);
  return {
    score: Math.round(reply.score),
    reasons: reply.reasons,
    properties: { ...(info ? { width: info.width, height: info.height } : {}), bytes: image.length, mime_type: mimeType },
    model,
  };
}
