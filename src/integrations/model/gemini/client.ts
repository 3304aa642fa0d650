/**
 * Builds the @google/genai client from configuration (seed 000 task 2.5: the Gemini client).
 *
 * One client serves every model (pro, flash, image); model names stay in configuration
 * (GEMINI_PRO_MODEL, GEMINI_FLASH_MODEL, GEMINI_IMAGE_MODEL) because Google renames and retires
 * models often. SDK retries are deliberately never enabled (`httpOptions.retryOptions` unset):
 * the Temporal activity retry policy is the only retry loop, so attempts are neither multiplied
 * nor hidden from the workflow history.
 */
import { GoogleGenAI } from '@google/genai';
import { ConfigError, type Config } from '../../../config/env.js';

/** The settings the client reads (seed 000 task 2.5). */
export type GeminiClientConfig = Pick<Config, 'GEMINI_API_KEY' | 'GEMINI_BASE_URL' | 'GEMINI_TIMEOUT_MS'>;

/**
 * Creates the Gemini Developer API client.
 * @param config GEMINI_API_KEY (required here), GEMINI_BASE_URL (optional override of
 *   https://generativelanguage.googleapis.com, e.g. the local Gemini sandbox) and
 *   GEMINI_TIMEOUT_MS (per-request client timeout in milliseconds; a timeout surfaces as AppError 4001)
 * @returns the SDK client; the key travels in the `x-goog-api-key` header and is never logged
 * @throws ConfigError when GEMINI_API_KEY is unset (callers use the offline model instead)
 */
export function createGeminiClient(config: GeminiClientConfig): GoogleGenAI {
  if (!config.GEMINI_API_KEY) throw new ConfigError('Invalid configuration:\n  GEMINI_API_KEY: required for the Gemini client');
  return new GoogleGenAI({
    apiKey: config.GEMINI_API_KEY,
    // explicit: GOOGLE_GENAI_USE_VERTEXAI in the environment must not switch the backend
    vertexai: false,
    httpOptions: {
      ...(config.GEMINI_BASE_URL ? { baseUrl: config.GEMINI_BASE_URL.replace(/\/+$/, '') } : {}),
      timeout: config.GEMINI_TIMEOUT_MS,
    },
  });
}
