/**
 * A Gemini model writing ad copy with structured output (seed 001 需求 2.4; "降级策略" 1), the way
 * the intent path reads intents: `responseMimeType: application/json`, the JSON Schema of
 * {@link AdCopySchema}, and the reply re-validated with the zod schema. Compose a Pro and a Flash
 * instance with the offline template in FallbackAdCopyModel.
 */
import type { GenerateContentResponse, GoogleGenAI } from '@google/genai';
import type { Language } from '../../../domain/chat/intent.js';
import { AdCopySchema, CALLS_TO_ACTION, COPY_LIMITS, DEFAULT_CALL_TO_ACTION, fitCopy, type AdCopyModel, type AdCopyRequest, type GeneratedAdCopy } from '../copy.js';
import { toAppError, type GeminiCallContext } from './errors.js';
import { parseJsonReply, responseText } from './response.js';
import { toGeminiJsonSchema } from './schema.js';

/** The JSON Schema sent as responseJsonSchema for copy; computed once. */
const COPY_JSON_SCHEMA = toGeminiJsonSchema(AdCopySchema);

const LANGUAGE_NAME: Record<Language, string> = { zh: 'Simplified Chinese (简体中文)', en: 'English' };

const PLATFORM_NAME = { meta: 'Meta (Facebook and Instagram feeds)', tiktok: 'TikTok (in-feed ads; no headline is shown)', google: 'Google Ads (responsive display ads)' } as const;

/** Marks copy requests in the system instruction (tests count copy calls by it). */
export const AD_COPY_INSTRUCTION_MARKER = 'You write advertising copy';

/**
 * The system instruction for copy: the seed's requirements (selling points, a call to action,
 * platform rules, short and strong) plus honesty rules.
 */
export function adCopySystemPrompt(): string {
  return `${AD_COPY_INSTRUCTION_MARKER} for paid social and display ads.
Answer only with JSON matching the response schema: {"headline", "primary_text", "call_to_action"}.
Rules:
1. Lead with the product's main benefit; be concrete and vivid, short and strong.
2. End the primary text with a clear call to action that matches call_to_action.
3. Follow the platform's advertising policies: no unverifiable claims ("best", "#1", "guaranteed"), no invented prices, discounts, numbers or reviews, no personal attributes ("are you overweight?"), no all-caps shouting, at most one emoji.
4. Stay within the character limits given; write in the language asked for.
5. call_to_action is one of ${CALLS_TO_ACTION.join(', ')}.`;
}

/** The request text of one piece of copy. */
export function adCopyUserPrompt(req: AdCopyRequest): string {
  const limits = COPY_LIMITS[req.platform];
  return [
    `Product: ${req.product}`,
    ...(req.creative_name ? [`Creative: ${req.creative_name} (id ${req.creative_id})`] : [`Creative id: ${req.creative_id}`]),
    `Landing page: ${req.landing_url}`,
    `Platform: ${PLATFORM_NAME[req.platform]}`,
    `Campaign objective: ${req.objective} (suggested call_to_action ${DEFAULT_CALL_TO_ACTION[req.objective]})`,
    `Language: ${LANGUAGE_NAME[req.language]}`,
    `Limits: headline at most ${limits.headline} characters, primary_text at most ${limits.primary_text} characters.`,
  ].join('\n');
}

/** One Gemini model (GEMINI_PRO_MODEL or GEMINI_FLASH_MODEL) writing ad copy. */
export class GeminiAdCopyModel implements AdCopyModel {
  /**
   * @param ai the shared SDK client (createGeminiClient)
   * @param name the Gemini model name from configuration
   */
  constructor(
    private readonly ai: GoogleGenAI,
    readonly name: string,
  ) {}

  /**
   * Writes one piece of copy with structured output, trimmed to the platform's limits.
   * @throws AppError 4003 when the reply is blocked, empty, not JSON or fails the schema;
   *   1003/1005/4001/4002/1002 as mapped by toAppError
   */
  async writeAdCopy(req: AdCopyRequest): Promise<GeneratedAdCopy> {
    const ctx: GeminiCallContext = { model: this.name, operation: 'writeAdCopy' };
    let response: GenerateContentResponse;
    try {
      response = await this.ai.models.generateContent({
        model: this.name,
        contents: [{ role: 'user', parts: [{ text: adCopyUserPrompt(req) }] }],
        config: {
          systemInstruction: adCopySystemPrompt(),
          responseMimeType: 'application/json',
          responseJsonSchema: COPY_JSON_SCHEMA,
          temperature: 0.7,
        },
      });
    } catch (err) {
      throw toAppError(err, ctx);
    }
    const copy = parseJsonReply(responseText(response, ctx), AdCopySchema, ctx);
    return fitCopy({ ...copy, model: this.name }, req.platform);
  }
}
