/**
 * Numbers and money for the offline intent model: Chinese numerals (三张, 十二, 两百), English
 * number words, money amounts with currencies, percentages, image counts and budget changes.
 * Money is always in major currency units (80 means 80.00).
 */
import type { BudgetChange, Money } from '../../../domain/chat/intent.js';

const ZH_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const ZH_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const ZH_NUMERAL = /^[零〇一二两三四五六七八九十百千万]+$/;

/**
 * Parses a Chinese numeral ("三" 3, "十二" 12, "两百" 200, "一百二" 120, "三千五" 3500, "二零二六" 2026).
 * @returns the value, or undefined when the string is not a Chinese numeral
 */
export function parseChineseNumeral(s: string): number | undefined {
  if (!ZH_NUMERAL.test(s)) return undefined;
  if (![...s].some((c) => c in ZH_UNITS || c === '万')) {
    return Number([...s].map((c) => ZH_DIGITS[c] ?? 0).join(''));
  }
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  let lastUnit = 1;
  let zero = false;
  for (const ch of s) {
    const d = ZH_DIGITS[ch];
    if (d !== undefined) {
      if (d === 0) zero = true;
      digit = d;
    } else if (ch === '万') {
      total += (section + (digit ?? 0) || 1) * 10000;
      section = 0;
      digit = undefined;
      lastUnit = 10000;
    } else {
      lastUnit = ZH_UNITS[ch] ?? 1;
      section += (digit ?? 1) * lastUnit;
      digit = undefined;
      zero = false;
    }
  }
  if (digit !== undefined) section += !zero && lastUnit >= 100 ? digit * (lastUnit / 10) : digit;
  return total + section;
}

const ZH_RUN =
  /百分之([零〇一二两三四五六七八九十百千万]+|\d+(?:\.\d+)?)|([零〇一二两三四五六七八九十百千万]+)(?=(?:张|个|幅|款|套|份|组|版|条|天|日|号|周|星期|月|年|小时|分钟|块|元|美元|美金|刀|倍|次|成|%|位|种|篇|支|家|k|w))/g;

const EN_SMALL: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19,
};
const EN_ONES: Record<string, number> = { one: 1, ...EN_SMALL };
const EN_TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};

function convertChinese(t: string): string {
  return t.replace(ZH_RUN, (m, pct: string | undefined, run: string | undefined, offset: number) => {
    if (pct !== undefined) return `${parseChineseNumeral(pct) ?? pct}%`;
    if (run === undefined) return m;
    if (run === '一' && t[offset + 1] === '个') return m;
    if (/^[十百千万]$/.test(run) && run !== '十') return m;
    return String(parseChineseNumeral(run) ?? m);
  });
}

function convertEnglish(t: string): string {
  return t
    .replace(/\ba (?:couple|pair) of\b/gi, '2')
    .replace(/\b(?:a )?dozen\b/gi, '12')
    .replace(
      /\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](one|two|three|four|five|six|seven|eight|nine))?\b/gi,
      (_m, tens: string, ones: string | undefined) =>
        String((EN_TENS[tens.toLowerCase()] ?? 0) + (ones ? (EN_ONES[ones.toLowerCase()] ?? 0) : 0)),
    )
    .replace(/\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b/gi,
      (m) => String(EN_SMALL[m.toLowerCase()] ?? m))
    .replace(/\ba hundred\b/gi, '100')
    .replace(/\b(\d+) (hundred|thousand)\b/gi, (_m, n: string, u: string) =>
      String(Number(n) * (u.toLowerCase() === 'hundred' ? 100 : 1000)));
}

const CHANGE_CN_TENTHS = /(加|增加|提高|提升|减|减少|降低|砍|削减|降|涨|上调|下调|多|少)(\d)成/g;

/**
 * Rewrites number words as digits: Chinese numerals before a measure word or unit ("三张" "3张",
 * "百分之二十" "20%", "加两成" "加20%"), English number words ("three" "3", "a dozen" "12").
 * "一个" is kept (it is an article more often than a count).
 */
export function convertNumberWords(t: string): string {
  return convertEnglish(convertChinese(t)).replace(CHANGE_CN_TENTHS, (_m, v: string, d: string) => `${v}${Number(d) * 10}%`);
}

/** A money amount found in a message, with where it is. */
export interface MoneyMatch extends Money {
  /** whether a currency sign or word was written (else the default currency was assumed). */
  explicit: boolean;
  index: number;
  end: number;
}

const NUM = String.raw`(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)`;
const SCALE = String.raw`\s*(k|千|万|w)?`;
const CUR_PREFIX = String.raw`(us\$|\$|usd|¥|rmb|cny|€|eur|£|gbp|jpy)`;
const CUR_SUFFIX = String.raw`(美元|美金|刀|usd|dollars?|bucks|日元|円|jpy|yen|元|块钱|块|人民币|rmb|cny|欧元|euros?|eur|英镑|pounds?|gbp)`;
const PREFIX_RE = new RegExp(String.raw`${CUR_PREFIX}\s*${NUM}${SCALE}(?![\d%])`, 'g');
const SUFFIX_RE = new RegExp(String.raw`${NUM}${SCALE}\s*${CUR_SUFFIX}(?![a-z])`, 'g');
const BARE_BUDGET_RE = new RegExp(
  String.raw`(?:日预算|每日预算|每天预算|总预算|预算|daily budget|budget|每天|每日|一天)(?:是|为|设为|设置为|设成|设在|控制在|大概|大约|约|of|is|at|to|around|:|=|\s)*${NUM}${SCALE}(?!\s*(?:%|倍|天|日|小时|x\b|times))`,
  'g',
);
const PER_DAY_RE = new RegExp(String.raw`${NUM}${SCALE}\s*(?:/|per|a|每)\s*(?:day|天|日)`, 'g');

const CURRENCIES: [RegExp, string][] = [
  [/^(us\$|\$|usd|美元|美金|刀|dollars?|bucks)$/, 'USD'],
  [/^(¥|rmb|cny|元|块钱|块|人民币)$/, 'CNY'],
  [/^(€|eur|欧元|euros?)$/, 'EUR'],
  [/^(£|gbp|英镑|pounds?)$/, 'GBP'],
  [/^(jpy|日元|円|yen)$/, 'JPY'],
];

/** ISO 4217 code for a currency sign or word ("$" USD, "块" CNY); USD when unknown. */
function currencyOf(token: string): string {
  return CURRENCIES.find(([re]) => re.test(token))?.[1] ?? 'USD';
}

/** Parses "1,000", "2.5" with an optional scale ("k" thousand, "万"/"w" ten thousand). */
function toAmount(num: string, scale?: string): number {
  const n = Number(num.replace(/,/g, ''));
  if (scale === 'k' || scale === '千') return n * 1000;
  if (scale === '万' || scale === 'w') return n * 10000;
  return n;
}

function collect(re: RegExp, lower: string, read: (m: RegExpExecArray) => Omit<MoneyMatch, 'index' | 'end'>): MoneyMatch[] {
  return [...lower.matchAll(re)].map((m) => ({ ...read(m), index: m.index, end: m.index + m[0].length }));
}

/**
 * Every money amount in a lower-cased normalised message, in order: with a sign or currency word
 * ("$100", "100美元", "80块", "¥80", "USD 50") or a bare number after a budget word ("日预算 80",
 * "budget 200", "50/day", default currency USD).
 */
export function extractMoney(lower: string): MoneyMatch[] {
  const explicit = [
    ...collect(PREFIX_RE, lower, (m) => ({ amount: toAmount(m[2] ?? '0', m[3]), currency: currencyOf(m[1] ?? ''), explicit: true })),
    ...collect(SUFFIX_RE, lower, (m) => ({ amount: toAmount(m[1] ?? '0', m[2]), currency: currencyOf(m[3] ?? ''), explicit: true })),
  ];
  const bare = [
    ...collect(BARE_BUDGET_RE, lower, (m) => ({ amount: toAmount(m[1] ?? '0', m[2]), currency: 'USD', explicit: false })),
    ...collect(PER_DAY_RE, lower, (m) => ({ amount: toAmount(m[1] ?? '0', m[2]), currency: 'USD', explicit: false })),
  ].filter((b) => !explicit.some((e) => e.index < b.end && b.index < e.end));
  return [...explicit, ...bare].sort((a, b) => a.index - b.index);
}

const PERCENT_RE = /([+-]?\d+(?:\.\d+)?)\s*(?:%|percent\b|per cent\b|pct\b)/;
const DECREASE_RE =
  /减|降|下调|调低|砍|削|缩|少|\bcut\w*|\breduc\w*|\blower\w*|\bdecreas\w*|\btrim\w*|\bslash\w*|\bdrop\w*|\bdown\b|\bless\b|\bminus\b|\bshrink\w*/;
const MULTIPLIERS: [RegExp, number][] = [
  [/减半|砍半|砍一半|一半|\bhalv\w*|\bin half\b|\bhalf\b/, 0.5],
  [/翻倍|翻一番|翻番|加倍|翻1倍|(?:增加|提高|提升|加)1倍|\bdoubl\w*|\b2x\b|\bx2\b|\btwice\b/, 2],
  [/\btripl\w*|\b3x\b|\bx3\b/, 3],
];
const N_TIMES_RE = /(\d+(?:\.\d+)?)\s*(?:倍|x\b|times\b)/;
const ABSOLUTE_RE = new RegExp(
  String.raw`(?:到|至|成|为|\bto\b|\bat\b)\s*(?:us\$|\$|¥|€|£|usd\s*|rmb\s*|cny\s*)?${NUM}${SCALE}(?!\s*(?:%|percent|倍|天|小时|x\b|\d))`,
);
const DELTA_RE = new RegExp(
  String.raw`(?:加|增加|多加|多给|多|提高|提升|上调|涨|减|减少|降低|下调|砍|削减|少|\badd\w*|\bincreas\w*|\braise\w*|\bboost\w*|\bbump\w*|\bcut\w*|\breduc\w*|\blower\w*|\bdecreas\w*|\btrim\w*|\bby\b|\+|-)\s*(?:[a-z']+\s+){0,4}?(?:us\$|\$|¥|€|£|usd\s*|rmb\s*|cny\s*)?${NUM}${SCALE}(?!\s*(?:%|percent|倍|天|小时|\d))`,
);

/** The currency written with an amount found in [start, end), if any. */
function currencyNear(lower: string, start: number, end: number): string | undefined {
  return extractMoney(lower).find((m) => m.explicit && m.index <= end && start < m.end)?.currency;
}

function multiplierChange(lower: string): BudgetChange | undefined {
  const fixed = MULTIPLIERS.find(([re]) => re.test(lower));
  if (fixed) return { kind: 'multiplier', value: fixed[1] };
  const n = N_TIMES_RE.exec(lower);
  return n ? { kind: 'multiplier', value: Number(n[1]) } : undefined;
}

function percentChange(lower: string): BudgetChange | undefined {
  const m = PERCENT_RE.exec(lower);
  if (!m) return undefined;
  const v = Math.abs(Number(m[1]));
  const negative = (m[1] ?? '').startsWith('-') || DECREASE_RE.test(lower);
  return { kind: 'percent', value: negative ? -v : v };
}

function amountChange(lower: string, re: RegExp, kind: 'absolute' | 'delta'): BudgetChange | undefined {
  const m = re.exec(lower);
  if (!m) return undefined;
  const amount = toAmount(m[1] ?? '0', m[2]);
  const value = kind === 'delta' && DECREASE_RE.test(lower) ? -amount : amount;
  const currency = currencyNear(lower, m.index, m.index + m[0].length);
  return currency ? { kind, value, currency } : { kind, value };
}

/**
 * The budget change a message asks for: "double"/"翻倍" multiplier 2, "减半"/"halve" 0.5,
 * "加 20%" percent 20, "减少 30%" percent -30, "提高到 200"/"set to $200" absolute 200,
 * "加 50 块"/"add $50" delta 50 (amounts in major units, currency when written).
 */
export function extractBudgetChange(lower: string): BudgetChange | undefined {
  return (
    multiplierChange(lower) ??
    percentChange(lower) ??
    amountChange(lower, ABSOLUTE_RE, 'absolute') ??
    amountChange(lower, DELTA_RE, 'delta')
  );
}

const COUNT_ZH = /(\d+)\s*(?:张|幅|款|套|版)|(\d+)\s*(?:个|组|份)[^,.;!?。\d]{0,6}?(?:图|素材|海报|banner|创意|视频|物料|设计)/;
const COUNT_EN =
  /\b(\d+)\s+(?:[a-z'-]+\s+){0,3}?(?:images?|pictures?|pics?|photos?|creatives?|visuals?|banners?|posters?|graphics?|variations?|versions?|designs?|ads?|thumbnails?|options?|variants?|videos?|mockups?)\b/;

/** How many images a message asks for ("3 张", "十张" after conversion, "40 ad images"), if stated. */
export function extractCount(lower: string): number | undefined {
  const m = COUNT_ZH.exec(lower) ?? COUNT_EN.exec(lower);
  const n = m ? Number(m[1] ?? m[2]) : NaN;
  return Number.isInteger(n) && n > 0 && n <= 1000 ? n : undefined;
}
