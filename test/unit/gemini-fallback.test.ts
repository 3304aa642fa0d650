/**
 * The text model fallback chain (seed 001 降级策略: pro → flash → template; seed 000 task 9.2),
 * with small fake models.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import type { IntentDraft } from '../../src/domain/chat/intent.js';
import { FallbackTextModel } from '../../src/integrations/model/gemini/fallback.js';
import type { IntentRequest, ReplyContext, TextModel } from '../../src/integrations/model/types.js';

const REQ: IntentRequest = { message: 'pause all campaigns', history: [] };
const CTX: ReplyContext = { language: 'en', message: 'pause all campaigns', kind: 'results', outcomes: [] };
const draft = (confidence: number): IntentDraft => ({ steps: [], confidence, language: 'en' });

/** A fake model that fails with `error` (when given) or answers, after streaming `tokens`. */
function fake(name: string, opts: { error?: unknown; tokens?: string[]; failAfterTokens?: boolean } = {}): TextModel & { calls: number } {
  const model = {
    name,
    calls: 0,
    async recognizeIntent(): Promise<IntentDraft> {
      model.calls += 1;
      if (opts.error !== undefined) throw opts.error;
      return draft(name.length / 100);
    },
    async streamReply(_ctx: ReplyContext, onToken: (t: string) => Promise<void>): Promise<string> {
      model.calls += 1;
      if (opts.error !== undefined && !opts.failAfterTokens) throw opts.error;
      const tokens = opts.tokens ?? [name];
      for (const t of tokens) await onToken(t);
      if (opts.error !== undefined) throw opts.error;
      return tokens.join('');
    },
  };
  return model;
}

function recorder() {
  const warnings: Record<string, unknown>[] = [];
  return { warnings, logger: { warn: (obj: unknown) => void warnings.push(obj as Record<string, unknown>) } };
}

describe('FallbackTextModel', () => {
  it('uses the first model when it succeeds, without warnings', async () => {
    const { warnings, logger } = recorder();
    const pro = fake('pro');
    const flash = fake('flash');
    const chain = new FallbackTextModel([pro, flash], logger);
    expect(chain.name).toBe('pro > flash');
    expect(await chain.recognizeIntent(REQ)).toEqual(draft(0.03));
    expect(flash.calls).toBe(0);
    expect(warnings).toEqual([]);
  });

  it('falls through retryable and non-retryable failures, one warning per failure', async () => {
    const { warnings, logger } = recorder();
    const chain = new FallbackTextModel(
      [fake('pro', { error: new AppError('4002') }), fake('flash', { error: new AppError('4003', 'invalid output') }), fake('offline')],
      logger,
    );
    expect(await chain.recognizeIntent(REQ)).toEqual(draft(0.07));
    expect(warnings).toEqual([
      expect.objectContaining({ model: 'pro', operation: 'recognizeIntent', code: '4002', retryable: true, next_model: 'flash' }),
      expect.objectContaining({ model: 'flash', code: '4003', retryable: false, next_model: 'offline' }),
    ]);
  });

  it('throws the last error when every model fails', async () => {
    const { warnings, logger } = recorder();
    const last = new AppError('1003');
    const chain = new FallbackTextModel([fake('pro', { error: new AppError('4001') }), fake('flash', { error: last })], logger);
    await expect(chain.recognizeIntent(REQ)).rejects.toBe(last);
    await expect(chain.streamReply(CTX, async () => undefined)).rejects.toBe(last);
    expect(warnings.map((w) => w.code)).toEqual(['4001', '1003', '4001', '1003']);
    expect(warnings[1]!.next_model).toBeNull();
  });

  it('logs code "unknown" for errors that are not AppErrors', async () => {
    const { warnings, logger } = recorder();
    const chain = new FallbackTextModel([fake('pro', { error: new Error('boom') }), fake('flash')], logger);
    await chain.recognizeIntent(REQ);
    expect(warnings[0]).toMatchObject({ model: 'pro', code: 'unknown', error: 'boom' });
  });

  it('streams from the next model when one fails before any token', async () => {
    const { logger } = recorder();
    const tokens: string[] = [];
    const chain = new FallbackTextModel([fake('pro', { error: new AppError('4002') }), fake('flash', { tokens: ['a', 'b', 'c'] })], logger);
    expect(await chain.streamReply(CTX, async (t) => void tokens.push(t))).toBe('abc');
    expect(tokens).toEqual(['a', 'b', 'c']);
  });

  it('does not fall back after tokens were delivered (the user saw them)', async () => {
    const { warnings, logger } = recorder();
    const err = new AppError('4002');
    const flash = fake('flash');
    const chain = new FallbackTextModel([fake('pro', { error: err, tokens: ['partial'], failAfterTokens: true }), flash], logger);
    await expect(chain.streamReply(CTX, async () => undefined)).rejects.toBe(err);
    expect(flash.calls).toBe(0);
    expect(warnings).toEqual([expect.objectContaining({ model: 'pro', next_model: null })]);
  });

  it("propagates onToken's own error without trying the next model", async () => {
    const { warnings, logger } = recorder();
    const sinkError = new Error('client went away');
    const flash = fake('flash');
    const chain = new FallbackTextModel([fake('pro'), flash], logger);
    await expect(
      chain.streamReply(CTX, async () => {
        throw sinkError;
      }),
    ).rejects.toBe(sinkError);
    expect(flash.calls).toBe(0);
    expect(warnings).toEqual([]);
  });

  it('refuses an empty chain', () => {
    expect(() => new FallbackTextModel([], recorder().logger)).toThrow(/at least one/);
  });
});
