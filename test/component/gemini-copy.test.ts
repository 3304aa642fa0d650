/**
 * The Gemini ad copy model through the REAL @google/genai SDK against the local Gemini sandbox
 * (seed 001 需求 2.4, 降级策略 1): structured output with the copy schema, re-validation, trimming,
 * and the fallback Pro → Flash → template.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GoogleGenAI } from '@google/genai';
import { AppError } from '../../src/domain/errors.js';
import { COPY_LIMITS, FallbackAdCopyModel, type AdCopyRequest } from '../../src/integrations/model/copy.js';
import { createGeminiClient } from '../../src/integrations/model/gemini/client.js';
import { AD_COPY_INSTRUCTION_MARKER, GeminiAdCopyModel } from '../../src/integrations/model/gemini/copy-model.js';
import { OfflineAdCopyModel } from '../../src/integrations/model/offline/copy.js';
import { startGeminiSandbox, type GeminiSandboxRecordedRequest, type GeminiSandboxReply, type RunningGeminiSandbox } from '../../src/sandboxes/gemini/server.js';

const API_KEY = 'sandbox-test-key-0123456789';
const PRO = 'acme-gemini-9-pro-exp';
const FLASH = 'acme-gemini-9-flash';

let sandbox: RunningGeminiSandbox;
let ai: GoogleGenAI;

const REQUEST: AdCopyRequest = {
  creative_id: 'cr_1',
  platform: 'google',
  product: 'Noise-cancelling headphones',
  creative_name: 'headphones-1',
  landing_url: 'https://shop.example.com/headphones',
  objective: 'sales',
  language: 'en',
};

async function control(method: 'POST' | 'DELETE' | 'GET', path: string, body?: unknown): Promise<Response> {
  return fetch(`${sandbox.url}/_control/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function script(model: string, replies: GeminiSandboxReply[]): Promise<void> {
  expect((await control('POST', 'script', { model, replies })).status).toBe(200);
}

async function requests(): Promise<GeminiSandboxRecordedRequest[]> {
  return ((await (await control('GET', 'requests')).json()) as { requests: GeminiSandboxRecordedRequest[] }).requests;
}

beforeAll(async () => {
  sandbox = await startGeminiSandbox({ port: 0, apiKey: API_KEY });
  ai = createGeminiClient({ GEMINI_API_KEY: API_KEY, GEMINI_BASE_URL: sandbox.url, GEMINI_TIMEOUT_MS: 10_000 });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  await control('DELETE', 'script');
  await control('DELETE', 'requests');
});

describe('GeminiAdCopyModel', () => {
  it('asks for structured copy (JSON schema, copy instruction, product, platform limits) and trims it to the platform', async () => {
    await script(PRO, [{ json: { headline: 'Silence the noise, hear every detail', primary_text: 'Hybrid noise cancelling for flights and focus. Order yours today.', call_to_action: 'SHOP_NOW' } }]);
    const copy = await new GeminiAdCopyModel(ai, PRO).writeAdCopy(REQUEST);
    expect(copy.model).toBe(PRO);
    expect(copy.call_to_action).toBe('SHOP_NOW');
    expect(Array.from(copy.headline).length).toBeLessThanOrEqual(COPY_LIMITS.google.headline);
    expect(copy.primary_text).toBe('Hybrid noise cancelling for flights and focus. Order yours today.');
    const [call] = await requests();
    const body = call!.body as { generationConfig: { responseMimeType: string; responseJsonSchema: { properties: Record<string, unknown> } }; systemInstruction: { parts: Array<{ text: string }> }; contents: Array<{ parts: Array<{ text: string }> }> };
    expect(body.generationConfig.responseMimeType).toBe('application/json');
    expect(Object.keys(body.generationConfig.responseJsonSchema.properties)).toEqual(['headline', 'primary_text', 'call_to_action']);
    expect(body.systemInstruction.parts[0]!.text.startsWith(AD_COPY_INSTRUCTION_MARKER)).toBe(true);
    const prompt = body.contents[0]!.parts[0]!.text;
    expect(prompt).toContain('Noise-cancelling headphones');
    expect(prompt).toContain('headline at most 30 characters, primary_text at most 90 characters');
  });

  it('rejects a reply that is not copy with 4003', async () => {
    await script(PRO, [{ json: {} }]);
    const err = await new GeminiAdCopyModel(ai, PRO).writeAdCopy(REQUEST).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('4003');
  });

  it('falls back Pro (503) → Flash (invalid) → template', async () => {
    await script(PRO, [{ error: 503 }]);
    await script(FLASH, [{ text: 'not json' }]);
    const chain = new FallbackAdCopyModel([new GeminiAdCopyModel(ai, PRO), new GeminiAdCopyModel(ai, FLASH), new OfflineAdCopyModel()], { warn: () => undefined });
    const copy = await chain.writeAdCopy(REQUEST);
    expect(copy.model).toBe('offline-template');
    expect((await requests()).map((r) => r.model)).toEqual([PRO, FLASH]);
  });
});
