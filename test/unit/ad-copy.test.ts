/**
 * Ad copy for create_campaign (seed 001 需求 2.4, 降级策略 1): the fallback chain Pro → Flash →
 * template, platform length limits, the bilingual template, and the delivery estimate (seed 000
 * task 14.6).
 */
import { describe, expect, it } from 'vitest';
import { estimateDelivery } from '../../src/domain/campaign-ops/delivery-estimate.js';
import { AppError } from '../../src/domain/errors.js';
import { COPY_LIMITS, FallbackAdCopyModel, fitText, type AdCopyModel, type AdCopyRequest, type GeneratedAdCopy } from '../../src/integrations/model/copy.js';
import { OfflineAdCopyModel } from '../../src/integrations/model/offline/copy.js';

const REQUEST: AdCopyRequest = {
  creative_id: 'cr_1',
  platform: 'meta',
  product: '无线降噪耳机',
  landing_url: 'https://www.shop.example.com/headphones',
  objective: 'sales',
  language: 'zh',
};

/** A model that fails with `error` or answers `copy`, counting its calls. */
function fake(name: string, outcome: AppError | Omit<GeneratedAdCopy, 'model'>): AdCopyModel & { calls: number } {
  const model = {
    name,
    calls: 0,
    async writeAdCopy(): Promise<GeneratedAdCopy> {
      model.calls += 1;
      if (outcome instanceof AppError) throw outcome;
      return { ...outcome, model: name };
    },
  };
  return model;
}

const silent = { warn: () => undefined };

describe('FallbackAdCopyModel', () => {
  it('uses the first model that answers and never calls the next ones', async () => {
    const pro = fake('pro', { headline: 'A', primary_text: 'from pro', call_to_action: 'SHOP_NOW' });
    const flash = fake('flash', { headline: 'B', primary_text: 'from flash', call_to_action: 'SHOP_NOW' });
    const chain = new FallbackAdCopyModel([pro, flash, new OfflineAdCopyModel()], silent);
    expect(chain.name).toBe('pro > flash > offline-template');
    expect(await chain.writeAdCopy(REQUEST)).toMatchObject({ primary_text: 'from pro', model: 'pro' });
    expect([pro.calls, flash.calls]).toEqual([1, 0]);
  });

  it('falls back Pro → Flash → template on any failure, logging each failed model', async () => {
    const warnings: unknown[] = [];
    const pro = fake('pro', new AppError('1003', 'rate limited'));
    const flash = fake('flash', new AppError('4003', 'invalid output'));
    const chain = new FallbackAdCopyModel([pro, flash, new OfflineAdCopyModel()], { warn: (o: unknown) => void warnings.push(o) });
    const copy = await chain.writeAdCopy(REQUEST);
    expect(copy.model).toBe('offline-template');
    expect(copy.primary_text).toContain('无线降噪耳机');
    expect(warnings).toMatchObject([
      { model: 'pro', code: '1003', next_model: 'flash' },
      { model: 'flash', code: '4003', next_model: 'offline-template' },
    ]);
  });

  it('throws the last error when every model fails', async () => {
    const chain = new FallbackAdCopyModel([fake('pro', new AppError('4002')), fake('flash', new AppError('4001'))], silent);
    await expect(chain.writeAdCopy(REQUEST)).rejects.toMatchObject({ code: '4001' });
    expect(() => new FallbackAdCopyModel([], silent)).toThrow();
  });

  it("trims a model's copy to the platform's limits", async () => {
    const long = fake('pro', { headline: 'H'.repeat(80), primary_text: 'word '.repeat(60), call_to_action: 'LEARN_MORE' });
    for (const platform of ['meta', 'tiktok', 'google'] as const) {
      const copy = await new FallbackAdCopyModel([long], silent).writeAdCopy({ ...REQUEST, platform });
      expect(Array.from(copy.headline).length).toBeLessThanOrEqual(COPY_LIMITS[platform].headline);
      expect(Array.from(copy.primary_text).length).toBeLessThanOrEqual(COPY_LIMITS[platform].primary_text);
      expect(copy.primary_text.endsWith('…')).toBe(true);
    }
  });
});

describe('OfflineAdCopyModel', () => {
  const offline = new OfflineAdCopyModel();

  it('writes bilingual copy with the product, the landing page host and the objective\'s call to action', async () => {
    const zh = await offline.writeAdCopy(REQUEST);
    expect(zh).toMatchObject({ call_to_action: 'SHOP_NOW', model: 'offline-template' });
    expect(zh.primary_text).toContain('无线降噪耳机');
    expect(zh.primary_text).toContain('shop.example.com');
    const en = await offline.writeAdCopy({ ...REQUEST, product: 'desk lamp', language: 'en', objective: 'leads' });
    expect(en.call_to_action).toBe('SIGN_UP');
    expect(en.primary_text).toMatch(/desk lamp/);
  });

  it('is deterministic, varies between neighbouring creatives and stays within every platform limit', async () => {
    const texts = await Promise.all([0, 1, 2].map((variant) => offline.writeAdCopy({ ...REQUEST, variant })));
    expect(new Set(texts.map((t) => t.primary_text)).size).toBe(3);
    expect(await offline.writeAdCopy({ ...REQUEST, variant: 1 })).toEqual(texts[1]);
    const product = '超长的产品名称'.repeat(20);
    for (const platform of ['meta', 'tiktok', 'google'] as const) {
      for (const language of ['zh', 'en'] as const) {
        const copy = await offline.writeAdCopy({ ...REQUEST, product, platform, language });
        expect(Array.from(copy.headline).length).toBeLessThanOrEqual(COPY_LIMITS[platform].headline);
        expect(Array.from(copy.primary_text).length).toBeLessThanOrEqual(COPY_LIMITS[platform].primary_text);
      }
    }
  });
});

describe('fitText', () => {
  it('keeps short text, collapses whitespace, and cuts long text at a boundary with an ellipsis', () => {
    expect(fitText('  Quiet   focus ', 40)).toBe('Quiet focus');
    expect(fitText('Quiet focus for long flights and busy offices', 20)).toBe('Quiet focus for…');
    expect(Array.from(fitText('静'.repeat(50), 10))).toHaveLength(10);
  });
});

describe('estimateDelivery', () => {
  it('estimates daily impressions and reach of a USD budget, and nothing for other currencies', () => {
    const e = estimateDelivery('meta', 80, 'USD')!;
    expect(e).toMatchObject({ starts: 'after_review', review_hours: 24, currency: 'USD', daily_budget: 80 });
    // 80 USD at a CPM of 14 to 8 USD: about 5,700 to 10,000 impressions
    expect(e.daily_impressions).toEqual({ low: 5700, high: 10000 });
    expect(e.daily_reach.low).toBeLessThan(e.daily_reach.high);
    expect(e.daily_reach.high).toBeLessThanOrEqual(e.daily_impressions.high);
    expect(estimateDelivery('meta', 80, 'EUR')).toBeNull();
    expect(estimateDelivery('tiktok', 0, 'USD')).toBeNull();
  });
});
