/**
 * Free-text values for the offline intent model: campaign / ad set names, competitor names,
 * product, style, rule text and targets (ROAS, CPA). They read the case-preserving normalised
 * message (see text.ts), since names keep the user's spelling.
 */
import type { StepParameters } from '../../../domain/chat/intent.js';
import { asciiLower } from './text.js';

const QUOTED =
  /"([^"]{1,60})"|“([^”]{1,60})”|「([^」]{1,60})」|『([^』]{1,60})』|《([^》]{1,60})》|‘([^’]{1,60})’|(?<![A-Za-z])'([^']{1,60})'(?![A-Za-z])/g;

/** Strings the user put in quotes ("Summer Sale", 「春季促销」, 《双十一》). */
function extractQuoted(text: string): string[] {
  return [...text.matchAll(QUOTED)]
    .map((m) => m.slice(1).find((g) => g !== undefined)?.trim() ?? '')
    .filter((s) => s.length > 0);
}

const NOT_A_NAME =
  /^(?:pause|paused|resume|delete|stop|start|the|my|our|all|this|that|these|those|show|what|is|how|double|increase|cut|new|a|an|please|can|could|you|check|i|enable|restart|remove|turn|off|on|of|for|set|raise|reduce|lower|halve|budget|status|was|each|every|which|best|worst|top|meta|facebook|tiktok|google|instagram|youtube|fb|ig|ad|ads|give|add|boost|get|kill|archive|and|or|to|in|with|running|active|current|existing|it|your|their|its)$/i;
const NOT_A_ZH_NAME = /所有|全部|这|那|表现|效果|最|的|广告|亏|预算|一下|已|暂停|哪/;
const ZH_VERBS = /^(?:请|帮我|麻烦|把|将|给|对|暂停|恢复|删除|删掉|启用|停止|停掉|关闭|关掉|开启|打开|重新|重启|查看|查询|检查|看看|看下|看一下|查|加|提高|降低|减少)+/;

function cleanLatinName(raw: string): string | undefined {
  const words = raw.trim().split(/\s+/);
  while (words.length && NOT_A_NAME.test(words[0] ?? '')) words.shift();
  while (words.length && NOT_A_NAME.test(words[words.length - 1] ?? '')) words.pop();
  const name = words.join(' ');
  return name.length > 0 ? name : undefined;
}

const LATIN_NAME = String.raw`[A-Za-z0-9][\w&'-]*(?:\s+[A-Z0-9][\w&'-]*){0,4}`;
const LATIN_PATTERNS = [
  new RegExp(String.raw`\b(?:campaign|ad ?set|ad group|adgroup)s?\s+(?:called\s+|named\s+)?([A-Z0-9][\w&'-]*(?:\s+[A-Z0-9][\w&'-]*){0,4})`, 'g'),
  /((?:[A-Z0-9][\w&'-]*\s+){1,4}(?:(?:and|&|,)\s+(?:[A-Z0-9][\w&'-]*\s+){1,4}){0,3})(?:campaigns?|ad ?sets?|ad groups?)\b/g,
  new RegExp(String.raw`(?:广告系列|系列|广告组|广告计划)(?:叫|名为|名叫)?\s*(${LATIN_NAME})`, 'g'),
  new RegExp(String.raw`(${LATIN_NAME})\s*(?:这个|那个)?(?:广告系列|系列|广告组)`, 'g'),
  /\b(?:called|named)\s+([A-Za-z0-9][\w&'-]*(?:\s+[A-Z0-9][\w&'-]*){0,4})/g,
];
const ZH_PATTERNS = [/(?:名为|叫做|名叫|名字是|名称是|叫)([^\s,。;!?的]{1,20})/g, /([\u4e00-\u9fff]{2,10}?)(?:这个|那个)?(?:广告系列|系列|广告组)/g];

function zhName(raw: string): string | undefined {
  const name = raw.replace(ZH_VERBS, '');
  return name.length >= 2 && !NOT_A_ZH_NAME.test(name) ? name : undefined;
}

/**
 * Campaign or ad set names the message targets: quoted names, then Latin names next to a level
 * word ("campaign Summer Sale", "the Summer Sale campaign", "广告系列 Summer Sale") and Chinese
 * names before 系列/广告组 ("春季促销系列").
 */
export function extractTargets(text: string): string[] | undefined {
  const quoted = extractQuoted(text);
  if (quoted.length) return quoted;
  const latin = LATIN_PATTERNS.flatMap((re) =>
    [...text.matchAll(re)].flatMap((m) => (m[1] ?? '').split(/\s*(?:,|&|\band\b)\s*/).map(cleanLatinName)),
  );
  const zh = ZH_PATTERNS.flatMap((re) => [...text.matchAll(re)].map((m) => zhName(m[1] ?? '')));
  const names = [...new Set([...latin, ...zh].filter((n): n is string => n !== undefined))];
  return names.length ? names : undefined;
}

/** The name for a new campaign: quoted, or after "called/named/名为/叫". */
export function extractCampaignName(text: string): string | undefined {
  const quoted = extractQuoted(text)[0];
  if (quoted) return quoted;
  const m = /\b(?:called|named)\s+([^,.;!?]+?)(?=\s+(?:on|in|at|with|for|targeting|and)\b|[,.;!?]|$)|(?:名为|名叫|叫做|命名为|名字叫|叫)([^\s,。;!?的]{1,20})/.exec(text);
  return m ? (m[1] ?? m[2])?.trim() : undefined;
}

const COMPETITOR_STOP = /^(?:the|my|our|their|ads?|ad|campaigns?|meta|facebook|tiktok|google|instagram|youtube|strategy|analysis|and|in|on|a|an|us|me|what|how|its|also|then|please|one|ones|广告|策略|情况|一下|动态|打法|都|们|有哪些|投放|最近|怎么样|在投什么|的)$/i;
const COMPETITOR_SPLIT = /\s*(?:,|、|和|与|跟|及|\band\b|&|\/|\bor\b)\s*/;
const COMPETITOR_PATTERNS = [
  /(?:竞品|竞争对手|对手|竞对|友商|competitors?|rivals?|competition)(?:\s*(?:是|有|像|如|比如|例如|:|like|such as|including|e\.g\.|namely))?\s*((?:(?!的|在|最近|广告|策略|表现|数据|怎么|情况)[\u4e00-\u9fffA-Za-z0-9.&'-]|\s*(?:,|、|和|与|跟|and|&)\s*)+)/gi,
  /(?:analy[sz]e|check out|look at|spy on|research|compare (?:us |me |my \w+ )?(?:with|to|against)|versus|vs\.?|对比|对标|和|跟)\s+((?:[A-Z][\w.&-]*)(?:\s*(?:,|、|和|and|&)\s*[A-Z][\w.&-]*)*)/g,
  /(?:分析|看看|看下|研究|调研|对比|对标)(?:一下)?\s*((?:[A-Za-z][\w.&-]*)(?:\s*(?:,|、|和|与|跟)\s*[A-Za-z][\w.&-]*)*)/g,
  /\b([A-Z][\w.&-]*)'s (?:ads|campaigns?|marketing|strategy|creatives?)\b/g,
  /\b([A-Z][\w.&-]*)\s+(?:vs\.?|versus)\s+([A-Z][\w.&-]*)/g,
];

/** Competitor names or URLs a message names ("竞品 Anker 和 Sony", "competitors like Nike"). */
export function extractCompetitors(text: string): string[] | undefined {
  const urls = text.match(/https?:\/\/[^\s,，。]+/g) ?? [];
  const names = COMPETITOR_PATTERNS.flatMap((re) =>
    [...text.matchAll(re)].flatMap((m) => m.slice(1).flatMap((g) => (g ?? '').split(COMPETITOR_SPLIT))),
  )
    .map((n) => n.trim().replace(/'s$/, ''))
    .filter((n) => n.length >= 2 && !COMPETITOR_STOP.test(n) && !/^\d/.test(n));
  const all = [...new Set([...extractQuoted(text), ...names, ...urls])];
  return all.length ? all : undefined;
}

const PRODUCT_STOP =
  /^(?:me|us|it|them|this|that|these|those|you|meta|facebook|tiktok|google|instagram|youtube|today|yesterday|tomorrow|campaigns?|ads?|ad sets?|images?|creatives?|budget|performance|results|reports?|my account|the account|all|now|launch|\d.*|刚才|刚刚|之前|上面|这些|那些|这个|那个|所有|全部|表现|我们|我|你|它们?|他们|新|昨天|今天|最近|它|广告|素材|图片|图|一下|一些|几张|meta|全平台)$/i;
/** Fragments no product name contains (verbs, budgets, pronouns, placements). */
const PRODUCT_REJECT = /风格|风$|感$|预算|在.{0,10}上|开一|它|用|帮|请|创建|投放|把|刚才|表现|数据|效果|所有|全部|哪|吗|\b(?:budget|campaigns?|ads|them|it)\b/i;
const ZH_PREFIX =
  /^(?:请|帮我|帮忙|麻烦|给我|我想|我要|想要|能不能|可以|用|生成|制作|设计|做|画|创建|搭建|来|出|写|分析|看看|一下|为|给|一个|一些|几张|一套|一款|个|张|款|套|\d+\s*(?:张|个|款|套|份|组|版|幅))+/;
const ZH_PRODUCT_PATTERNS = [
  /(?:产品|商品|品名|卖的|推广的|主推|推的)(?:是|为|叫|:)\s*([^,。;!?]+)/,
  /(?:为|给)(?:我们的|我的|我们|这款|这个)?([^,。;!?给为]{2,20}?)(?:生成|做|制作|设计|创建|写|出|搭建|建|画|投放|推广|开)/,
  /(?:关于|有关)([^,。的]{2,15})的/,
  /(?:推广|宣传|卖|介绍|投放)(?:我们的|我的|我们|一下|一款|下|新款)?([^,。;!?的]{2,15}?)(?:的|$|[,。;!?]|到|在)/,
  /([^,。;!?\s的]{2,15}?)的(?:广告图片|广告图|产品图|宣传图|主图|图片|海报|素材|落地页|着陆页|广告|营销方案|推广方案|投放策略|策略|竞品|趋势|市场)/,
  /(?:的|个|款|张|套)([^,。;!?\s的个张款套]{2,10}?)(?:落地页|着陆页|产品页|广告图片|广告图|宣传图|海报|素材|图片|banner)/,
];
const EN_PRODUCT_PATTERNS = [
  /\b(?:product|item)\s+(?:is|:|=|called|named)\s*([^,.;!?]+)/i,
  /\b(?:for|of|featuring|promoting|promote|advertising|advertise|about|showcasing|selling|sell|launch of|launching)\s+(?:(?:the|our|my|a|an|this|these|some|your)\s+)*([^,.;!?]+?)(?=\s+(?:on|in|at|with|using|for|to|targeting|and|then|via|across|that|which|from|by|under|aimed|budget|daily|starting|next|this|last)\b|[,.;!?]|$)/i,
];

function cleanProduct(raw: string | undefined): string | undefined {
  const p = (raw ?? '').replace(ZH_PREFIX, '').replace(/^的/, '').trim();
  if (p.length < 2 || p.length > 60 || PRODUCT_STOP.test(p) || PRODUCT_REJECT.test(p)) return undefined;
  return /^(?:ad|ads|campaign|meta|facebook|tiktok|google)\b/i.test(p) ? undefined : p;
}

/** The product or subject a message is about ("产品是无线降噪耳机", "for the new sneakers"). */
export function extractProduct(text: string): string | undefined {
  for (const re of [...ZH_PRODUCT_PATTERNS, ...EN_PRODUCT_PATTERNS]) {
    const p = cleanProduct(re.exec(text)?.[1]);
    if (p) return p;
  }
  return undefined;
}

const ZH_STYLES = /简约|极简|科技感|复古|可爱|高端|奢华|卡通|写实|清新|时尚|大气|温馨|商务|国潮|中国风|赛博朋克|扁平|手绘|炫酷|活泼|明亮|暗黑|小清新|ins风|日系|韩系|欧美风|质感/;
const EN_STYLES =
  /\b(?:minimal(?:ist)?|modern|vintage|retro|luxury|luxurious|playful|bold|clean|cartoon(?:ish)?|realistic|photorealistic|futuristic|elegant|colou?rful|dark|bright|flat|3d|cyberpunk|premium|cute|techy|sporty|neon|pastel|sleek|fun|professional)\b/;
const STYLE_LEAD = /^(?:用|要|做成|是|以|采用|带|有|一种|一个|一|个|的|偏|比较|更|点|走|来点|整体|要求|做|成)+/;

/** The visual style asked for ("科技感风格" 科技感, "minimalist style", "in a retro style"). */
export function extractStyle(text: string): string | undefined {
  const lower = asciiLower(text);
  const after = /风格(?:是|为|要|:|用|偏|走)\s*([^,。;!?\s]{1,10})/.exec(text)?.[1];
  const before = /([\u4e00-\u9fffA-Za-z]{1,4})(?:的)?(?:风格|风(?!险|格|向|控|口))/.exec(text)?.[1]?.replace(STYLE_LEAD, '');
  const en = /\bin (?:an? )?([a-z-]+(?: [a-z-]+)?) (?:style|look|aesthetic)\b|\b([a-z-]+) (?:style|look|aesthetic)\b|\bstyle[: ]+(?:is |should be |of )?([a-z-]+)/.exec(lower);
  const candidates = [ZH_STYLES.exec(text)?.[0], before, after, en?.[1] ?? en?.[2] ?? en?.[3], EN_STYLES.exec(lower)?.[0]];
  return candidates.find((c): c is string => c !== undefined && c.length > 0 && !/^(?:the|a|an|this|that|same|my|our|which|what)$/.test(c));
}

type Goal = NonNullable<StepParameters['strategy']>;
const GOALS: [RegExp, Goal][] = [
  [/(?:降低|减少|压低|控制|最小化|降)[^,。]{0,6}(?:cpa|成本|获客成本|转化成本)|\b(?:minimi[sz]e|lower|reduce|cut|cheaper)\b[^,.]{0,20}\b(?:cpa|costs?|cost per)\b|\bcpa\b/, 'minimize_cpa'],
  [/覆盖|触达|曝光|知名度|品牌认知|\breach\b|\bawareness\b|\bimpressions\b|\bvisibility\b/, 'maximize_reach'],
  [/roas|投产|回报|收益|收入|利润|转化|\breturn\b|\brevenue\b|\bprofit\w*|\bconversions?\b/, 'maximize_roas'],
];

/** The optimisation goal a message states (maximize_roas, minimize_cpa, maximize_reach). */
export function extractGoal(lower: string): Goal | undefined {
  return GOALS.find(([re]) => re.test(lower))?.[1];
}

/** A target ROAS (ratio, "ROAS 目标 3", "target ROAS of 2.5", "300% ROAS" 3). */
export function extractTargetRoas(lower: string): number | undefined {
  const m = /roas\s*(?:目标|target)?\s*(?:要|达到|到|为|是|of|at|>=|≥|>|above|at least|不低于|保持在|:|over)?\s*(\d+(?:\.\d+)?)(\s*%)?|(\d+(?:\.\d+)?)(\s*%|x)?\s*(?:的)?\s*roas/.exec(lower);
  if (!m) return undefined;
  const v = Number(m[1] ?? m[3]);
  const pct = (m[2] ?? m[4] ?? '').includes('%');
  const roas = pct ? v / 100 : v;
  return roas > 0 ? roas : undefined;
}

/** A target CPA in major units ("CPA 控制在 20 以内", "target CPA $20", "cpa under 15"). */
export function extractTargetCpa(lower: string): number | undefined {
  const m = /(?:cpa|获客成本|转化成本)\s*(?:目标|target)?\s*(?:控制在|不超过|低于|小于|below|under|of|at|<=|≤|<|:|为|到|是|要|around|about)?\s*(?:us\$|\$|¥|€|£)?\s*(\d+(?:\.\d+)?)/.exec(lower);
  const v = m ? Number(m[1]) : 0;
  return v > 0 ? v : undefined;
}
