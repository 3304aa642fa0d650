/**
 * The replies module (issue 8 item 4): results that workflows return as data are worded where the
 * reply is written, in the user's language, and no language branch lives outside the replies
 * module and the offline model.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeAbTestStarted } from '../../src/domain/replies/ab-tests.js';
import { describeCampaignCreated, describeCampaignStatusResult, type CampaignStatusResultFacts } from '../../src/domain/replies/campaigns.js';
import { HINT } from '../../src/domain/replies/hints.js';
import { renderTurnReply, withRenderedTexts, type ReplyContext } from '../../src/domain/replies/turn.js';

const metrics = { spend: 1234.5, revenue: 2469, roas: 2, cpa: 12.345, conversions: 100, clicks: 2000, impressions: 50_000 };

const status: CampaignStatusResultFacts = {
  campaigns: [
    {
      platform: 'meta',
      campaign: { name: 'Retargeting - Cart', status: 'active' },
      adsets: [{ name: 'Cart 7d', status: 'paused', daily_budget: 50, metrics: { spend: 200, roas: null, conversions: 0 } }],
      ads: [{ status: 'active' }, { status: 'paused' }],
      metrics,
      span: { since: '2024-03-08', until: '2024-03-14' },
      currency: 'USD',
      stale: false,
    },
  ],
  failures: [{ platform: 'google', name: 'Search - Brand', error: { message: 'token expired' } }],
  matched: 7,
};

const results = (outcome: ReplyContext['outcomes'][number], language: ReplyContext['language']): ReplyContext => ({ language, message: 'x', kind: 'results', outcomes: [outcome] });

describe('campaign status (a workflow result without text)', () => {
  it('is worded by the reply in English and Chinese', () => {
    const outcome = { module: 'campaign', action: 'get_campaign_status', status: 'succeeded' as const, result: { kind: 'campaign_status', ...status }, credits_charged: 2, credits_refunded: 1 };
    const en = renderTurnReply(results(outcome, 'en'));
    expect(en).toContain('✅ **Campaign status**');
    expect(en).toContain('Meta "Retargeting - Cart": active. 2024-03-08 to 2024-03-14 (today included): spend 1234.50 USD');
    expect(en).toContain('  - ad set "Cart 7d" paused, 50.00 USD a day, spend 200.00 USD, ROAS -, 0 conversions');
    expect(en).toContain('  2 ads, 1 active');
    expect(en).toContain('❌ Google Ads "Search - Brand": token expired');
    expect(en).toContain('(7 campaigns matched; showing the first 2)');
    const zh = renderTurnReply(results(outcome, 'zh'));
    expect(zh).toContain('Meta「Retargeting - Cart」：投放中。2024-03-08 至 2024-03-14（含今天）花费 1234.50 USD');
    expect(zh).toContain('  - 广告组「Cart 7d」已暂停，日预算 50.00 USD，花费 200.00 USD，ROAS -，转化 0');
    expect(zh).toContain('（共 7 个系列匹配，只显示前 2 个）');
    expect(zh).toBe(renderTurnReply(withRenderedTexts(results(outcome, 'zh'))));
  });

  it('gets its text for any reply writer, and a text an activity rendered is kept', () => {
    const outcome = { module: 'campaign', action: 'get_campaign_status', status: 'succeeded' as const, result: { kind: 'campaign_status', ...status }, credits_charged: 1, credits_refunded: 0 };
    const rendered = withRenderedTexts(results(outcome, 'en')).outcomes[0]!.result as { text: string };
    expect(rendered.text).toBe(describeCampaignStatusResult(status, 'en'));
    const report = { ...outcome, action: 'get_reports', result: { kind: 'report', text: 'as the activity wrote it' } };
    expect(withRenderedTexts(results(report, 'zh')).outcomes[0]!.result).toEqual({ kind: 'report', text: 'as the activity wrote it' });
  });
});

describe('hint codes (data from workflows)', () => {
  it('are worded in the reply and given to the reply writer as details.hint', () => {
    const failed = {
      module: 'campaign',
      action: 'create_ab_test',
      status: 'failed' as const,
      error: { code: '1001', message: 'missing', details: { missing: 'budget', hint_code: 'ab_test_budget' } },
      credits_charged: 10,
      credits_refunded: 10,
    };
    expect(renderTurnReply(results(failed, 'zh'))).toContain(HINT.ab_test_budget.zh);
    expect(renderTurnReply(results(failed, 'en'))).toContain(HINT.ab_test_budget.en);
    expect(withRenderedTexts(results(failed, 'en')).outcomes[0]!.error!.details).toEqual({ missing: 'budget', hint_code: 'ab_test_budget', hint: HINT.ab_test_budget.en });
  });
});

describe('started A/B test and created campaign', () => {
  it('word the structured fields', () => {
    const started = {
      platform: 'meta' as const,
      name: 'A/B test · a vs b',
      split: { budgets: [100, 100], per_variant: 100 },
      currency: 'USD',
      duration_days: 7,
      start_date: '2024-03-15',
      end_date: '2024-03-22',
      status_url: '/api/v1/operations/op-1',
      landing_url: 'https://cdn/a.png',
      landing_url_defaulted: true,
    };
    expect(describeAbTestStarted(started, 'en').split('\n')).toEqual([
      'Started the A/B test "A/B test · a vs b" on Meta: 2 variants, 100.00 USD a day each, for 7 days (2024-03-15 to 2024-03-22).',
      'It analyses itself when it ends; ask me "How is the A/B test doing?" any time. Progress: /api/v1/operations/op-1',
      'The ads link to the first creative (https://cdn/a.png); add your product page URL to the message next time.',
    ]);
    expect(describeAbTestStarted({ ...started, landing_url_defaulted: false }, 'zh')).toBe(
      '已在 Meta 上启动 A/B 测试「A/B test · a vs b」：2 个变体，每个变体日预算 100.00 USD，测试 7 天（2024-03-15 至 2024-03-22）。\n结束后会自动分析结果；随时可以问我「A/B 测试结果怎么样了？」。进度：/api/v1/operations/op-1',
    );
    const created = { daily_budget: 80, currency: 'USD', adset_budget: 26.67, notes: [], adsets: 3, ads: 9, failed: 0, landing_url_defaulted: true };
    expect(describeCampaignCreated(created, 'zh')).toBe('广告系列创建成功：3 个广告组（每个日预算 26.67 USD，合计 80.00 USD），9 条广告。 未提供落地页，广告暂时链接到素材图片，请尽快更换为商品页面。');
    expect(describeCampaignCreated({ ...created, landing_url_defaulted: false }, 'en')).toBe('Campaign created: 3 ad sets (26.67 USD a day each, 80.00 USD in all), 9 ads.');
  });
});

describe('language branches', () => {
  it("no `=== 'zh'` outside the replies module, the offline model and the Gemini prompts", () => {
    const root = join(import.meta.dirname, '../../src');
    const allowed = ['domain/replies/', 'integrations/model/offline/', 'integrations/model/gemini/prompts.ts'];
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
      });
    const offending = files(root)
      .map((path) => relative(root, path).replaceAll('\\', '/'))
      .filter((path) => !allowed.some((a) => path.startsWith(a)))
      .filter((path) => readFileSync(join(root, path), 'utf8').includes("=== 'zh'"));
    expect(offending).toEqual([]);
  });
});
