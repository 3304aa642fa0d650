/**
 * The offline intent model (src/integrations/model/offline): action table in Chinese and English, parameter
 * extraction, multi-step ordering, chit-chat and clarification (seed 000 需求 2 and 3).
 */
import { describe, expect, it } from 'vitest';
import { parseIntent } from '../../src/integrations/model/offline/intent-parser.js';
import { parseChineseNumeral } from '../../src/integrations/model/offline/numbers.js';

const NOW = new Date('2026-11-05T10:00:00Z');
const parse = (m: string) => parseIntent(m, { now: NOW });
const actions = (m: string) => parse(m).steps.map((s) => `${s.module}.${s.action}`);
const first = (m: string) => {
  const step = parse(m).steps[0];
  if (!step) throw new Error(`no step for ${m}`);
  return step;
};

/** [message, expected "module.action" steps joined by " > "]. */
const TABLE: [string, string][] = [
  // creative.generate_creative
  ['帮我生成 10 张广告图片', 'creative.generate_creative'],
  ['帮我生成 3 张广告图片，产品是无线降噪耳机', 'creative.generate_creative'],
  ['Generate 40 ad images for the new sneakers', 'creative.generate_creative'],
  ['做几张海报', 'creative.generate_creative'],
  ['请帮我设计一个 banner', 'creative.generate_creative'],
  ['麻烦出三张科技感的素材', 'creative.generate_creative'],
  ['能不能给我们的咖啡机画几张广告图', 'creative.generate_creative'],
  ['来十张抖音用的竖版图片', 'creative.generate_creative'],
  ['我想要一些新的广告素材', 'creative.generate_creative'],
  ['make me 5 banners for black friday', 'creative.generate_creative'],
  ['Can you design some visuals for our summer collection?', 'creative.generate_creative'],
  ["I'd like a few new creatives for TikTok", 'creative.generate_creative'],
  ['please create 2 ad images in a minimalist style', 'creative.generate_creative'],
  ['need some fresh ad creatives for the yoga mats', 'creative.generate_creative'],
  ['写几条广告文案', 'creative.generate_creative'],
  // creative.analyze_creative
  ['帮我评估一下这张图', 'creative.analyze_creative'],
  ['分析这张图', 'creative.analyze_creative'],
  ['评估素材质量', 'creative.analyze_creative'],
  ['刚才那些图片质量怎么样', 'creative.analyze_creative'],
  ['给这几张海报打个分', 'creative.analyze_creative'],
  ['Rate this image for me', 'creative.analyze_creative'],
  ['score the creatives you just made', 'creative.analyze_creative'],
  ['Can you review my banner and tell me if it is good enough?', 'creative.analyze_creative'],
  ['evaluate these images', 'creative.analyze_creative'],
  ['how good is this creative?', 'creative.analyze_creative'],
  // reporting.get_reports
  ['查看报表', 'reporting.get_reports'],
  ['看看最近7天的广告表现', 'reporting.get_reports'],
  ['Show me yesterday\'s spend and ROAS on Meta', 'reporting.get_reports'],
  ['昨天的消耗是多少', 'reporting.get_reports'],
  ['帮我看下 Meta 的 ROAS', 'reporting.get_reports'],
  ['拉一下上周的数据', 'reporting.get_reports'],
  ['今天花了多少钱', 'reporting.get_reports'],
  ['给我看看这个月的点击率和转化', 'reporting.get_reports'],
  ['How much did I spend last week?', 'reporting.get_reports'],
  ['pull the report for the last 30 days', 'reporting.get_reports'],
  ['what is my CTR today', 'reporting.get_reports'],
  ['show impressions and clicks for TikTok', 'reporting.get_reports'],
  ['How are my ads doing?', 'reporting.get_reports'],
  ['看一下广告数据', 'reporting.get_reports'],
  // reporting.analyze_performance
  ['分析一下广告表现', 'reporting.analyze_performance'],
  ['哪个广告组效果最好', 'reporting.analyze_performance'],
  ['帮我分析下最近一周的投放效果', 'reporting.analyze_performance'],
  ['哪些广告表现最差？', 'reporting.analyze_performance'],
  ['给点优化建议吧', 'reporting.analyze_performance'],
  ['Analyze my campaign performance', 'reporting.analyze_performance'],
  ['Which ad set is performing best?', 'reporting.analyze_performance'],
  ['give me some insights on last month', 'reporting.analyze_performance'],
  ['what should I do to improve my results?', 'reporting.analyze_performance'],
  ['which campaign has the worst ROAS', 'reporting.analyze_performance'],
  ['复盘一下上个月的投放', 'reporting.analyze_performance'],
  // reporting.detect_anomaly
  ['CTR 突然掉了好多，帮我查查', 'reporting.detect_anomaly'],
  ['为什么花费暴涨', 'reporting.detect_anomaly'],
  ['最近数据有点异常', 'reporting.detect_anomaly'],
  ['转化率怎么一下子下降了这么多', 'reporting.detect_anomaly'],
  ['CPA 为什么这么高', 'reporting.detect_anomaly'],
  ['what happened to my CPA', 'reporting.detect_anomaly'],
  ['My spend spiked yesterday, why?', 'reporting.detect_anomaly'],
  ['any anomalies in my campaigns this week?', 'reporting.detect_anomaly'],
  ['conversions suddenly dropped', 'reporting.detect_anomaly'],
  ['something looks weird with the CPM', 'reporting.detect_anomaly'],
  // market_intel.analyze_competitor
  ['分析竞品', 'market_intel.analyze_competitor'],
  ['看看竞争对手都在投什么广告', 'market_intel.analyze_competitor'],
  ['帮我研究一下对手 Anker 的广告', 'market_intel.analyze_competitor'],
  ['友商最近有什么动作', 'market_intel.analyze_competitor'],
  ['analyze my competitors', 'market_intel.analyze_competitor'],
  ['What are my rivals doing on TikTok?', 'market_intel.analyze_competitor'],
  ['competitor analysis for Nike and Adidas', 'market_intel.analyze_competitor'],
  ['how does my brand compare to the competition', 'market_intel.analyze_competitor'],
  // market_intel.get_trends
  ['最近有什么热门趋势', 'market_intel.get_trends'],
  ['美国市场现在流行什么', 'market_intel.get_trends'],
  ['看看耳机品类的趋势', 'market_intel.get_trends'],
  ["what's trending right now", 'market_intel.get_trends'],
  ['show me market trends for sneakers', 'market_intel.get_trends'],
  ['what products are popular on TikTok this month', 'market_intel.get_trends'],
  ['最近什么卖得好', 'market_intel.get_trends'],
  // market_intel.generate_strategy
  ['帮我制定一个投放策略', 'market_intel.generate_strategy'],
  ['给我一个新品上市的营销方案', 'market_intel.generate_strategy'],
  ['我想在美国推广耳机，应该怎么投放', 'market_intel.generate_strategy'],
  ['如何推广我的咖啡店', 'market_intel.generate_strategy'],
  ['How should I advertise my new app?', 'market_intel.generate_strategy'],
  ['Give me a launch plan for our smartwatch', 'market_intel.generate_strategy'],
  ['what is the best way to promote a skincare brand', 'market_intel.generate_strategy'],
  ['I need a marketing strategy for Black Friday', 'market_intel.generate_strategy'],
  // landing_page.create_landing_page
  ['创建落地页', 'landing_page.create_landing_page'],
  ['帮我做一个耳机的落地页', 'landing_page.create_landing_page'],
  ['搭建一个产品页', 'landing_page.create_landing_page'],
  ['给新款跑鞋设计个着陆页', 'landing_page.create_landing_page'],
  ['Build a landing page for my sneakers', 'landing_page.create_landing_page'],
  ['I need a product page for the new blender', 'landing_page.create_landing_page'],
  ['can you make me a landingpage', 'landing_page.create_landing_page'],
  // landing_page.translate_page
  ['把落地页翻译成英文', 'landing_page.translate_page'],
  ['翻译落地页到日语和韩语', 'landing_page.translate_page'],
  ['落地页要做多语言版本', 'landing_page.translate_page'],
  ['Translate the landing page to Spanish', 'landing_page.translate_page'],
  ['localize my page into French and German', 'landing_page.translate_page'],
  ['make a Japanese version of the landing page', 'landing_page.translate_page'],
  // landing_page.create_page_ab_test
  ['给落地页做个 AB 测试', 'landing_page.create_page_ab_test'],
  ['落地页 A/B 测试', 'landing_page.create_page_ab_test'],
  ['A/B test my landing page headline', 'landing_page.create_page_ab_test'],
  ['run a split test on the landing page', 'landing_page.create_page_ab_test'],
  // campaign.create_campaign
  ['创建广告', 'campaign.create_campaign'],
  ['用刚才的素材创建广告', 'campaign.create_campaign'],
  ['在 Meta 上开一个广告，日预算 100 美元', 'campaign.create_campaign'],
  ['帮我投放广告到 TikTok', 'campaign.create_campaign'],
  ['上线一个新的广告系列', 'campaign.create_campaign'],
  ['新建一个广告计划，预算 50 块', 'campaign.create_campaign'],
  ['Create a campaign on Facebook with a $50 daily budget', 'campaign.create_campaign'],
  ['launch a TikTok campaign targeting the US', 'campaign.create_campaign'],
  ['I want to run ads on Google for my bakery', 'campaign.create_campaign'],
  ['Set up a new campaign called "Spring Promo"', 'campaign.create_campaign'],
  ['start a new ad campaign for the sneakers', 'campaign.create_campaign'],
  // campaign.optimize_budget
  ['优化预算', 'campaign.optimize_budget'],
  ['帮我优化一下预算分配', 'campaign.optimize_budget'],
  ['重新分配各个广告组的预算', 'campaign.optimize_budget'],
  ['预算怎么分配比较好', 'campaign.optimize_budget'],
  ['optimize my budget', 'campaign.optimize_budget'],
  ['Reallocate budget to maximize ROAS', 'campaign.optimize_budget'],
  ['rebalance the budget across my ad sets', 'campaign.optimize_budget'],
  ['shift budget toward the better campaigns', 'campaign.optimize_budget'],
  // campaign.update_budget
  ['给表现最好的广告加 20% 预算', 'campaign.update_budget'],
  ['给表现最好的广告组加 20% 预算', 'campaign.update_budget'],
  ['把预算提高到 200', 'campaign.update_budget'],
  ['预算翻倍', 'campaign.update_budget'],
  ['把亏钱的广告组预算减半', 'campaign.update_budget'],
  ['Summer Sale 的预算减少 30%', 'campaign.update_budget'],
  ['给这个系列加 50 块预算', 'campaign.update_budget'],
  ['increase budget by 30%', 'campaign.update_budget'],
  ['double the budget of Summer Sale', 'campaign.update_budget'],
  ['cut the budget of the worst ad set in half', 'campaign.update_budget'],
  ['set the daily budget to $150', 'campaign.update_budget'],
  ['add $50 to the budget of my best campaign', 'campaign.update_budget'],
  ['scale up the top performing ad set', 'campaign.update_budget'],
  // campaign.manage_campaign
  ['暂停所有广告', 'campaign.manage_campaign'],
  ['恢复那个系列', 'campaign.manage_campaign'],
  ['删除广告系列 Summer Sale', 'campaign.manage_campaign'],
  ['把亏钱的广告都停掉', 'campaign.manage_campaign'],
  ['重新开启春季促销系列', 'campaign.manage_campaign'],
  ['关掉这两个广告组', 'campaign.manage_campaign'],
  ['pause all ads', 'campaign.manage_campaign'],
  ['Resume the Summer Sale campaign', 'campaign.manage_campaign'],
  ['delete campaign 12345', 'campaign.manage_campaign'],
  ['turn off the worst performing ads', 'campaign.manage_campaign'],
  ['please stop every campaign on TikTok', 'campaign.manage_campaign'],
  ['enable the paused ad sets again', 'campaign.manage_campaign'],
  // campaign.create_ab_test
  ['测试哪个素材更好', 'campaign.create_ab_test'],
  ['帮我做个 AB 测试', 'campaign.create_ab_test'],
  ['用这两张图做个对比测试', 'campaign.create_ab_test'],
  ['set up an A/B test for my ads', 'campaign.create_ab_test'],
  ['split test two headlines', 'campaign.create_ab_test'],
  ['test which creative works better', 'campaign.create_ab_test'],
  // campaign.analyze_ab_test
  ['AB 测试结果怎么样', 'campaign.analyze_ab_test'],
  ['看看测试结果', 'campaign.analyze_ab_test'],
  ['哪个版本赢了', 'campaign.analyze_ab_test'],
  ['show me the results of my A/B test', 'campaign.analyze_ab_test'],
  ['which variant won?', 'campaign.analyze_ab_test'],
  ['is the split test significant yet', 'campaign.analyze_ab_test'],
  // campaign.create_rule
  ['CPA 超过 50 就暂停', 'campaign.create_rule'],
  ['设置一个自动规则，每6小时检查一次', 'campaign.create_rule'],
  ['如果 ROAS 低于 1 就暂停广告组', 'campaign.create_rule'],
  ['花费超过 500 的时候提醒我', 'campaign.create_rule'],
  ['if ROAS drops below 1 pause the ad set', 'campaign.create_rule'],
  ['Automatically pause any ad when CPA goes above $30', 'campaign.create_rule'],
  ['create a rule to increase budget by 10% when ROAS is over 3', 'campaign.create_rule'],
  ['alert me when spend exceeds $1000 a day', 'campaign.create_rule'],
  // campaign.get_campaign_status
  ['广告系列状态', 'campaign.get_campaign_status'],
  ['我的广告审核通过了吗', 'campaign.get_campaign_status'],
  ['Summer Sale 系列现在在跑吗', 'campaign.get_campaign_status'],
  ['刚才那个广告上线了吗', 'campaign.get_campaign_status'],
  ['is my campaign running?', 'campaign.get_campaign_status'],
  ['What is the status of campaign Summer Sale?', 'campaign.get_campaign_status'],
  ['has my ad been approved yet', 'campaign.get_campaign_status'],
  // multi-step
  ['生成素材并创建广告', 'creative.generate_creative > campaign.create_campaign'],
  ['分析表现并优化预算', 'reporting.analyze_performance > campaign.optimize_budget'],
  ['先做 3 张图，然后用它们在 Meta 上开一个日预算 80 的广告', 'creative.generate_creative > campaign.create_campaign'],
  ['generate 3 images and launch a Meta campaign with them at $100/day', 'creative.generate_creative > campaign.create_campaign'],
  ['先做一个落地页，再投放广告', 'landing_page.create_landing_page > campaign.create_campaign'],
  ['build a landing page and then create a campaign pointing to it', 'landing_page.create_landing_page > campaign.create_campaign'],
  ['分析一下竞品，然后给我一个投放策略', 'market_intel.analyze_competitor > market_intel.generate_strategy'],
  ['暂停表现最差的广告组，然后给最好的加 30% 预算', 'campaign.manage_campaign > campaign.update_budget'],
  ['用新素材开个广告，素材先帮我生成 4 张', 'creative.generate_creative > campaign.create_campaign'],
  ['Analyze performance, then reallocate the budget', 'reporting.analyze_performance > campaign.optimize_budget'],
  ['make 2 banners, and also a landing page for them', 'creative.generate_creative > landing_page.create_landing_page'],
];

describe('offline intent model: action table', () => {
  it('has a broad table', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(150);
  });
  it.each(TABLE)('%s → %s', (message, expected) => {
    expect(actions(message).join(' > ')).toBe(expected);
  });
});

describe('offline intent model: seed phrasings', () => {
  it('reads counts of images', () => {
    expect(first('帮我生成 10 张广告图片').parameters.count).toBe(10);
    expect(first('Generate 40 ad images for the new sneakers').parameters.count).toBe(40);
  });
  it('reads the product', () => {
    expect(first('帮我生成 3 张广告图片，产品是无线降噪耳机').parameters).toMatchObject({ count: 3, product: '无线降噪耳机' });
    expect(first('Generate 40 ad images for the new sneakers').parameters.product).toMatch(/sneakers$/);
  });
  it('reads report ranges, platforms and metrics', () => {
    expect(first('看看最近7天的广告表现').parameters.date_range).toEqual({ preset: 'last_7_days' });
    const p = first("Show me yesterday's spend and ROAS on Meta").parameters;
    expect(p.date_range).toEqual({ preset: 'yesterday' });
    expect(p.platforms).toEqual(['meta']);
    expect(p.metrics).toEqual(expect.arrayContaining(['spend', 'roas']));
    expect(first('CTR 突然掉了好多，帮我查查').parameters.metrics).toEqual(['ctr']);
  });
  it('reads pause-all and budget changes of selected objects', () => {
    expect(first('暂停所有广告').parameters).toMatchObject({ operation: 'pause', scope: 'all' });
    expect(first('给表现最好的广告加 20% 预算').parameters).toMatchObject({
      selector: 'best_performing',
      budget_change: { kind: 'percent', value: 20 },
    });
    expect(first('给表现最好的广告组加 20% 预算').parameters).toMatchObject({
      level: 'adset',
      selector: 'best_performing',
      budget_change: { kind: 'percent', value: 20 },
    });
  });
  it('reads references to earlier creatives', () => {
    expect(first('用刚才的素材创建广告').parameters.references).toEqual(['creative']);
  });
  it('plans creative before campaign with the count, platform and budget', () => {
    const steps = parse('先做 3 张图，然后用它们在 Meta 上开一个日预算 80 的广告').steps;
    expect(steps.map((s) => s.action)).toEqual(['generate_creative', 'create_campaign']);
    expect(steps[0]?.parameters.count).toBe(3);
    expect(steps[1]?.parameters.platforms).toEqual(['meta']);
    expect(steps[1]?.parameters.budget?.amount).toBe(80);
  });
});

describe('offline intent model: money and budget changes', () => {
  const budgetOf = (m: string) => first(m).parameters.budget;
  const changeOf = (m: string) => first(m).parameters.budget_change;
  it.each([
    ['launch a Meta campaign with $100/day', 100, 'USD'],
    ['在 TikTok 开个广告，日预算 100 美元', 100, 'USD'],
    ['在抖音开个广告，每天 80 块', 80, 'CNY'],
    ['新建广告系列，预算 ¥80', 80, 'CNY'],
    ['新建广告系列，预算 80 元', 80, 'CNY'],
    ['create a Google campaign with USD 50 per day', 50, 'USD'],
    ['create a campaign with a daily budget of 1.5k', 1500, 'USD'],
    ['开一个广告，预算一万元', 10000, 'CNY'],
    ['start a new campaign, budget 1,200 dollars', 1200, 'USD'],
  ])('%s → %d %s', (message, amount, currency) => {
    expect(budgetOf(message)).toEqual({ amount, currency });
  });
  it.each([
    ['给表现最好的广告组加百分之二十预算', { kind: 'percent', value: 20 }],
    ['把预算加两成', { kind: 'percent', value: 20 }],
    ['Summer Sale 的预算减少 30%', { kind: 'percent', value: -30 }],
    ['cut the budget of the worst ad set by 25%', { kind: 'percent', value: -25 }],
    ['increase budget by 30%', { kind: 'percent', value: 30 }],
    ['预算翻倍', { kind: 'multiplier', value: 2 }],
    ['double the budget of Summer Sale', { kind: 'multiplier', value: 2 }],
    ['把亏钱的广告组预算减半', { kind: 'multiplier', value: 0.5 }],
    ['halve the budget on TikTok', { kind: 'multiplier', value: 0.5 }],
    ['把预算提高到 200', { kind: 'absolute', value: 200 }],
    ['set the daily budget to $150', { kind: 'absolute', value: 150, currency: 'USD' }],
    ['预算提高到一千块', { kind: 'absolute', value: 1000, currency: 'CNY' }],
    ['给这个系列加 50 块预算', { kind: 'delta', value: 50, currency: 'CNY' }],
    ['add $50 to the budget of my best campaign', { kind: 'delta', value: 50, currency: 'USD' }],
    ['reduce the budget by $30', { kind: 'delta', value: -30, currency: 'USD' }],
  ])('%s', (message, change) => {
    expect(changeOf(message)).toEqual(change);
  });
});

describe('offline intent model: entities', () => {
  it('maps platform names', () => {
    expect(first('在脸书和抖音上投放广告').parameters.platforms).toEqual(['meta', 'tiktok']);
    expect(first('launch ads on IG, TT and YouTube').parameters.platforms).toEqual(['meta', 'tiktok', 'google']);
    expect(first('在谷歌开个广告系列').parameters.platforms).toEqual(['google']);
  });
  it('maps countries to ISO codes', () => {
    expect(first('在美国和日本投放 TikTok 广告').parameters.countries).toEqual(['US', 'JP']);
    expect(first('launch a Google campaign in the UK and Germany').parameters.countries).toEqual(['GB', 'DE']);
    expect(first('create a campaign targeting the US and Canada').parameters.countries).toEqual(['US', 'CA']);
  });
  it('maps languages for translation without reading them as countries', () => {
    const p = first('把落地页翻译成日语和西班牙语').parameters;
    expect(p.languages).toEqual(['ja', 'es']);
    expect(p.countries).toBeUndefined();
    expect(first('translate the landing page into French and German').parameters.languages).toEqual(['fr', 'de']);
  });
  it.each([
    ['今天的花费', { preset: 'today' }],
    ['昨天的消耗', { preset: 'yesterday' }],
    ['过去一周的展示和点击', { preset: 'last_7_days' }],
    ['show me last week\'s clicks', { preset: 'last_7_days' }],
    ['上个月的报表', { preset: 'last_30_days' }],
    ['report for the last 30 days', { preset: 'last_30_days' }],
    ['看看 10月1日到10月15日的花费', { preset: 'custom', start: '2026-10-01', end: '2026-10-15' }],
    ['show me spend from 2026-10-01 to 2026-10-15', { preset: 'custom', start: '2026-10-01', end: '2026-10-15' }],
    ['spend from Oct 3 to Oct 9', { preset: 'custom', start: '2026-10-03', end: '2026-10-09' }],
    ['最近14天的数据', { preset: 'custom', start: '2026-10-22', end: '2026-11-04' }],
  ])('%s → date range', (message, range) => {
    expect(first(message).parameters.date_range).toEqual(range);
  });
  it('reads metrics in order of mention', () => {
    expect(first('最近30天的转化成本').parameters.metrics).toEqual(['cpa']);
    expect(first('给我看看点击率、千次展示成本和收入').parameters.metrics).toEqual(['ctr', 'cpm', 'revenue']);
    expect(first('show CPC, impressions and conversions').parameters.metrics).toEqual(['cpc', 'impressions', 'conversions']);
  });
  it('reads targets, scope and level', () => {
    expect(first('删除广告系列 Summer Sale').parameters).toMatchObject({
      operation: 'delete', targets: ['Summer Sale'], scope: 'one', level: 'campaign',
    });
    expect(first('暂停「春季促销」').parameters.targets).toEqual(['春季促销']);
    expect(first('pause the Summer Sale and Winter Deals campaigns').parameters).toMatchObject({
      targets: ['Summer Sale', 'Winter Deals'], scope: 'several',
    });
    expect(first('Resume the "Back to School" campaign').parameters).toMatchObject({ operation: 'start', targets: ['Back to School'] });
    expect(first('关掉这两个广告组').parameters).toMatchObject({ operation: 'pause', scope: 'several', level: 'adset' });
    expect(first('pause this ad').parameters.level).toBe('ad');
  });
  it('reads selectors', () => {
    expect(first('把亏钱的广告都停掉').parameters.selector).toBe('losing_money');
    expect(first('turn off the worst performing ads').parameters.selector).toBe('worst_performing');
    expect(first('scale up the top performing ad set').parameters.selector).toBe('best_performing');
  });
  it('reads references to earlier results', () => {
    expect(first('用那些图在抖音开个广告').parameters.references).toEqual(['creative']);
    expect(first('launch a campaign with the images you just made').parameters.references).toEqual(['creative']);
    expect(first('刚才那个广告系列审核通过了吗').parameters.references).toEqual(['campaign']);
    expect(first('is the campaign I created running?').parameters.references).toEqual(['campaign']);
    expect(first('把刚才的落地页翻译成英文').parameters.references).toEqual(['landing_page']);
  });
  it('reads competitors, styles, URLs, rules and goals', () => {
    expect(first('分析竞品 Anker 和 Sony').parameters.competitors).toEqual(['Anker', 'Sony']);
    expect(first('analyze competitors like Nike and Adidas').parameters.competitors).toEqual(['Nike', 'Adidas']);
    expect(first('帮我做一个科技感风格的耳机落地页').parameters).toMatchObject({ style: '科技感', product: '耳机' });
    expect(first('generate 3 retro style posters for our coffee').parameters).toMatchObject({ style: 'retro', product: 'coffee' });
    expect(first('创建落地页 https://shop.example.com/item?id=1').parameters.url).toBe('https://shop.example.com/item?id=1');
    expect(first('CPA 超过 50 就暂停').parameters.rule).toBe('CPA超过50就暂停');
    expect(first('优化预算，目标 ROAS 3').parameters).toMatchObject({ strategy: 'maximize_roas', target_roas: 3 });
    expect(first('optimize budget to minimize CPA, target CPA $20').parameters).toMatchObject({ strategy: 'minimize_cpa', target_cpa: 20 });
    expect(first('Set up a new campaign called "Spring Promo"').parameters.campaign_name).toBe('Spring Promo');
  });
  it('parses Chinese numerals', () => {
    expect([parseChineseNumeral('三'), parseChineseNumeral('十'), parseChineseNumeral('十二'), parseChineseNumeral('两百')]).toEqual([3, 10, 12, 200]);
    expect([parseChineseNumeral('一百二'), parseChineseNumeral('三千五'), parseChineseNumeral('一百零五'), parseChineseNumeral('二零二六')]).toEqual([120, 3500, 105, 2026]);
    expect(parseChineseNumeral('abc')).toBeUndefined();
    expect(first('来十张图').parameters.count).toBe(10);
    expect(first('make a dozen banners').parameters.count).toBe(12);
    expect(first('design five visuals').parameters.count).toBe(5);
  });
});

describe('offline intent model: plans, languages and confidence', () => {
  it('keeps one request with two synonymous verbs as one step', () => {
    expect(actions('帮我生成并设计 3 张海报')).toEqual(['creative.generate_creative']);
    expect(actions('pause and stop the Summer Sale campaign')).toEqual(['campaign.manage_campaign']);
  });
  it('orders producers before consumers whatever the wording order', () => {
    expect(actions('用新素材开个广告，素材先帮我生成 4 张')).toEqual(['creative.generate_creative', 'campaign.create_campaign']);
  });
  it('does not reference results the same message produces', () => {
    const steps = parse('生成 3 张图片，然后用这些图片创建广告').steps;
    expect(steps[1]?.parameters.references).toBeUndefined();
  });
  it('shares the product across steps', () => {
    const steps = parse('Generate 3 images for the new sneakers and launch a TikTok campaign').steps;
    expect(steps[1]?.parameters.product).toMatch(/sneakers/);
  });
  it('detects the language', () => {
    expect(parse('帮我看下 Meta 的 ROAS').language).toBe('zh');
    expect(parse('Show me the spend on 抖音').language).toBe('en');
    expect(parse('创建落地页 https://shop.example.com/a-very-long-path/with-words').language).toBe('zh');
  });
  it('is confident on clear keywords', () => {
    expect(parse('暂停所有广告').confidence).toBeGreaterThanOrEqual(0.85);
    expect(parse('Generate 40 ad images for the new sneakers').confidence).toBeGreaterThanOrEqual(0.85);
  });
  it('treats greetings, thanks and capability questions as chit-chat', () => {
    for (const m of ['你好', 'Hi there!', 'thanks a lot', '谢谢你', '你能做什么', 'What can you do?', '好的，谢谢']) {
      expect(parse(m)).toMatchObject({ steps: [], confidence: 0.9 });
      expect(parse(m).clarification).toBeUndefined();
    }
  });
  it('asks a question in the user language when the message is vague or empty', () => {
    for (const m of ['帮我弄一下', 'do the thing', 'help', '', '   ']) {
      const d = parse(m);
      expect(d.steps).toEqual([]);
      expect(d.confidence).toBeLessThan(0.6);
      expect(d.clarification).toBeTruthy();
    }
    expect(parse('帮我弄一下').clarification).toMatch(/[\u4e00-\u9fff]/);
    expect(parse('do the thing').clarification).toMatch(/^[\x20-\x7e]+$/);
  });
  it('is deterministic', () => {
    const m = '先做 3 张图，然后用它们在 Meta 上开一个日预算 80 的广告';
    expect(parse(m)).toEqual(parse(m));
  });
});
