/**
 * The Gemini client through the REAL @google/genai SDK against the local Gemini sandbox
 * (seed 000 tasks 2.5, 3.3, 3.5, 9.1, 9.2; seed 001 降级策略).
 */
import { loadImage } from '@napi-rs/canvas';
import type { GoogleGenAI } from '@google/genai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import type { IntentDraft } from '../../src/domain/chat/intent.js';
import { analyzeCreativeWithGemini } from '../../src/integrations/model/gemini/analyze.js';
import { createGeminiClient } from '../../src/integrations/model/gemini/client.js';
import { FallbackTextModel } from '../../src/integrations/model/gemini/fallback.js';
import { GeminiImageModel } from '../../src/integrations/model/gemini/image-model.js';
import { GeminiTextModel } from '../../src/integrations/model/gemini/text-model.js';
import type { IntentRequest, ReplyContext, TextModel } from '../../src/integrations/model/types.js';
import { startGeminiSandbox, type GeminiSandboxRecordedRequest, type GeminiSandboxReply, type RunningGeminiSandbox } from '../../src/sandboxes/gemini/server.js';

const API_KEY = 'sandbox-test-key-0123456789';
// deliberately not the configuration defaults: the requests must carry the constructor's names
const PRO = 'acme-gemini-9-pro-exp';
const FLASH = 'acme-gemini-9-flash';
const IMAGE = 'acme-gemini-9-image';

let sandbox: RunningGeminiSandbox;
let ai: GoogleGenAI;

async function control(method: 'POST' | 'DELETE' | 'GET', path: string, body?: unknown): Promise<Response> {
  return fetch(`${sandbox.url}/_control/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function script(model: string | undefined, replies: GeminiSandboxReply[]): Promise<void> {
  const res = await control('POST', 'script', { ...(model ? { model } : {}), replies });
  expect(res.status).toBe(200);
}

async function requests(): Promise<GeminiSandboxRecordedRequest[]> {
  const res = await control('GET', 'requests');
  return ((await res.json()) as { requests: GeminiSandboxRecordedRequest[] }).requests;
}

/** Runs the call and returns the AppError it rejected with. */
async function failure(call: () => Promise<unknown>): Promise<AppError> {
  try {
    await call();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected the call to fail');
}

function client(timeoutMs = 10_000, key = API_KEY): GoogleGenAI {
  return createGeminiClient({ GEMINI_API_KEY: key, GEMINI_BASE_URL: sandbox.url, GEMINI_TIMEOUT_MS: timeoutMs });
}

const DRAFT: IntentDraft = {
  steps: [
    { module: 'creative', action: 'generate_creative', parameters: { count: 3, product: '无线降噪耳机', style: '科技感' } },
    { module: 'campaign', action: 'create_campaign', parameters: { platforms: ['meta'], budget: { amount: 80, currency: 'USD' }, references: ['creative'] } },
  ],
  confidence: 0.92,
  language: 'zh',
};

const INTENT_REQ: IntentRequest = {
  message: '帮我生成3张无线降噪耳机的科技感广告图，然后用这些图在 Meta 上建一个日预算 80 美元的广告系列',
  history: [
    { role: 'user', content: '你好' },
    { role: 'assistant', content: '你好！我能帮你做什么？', entities: [{ kind: 'creative', id: 'cr_42', name: 'summer banner' }] },
  ],
};

const REPLY_CTX: ReplyContext = {
  language: 'zh',
  message: '帮我生成3张广告图',
  kind: 'results',
  outcomes: [{ module: 'creative', action: 'generate_creative', status: 'succeeded', result: { creative_ids: ['cr_1', 'cr_2', 'cr_3'] }, credits_charged: 30, credits_refunded: 0 }],
};

beforeAll(async () => {
  sandbox = await startGeminiSandbox({ apiKey: API_KEY, port: 0 });
  ai = client();
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(async () => {
  await control('DELETE', 'script');
  await control('DELETE', 'requests');
});

describe('sandbox wire format', () => {
  it('binds a real port and rejects a missing key with Google 403 PERMISSION_DENIED', async () => {
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.url.endsWith(':0')).toBe(false);
    const res = await fetch(`${sandbox.url}/v1beta/models/${FLASH}:generateContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(((await res.json()) as { error: { status: string; code: number } }).error).toMatchObject({ code: 403, status: 'PERMISSION_DENIED' });
  });

  it('streams SSE frames and rejects an invalid script', async () => {
    const res = await fetch(`${sandbox.url}/v1beta/models/${FLASH}:streamGenerateContent?alt=sse`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': API_KEY },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hello sandbox' }] }] }),
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const frames = (await res.text()).split('\r\n\r\n').filter((f) => f !== '');
    expect(frames.length).toBeGreaterThan(1);
    for (const f of frames) expect(f.startsWith('data: ')).toBe(true);
    const bad = await control('POST', 'script', { replies: [{ error: 418 }] });
    expect(bad.status).toBe(400);
  });

  it('asks the respond hook when nothing is scripted', async () => {
    const seen: string[] = [];
    const own = await startGeminiSandbox({
      apiKey: API_KEY,
      port: 0,
      respond: (req) => {
        seen.push(`${req.model}:${String(req.generationConfig.responseMimeType)}:${req.lastUserText.includes('Meta')}`);
        return req.generationConfig.responseMimeType === 'application/json' ? { json: DRAFT } : undefined;
      },
    });
    try {
      const ownAi = createGeminiClient({ GEMINI_API_KEY: API_KEY, GEMINI_BASE_URL: own.url, GEMINI_TIMEOUT_MS: 10_000 });
      expect(await new GeminiTextModel(ownAi, FLASH).recognizeIntent(INTENT_REQ)).toEqual(DRAFT);
      expect(seen).toEqual([`${FLASH}:application/json:true`]);
    } finally {
      await own.close();
    }
  });
});

describe('GeminiTextModel.recognizeIntent', () => {
  it('round-trips a scripted JSON intent through structured output', async () => {
    await script(PRO, [{ json: DRAFT }]);
    const draft = await new GeminiTextModel(ai, PRO).recognizeIntent(INTENT_REQ);
    expect(draft).toEqual(DRAFT);

    const [req] = await requests();
    expect(req).toMatchObject({ model: PRO, method: 'generateContent', api_key: 'valid' });
    const body = req!.body as {
      contents: { role: string; parts: { text: string }[] }[];
      systemInstruction: { parts: { text: string }[] };
      generationConfig: { responseMimeType: string; responseJsonSchema: { type: string; properties: Record<string, unknown>; $schema?: string } };
    };
    expect(body.generationConfig.responseMimeType).toBe('application/json');
    expect(body.generationConfig.responseJsonSchema.type).toBe('object');
    expect(Object.keys(body.generationConfig.responseJsonSchema.properties)).toEqual(expect.arrayContaining(['steps', 'confidence', 'language']));
    expect(body.generationConfig.responseJsonSchema.$schema).toBeUndefined();
    const system = body.systemInstruction.parts.map((p) => p.text).join('');
    expect(system).toContain('generate_creative');
    expect(system).toContain('below 0.6');
    expect(system).toContain('Creative before campaign');
    // history first (assistant → model), then the message with the known entities
    expect(body.contents.map((c) => c.role)).toEqual(['user', 'model', 'user']);
    expect(body.contents[2]!.parts[0]!.text).toContain('cr_42');
    expect(body.contents[2]!.parts[0]!.text).toContain(INTENT_REQ.message);
  });

  it('rejects a reply that is not JSON, or fails the schema, with 4003', async () => {
    await script(PRO, [{ text: 'Sure! Here is the plan: generate images' }, { json: { steps: [{ module: 'creative', action: 'fly' }], confidence: 2, language: 'fr' } }]);
    const model = new GeminiTextModel(ai, PRO);
    const notJson = await failure(() => model.recognizeIntent(INTENT_REQ));
    expect(notJson.code).toBe('4003');
    expect(notJson.retryable).toBe(false);
    expect(notJson.details).toMatchObject({ reason: 'invalid_output', model: PRO });
    const invalid = await failure(() => model.recognizeIntent(INTENT_REQ));
    expect(invalid.code).toBe('4003');
    expect((invalid.details.issues as unknown[]).length).toBeGreaterThan(0);
  });

  it('treats a safety block as 4003', async () => {
    await script(PRO, [{ blocked: 'SAFETY' }]);
    const err = await failure(() => new GeminiTextModel(ai, PRO).recognizeIntent(INTENT_REQ));
    expect(err.code).toBe('4003');
    expect(err.details).toMatchObject({ reason: 'blocked', block_reason: 'SAFETY' });
  });

  it('answers {} by default for JSON requests, which the schema rejects', async () => {
    const err = await failure(() => new GeminiTextModel(ai, FLASH).recognizeIntent(INTENT_REQ));
    expect(err.code).toBe('4003');
  });
});

describe('GeminiTextModel.streamReply', () => {
  it('delivers several tokens in order and returns the whole text', async () => {
    const text = '**已生成 3 张广告图**（cr_1、cr_2、cr_3），共消耗 30 credits。下一步可以用它们创建广告系列。';
    await script(FLASH, [{ text }]);
    const tokens: string[] = [];
    const whole = await new GeminiTextModel(ai, FLASH).streamReply(REPLY_CTX, async (t) => {
      tokens.push(t);
    });
    expect(tokens.length).toBeGreaterThanOrEqual(3);
    expect(tokens.join('')).toBe(text);
    expect(whole).toBe(text);

    const [req] = await requests();
    expect(req).toMatchObject({ model: FLASH, method: 'streamGenerateContent', stream: true, api_key: 'valid' });
    const body = req!.body as { systemInstruction: { parts: { text: string }[] }; contents: { parts: { text: string }[] }[] };
    expect(body.systemInstruction.parts[0]!.text).toContain('Simplified Chinese');
    expect(body.contents[0]!.parts[0]!.text).toContain('cr_2');
  });

  it('streams the default echo when nothing is scripted, in English for en', async () => {
    const tokens: string[] = [];
    const whole = await new GeminiTextModel(ai, FLASH).streamReply({ ...REPLY_CTX, language: 'en', message: 'make ads' }, async (t) => {
      tokens.push(t);
    });
    expect(tokens.length).toBeGreaterThan(1);
    expect(whole).toContain(`Sandbox reply from ${FLASH}`);
    const [req] = await requests();
    expect(JSON.stringify(req!.body)).toContain('Write in English only');
  });

  it('includes the recharge link in the prompt for insufficient credits', async () => {
    await new GeminiTextModel(ai, FLASH).streamReply(
      { ...REPLY_CTX, kind: 'insufficient_credits', outcomes: [], credits: { required: 120, balance: 20, recharge_url: 'https://example.test/billing' } },
      async () => undefined,
    );
    const [req] = await requests();
    expect(JSON.stringify(req!.body)).toContain('Recharge link to include: https://example.test/billing');
  });

  it('maps a 503 on the stream to 4002', async () => {
    await script(FLASH, [{ error: 503 }]);
    const err = await failure(() => new GeminiTextModel(ai, FLASH).streamReply(REPLY_CTX, async () => undefined));
    expect(err.code).toBe('4002');
    expect(err.retryable).toBe(true);
  });
});

describe('error mapping through the SDK', () => {
  it('429 RESOURCE_EXHAUSTED → 1003, retryable, with status and provider message but no key', async () => {
    await script(PRO, [{ error: 429 }]);
    const err = await failure(() => new GeminiTextModel(ai, PRO).recognizeIntent(INTENT_REQ));
    expect(err.code).toBe('1003');
    expect(err.retryable).toBe(true);
    expect(err.details).toMatchObject({ http_status: 429, provider_status: 'RESOURCE_EXHAUSTED', model: PRO });
    expect(err.details.provider_message).toContain('Resource has been exhausted');
    expect(JSON.stringify(err.details) + err.message).not.toContain(API_KEY);
  });

  it('429 naming a per-day quota → 1005, not retryable', async () => {
    await script(PRO, [{ error: 429, message: 'Quota exceeded for metric: generate_content_free_tier_requests, limit: 50. quotaId: GenerateRequestsPerDayPerProjectPerModel-FreeTier' }]);
    const err = await failure(() => new GeminiTextModel(ai, PRO).recognizeIntent(INTENT_REQ));
    expect(err.code).toBe('1005');
    expect(err.retryable).toBe(false);
  });

  it.each([
    [503, '4002', true],
    [500, '4002', true],
    [400, '4003', false],
    [404, '4003', false],
  ] as const)('HTTP %i → %s (retryable %s)', async (status, code, retryable) => {
    await script(PRO, [{ error: status }]);
    const err = await failure(() => new GeminiTextModel(ai, PRO).recognizeIntent(INTENT_REQ));
    expect(err.code).toBe(code);
    expect(err.retryable).toBe(retryable);
    expect(err.details.http_status).toBe(status);
  });

  it('a reply slower than the client timeout → 4001, retryable', async () => {
    await script(PRO, [{ delay_ms: 5_000, text: 'too late' }]);
    const started = Date.now();
    const err = await failure(() => new GeminiTextModel(client(300), PRO).recognizeIntent(INTENT_REQ));
    expect(err.code).toBe('4001');
    expect(err.retryable).toBe(true);
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('a wrong API key → 1002, and the sandbox saw the header (not a valid one)', async () => {
    const err = await failure(() => new GeminiTextModel(client(10_000, 'wrong-key-xyz'), PRO).recognizeIntent(INTENT_REQ));
    expect(err.code).toBe('1002');
    expect(err.retryable).toBe(false);
    expect(JSON.stringify(err.details)).not.toContain('wrong-key-xyz');
    const [req] = await requests();
    expect(req!.api_key).toBe('invalid');
  });
});

describe('GeminiImageModel', () => {
  it('returns a decodable PNG with its pixel size, asking for IMAGE with the aspect ratio', async () => {
    const image = await new GeminiImageModel(ai, IMAGE).generateImage({
      product: 'wireless noise-cancelling earbuds',
      style: 'tech',
      tagline: 'Silence, upgraded',
      language: 'en',
      variant: 1,
      aspectRatio: '16:9',
    });
    expect(image).toMatchObject({ mimeType: 'image/png', width: 160, height: 90, model: IMAGE });
    const decoded = await loadImage(image.data);
    expect([decoded.width, decoded.height]).toEqual([160, 90]);

    const [req] = await requests();
    expect(req!.model).toBe(IMAGE);
    const body = req!.body as { generationConfig: { responseModalities: string[]; imageConfig: { aspectRatio: string } }; contents: { parts: { text: string }[] }[] };
    expect(body.generationConfig.responseModalities).toEqual(['IMAGE']);
    expect(body.generationConfig.imageConfig).toEqual({ aspectRatio: '16:9' });
    expect(body.contents[0]!.parts[0]!.text).toContain('Silence, upgraded');
    expect(body.contents[0]!.parts[0]!.text).toContain('variant 2');
  });

  it('scripted png honours the aspect ratio; a text-only reply → 4003 no_image', async () => {
    await script(IMAGE, [{ image: 'png' }, { text: 'I cannot draw that.' }]);
    const model = new GeminiImageModel(ai, IMAGE);
    const req = { product: 'sneakers', language: 'zh', variant: 0, aspectRatio: '9:16' } as const;
    const image = await model.generateImage(req);
    expect([image.width, image.height]).toEqual([90, 160]);
    const err = await failure(() => model.generateImage(req));
    expect(err.code).toBe('4003');
    expect(err.details.reason).toBe('no_image');
  });
});

describe('analyzeCreativeWithGemini', () => {
  it('scores an inline image with structured output, re-validated', async () => {
    const png = (await new GeminiImageModel(ai, IMAGE).generateImage({ product: 'mug', language: 'en', variant: 0, aspectRatio: '1:1' })).data;
    await control('DELETE', 'requests');
    await script(FLASH, [{ json: { score: 82.4, reasons: ['产品主体清晰', '文字对比度高'] } }, { json: { score: 140, reasons: [] } }]);
    const analysis = await analyzeCreativeWithGemini(ai, FLASH, png, 'image/png', 'zh');
    expect(analysis).toMatchObject({ score: 82, reasons: ['产品主体清晰', '文字对比度高'], model: FLASH });
    expect(analysis.properties).toMatchObject({ width: 160, height: 160, mime_type: 'image/png' });

    const [req] = await requests();
    const body = req!.body as { contents: { parts: { inlineData?: { mimeType: string; data: string } }[] }[]; generationConfig: Record<string, unknown> };
    expect(body.contents[0]!.parts[0]!.inlineData).toEqual({ mimeType: 'image/png', data: png.toString('base64') });
    expect(body.generationConfig.responseMimeType).toBe('application/json');
    expect(body.generationConfig.responseJsonSchema).toBeDefined();

    const err = await failure(() => analyzeCreativeWithGemini(ai, FLASH, png, 'image/png', 'zh'));
    expect(err.code).toBe('4003');
  });
});

describe('FallbackTextModel over real Gemini models (seed 001 降级策略)', () => {
  const warnings: Record<string, unknown>[] = [];
  const logger = { warn: (obj: Record<string, unknown>) => void warnings.push(obj) };
  const template: TextModel = {
    name: 'template',
    recognizeIntent: async () => ({ steps: [], confidence: 0.3, language: 'en', clarification: 'What would you like to do?' }),
    streamReply: async (_ctx, onToken) => {
      await onToken('template reply');
      return 'template reply';
    },
  };
  const chain = () => new FallbackTextModel([new GeminiTextModel(ai, PRO), new GeminiTextModel(ai, FLASH), template], logger);

  beforeEach(() => {
    warnings.length = 0;
  });

  it('falls back from a failing pro (503) to flash', async () => {
    await script('acme-*-pro*', [{ error: 503 }]);
    await script(FLASH, [{ json: DRAFT }]);
    expect(await chain().recognizeIntent(INTENT_REQ)).toEqual(DRAFT);
    expect((await requests()).map((r) => r.model)).toEqual([PRO, FLASH]);
    expect(warnings).toEqual([expect.objectContaining({ model: PRO, code: '4002', next_model: FLASH })]);
  });

  it('falls back to the final model when pro and flash both fail', async () => {
    await script(PRO, [{ error: 503 }, { error: 500 }]);
    await script(FLASH, [{ error: 429 }, { blocked: 'SAFETY' }]);
    const draft = await chain().recognizeIntent(INTENT_REQ);
    expect(draft.clarification).toBe('What would you like to do?');
    expect(warnings.map((w) => [w.model, w.code])).toEqual([
      [PRO, '4002'],
      [FLASH, '1003'],
    ]);

    const tokens: string[] = [];
    const whole = await chain().streamReply(REPLY_CTX, async (t) => {
      tokens.push(t);
    });
    expect(whole).toBe('template reply');
    expect(tokens).toEqual(['template reply']);
    expect(warnings.map((w) => [w.model, w.code])).toEqual([
      [PRO, '4002'],
      [FLASH, '1003'],
      [PRO, '4002'],
      [FLASH, '4003'],
    ]);
  });

  it('streams from flash when pro is unavailable', async () => {
    await script(PRO, [{ error: 503 }]);
    await script(FLASH, [{ text: 'Here are your results, all done.' }]);
    const tokens: string[] = [];
    const whole = await chain().streamReply(REPLY_CTX, async (t) => {
      tokens.push(t);
    });
    expect(whole).toBe('Here are your results, all done.');
    expect(tokens.length).toBeGreaterThan(1);
  });
});
