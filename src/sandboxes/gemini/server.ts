/**
 * A local server speaking the Gemini Developer API's REST wire format, so that the real
 * @google/genai SDK can be exercised offline (seed 000 tasks 2.5 and 9.1: model client tests and
 * failure injection; seed 001 降级策略 tests).
 *
 * Model routes (the SDK's URLs under `httpOptions.baseUrl`):
 * - POST /v1beta/models/{model}:generateContent
 * - POST /v1beta/models/{model}:streamGenerateContent?alt=sse (text/event-stream, frames
 *   `data: <json>\r\n\r\n`, as the real API sends them)
 * Both require the API key in `x-goog-api-key` (or `?key=`): missing → 403 PERMISSION_DENIED, wrong →
 * 400 INVALID_ARGUMENT with reason API_KEY_INVALID, as Google answers.
 *
 * Control routes (no auth; a test tool):
 * - POST /_control/script `{model?, replies}` queues replies for models matching `model` (exact name or
 *   glob with `*` and `?`; absent = every model)
 * - DELETE /_control/script clears every queue
 * - GET /_control/requests → `{requests}` recorded calls, oldest first; DELETE clears them
 *
 * A request takes the first queued reply of the first matching script; with none it asks the
 * `respond` hook; with no answer from the hook it answers by default: `{}` for JSON requests
 * (generationConfig.responseMimeType application/json), a small real PNG for image requests
 * (responseModalities includes IMAGE), else a short deterministic text echoing the last user text.
 */
import { serve } from '@hono/node-server';
import { createCanvas } from '@napi-rs/canvas';
import { Hono, type Context } from 'hono';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

/** HTTP statuses a script can fail a request with (seed 000 task 9.1 failure injection). */
export type GeminiSandboxErrorStatus = 429 | 503 | 500 | 400 | 404;

/**
 * One scripted (or `respond`-produced) reply. Every kind may carry `delay_ms` (milliseconds to wait
 * before answering, e.g. to exceed a client timeout); `{delay_ms}` alone waits and then answers by
 * default.
 */
export type GeminiSandboxReply =
  | { text: string; delay_ms?: number }
  | { json: unknown; delay_ms?: number }
  | { image: 'png'; delay_ms?: number }
  | { error: GeminiSandboxErrorStatus; message?: string; delay_ms?: number }
  | { blocked: 'SAFETY' | 'OTHER' | 'PROHIBITED_CONTENT'; delay_ms?: number }
  | { delay_ms: number };

/** A model request as the sandbox parsed it; the input of the `respond` hook. */
export interface GeminiSandboxRequest {
  model: string;
  /** the request's `contents` (Gemini Content objects). */
  contents: unknown[];
  systemInstruction?: unknown;
  /** the request's `generationConfig` ({} when absent). */
  generationConfig: Record<string, unknown>;
  /** true for streamGenerateContent. */
  stream: boolean;
  /** the text parts of the last user turn, joined. */
  lastUserText: string;
}

/** A call as GET /_control/requests reports it. The key's value is never recorded. */
export interface GeminiSandboxRecordedRequest {
  /** 1-based sequence number. */
  seq: number;
  model: string;
  method: 'generateContent' | 'streamGenerateContent';
  stream: boolean;
  /** whether x-goog-api-key (or ?key=) was present and matched. */
  api_key: 'valid' | 'invalid' | 'missing';
  /** lower-cased request headers except the API key. */
  headers: Record<string, string>;
  /** the JSON body as sent. */
  body: unknown;
  /** ISO 8601 timestamp. */
  at: string;
}

/** Options of {@link createGeminiSandbox}. */
export interface GeminiSandboxOptions {
  /** the key clients must send. */
  apiKey: string;
  /** programmatic responder consulted when no script matches; undefined falls back to the default. */
  respond?: (req: GeminiSandboxRequest) => GeminiSandboxReply | undefined | Promise<GeminiSandboxReply | undefined>;
}

const GOOGLE_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

const DEFAULT_MESSAGE: Record<GeminiSandboxErrorStatus, string> = {
  429: 'Resource has been exhausted (e.g. check quota).',
  503: 'The model is overloaded. Please try again later.',
  500: 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  400: 'Request contains an invalid argument.',
  404: 'Requested entity was not found.',
};

const delayMs = z.number().int().nonnegative().max(600_000).optional();
const ReplySchema = z.union([
  z.object({ text: z.string(), delay_ms: delayMs }).strict(),
  z.object({ json: z.json(), delay_ms: delayMs }).strict(),
  z.object({ image: z.literal('png'), delay_ms: delayMs }).strict(),
  z
    .object({
      error: z.union([z.literal(429), z.literal(503), z.literal(500), z.literal(400), z.literal(404)]),
      message: z.string().optional(),
      delay_ms: delayMs,
    })
    .strict(),
  z.object({ blocked: z.enum(['SAFETY', 'OTHER', 'PROHIBITED_CONTENT']), delay_ms: delayMs }).strict(),
  z.object({ delay_ms: z.number().int().nonnegative().max(600_000) }).strict(),
]);
const ScriptSchema = z.object({ model: z.string().min(1).optional(), replies: z.array(ReplySchema).min(1) });

interface Script {
  pattern: string | undefined;
  matches: RegExp;
  queue: GeminiSandboxReply[];
}

/** `gemini-*-pro*` → /^gemini-.*-pro.*$/; other characters match literally. */
function globToRegExp(glob: string | undefined): RegExp {
  if (glob === undefined) return /^/;
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

function googleError(status: number, message: string, details?: unknown[]): Response {
  const body = { error: { code: status, message, status: GOOGLE_STATUS[status] ?? 'UNKNOWN', ...(details ? { details } : {}) } };
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=UTF-8' } });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

function textOfParts(content: unknown): string {
  const parts = (content as { parts?: unknown } | null)?.parts;
  if (!Array.isArray(parts)) return '';
  return parts
    .map((p) => (typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : ''))
    .filter((t) => t !== '')
    .join(' ');
}

function lastUserText(contents: unknown[]): string {
  for (let i = contents.length - 1; i >= 0; i--) {
    const c = contents[i] as { role?: unknown };
    if (c && (c.role === undefined || c.role === 'user')) return textOfParts(c);
  }
  return '';
}

/** Pixel size of the default image for an aspect ratio "w:h": the longer side is 160 px. */
function imageSize(aspectRatio: unknown): { width: number; height: number } {
  const m = typeof aspectRatio === 'string' ? /^(\d+):(\d+)$/.exec(aspectRatio) : null;
  const w = m ? Number(m[1]) : 1;
  const h = m ? Number(m[2]) : 1;
  if (!(w > 0 && h > 0)) return { width: 160, height: 160 };
  return w >= h ? { width: 160, height: Math.max(1, Math.round((160 * h) / w)) } : { width: Math.max(1, Math.round((160 * w) / h)), height: 160 };
}

const pngCache = new Map<string, Promise<Buffer>>();

/** A small real PNG (a gradient with a product-like shape) for an aspect ratio; cached. */
function samplePng(aspectRatio: unknown): Promise<Buffer> {
  const { width, height } = imageSize(aspectRatio);
  const key = `${width}x${height}`;
  let png = pngCache.get(key);
  if (!png) {
    const canvas = createCanvas(width, height);
    const g = canvas.getContext('2d');
    const gradient = g.createLinearGradient(0, 0, width, height);
    gradient.addColorStop(0, '#1e3a8a');
    gradient.addColorStop(1, '#f59e0b');
    g.fillStyle = gradient;
    g.fillRect(0, 0, width, height);
    g.fillStyle = '#ffffff';
    g.beginPath();
    g.arc(width / 2, height / 2, Math.min(width, height) / 4, 0, Math.PI * 2);
    g.fill();
    png = canvas.encode('png');
    pngCache.set(key, png);
  }
  return png;
}

/** Splits text into up to 4 pieces of whole code points, so a stream has several frames. */
function splitForStream(text: string): string[] {
  const chars = Array.from(text);
  if (chars.length === 0) return [''];
  const size = Math.max(1, Math.ceil(chars.length / 4));
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

function tokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/**
 * Creates the sandbox app (seed 000 tasks 2.5, 9.1; a Hono app; mount it or serve it with {@link startGeminiSandbox}).
 * @param opts the key clients must send and an optional programmatic responder
 * @returns the Hono app, with its state private to it
 */
export function createGeminiSandbox(opts: GeminiSandboxOptions): Hono {
  const app = new Hono();
  const scripts: Script[] = [];
  const recorded: GeminiSandboxRecordedRequest[] = [];
  let seq = 0;
  let responses = 0;

  app.post('/_control/script', async (c) => {
    const parsed = ScriptSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({ error: 'invalid script', issues: parsed.error.issues }, 400);
    const replies = parsed.data.replies as GeminiSandboxReply[];
    const existing = scripts.find((s) => s.pattern === parsed.data.model);
    if (existing) existing.queue.push(...replies);
    else scripts.push({ pattern: parsed.data.model, matches: globToRegExp(parsed.data.model), queue: [...replies] });
    return c.json({ queued: scripts.reduce((n, s) => n + s.queue.length, 0) });
  });
  app.delete('/_control/script', (c) => {
    scripts.length = 0;
    return c.json({ cleared: true });
  });
  app.get('/_control/requests', (c) => c.json({ requests: recorded }));
  app.delete('/_control/requests', (c) => {
    recorded.length = 0;
    return c.json({ cleared: true });
  });

  const nextScripted = (model: string): GeminiSandboxReply | undefined => {
    for (const s of scripts) {
      if (s.queue.length > 0 && s.matches.test(model)) return s.queue.shift();
    }
    return undefined;
  };

  /** The answer to a model request: scripted, hook, or default; delays honoured. */
  const answer = async (c: Context, req: GeminiSandboxRequest): Promise<Response> => {
    const scripted = nextScripted(req.model);
    let reply = scripted ?? (await opts.respond?.(req));
    if (reply?.delay_ms !== undefined) {
      await sleep(reply.delay_ms, c.req.raw.signal);
      // a bare {delay_ms} waits, then answers as if nothing were scripted
      if (Object.keys(reply).length === 1) reply = scripted ? await opts.respond?.(req) : undefined;
    }
    if (reply && 'error' in reply) return googleError(reply.error, reply.message ?? DEFAULT_MESSAGE[reply.error]);

    const prompt = req.contents.map(textOfParts).join(' ');
    const usage = (candidates: number) => ({
      promptTokenCount: tokens(prompt),
      candidatesTokenCount: candidates,
      totalTokenCount: tokens(prompt) + candidates,
    });
    responses += 1;
    const responseId = `sandbox-${responses}`;

    if (reply && 'blocked' in reply) {
      const body = { promptFeedback: { blockReason: reply.blocked }, usageMetadata: usage(0), modelVersion: req.model, responseId };
      return req.stream ? sse([body]) : c.json(body);
    }

    const wantsImage = Array.isArray(req.generationConfig.responseModalities) && req.generationConfig.responseModalities.includes('IMAGE');
    const wantsJson = req.generationConfig.responseMimeType === 'application/json';
    let parts: Record<string, unknown>[];
    if ((reply && 'image' in reply) || (!reply && wantsImage)) {
      const imageConfig = req.generationConfig.imageConfig as { aspectRatio?: unknown } | undefined;
      const png = await samplePng(imageConfig?.aspectRatio);
      parts = [{ inlineData: { mimeType: 'image/png', data: png.toString('base64') } }];
    } else {
      let text: string;
      if (reply && 'text' in reply) text = reply.text;
      else if (reply && 'json' in reply) text = JSON.stringify(reply.json);
      else if (wantsJson) text = '{}';
      else text = `Sandbox reply from ${req.model}: ${req.lastUserText.slice(0, 160) || '(no text)'}`;
      parts = [{ text }];
    }

    const candidate = (p: Record<string, unknown>[], last: boolean) => ({
      content: { role: 'model', parts: p },
      ...(last ? { finishReason: 'STOP' } : {}),
      index: 0,
    });
    const outputTokens = tokens(parts.map((p) => (typeof p.text === 'string' ? p.text : 'image')).join(''));
    if (!req.stream) {
      return c.json({ candidates: [candidate(parts, true)], usageMetadata: usage(outputTokens), modelVersion: req.model, responseId });
    }
    const pieces = typeof parts[0]?.text === 'string' ? splitForStream(parts[0].text).map((t) => [{ text: t }]) : [parts];
    return sse(
      pieces.map((p, i) => ({
        candidates: [candidate(p, i === pieces.length - 1)],
        usageMetadata: usage(outputTokens),
        modelVersion: req.model,
        responseId,
      })),
    );
  };

  app.post('/:version/models/:call', async (c) => {
    const call = decodeURIComponent(c.req.param('call'));
    const colon = call.lastIndexOf(':');
    const model = colon > 0 ? call.slice(0, colon) : call;
    const method = colon > 0 ? call.slice(colon + 1) : '';
    const keyHeader = c.req.header('x-goog-api-key') ?? c.req.query('key');
    const apiKey: GeminiSandboxRecordedRequest['api_key'] = keyHeader === undefined ? 'missing' : keyHeader === opts.apiKey ? 'valid' : 'invalid';
    const body: unknown = await c.req.json().catch(() => undefined);
    const headers: Record<string, string> = {};
    c.req.raw.headers.forEach((value, name) => {
      if (name !== 'x-goog-api-key') headers[name] = value;
    });
    if (method === 'generateContent' || method === 'streamGenerateContent') {
      seq += 1;
      recorded.push({ seq, model, method, stream: method === 'streamGenerateContent', api_key: apiKey, headers, body: body ?? null, at: new Date().toISOString() });
    }

    if (apiKey === 'missing') {
      return googleError(
        403,
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
      );
    }
    if (apiKey === 'invalid') {
      return googleError(400, 'API key not valid. Please pass a valid API key.', [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'API_KEY_INVALID',
          domain: 'googleapis.com',
          metadata: { service: 'generativelanguage.googleapis.com' },
        },
      ]);
    }
    if (method !== 'generateContent' && method !== 'streamGenerateContent') {
      return googleError(404, `models/${model} is not found for API version ${c.req.param('version')}, or is not supported for ${method || 'this method'}.`);
    }
    const b = body as { contents?: unknown; systemInstruction?: unknown; generationConfig?: unknown } | undefined;
    if (!b || !Array.isArray(b.contents) || b.contents.length === 0) {
      return googleError(400, '* GenerateContentRequest.contents: contents is not specified');
    }
    return answer(c, {
      model,
      contents: b.contents,
      systemInstruction: b.systemInstruction,
      generationConfig: b.generationConfig && typeof b.generationConfig === 'object' ? (b.generationConfig as Record<string, unknown>) : {},
      stream: method === 'streamGenerateContent',
      lastUserText: lastUserText(b.contents),
    });
  });

  app.notFound(() => googleError(404, 'Requested entity was not found.'));
  return app;
}

/** An SSE response with one `data:` frame per chunk, written a few milliseconds apart. */
function sse(chunks: unknown[]): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      for (const chunk of chunks) {
        controller.enqueue(encoder.encode(`data: ${JSON.stringify(chunk)}\r\n\r\n`));
        await new Promise((r) => setTimeout(r, 5));
      }
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' } });
}

/** A running sandbox. */
export interface RunningGeminiSandbox {
  /** base URL for `httpOptions.baseUrl` / GEMINI_BASE_URL, e.g. http://127.0.0.1:41234 (the real port). */
  url: string;
  /** stops listening and drops open connections. */
  close(): Promise<void>;
}

/**
 * Serves the sandbox with @hono/node-server (seed 000 tasks 2.5, 9.1).
 * @param opts sandbox options plus `port` (0 picks a free port) and `host` (default 127.0.0.1)
 * @returns the URL with the bound port, and close()
 * @throws the listen error (e.g. EADDRINUSE)
 */
export function startGeminiSandbox(opts: GeminiSandboxOptions & { port: number; host?: string }): Promise<RunningGeminiSandbox> {
  const app = createGeminiSandbox(opts);
  const host = opts.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: opts.port, hostname: host }, (info: AddressInfo) => {
      server.off('error', reject);
      const urlHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${urlHost}:${info.port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            server.closeAllConnections();
          }),
      });
    }) as Server;
    server.once('error', reject);
  });
}
