/**
 * The offline intent model: a deterministic Chinese/English parser that reads a chat message into
 * an {@link IntentDraft}. Implements seed 000 需求 2 (intent recognition) and 需求 3 (multi-step
 * plans) without a language model; used when no Gemini key is configured and as the last link of
 * the fallback chain (seed 001 "降级策略").
 */
import { moduleOf, type ActionName, type DraftStep, type IntentDraft, type Language } from '../../../domain/chat/intent.js';
import type { ActionScore } from './classify.js';
import { extractParameters } from './params.js';
import { segmentMessage, type Segment } from './segment.js';
import { detectLanguage, normalizeMessage, type NormalizedText } from './text.js';

/** Options of {@link parseIntent}. */
export interface ParseOptions {
  /** the current instant, for dates without a year and relative ranges (default: now). */
  now?: Date;
}

const CAPABILITY =
  /what can you do|what do you do|who are you|how can you help|what are you able|what can i ask|what (?:features|functions)|what can you help|你能做什么|你会什么|你可以做什么|你是谁|你有什么功能|能帮我做什么|你能干嘛|你能干什么|你会做什么|有什么功能|怎么用你|介绍一下你自己|你能帮我什么|你可以帮我什么/;
const GREETING =
  /\b(?:hi|hello|hey|yo|hiya|howdy|good (?:morning|afternoon|evening|job)|thanks|thank you|thx|ty|cheers|great|awesome|cool|nice|perfect|ok|okay|got it|bye|goodbye|see you|well done)\b|你好|您好|嗨|哈喽|哈啰|早上好|下午好|晚上好|早安|晚安|在吗|在不在|谢谢|多谢|感谢|辛苦了|好的|收到|明白了|知道了|再见|拜拜|太棒了|不错|好棒/g;
const FILLER = /\b(?:there|team|bot|assistant|so much|a lot|very much|again|for (?:the|your) help|you|guys|all)\b|[呀啊哦啦哈嘛了你您~\s,.!?。]/g;

/** Whether a message is only greetings, thanks or goodbyes. */
function isSmallTalk(lower: string): boolean {
  const rest = lower.replace(GREETING, '');
  return rest !== lower && rest.replace(FILLER, '').length === 0;
}

const CLARIFY: Record<Language, string> = {
  zh: '我还不太确定您想做什么。您是想生成广告素材、查看投放数据、分析竞品或趋势、创建落地页，还是创建或调整广告系列？请说得具体一些。',
  en: "I'm not sure what you'd like me to do. Do you want to generate ad creatives, view reports, analyse competitors or trends, build a landing page, or create or adjust a campaign? Please tell me a bit more.",
};

/** Actions whose results later steps of the same message consume, with the reference kind they satisfy. */
const PRODUCES: Partial<Record<ActionName, 'creative' | 'campaign' | 'landing_page' | 'report'>> = {
  generate_creative: 'creative',
  create_campaign: 'campaign',
  create_landing_page: 'landing_page',
  get_reports: 'report',
};

/** Pairs (a, b) where a must run before b whatever the order of the words. */
function mustPrecede(a: ActionName, b: ActionName): boolean {
  const consumers: Partial<Record<ActionName, ActionName[]>> = {
    generate_creative: ['create_campaign', 'create_ab_test', 'analyze_creative'],
    create_landing_page: ['create_campaign', 'translate_page', 'create_page_ab_test'],
    analyze_performance: ['optimize_budget', 'update_budget', 'manage_campaign'],
    get_reports: ['optimize_budget', 'update_budget'],
    detect_anomaly: ['optimize_budget', 'update_budget', 'manage_campaign'],
    create_campaign: ['create_rule', 'create_ab_test'],
  };
  return consumers[a]?.includes(b) ?? false;
}

/** Stable reorder: a step moves before the first earlier step that depends on it. */
function orderSteps(steps: DraftStep[]): DraftStep[] {
  const out: DraftStep[] = [];
  for (const step of steps) {
    const at = out.findIndex((s) => mustPrecede(step.action, s.action));
    if (at >= 0) out.splice(at, 0, step);
    else out.push(step);
  }
  return out;
}

/** Reading numbers next to analysing them is one analysis step. */
function mergeReporting(segments: { action: ActionName; seg: Segment }[]): { action: ActionName; seg: Segment }[] {
  const out: { action: ActionName; seg: Segment }[] = [];
  for (const cur of segments) {
    const last = out[out.length - 1];
    const pair = last ? [last.action, cur.action] : [];
    if (last && pair.includes('get_reports') && moduleOf(last.action) === 'reporting' && moduleOf(cur.action) === 'reporting') {
      const action = last.action === 'get_reports' ? cur.action : last.action;
      out[out.length - 1] = { action, seg: { ...last.seg, end: cur.seg.end } };
    } else {
      out.push(cur);
    }
  }
  return out;
}

/** Confidence of one step from its score and the nearest rival of another module. */
function stepConfidence(scores: ActionScore[]): number {
  const [best, ...rest] = scores;
  if (!best) return 0;
  const base = best.score >= 6 ? 0.92 : best.score >= 5 ? 0.86 : best.score >= 4 ? 0.78 : best.score >= 3 ? 0.7 : 0.62;
  const rival = rest.find((s) => moduleOf(s.action) !== moduleOf(best.action));
  return rival && best.score - rival.score < 1 ? Math.max(0.6, base - 0.1) : base;
}

function buildSteps(norm: NormalizedText, now: Date): { steps: DraftStep[]; confidence: number } {
  const segments = segmentMessage(norm.lower).filter((s) => (s.scores[0]?.score ?? 0) >= 2);
  const chosen = mergeReporting(segments.flatMap((seg) => (seg.scores[0] ? [{ action: seg.scores[0].action, seg }] : [])));
  const steps = chosen.map(({ action, seg }) => ({
    module: moduleOf(action),
    action,
    parameters: extractParameters(action, {
      text: norm.text.slice(seg.start, seg.end),
      lower: norm.lower.slice(seg.start, seg.end),
      now,
    }),
  }));
  const confidence = Math.min(...segments.map((s) => stepConfidence(s.scores)));
  return { steps: shareContext(orderSteps(steps)), confidence: steps.length ? confidence : 0 };
}

/** Fills a missing product from another step, and drops references to results made in the same message. */
function shareContext(steps: DraftStep[]): DraftStep[] {
  const product = steps.find((s) => s.parameters.product)?.parameters.product;
  return steps.map((step, i) => {
    const p = { ...step.parameters };
    const wantsProduct = ['creative', 'landing_page', 'market_intel'].includes(step.module) || step.action === 'create_campaign';
    if (product && !p.product && wantsProduct) p.product = product;
    const made = new Set(steps.slice(0, i).map((s) => PRODUCES[s.action]));
    const refs = p.references?.filter((r) => !made.has(r as never));
    if (refs?.length) p.references = refs;
    else delete p.references;
    return { ...step, parameters: p };
  });
}

/**
 * Reads a chat message into an intent draft, offline and deterministically.
 * @param message the user's message (Chinese, English or mixed)
 * @param opts.now the current instant (default `new Date()`), for dates written without a year
 * @returns steps in execution order with their parameters (money in major units), a confidence
 *   (≥0.85 clear keyword, 0.6-0.8 weaker evidence), the message language; greetings, thanks and
 *   "what can you do" give no steps at confidence 0.9; vague or empty messages give no steps,
 *   confidence below 0.6 and a clarifying question in the user's language.
 */
export function parseIntent(message: string, opts: ParseOptions = {}): IntentDraft {
  const language = detectLanguage(message);
  const norm = normalizeMessage(message);
  if (norm.text.length === 0) return { steps: [], confidence: 0, language, clarification: CLARIFY[language] };
  if (isSmallTalk(norm.lower)) return { steps: [], confidence: 0.9, language };
  const { steps, confidence } = buildSteps(norm, opts.now ?? new Date());
  if (steps.length) return { steps, confidence, language };
  if (CAPABILITY.test(norm.lower)) return { steps: [], confidence: 0.9, language };
  return { steps: [], confidence: 0.3, language, clarification: CLARIFY[language] };
}
