/** Pricing, risk edge cases, API error mapping and the workflow's bounded concurrency helper. */
import { describe, expect, it } from 'vitest';
import { AppError, errorBody, ERROR_CODES } from '../../src/domain/errors.js';
import { detectLanguage } from '../../src/domain/language.js';
import { estimateCredits, imageCount } from '../../src/domain/credits/pricing.js';
import { assessRisk, budgetChangeFraction, relativeBudgetChange } from '../../src/domain/chat/risk.js';
import { settleWithLimit } from '../../src/workflows/kit/concurrency.js';

describe('pricing', () => {
  it('charges 5 credits per image, 3 images by default, at most 100', () => {
    expect(estimateCredits('generate_creative', {})).toBe(15);
    expect(estimateCredits('generate_creative', { count: 40 })).toBe(200);
    expect(imageCount({ count: 500 })).toBe(100);
    expect(estimateCredits('translate_page', { languages: ['en', 'ja'] })).toBe(10);
  });
});

describe('risk', () => {
  it('judges absolute and delta budget changes later, with real budgets', () => {
    expect(relativeBudgetChange({ kind: 'absolute', value: 500 })).toBeUndefined();
    expect(relativeBudgetChange({ kind: 'multiplier', value: 2 })).toBe(1);
    expect(budgetChangeFraction(100, 160)).toBeCloseTo(0.6);
    expect(budgetChangeFraction(0, 0)).toBe(0);
    const step = { module: 'campaign' as const, action: 'update_budget' as const, parameters: { budget_change: { kind: 'absolute' as const, value: 500 } } };
    expect(assessRisk(step, 1, 100, 'en').risk).toBe('medium');
  });

  it('gives reasons in the user language', () => {
    const r = assessRisk({ module: 'campaign', action: 'manage_campaign', parameters: { operation: 'delete', targets: ['A'] } }, 1, 100, 'zh');
    expect(r).toEqual({ risk: 'high', reasons: ['删除广告系列不可恢复'] });
  });
});

describe('errors', () => {
  it('maps every code to an HTTP status and both languages', () => {
    for (const [code, info] of Object.entries(ERROR_CODES)) {
      expect(info.http, code).toBeGreaterThanOrEqual(400);
      expect(info.zh.length).toBeGreaterThan(0);
      expect(info.en.length).toBeGreaterThan(0);
    }
    expect(new AppError('6011').httpStatus).toBe(402);
    expect(new AppError('3004').retryable).toBe(true);
    expect(errorBody('6011', 'zh', { balance: 1 })).toEqual({ code: '6011', type: 'INSUFFICIENT_CREDITS', message: 'Credit 余额不足，请充值后再试', details: { balance: 1 } });
  });

  it('detects the language of a message', () => {
    expect(detectLanguage('帮我 generate')).toBe('zh');
    expect(detectLanguage('pause all ads')).toBe('en');
  });
});

describe('settleWithLimit', () => {
  it('keeps input order, settles failures and never exceeds the limit', async () => {
    let running = 0;
    let peak = 0;
    const results = await settleWithLimit([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5 * (8 - n)));
      running--;
      if (n === 4) throw new Error('four');
      return n * 10;
    });
    expect(peak).toBe(3);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'x'))).toEqual([10, 20, 30, 'x', 50, 60, 70]);
  });
});
