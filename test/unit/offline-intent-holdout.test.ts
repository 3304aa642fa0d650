/**
 * Held-out style self-check of the offline intent model: phrasings written after the parser was
 * finished and not used to tune it. Asserts module accuracy of at least 90% (each expected step's
 * module, in order) and reports the misses.
 */
import { describe, expect, it } from 'vitest';
import { parseIntent } from '../../src/model/offline/intent-parser.js';

/** [message, expected modules of its steps joined by " > "]. */
const HOLDOUT: [string, string][] = [
  ['帮我生成一组母亲节的促销图', 'creative'],
  ['做 4 张 Facebook 广告素材，主题是户外露营', 'creative'],
  ['请给新出的香水设计几张海报，要高端一点', 'creative'],
  ['Can I get 6 creatives for a flash sale?', 'creative'],
  ['design an Instagram story ad image for my bakery', 'creative'],
  ['generate creatives for the summer dresses', 'creative'],
  ['帮我检查下这批素材有没有问题', 'creative'],
  ['这张广告图好不好', 'creative'],
  ['score my new banner', 'creative'],
  ['please critique the ad images from earlier', 'creative'],
  ['看一下今天的广告消耗', 'reporting'],
  ['上周 TikTok 的 CTR 和 CPC 分别是多少', 'reporting'],
  ['我的广告这个月花了多少钱', 'reporting'],
  ['Meta 广告昨天有多少转化', 'reporting'],
  ['get me the impressions for this week', 'reporting'],
  ['How much have we spent on Google so far this month?', 'reporting'],
  ['what did my campaigns do yesterday', 'reporting'],
  ['show me a report', 'reporting'],
  ['帮我诊断一下广告为什么效果一般', 'reporting'],
  ['最近投放效果怎么样，帮我分析分析', 'reporting'],
  ['哪个国家的 ROAS 最好', 'reporting'],
  ['analyze last month and tell me what to improve', 'reporting'],
  ['which ads should I cut based on performance?', 'reporting'],
  ['我的 CPA 昨天翻倍了，怎么回事', 'reporting'],
  ['展示量怎么突然没了', 'reporting'],
  ['spend jumped by 200% today, what is going on', 'reporting'],
  ['detect anomalies in my account', 'reporting'],
  ['我们的竞争对手都在 Google 上投什么关键词', 'market_intel'],
  ['帮我分析一下 Shein 的广告打法', 'market_intel'],
  ['look at what my competition is doing on Instagram', 'market_intel'],
  ['how do I stack up against my rivals', 'market_intel'],
  ['现在美妆行业有什么新趋势', 'market_intel'],
  ['TikTok 上最近流行什么视频风格', 'market_intel'],
  ['what is trending in fitness this week', 'market_intel'],
  ['帮我规划一下下个季度的广告投放', 'market_intel'],
  ['新店开业该怎么推广', 'market_intel'],
  ['I need a plan to launch my app in Brazil', 'market_intel'],
  ['suggest a strategy to grow sales of my candles on social media', 'market_intel'],
  ['帮我做一个双十一活动页', 'landing_page'],
  ['生成一个产品详情页，产品是空气炸锅', 'landing_page'],
  ['build me a simple web page to collect leads', 'landing_page'],
  ['create a landing page in English for our tea brand', 'landing_page'],
  ['这个落地页翻译成西班牙语和葡萄牙语', 'landing_page'],
  ['please localise the landing page for Japan', 'landing_page'],
  ['帮落地页做 A/B 测试，测试两个不同的标题', 'landing_page'],
  ['split-test the headline on my landing page', 'landing_page'],
  ['在 Google 上投放一个搜索广告，每天 40 美元', 'campaign'],
  ['帮我建一个 Meta 广告，目标是转化', 'campaign'],
  ['上线抖音广告，投放美国', 'campaign'],
  ['please create a new campaign for the spring collection on Instagram', 'campaign'],
  ['run a TikTok ad for my shop with a budget of 25 dollars a day', 'campaign'],
  ['预算怎么分更合理，帮我调一下', 'campaign'],
  ['optimise spend allocation between Meta and Google', 'campaign'],
  ['redistribute the budget to the best performing campaigns', 'campaign'],
  ['把表现最好的广告组预算翻倍', 'campaign'],
  ['给亏钱的系列减少 40% 预算', 'campaign'],
  ['把 Meta 的预算从 100 改成 150', 'campaign'],
  ['increase the budget for "Holiday Promo" by 10 percent', 'campaign'],
  ['cut spend on the worst ad group by half', 'campaign'],
  ['把所有 TikTok 广告暂停掉', 'campaign'],
  ['删掉那个测试用的广告系列', 'campaign'],
  ['把昨天停掉的广告重新打开', 'campaign'],
  ['pause the campaign called Spring Promo', 'campaign'],
  ['turn the Summer Sale campaign back on', 'campaign'],
  ['remove all paused ad sets', 'campaign'],
  ['用这两张图做一个素材测试', 'campaign'],
  ['I want to split test three headlines on Meta', 'campaign'],
  ['AB 测试有结果了吗', 'campaign'],
  ['which ad won the A/B test', 'campaign'],
  ['设置规则：CTR 低于 1% 时暂停广告', 'campaign'],
  ['如果某个广告组 CPA 超过 30 美元，自动关掉它', 'campaign'],
  ['create an automated rule that pauses ads when frequency exceeds 4', 'campaign'],
  ['notify me if my daily spend goes over $300', 'campaign'],
  ['广告审核怎么还没通过', 'campaign'],
  ['我的 Google 广告在投放中吗', 'campaign'],
  ['is the Holiday Promo campaign active?', 'campaign'],
  ['帮我生成 5 张图，再创建一个 Meta 广告系列', 'creative > campaign'],
  ['先做个落地页，然后做 3 张海报', 'landing_page > creative'],
  ['分析一下广告数据，然后优化预算分配', 'reporting > campaign'],
  ['look at competitor ads and then generate 4 images inspired by them', 'market_intel > creative'],
];

function modulesOf(message: string): string {
  return parseIntent(message, { now: new Date('2026-11-05T10:00:00Z') }).steps.map((s) => s.module).join(' > ');
}

describe('offline intent model: held-out phrasings', () => {
  it('reaches at least 90% module accuracy', () => {
    const misses = HOLDOUT.filter(([m, expected]) => modulesOf(m) !== expected).map(
      ([m, expected]) => `${m}: expected ${expected}, got ${modulesOf(m) || '(none)'}`,
    );
    const accuracy = 1 - misses.length / HOLDOUT.length;
    expect({ accuracy: Math.round(accuracy * 1000) / 1000, misses }).toSatisfy(
      (r: { accuracy: number }) => r.accuracy >= 0.9,
    );
    expect(misses.length, `misses:\n${misses.join('\n')}`).toBeLessThanOrEqual(Math.floor(HOLDOUT.length * 0.1));
  });
});
