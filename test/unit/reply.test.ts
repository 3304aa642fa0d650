/** Templated replies (the offline reply writer and last fallback): language, content, tokens. */
import { describe, expect, it } from 'vitest';
import { splitTokens } from '../../src/integrations/model/offline/reply.js';
import { renderTurnReply as templateReply } from '../../src/domain/replies/turn.js';
import type { ReplyContext } from '../../src/integrations/model/types.js';

const base: Pick<ReplyContext, 'message' | 'outcomes'> = { message: 'x', outcomes: [] };

describe('templateReply', () => {
  it('lists created creatives with links and the credits used', () => {
    const ctx: ReplyContext = {
      ...base,
      language: 'zh',
      kind: 'results',
      outcomes: [
        {
          module: 'creative',
          action: 'generate_creative',
          status: 'succeeded',
          result: { creatives: [{ creative_id: 'cr_1', url: 'http://f/1.png' }, { creative_id: 'cr_2', url: 'http://f/2.png' }] },
          credits_charged: 15,
          credits_refunded: 5,
        },
      ],
    };
    const text = templateReply(ctx);
    expect(text).toContain('已生成 2 张素材');
    expect(text).toContain('[cr_1](http://f/1.png)');
    expect(text).toContain('消耗 10 Credit');
  });

  it('reports failures with code, message and refund in English', () => {
    const text = templateReply({
      ...base,
      language: 'en',
      kind: 'results',
      outcomes: [
        { module: 'creative', action: 'generate_creative', status: 'failed', error: { code: '4003', message: 'refused' }, credits_charged: 10, credits_refunded: 10 },
      ],
    });
    expect(text).toContain('failed (4003): refused; 10 credits refunded');
  });

  it('says nothing ran for rejection, timeout and insufficient credits', () => {
    expect(templateReply({ ...base, language: 'zh', kind: 'rejected' })).toContain('没有扣除');
    expect(templateReply({ ...base, language: 'en', kind: 'confirmation_timeout' })).toMatch(/timed out/);
    const poor = templateReply({ ...base, language: 'en', kind: 'insufficient_credits', credits: { required: 15, balance: 5, recharge_url: '/billing' } });
    expect(poor).toContain('needs 15');
    expect(poor).toContain('(/billing)');
  });

  it('uses the clarification question when there is one', () => {
    expect(templateReply({ ...base, language: 'zh', kind: 'clarify', clarification: '要几张？' })).toBe('要几张？');
  });
});

describe('splitTokens', () => {
  it('splits without losing a character', () => {
    for (const text of ['Hello world, 3 creatives ready', '已生成 3 张素材\n  1. [cr](u)', '']) {
      expect(splitTokens(text).join('')).toBe(text);
    }
  });
});
