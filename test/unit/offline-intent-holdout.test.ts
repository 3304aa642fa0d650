/**
 * Held-out style self-check of the offline intent model: a fresh batch of phrasings written after
 * the parser was finished and not used to tune it (earlier batches that revealed gaps were
 * retired once the parser was improved in general). Asserts module accuracy of at least 90% (the
 * modules of all steps, in order, must match) and lists the misses in the failure message.
 */
import { describe, expect, it } from 'vitest';
import { parseIntent } from '../../src/integrations/model/offline/intent-parser.js';

/** [message, expected modules of its steps joined by " > "]. */
const HOLDOUT: [string, string][] = [
  ['帮我出几版春节主题的广告图', 'creative'],
  ['给这款保温杯做 7 张白底产品图', 'creative'],
  ['能帮我画一张科技风的 banner 吗', 'creative'],
  ['create 10 carousel images for our new shoes', 'creative'],
  ["I'd like some eye-catching visuals for a Halloween promo", 'creative'],
  ['make two versions of a poster for the concert', 'creative'],
  ['帮我审核一下这几张素材', 'creative'],
  ['刚才生成的海报效果如何，能打多少分', 'creative'],
  ['rate the images you generated', 'creative'],
  ['can you evaluate this creative before I use it?', 'creative'],
  ['过去 7 天的花费和转化', 'reporting'],
  ['这个星期 Google 的点击率多少', 'reporting'],
  ['帮我查下广告账户今天的数据', 'reporting'],
  ['显示一下所有系列的 ROAS', 'reporting'],
  ['show me CTR by ad set for last week', 'reporting'],
  ['how many clicks did we get today?', 'reporting'],
  ['give me the weekly report', 'reporting'],
  ['what was the cost per conversion last month', 'reporting'],
  ['哪个素材的转化最好', 'reporting'],
  ['分析下各平台的表现，给我点建议', 'reporting'],
  ['帮我看看哪些广告组表现不好', 'reporting'],
  ['give me insights on my TikTok campaigns', 'reporting'],
  ['which platform gives me the best ROAS?', 'reporting'],
  ['今天的花费怎么比平时高这么多', 'reporting'],
  ['为什么昨天一个转化都没有', 'reporting'],
  ['my CTR suddenly dropped, please check', 'reporting'],
  ['what caused the spike in CPC yesterday?', 'reporting'],
  ['看看同行都怎么做广告的', 'market_intel'],
  ['分析竞争对手 Anker 和 Ugreen 的素材', 'market_intel'],
  ['what are competitors in the coffee space doing?', 'market_intel'],
  ['analyze rival brands on TikTok', 'market_intel'],
  ['现在大家都在买什么，给我看看趋势', 'market_intel'],
  ['what are the latest trends for home decor', 'market_intel'],
  ['show me popular products in the UK', 'market_intel'],
  ['我有个新的护肤品要上市，帮我出个投放方案', 'market_intel'],
  ['怎么在东南亚推广我们的游戏', 'market_intel'],
  ['give me a strategy to launch in Germany with $5000', 'market_intel'],
  ['how should we promote our webinar?', 'market_intel'],
  ['帮我建一个着陆页，推广瑜伽课', 'landing_page'],
  ['生成一个活动落地页，要简洁风格', 'landing_page'],
  ['I want a landing page for the Black Friday deal', 'landing_page'],
  ['make a product page for my handmade jewelry', 'landing_page'],
  ['落地页翻成日文', 'landing_page'],
  ['把刚才那个页面做成英文和法文两个版本', 'landing_page'],
  ['translate the page into German', 'landing_page'],
  ['落地页 AB 测一下哪个按钮颜色好', 'landing_page'],
  ['can we A/B test the landing page hero image?', 'landing_page'],
  ['帮我在 Facebook 上建一个广告系列，预算每天 60 美元', 'campaign'],
  ['开个谷歌广告推我们的网店', 'campaign'],
  ['用这些图在 TikTok 上投广告', 'campaign'],
  ['launch a campaign on Meta for the new hoodie', 'campaign'],
  ['Create a Google Ads campaign targeting France, 70 euros a day', 'campaign'],
  ['帮我优化下预算', 'campaign'],
  ['按 ROAS 重新分配预算', 'campaign'],
  ['optimize budget allocation across my campaigns', 'campaign'],
  ['给 ROAS 最高的系列加 30% 预算', 'campaign'],
  ['把预算降到 50 块', 'campaign'],
  ['increase the daily budget of the Spring Promo campaign to 300', 'campaign'],
  ['double spend on the best ad set', 'campaign'],
  ['把这几个广告组都暂停', 'campaign'],
  ['停掉所有亏钱的广告', 'campaign'],
  ['恢复所有被暂停的系列', 'campaign'],
  ['pause the ad set called Retargeting US', 'campaign'],
  ['delete all my old campaigns', 'campaign'],
  ['turn on the Black Friday ads again', 'campaign'],
  ['做个 AB 测试对比这两个文案', 'campaign'],
  ['set up a split test between two audiences on Meta', 'campaign'],
  ['AB 测试哪个版本胜出了', 'campaign'],
  ['what are the results of the headline test', 'campaign'],
  ['CTR 低于 0.5% 的广告自动暂停', 'campaign'],
  ['每隔 6 小时检查一次，CPA 超过 20 就降低预算', 'campaign'],
  ['when ROAS is above 3, raise the budget by 20%', 'campaign'],
  ['pause any ad set automatically if its CPA goes over $40', 'campaign'],
  ['广告系列 Summer Sale 是什么状态', 'campaign'],
  ['我的广告被拒了吗', 'campaign'],
  ['has the Holiday Promo been approved', 'campaign'],
  ['生成 3 张海报并用它们开个 Meta 广告', 'creative > campaign'],
  ['做个落地页再开个谷歌广告系列', 'landing_page > campaign'],
  ['分析一下表现，然后暂停最差的广告组', 'reporting > campaign'],
  ['check my competitors and then build me a strategy', 'market_intel > market_intel'],
];

function modulesOf(message: string): string {
  return parseIntent(message, { now: new Date('2026-11-05T10:00:00Z') }).steps.map((s) => s.module).join(' > ');
}

describe('offline intent model: held-out phrasings', () => {
  it('reaches at least 90% module accuracy', () => {
    const misses = HOLDOUT.flatMap(([message, expected]) => {
      const got = modulesOf(message);
      return got === expected ? [] : [`${message}: expected ${expected}, got ${got || '(none)'}`];
    });
    const accuracy = 1 - misses.length / HOLDOUT.length;
    expect(accuracy, `accuracy ${accuracy.toFixed(3)}, misses:\n${misses.join('\n')}`).toBeGreaterThanOrEqual(0.9);
  });
});
