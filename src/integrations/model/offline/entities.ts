/**
 * Entity extraction for the offline intent model: platforms, countries, languages, metrics,
 * selectors, scope, level, references to earlier results and URLs. Every function reads the
 * normalised message (see text.ts) and returns values in the contract's vocabulary (intent.ts).
 */
import type { Platform, StepParameters } from '../../../domain/chat/intent.js';

type Table<T> = readonly (readonly [RegExp, T])[];

/** Values of a table whose pattern occurs in `s`, ordered by first occurrence, without duplicates. */
export function findAll<T>(s: string, table: Table<T>): T[] {
  const hits = table.flatMap(([re, value]) => {
    const m = new RegExp(re.source, re.flags.replace('g', '')).exec(s);
    return m ? [{ value, index: m.index }] : [];
  });
  return [...new Set(hits.sort((a, b) => a.index - b.index).map((h) => h.value))];
}

const PLATFORMS: Table<Platform> = [
  [/\bmeta\b|face ?book|\bfb\b|insta ?gram|\binsta\b|\big\b|脸书|\bins\b|\bmessenger\b/, 'meta'],
  [/tik ?tok|抖音|\btt\b|\bpangle\b|巨量/, 'tiktok'],
  [/google|谷歌|you ?tube|油管|adwords|\bgdn\b|\bpmax\b/, 'google'],
];

/** Ad platforms named in a lower-cased message; "所有平台"/"all platforms" names all three. */
export function extractPlatforms(lower: string): Platform[] | undefined {
  if (/所有平台|全平台|全部平台|三个平台|\ball (?:the )?(?:three )?platforms\b|\bevery platform\b/.test(lower)) {
    return ['meta', 'tiktok', 'google'];
  }
  const found = findAll(lower, PLATFORMS);
  return found.length ? found : undefined;
}

const COUNTRIES: Table<string> = [
  [/美国|美区|\bunited states\b|\busa\b|\bamerica\b|\bu\.s\.(?:a\.)?/, 'US'],
  [/英国|\buk\b|\bunited kingdom\b|\bbritain\b|\bengland\b/, 'GB'],
  [/日本|\bjapan\b/, 'JP'],
  [/德国|\bgermany\b/, 'DE'],
  [/法国|\bfrance\b/, 'FR'],
  [/中国(?!风)|\bchina\b|大陆/, 'CN'],
  [/加拿大|\bcanada\b/, 'CA'],
  [/澳大利亚|澳洲|\baustralia\b/, 'AU'],
  [/韩国|\bsouth korea\b|\bkorea\b/, 'KR'],
  [/西班牙(?!语|文)|\bspain\b/, 'ES'],
  [/意大利(?!语|文)|\bitaly\b/, 'IT'],
  [/巴西|\bbrazil\b/, 'BR'],
  [/墨西哥|\bmexico\b/, 'MX'],
  [/印度(?!尼)|\bindia\b/, 'IN'],
  [/印尼|印度尼西亚|\bindonesia\b/, 'ID'],
  [/泰国|\bthailand\b/, 'TH'],
  [/越南|\bvietnam\b/, 'VN'],
  [/新加坡|\bsingapore\b/, 'SG'],
  [/马来西亚|\bmalaysia\b/, 'MY'],
  [/菲律宾|\bphilippines\b/, 'PH'],
  [/荷兰|\bnetherlands\b/, 'NL'],
  [/新西兰|\bnew zealand\b/, 'NZ'],
  [/俄罗斯|\brussia\b/, 'RU'],
  [/沙特|\bsaudi\b/, 'SA'],
  [/阿联酋|\buae\b/, 'AE'],
  [/台湾|\btaiwan\b/, 'TW'],
  [/香港|\bhong kong\b/, 'HK'],
];
const COUNTRY_CODES = /\b(US|USA|UK|GB|JP|DE|FR|CN|CA|AU|KR|ES|BR|MX|SG|NL|NZ)\b/g;

/**
 * Countries (ISO 3166-1 alpha-2) named in a message: Chinese and English names, and upper-case
 * codes as written ("US", "UK" is GB). "us" in lower case is the pronoun and is ignored.
 */
export function extractCountries(text: string, lower: string): string[] | undefined {
  const masked = lower.replace(/\bus\b/g, '  ');
  const named = COUNTRIES.flatMap(([re, code]) => {
    const m = re.exec(masked);
    return m ? [{ code, index: m.index }] : [];
  });
  const codes = [...text.matchAll(COUNTRY_CODES)].map((m) => {
    const c = m[1] ?? '';
    return { code: c === 'UK' ? 'GB' : c === 'USA' ? 'US' : c, index: m.index };
  });
  const all = [...new Set([...named, ...codes].sort((a, b) => a.index - b.index).map((h) => h.code))];
  return all.length ? all : undefined;
}

const LANGUAGES: Table<string> = [
  [/英文|英语|\benglish\b/, 'en'],
  [/日文|日语|\bjapanese\b/, 'ja'],
  [/西班牙语|西班牙文|西语|\bspanish\b/, 'es'],
  [/法语|法文|\bfrench\b/, 'fr'],
  [/德语|德文|\bgerman\b/, 'de'],
  [/韩语|韩文|\bkorean\b/, 'ko'],
  [/中文|汉语|简体|繁体|\bchinese\b|\bmandarin\b/, 'zh'],
  [/葡萄牙语|葡语|\bportuguese\b/, 'pt'],
  [/意大利语|意大利文|\bitalian\b/, 'it'],
  [/俄语|俄文|\brussian\b/, 'ru'],
  [/阿拉伯语|阿语|\barabic\b/, 'ar'],
  [/泰语|泰文|\bthai\b/, 'th'],
  [/越南语|越南文|\bvietnamese\b/, 'vi'],
  [/印尼语|\bindonesian\b/, 'id'],
  [/荷兰语|\bdutch\b/, 'nl'],
];

/** Languages (ISO 639-1) named in a lower-cased message ("日语" ja, "Spanish" es). */
export function extractLanguages(lower: string): string[] | undefined {
  const found = findAll(lower, LANGUAGES);
  return found.length ? found : undefined;
}

/** Metric patterns, most specific first: matched spans are masked so "点击率" is not also "点击". */
const METRICS: Table<string> = [
  [/点击率|\bctr\b|\bclick[- ]?through[- ]?rates?\b/, 'ctr'],
  [/单次转化成本|转化成本|获客成本|\bcpa\b|\bcost per (?:acquisition|conversion|result|purchase)\b/, 'cpa'],
  [/单次点击成本|点击成本|\bcpc\b|\bcost per click\b/, 'cpc'],
  [/千次展示成本|千展成本|\bcpm\b/, 'cpm'],
  [/投产比|投入产出比|广告支出回报率?|\broas\b|\breturn on ad spend\b/, 'roas'],
  [/转化率|\bcvr\b|\bconversion rates?\b/, 'conversions'],
  [/花费|消耗|花了|花销|支出|\bspend(?:ing)?\b|\bspent\b|\bcosts?\b/, 'spend'],
  [/展示|曝光|展现|\bimpressions?\b|\bimps\b/, 'impressions'],
  [/点击|\bclicks?\b/, 'clicks'],
  [/转化|\bconversions?\b|\bpurchases\b/, 'conversions'],
  [/收入|营收|销售额|\bgmv\b|\brevenue\b|\bsales\b/, 'revenue'],
];

/** Metrics named in a lower-cased message, in order of mention (spend, roas, ctr, cpc, ...). */
export function extractMetrics(lower: string): string[] | undefined {
  let masked = lower;
  const hits: { value: string; index: number }[] = [];
  for (const [re, value] of METRICS) {
    const g = new RegExp(re.source, 'g');
    for (const m of masked.matchAll(g)) hits.push({ value, index: m.index });
    masked = masked.replace(g, (s) => ' '.repeat(s.length));
  }
  const found = [...new Set(hits.sort((a, b) => a.index - b.index).map((h) => h.value))];
  return found.length ? found : undefined;
}

type Selector = NonNullable<StepParameters['selector']>;
const SELECTORS: Table<Selector> = [
  [/亏钱|亏损|赔钱|不赚钱|亏本|负回报|\blosing money\b|\bunprofitable\b|\bmoney[- ]losing\b|\bnot profitable\b|\bnegative (?:roi|roas|return)\b|\bbleeding money\b|\blose money\b/, 'losing_money'],
  [/最差|最烂|最不好|表现不好|效果不好|效果差|表现差|最低|垫底|\bworst\b|\blowest\b|\bpoorest\b|\bunderperform\w*|\bweakest\b|\bbottom\b|\bpoor(?:ly)?[- ]performing\b/, 'worst_performing'],
  [/最好|最佳|最优|最强|最高|表现好|效果好|\bbest\b|\btop\b|\bhighest\b|\bwinning\b|\bwinners?\b|\bstrongest\b|\bwell[- ]performing\b/, 'best_performing'],
];

/** The performance selector a message applies ("表现最好的" best_performing, "亏钱的" losing_money). */
export function extractSelector(lower: string): Selector | undefined {
  return SELECTORS.find(([re]) => re.test(lower))?.[1];
}

type Scope = NonNullable<StepParameters['scope']>;

/**
 * How many objects a step targets: "所有/all/every" all; "这几个/these/both/两个" several;
 * one named target or "这个/that/it" one.
 */
export function extractScope(lower: string, targets: string[] | undefined): Scope | undefined {
  if (/所有|全部|全都|一切|都|\ball\b|\bevery\w*|\bentire\b/.test(lower)) return 'all';
  if ((targets?.length ?? 0) > 1) return 'several';
  if (/这几|那几|这些|那些|几个|多个|\d+个|\bthese\b|\bthose\b|\bseveral\b|\bboth\b|\bmultiple\b|\ba few\b|\bsome\b|\b\d+ (?:campaigns|ad ?sets|ads)\b/.test(lower)) {
    return 'several';
  }
  if (targets?.length === 1 || /这个|那个|这条|那条|该|\bthis\b|\bthat\b|\bit\b/.test(lower)) return 'one';
  return undefined;
}

type Level = NonNullable<StepParameters['level']>;

/** The object level named: 广告组/ad set adset, 广告系列/campaign campaign, a single ad ad. */
export function extractLevel(lower: string): Level | undefined {
  if (/广告组|\bad ?sets?\b|\bad ?groups?\b|\badgroups?\b/.test(lower)) return 'adset';
  if (/广告系列|系列|广告计划|\bcampaigns?\b/.test(lower)) return 'campaign';
  if (/这条广告|那条广告|单条广告|这个广告|那个广告|\b(?:this|that|the|one) ad\b(?! ?(?:sets?|groups?|account))/.test(lower)) return 'ad';
  return undefined;
}

type Reference = NonNullable<StepParameters['references']>[number];
const PAST_ZH = '(?:刚才|刚刚|刚|之前|上面|前面|上次|此前|那些|这些|那几|这几|那张|这张|那批|这批|已经|已|那个|这个)';
const REFERENCES: Table<Reference> = [
  [new RegExp(`${PAST_ZH}[^,。;!?]{0,8}?(?:素材|图片|图(?!表)|海报|banner|创意)`), 'creative'],
  [/\b(?:those|these|the previous|previous|earlier|last|above|same)\b (?:[a-z]+ ){0,2}(?:images?|creatives?|pictures?|visuals?|banners?|designs?|ones)\b|\b(?:images?|creatives?|pictures?|visuals?|banners?|designs?|ones) (?:that )?(?:you|we|i) (?:just )?(?:made|generated|created|designed)\b|\b(?:images?|creatives?)(?: from)? (?:earlier|before|above)\b/, 'creative'],
  [new RegExp(`${PAST_ZH}[^,。;!?]{0,8}?(?:广告系列|系列|campaign)|刚(?:创建|建|开|上线)的(?:广告)?`), 'campaign'],
  [/\bthe campaign (?:that )?(?:i|we|you) (?:just )?(?:created|made|launched|set up|started)\b|\b(?:that|the previous|the last|my last|previous|earlier|the same) campaign\b/, 'campaign'],
  [new RegExp(`${PAST_ZH}[^,。;!?]{0,6}?(?:落地页|着陆页)`), 'landing_page'],
  [/\b(?:that|the previous|previous|earlier) landing page\b|\bthe (?:landing )?page (?:that )?(?:you|we|i) (?:just )?(?:made|built|created)\b/, 'landing_page'],
  [new RegExp(`${PAST_ZH}[^,。;!?]{0,6}?广告组`), 'adset'],
  [/\b(?:that|the previous|previous|earlier) ad ?set\b/, 'adset'],
  [new RegExp(`${PAST_ZH}[^,。;!?]{0,6}?(?:报表|报告)|那份|这份`), 'report'],
  [/\b(?:that|the previous|previous|last|earlier) report\b/, 'report'],
];

/**
 * Earlier results the message refers to ("刚才的素材" creative, "the campaign I created" campaign,
 * "那个落地页" landing_page), still to be resolved against the conversation.
 */
export function extractReferences(lower: string): Reference[] | undefined {
  const found = findAll(lower, REFERENCES);
  return found.length ? found : undefined;
}

/** The first http(s) link in a message, without trailing punctuation. */
export function extractUrl(text: string): string | undefined {
  return /https?:\/\/[^\s,，。"'“”<>()]+/.exec(text)?.[0].replace(/[.;:!?]+$/, '');
}
