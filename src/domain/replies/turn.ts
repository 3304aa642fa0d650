/**
 * The reply of a chat turn, rendered from the turn's structured outcome in the user's language
 * (seed 001 降级策略; seed 000 task 3.5: Markdown, error and recharge messages, next-step
 * suggestions). The offline model's reply writer is this renderer; the writeReply activity also
 * gives every model the results' texts and the errors' hints through {@link withRenderedTexts}.
 *
 * Workflows return data: a step's result carries `text` only when an activity rendered it (the
 * reporting results, a rule created, an A/B test analysis); `campaign_status` results and the
 * `hint_code` of an error are worded here.
 */
import type { Language } from '../chat/intent.js';
import { actionLabel, PLATFORM_PRODUCT, STATUS_LABEL } from './labels.js';
import { formatAmount } from './format.js';
import { PUNCT } from './phrases.js';
import { hintText } from './hints.js';
import { describeAbTestStarted, type AbTestStartedFacts } from './ab-tests.js';
import { describeCampaignStatusResult, type CampaignStatusResultFacts } from './campaigns.js';

/** One executed step as the reply writer sees it. */
export interface StepOutcome {
  module: string;
  action: string;
  status: 'succeeded' | 'failed' | 'skipped' | 'unavailable';
  /** the module's result (succeeded). */
  result?: unknown;
  /** the error (failed), as users see it; `details.hint` or `details.hint_code` an example phrasing. */
  error?: { code: string; message: string; details?: Record<string, unknown> };
  credits_charged: number;
  credits_refunded: number;
}

/**
 * What the reply is about. `kind` says which situation the turn ended in; the reply writer turns it
 * into text in `language`.
 */
export interface ReplyContext {
  language: Language;
  message: string;
  kind:
    | 'results' // steps ran (some may have failed)
    | 'clarify' // confidence too low: ask a question
    | 'chitchat' // no actionable step: greet / explain capabilities
    | 'rejected' // the user rejected the confirmation
    | 'confirmation_timeout' // nobody confirmed in time
    | 'insufficient_credits' // code 6011
    | 'error'; // the turn failed before any step ran
  outcomes: StepOutcome[];
  clarification?: string;
  /** balance and requirement for insufficient_credits; recharge link. */
  credits?: { required: number; balance: number; recharge_url: string };
  error?: { code: string; message: string };
}

/** The result shapes the reply reads (fields of the modules' results; all optional). */
interface ResultShape {
  kind?: string;
  /** a summary an activity rendered in the user's language. */
  text?: unknown;
  creatives?: Array<{ creative_id: string; url: string }>;
  analyses?: Array<{ creative_id?: string; score: number; reasons: string[] }>;
  platform_failures?: Array<{ platform: string; code: string; message: string }>;
  changes?: CampaignChangeShape[];
  campaigns?: Array<{ platform: string; message: string; copies?: Array<{ creative_id: string; headline: string; primary_text: string }> }>;
  failures?: Array<{ platform: string; error: { code: string; message: string } }>;
}

interface CampaignChangeShape {
  platform: string;
  name: string;
  currency: string;
  outcome: 'succeeded' | 'failed';
  status_after?: string;
  status_now?: string;
  budget_before?: number;
  budget_after?: number;
  budget_now?: number;
  error?: { code: string; message: string };
}

/** The sentences of a turn's reply in one language. */
interface TurnText {
  clarify: string;
  capabilities: string;
  rejected: string;
  timeout: string;
  insufficient: (required: string, balance: string, url: string) => string;
  error: (code: string | undefined, message: string | undefined) => string;
  failed: (label: string, code: string | undefined, message: string | undefined, refunded: number) => string;
  skipped: (label: string) => string;
  unavailable: (label: string) => string;
  changeFailed: (where: string, code: string | undefined, message: string) => string;
  budgetChanged: (where: string, before: string, after: string) => string;
  statusNow: (where: string, status: string) => string;
  nothingChanged: string;
  rolledBack: (platform: string, message: string) => string;
  creativesReady: (label: string, n: number) => string;
  analysis: (creativeId: string | undefined, score: number, reasons: string[]) => string;
  couldNotRead: (platform: string, code: string, message: string) => string;
  creditsUsed: (n: number) => string;
  nextAfterCreatives: string;
}

const TEXT: Readonly<Record<Language, TurnText>> = {
  zh: {
    clarify: '我没太明白你的需求，可以说得具体一些吗？例如要生成几张图、投放哪个平台、预算多少。',
    capabilities:
      '你好！我可以帮你：\n- 生成广告图片素材并评估质量\n- 查看报表、分析广告表现、检测异常\n- 竞品与趋势分析、制定投放策略\n- 创建落地页\n- 创建和管理 Meta / TikTok / Google 广告系列\n\n例如：「帮我生成 3 张广告图片，产品是无线降噪耳机」',
    rejected: '好的，已取消本次操作，没有执行任何变更，也没有扣除 Credit。',
    timeout: '等待确认超时，本次操作已取消，没有执行任何变更，也没有扣除 Credit。如需继续，请重新发起。',
    insufficient: (required, balance, url) => `Credit 余额不足：本次需要 ${required}，当前余额 ${balance}。请先[充值](${url})后再试，本次未执行任何操作。`,
    error: (code, message) => `抱歉，处理时出错了（${code}）：${message}`,
    failed: (label, code, message, refunded) => `❌ **${label}** 失败（${code}）：${message}${refunded > 0 ? `，已退还 ${refunded} Credit` : ''}`,
    skipped: (label) => `⏭️ **${label}** 已跳过：它依赖的步骤没有成功`,
    unavailable: (label) => `ℹ️ **${label}** 功能暂未开放，本次未扣除 Credit`,
    changeFailed: (where, code, message) => `  - ❌ ${where}：失败（${code}）${message}`,
    budgetChanged: (where, before, after) => `  - ✅ ${where}：日预算 ${before} → **${after}**`,
    statusNow: (where, status) => `  - ✅ ${where}：现在 **${status}**`,
    nothingChanged: '  没有需要变更的对象（它们已经是目标状态）。',
    rolledBack: (platform, message) => `  ❌ ${platform}：${message}（已回滚）`,
    creativesReady: (label, n) => `✅ **${label}**：已生成 ${n} 张素材`,
    analysis: (id, score, reasons) => `  - ${id ?? '素材'}：${score} 分。${reasons.join(PUNCT.zh.clause)}`,
    couldNotRead: (platform, code, message) => `  ⚠️ ${platform} 暂时无法读取（${code}）：${message}`,
    creditsUsed: (n) => `  消耗 ${n} Credit`,
    nextAfterCreatives: '下一步：可以说「用这些素材在 Meta 上创建广告」或「分析一下这些素材」。',
  },
  en: {
    clarify: 'I am not sure what you would like me to do. Could you be more specific, e.g. how many images, which platform, what budget?',
    capabilities:
      'Hi! I can help you:\n- generate ad images and score their quality\n- read reports, analyse performance and detect anomalies\n- analyse competitors and trends, and plan strategy\n- build landing pages\n- create and manage Meta, TikTok and Google Ads campaigns\n\nFor example: "Generate 3 ad images for wireless noise-cancelling headphones"',
    rejected: 'Cancelled: nothing was changed and no credits were charged.',
    timeout: 'The confirmation timed out, so the operation was cancelled: nothing was changed and no credits were charged. Ask again to retry.',
    insufficient: (required, balance, url) =>
      `Insufficient credits: this needs ${required} and your balance is ${balance}. Please [recharge](${url}) and try again; nothing was run.`,
    error: (code, message) => `Sorry, something went wrong (${code}): ${message}`,
    failed: (label, code, message, refunded) => `❌ **${label}** failed (${code}): ${message}${refunded > 0 ? `; ${refunded} credits refunded` : ''}`,
    skipped: (label) => `⏭️ **${label}** skipped: a step it depends on did not succeed`,
    unavailable: (label) => `ℹ️ **${label}** is not available yet; no credits were charged`,
    changeFailed: (where, code, message) => `  - ❌ ${where}: failed (${code}) ${message}`,
    budgetChanged: (where, before, after) => `  - ✅ ${where}: daily budget ${before} → **${after}**`,
    statusNow: (where, status) => `  - ✅ ${where}: now **${status}**`,
    nothingChanged: '  Nothing needed to change (already in the requested state).',
    rolledBack: (platform, message) => `  ❌ ${platform}: ${message} (rolled back)`,
    creativesReady: (label, n) => `✅ **${label}**: ${n} creatives ready`,
    analysis: (id, score, reasons) => `  - ${id ?? 'creative'}: ${score}/100. ${reasons.join(PUNCT.en.clause)}`,
    couldNotRead: (platform, code, message) => `  ⚠️ ${platform} could not be read (${code}): ${message}`,
    creditsUsed: (n) => `  ${n} credits used`,
    nextAfterCreatives: 'Next: say "create a Meta campaign with these creatives" or "score these creatives".',
  },
};

const platformName = (p: string) => (PLATFORM_PRODUCT as Readonly<Record<string, string | undefined>>)[p] ?? p;
const amount = (n: number | undefined, currency: string) => (n === undefined ? '?' : formatAmount(n, currency));

/** A changed object's status now: its label, else the platform's own word. */
function statusNow(c: CampaignChangeShape, language: Language): string {
  const label = (STATUS_LABEL as Readonly<Record<string, { zh: string; en: string } | undefined>>)[c.status_now ?? c.status_after ?? ''];
  return label?.[language] ?? c.status_now ?? '';
}

/** One line per changed object: its new status or budget, or why it failed. */
function describeChanges(r: ResultShape, language: Language): string[] {
  const t = TEXT[language];
  const lines = (r.changes ?? []).map((c) => {
    const where = `${platformName(c.platform)}「${c.name}」`;
    if (c.outcome === 'failed') return t.changeFailed(where, c.error?.code, c.error?.message ?? '');
    if (c.budget_after !== undefined) return t.budgetChanged(where, amount(c.budget_before, c.currency), amount(c.budget_now ?? c.budget_after, c.currency));
    return t.statusNow(where, statusNow(c, language));
  });
  if (lines.length === 0) lines.push(t.nothingChanged);
  return lines;
}

/**
 * The text of a step's result in the language: the `text` an activity rendered, else the
 * rendering of a result the workflow returned as data (`campaign_status`, `ab_test_started`);
 * undefined for results the reply lists itself (creatives, analyses, changes, campaigns).
 */
export function resultText(result: unknown, language: Language): string | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  const r = result as ResultShape;
  if (typeof r.text === 'string') return r.text;
  if (r.kind === 'campaign_status' && Array.isArray((r as Partial<CampaignStatusResultFacts>).campaigns)) {
    return describeCampaignStatusResult(result as CampaignStatusResultFacts, language);
  }
  if (r.kind === 'ab_test_started' && typeof (r as Partial<AbTestStartedFacts>).currency === 'string') {
    return describeAbTestStarted(result as AbTestStartedFacts, language);
  }
  return undefined;
}

/** An error's example phrasing: `details.hint`, else the wording of `details.hint_code`. */
export function errorHint(error: StepOutcome['error'], language: Language): string | undefined {
  const hint = error?.details?.hint;
  return typeof hint === 'string' ? hint : hintText(error?.details?.hint_code, language);
}

function describeSuccess(o: StepOutcome, language: Language): string[] {
  const t = TEXT[language];
  const r = (o.result ?? {}) as ResultShape;
  const label = actionLabel(o.action, language);
  const text = resultText(o.result, language);
  const lines: string[] = [];
  if (r.kind === 'campaign_changes') {
    lines.push(`✅ **${label}**`, ...describeChanges(r, language));
  } else if (r.kind === 'campaigns') {
    lines.push(`✅ **${label}**`);
    for (const c of r.campaigns ?? []) {
      lines.push(`  ${platformName(c.platform)}: ${c.message}`);
      for (const copy of c.copies ?? []) lines.push(`  - ${copy.creative_id}: **${copy.headline}** ${copy.primary_text}`);
    }
    for (const f of r.failures ?? []) lines.push(t.rolledBack(platformName(f.platform), f.error.message));
  } else if (text !== undefined) {
    lines.push(`✅ **${label}**`, text);
  } else if (r.creatives) {
    lines.push(t.creativesReady(label, r.creatives.length));
    r.creatives.forEach((c, i) => lines.push(`  ${i + 1}. [${c.creative_id}](${c.url})`));
  } else if (r.analyses) {
    lines.push(`✅ **${label}**`);
    for (const a of r.analyses) lines.push(t.analysis(a.creative_id, a.score, a.reasons));
  } else {
    lines.push(`✅ **${label}**`);
  }
  for (const f of r.platform_failures ?? []) lines.push(t.couldNotRead(platformName(f.platform), f.code, f.message));
  if (o.credits_charged > 0) lines.push(t.creditsUsed(o.credits_charged - o.credits_refunded));
  return lines;
}

function describeOutcome(o: StepOutcome, language: Language): string[] {
  const t = TEXT[language];
  const label = actionLabel(o.action, language);
  switch (o.status) {
    case 'succeeded':
      return describeSuccess(o, language);
    case 'failed': {
      const hint = errorHint(o.error, language);
      return [t.failed(label, o.error?.code, o.error?.message, o.credits_refunded), ...(hint ? [`  💡 ${hint}`] : [])];
    }
    case 'skipped':
      return [t.skipped(label)];
    case 'unavailable':
      return [t.unavailable(label)];
  }
}

/**
 * Renders the reply of a turn, deterministic for the same context.
 * @returns Markdown text in ctx.language
 */
export function renderTurnReply(ctx: ReplyContext): string {
  const t = TEXT[ctx.language];
  switch (ctx.kind) {
    case 'clarify':
      return ctx.clarification ?? t.clarify;
    case 'chitchat':
      return t.capabilities;
    case 'rejected':
      return t.rejected;
    case 'confirmation_timeout':
      return t.timeout;
    case 'insufficient_credits': {
      const c = ctx.credits;
      return t.insufficient(String(c?.required ?? '?'), String(c?.balance ?? '?'), c?.recharge_url ?? '');
    }
    case 'error':
      return t.error(ctx.error?.code, ctx.error?.message);
    case 'results': {
      const lines = ctx.outcomes.flatMap((o) => describeOutcome(o, ctx.language));
      const anyCreative = ctx.outcomes.some((o) => o.status === 'succeeded' && o.action === 'generate_creative');
      if (anyCreative) lines.push('', t.nextAfterCreatives);
      return lines.join('\n');
    }
  }
}

/**
 * The context with what the workflow left as data worded in its language, for any reply writer
 * (a model reads the same facts as the templates): each result's `text` ({@link resultText}) and
 * each error's `details.hint` ({@link errorHint}). Results and errors that need nothing are kept.
 */
export function withRenderedTexts(ctx: ReplyContext): ReplyContext {
  const outcomes = ctx.outcomes.map((o): StepOutcome => {
    let next = o;
    const text = typeof (o.result as ResultShape | undefined)?.text === 'string' ? undefined : resultText(o.result, ctx.language);
    if (text !== undefined) next = { ...next, result: { ...(o.result as object), text } };
    const hint = o.error && typeof o.error.details?.hint !== 'string' ? errorHint(o.error, ctx.language) : undefined;
    if (hint !== undefined && o.error) next = { ...next, error: { ...o.error, details: { ...o.error.details, hint } } };
    return next;
  });
  return { ...ctx, outcomes };
}
