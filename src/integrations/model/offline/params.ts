/**
 * Parameter extraction for one step of the offline intent model: reads the step's clause and
 * fills the StepParameters (intent.ts) its action uses. Money is in major currency units.
 */
import type { ActionName, StepParameters } from '../../../domain/chat/intent.js';
import { extractDateRange } from './dates.js';
import {
  extractCountries,
  extractLanguages,
  extractLevel,
  extractMetrics,
  extractPlatforms,
  extractReferences,
  extractScope,
  extractSelector,
  extractUrl,
} from './entities.js';
import {
  extractCampaignName,
  extractCompetitors,
  extractGoal,
  extractProduct,
  extractStyle,
  extractTargetCpa,
  extractTargetRoas,
  extractTargets,
} from './names.js';
import { extractBudgetChange, extractCount, extractMoney } from './numbers.js';

/** The clause a step was read from, in both normal forms, and the current instant. */
export interface StepText {
  text: string;
  lower: string;
  now: Date;
}

type Extractor = (t: StepText) => Partial<StepParameters>;

const budget: Extractor = ({ lower }) => {
  const m = extractMoney(lower)[0];
  return m ? { budget: { amount: m.amount, currency: m.currency } } : {};
};
const common: Extractor = ({ text, lower }) => ({
  platforms: extractPlatforms(lower),
  countries: extractCountries(text, lower),
  url: extractUrl(text),
  references: extractReferences(lower),
});
const when: Extractor = ({ lower, now }) => ({ date_range: extractDateRange(lower, now) });
const product: Extractor = ({ text }) => ({ product: extractProduct(text) });
const style: Extractor = ({ text }) => ({ style: extractStyle(text) });
const metrics: Extractor = ({ lower }) => ({ metrics: extractMetrics(lower) });
const level: Extractor = ({ lower }) => ({ level: extractLevel(lower) });
const targets: Extractor = ({ text }) => ({ targets: extractTargets(text) });
const goals: Extractor = ({ lower }) => ({
  strategy: extractGoal(lower),
  target_roas: extractTargetRoas(lower),
  target_cpa: extractTargetCpa(lower),
});
const selection: Extractor = ({ text, lower }) => {
  const t = extractTargets(text);
  return { targets: t, scope: extractScope(lower, t), level: extractLevel(lower), selector: extractSelector(lower) };
};

type Operation = NonNullable<StepParameters['operation']>;
const OPERATIONS: [RegExp, Operation][] = [
  [/删除|删掉|删了|移除|去掉|归档|\bdelet\w*|\bremov\w*|\bget rid of\b|\barchiv\w*|\btrash\b|\berase\b/, 'delete'],
  [/恢复|重启|重新|启用|启动|开启|打开|继续|开始|\bunpaus\w*|\bun-pause\b|\bresum\w*|\breactivat\w*|\bre-?enabl\w*|\brestart\w*|\bre-?launch\w*|\bturn (?:\w+ )?(?:back )?on\b|\bswitch (?:\w+ )?(?:back )?on\b|\benabl\w*|\bstart\w*/, 'start'],
  [/暂停|停|关|下线|\bpaus\w*|\bstop\w*|\bhalt\w*|\boff\b|\bdisabl\w*|\bdeactivat\w*|\bkill\b|\bfreez\w*|\bon hold\b/, 'pause'],
];
/** The first operation word of the clause decides ("暂停" pause, "恢复" start, "删除" delete); pause by default. */
const operation: Extractor = ({ lower }) => {
  const hits = OPERATIONS.map(([re, op]) => ({ op, i: re.exec(lower)?.index ?? Infinity })).sort((a, b) => a.i - b.i);
  const first = hits[0];
  return { operation: first && first.i < Infinity ? first.op : 'pause' };
};

const EXTRACTORS: Record<ActionName, Extractor[]> = {
  generate_creative: [({ lower }) => ({ count: extractCount(lower) }), product, style],
  analyze_creative: [product],
  get_reports: [when, metrics, level, targets],
  analyze_performance: [when, metrics, level, targets],
  detect_anomaly: [when, metrics, level, targets],
  analyze_competitor: [({ text }) => ({ competitors: extractCompetitors(text) }), product],
  get_trends: [product, when],
  generate_strategy: [product, budget, goals],
  create_landing_page: [product, style, ({ lower }) => ({ languages: extractLanguages(lower) })],
  translate_page: [({ lower }) => ({ languages: extractLanguages(lower) })],
  create_page_ab_test: [product],
  create_campaign: [product, budget, goals, ({ text }) => ({ campaign_name: extractCampaignName(text) })],
  optimize_budget: [goals, level, when],
  update_budget: [selection, ({ lower }) => ({ budget_change: extractBudgetChange(lower) })],
  manage_campaign: [selection, operation],
  create_ab_test: [product, budget, ({ lower }) => ({ count: extractCount(lower) })],
  analyze_ab_test: [targets, when],
  create_rule: [({ text }) => ({ rule: text.trim() }), metrics, level, targets],
  get_campaign_status: [selection],
};

/** Drops undefined values so a step carries only what the message states. */
function compact(p: Partial<StepParameters>): StepParameters {
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as StepParameters;
}

/**
 * The parameters of one step.
 * @param action the step's action
 * @param t the step's clause (translate_page keeps languages only as languages, not countries)
 */
export function extractParameters(action: ActionName, t: StepText): StepParameters {
  const parts = [common, ...EXTRACTORS[action]].map((e) => e(t));
  const params = compact(Object.assign({}, ...parts) as Partial<StepParameters>);
  if (action === 'translate_page') delete params.countries;
  return params;
}
