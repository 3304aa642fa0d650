/**
 * Templated replies in the user's language: the offline model's reply writer and the last link of
 * the fallback chain (seed 001 降级策略; seed 000 task 3.5: Markdown, error and recharge messages,
 * next-step suggestions).
 */
import type { Language } from '../../../domain/chat/intent.js';
import type { ReplyContext, StepOutcome } from '../types.js';
import { PLATFORM_PRODUCT } from '../../../domain/replies/labels.js';

const ACTION_LABEL: Record<string, { zh: string; en: string }> = {
  generate_creative: { zh: '生成广告素材', en: 'Generate ad creatives' },
  analyze_creative: { zh: '素材质量分析', en: 'Creative analysis' },
  get_reports: { zh: '广告报表', en: 'Ad reports' },
  analyze_performance: { zh: '广告表现分析', en: 'Performance analysis' },
  detect_anomaly: { zh: '异常检测', en: 'Anomaly detection' },
  analyze_competitor: { zh: '竞品分析', en: 'Competitor analysis' },
  get_trends: { zh: '趋势分析', en: 'Trend analysis' },
  generate_strategy: { zh: '投放策略', en: 'Strategy' },
  create_landing_page: { zh: '创建落地页', en: 'Create landing page' },
  translate_page: { zh: '翻译落地页', en: 'Translate landing page' },
  create_page_ab_test: { zh: '落地页 A/B 测试', en: 'Landing page A/B test' },
  create_campaign: { zh: '创建广告系列', en: 'Create campaign' },
  optimize_budget: { zh: '预算优化', en: 'Budget optimisation' },
  update_budget: { zh: '调整预算', en: 'Budget update' },
  manage_campaign: { zh: '管理广告系列', en: 'Campaign management' },
  create_ab_test: { zh: '创建 A/B 测试', en: 'Create A/B test' },
  analyze_ab_test: { zh: 'A/B 测试分析', en: 'A/B test analysis' },
  create_rule: { zh: '创建自动规则', en: 'Create automated rule' },
  get_campaign_status: { zh: '广告系列状态', en: 'Campaign status' },
};

const label = (action: string, lang: Language) => ACTION_LABEL[action]?.[lang] ?? action;

interface ResultShape {
  creatives?: Array<{ creative_id: string; url: string }>;
  analyses?: Array<{ creative_id?: string; score: number; reasons: string[] }>;
  /** reporting results carry their templated text. */
  kind?: string;
  text?: string;
  platform_failures?: Array<{ platform: string; code: string; message: string }>;
  changes?: CampaignChangeShape[];
  unchanged?: Array<{ name: string; platform: string; reason: string }>;
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

const STATUS_LABEL: Record<string, { zh: string; en: string }> = {
  active: { zh: '投放中', en: 'active' },
  paused: { zh: '已暂停', en: 'paused' },
  deleted: { zh: '已删除', en: 'deleted' },
  pending_review: { zh: '审核中', en: 'in review' },
  rejected: { zh: '被拒', en: 'rejected' },
};
const PLATFORM_LABEL: Readonly<Record<string, string>> = PLATFORM_PRODUCT;
const money = (n: number | undefined, currency: string) => (n === undefined ? '?' : `${n.toFixed(2)} ${currency}`);

/** One line per changed object: its new status or budget, or why it failed. */
function describeChanges(r: ResultShape, lang: Language): string[] {
  const lines = (r.changes ?? []).map((c) => {
    const where = `${PLATFORM_LABEL[c.platform] ?? c.platform}「${c.name}」`;
    if (c.outcome === 'failed') {
      return lang === 'zh' ? `  - ❌ ${where}：失败（${c.error?.code}）${c.error?.message ?? ''}` : `  - ❌ ${where}: failed (${c.error?.code}) ${c.error?.message ?? ''}`;
    }
    if (c.budget_after !== undefined) {
      return lang === 'zh'
        ? `  - ✅ ${where}：日预算 ${money(c.budget_before, c.currency)} → **${money(c.budget_now ?? c.budget_after, c.currency)}**`
        : `  - ✅ ${where}: daily budget ${money(c.budget_before, c.currency)} → **${money(c.budget_now ?? c.budget_after, c.currency)}**`;
    }
    const status = STATUS_LABEL[c.status_now ?? c.status_after ?? '']?.[lang] ?? c.status_now ?? '';
    return lang === 'zh' ? `  - ✅ ${where}：现在 **${status}**` : `  - ✅ ${where}: now **${status}**`;
  });
  if (lines.length === 0) lines.push(lang === 'zh' ? '  没有需要变更的对象（它们已经是目标状态）。' : '  Nothing needed to change (already in the requested state).');
  return lines;
}

function describeSuccess(o: StepOutcome, lang: Language): string[] {
  const r = (o.result ?? {}) as ResultShape;
  const lines: string[] = [];
  if (r.kind === 'campaign_changes') {
    lines.push(`✅ **${label(o.action, lang)}**`, ...describeChanges(r, lang));
  } else if (r.kind === 'campaigns') {
    lines.push(`✅ **${label(o.action, lang)}**`);
    for (const c of r.campaigns ?? []) {
      lines.push(`  ${PLATFORM_LABEL[c.platform] ?? c.platform}: ${c.message}`);
      for (const copy of c.copies ?? []) lines.push(`  - ${copy.creative_id}: **${copy.headline}** ${copy.primary_text}`);
    }
    for (const f of r.failures ?? []) {
      lines.push(lang === 'zh' ? `  ❌ ${PLATFORM_LABEL[f.platform] ?? f.platform}：${f.error.message}（已回滚）` : `  ❌ ${PLATFORM_LABEL[f.platform] ?? f.platform}: ${f.error.message} (rolled back)`);
    }
  } else if (typeof r.text === 'string') {
    lines.push(`✅ **${label(o.action, lang)}**`, r.text);
  } else if (r.creatives) {
    lines.push(lang === 'zh' ? `✅ **${label(o.action, lang)}**：已生成 ${r.creatives.length} 张素材` : `✅ **${label(o.action, lang)}**: ${r.creatives.length} creatives ready`);
    r.creatives.forEach((c, i) => lines.push(`  ${i + 1}. [${c.creative_id}](${c.url})`));
  } else if (r.analyses) {
    lines.push(`✅ **${label(o.action, lang)}**`);
    for (const a of r.analyses) {
      lines.push(lang === 'zh' ? `  - ${a.creative_id ?? '素材'}：${a.score} 分。${a.reasons.join('；')}` : `  - ${a.creative_id ?? 'creative'}: ${a.score}/100. ${a.reasons.join('; ')}`);
    }
  } else {
    lines.push(`✅ **${label(o.action, lang)}**`);
  }
  for (const f of r.platform_failures ?? []) {
    lines.push(lang === 'zh' ? `  ⚠️ ${PLATFORM_LABEL[f.platform] ?? f.platform} 暂时无法读取（${f.code}）：${f.message}` : `  ⚠️ ${PLATFORM_LABEL[f.platform] ?? f.platform} could not be read (${f.code}): ${f.message}`);
  }
  if (o.credits_charged > 0) {
    lines.push(lang === 'zh' ? `  消耗 ${o.credits_charged - o.credits_refunded} Credit` : `  ${o.credits_charged - o.credits_refunded} credits used`);
  }
  return lines;
}

function describeOutcome(o: StepOutcome, lang: Language): string[] {
  switch (o.status) {
    case 'succeeded':
      return describeSuccess(o, lang);
    case 'failed':
      return [
        lang === 'zh'
          ? `❌ **${label(o.action, lang)}** 失败（${o.error?.code}）：${o.error?.message}${o.credits_refunded > 0 ? `，已退还 ${o.credits_refunded} Credit` : ''}`
          : `❌ **${label(o.action, lang)}** failed (${o.error?.code}): ${o.error?.message}${o.credits_refunded > 0 ? `; ${o.credits_refunded} credits refunded` : ''}`,
      ];
    case 'skipped':
      return [lang === 'zh' ? `⏭️ **${label(o.action, lang)}** 已跳过：它依赖的步骤没有成功` : `⏭️ **${label(o.action, lang)}** skipped: a step it depends on did not succeed`];
    case 'unavailable':
      return [
        lang === 'zh'
          ? `ℹ️ **${label(o.action, lang)}** 功能暂未开放，本次未扣除 Credit`
          : `ℹ️ **${label(o.action, lang)}** is not available yet; no credits were charged`,
      ];
  }
}

const CAPABILITIES = {
  zh: '你好！我可以帮你：\n- 生成广告图片素材并评估质量\n- 查看报表、分析广告表现、检测异常\n- 竞品与趋势分析、制定投放策略\n- 创建落地页\n- 创建和管理 Meta / TikTok / Google 广告系列\n\n例如：「帮我生成 3 张广告图片，产品是无线降噪耳机」',
  en: "Hi! I can help you:\n- generate ad images and score their quality\n- read reports, analyse performance and detect anomalies\n- analyse competitors and trends, and plan strategy\n- build landing pages\n- create and manage Meta, TikTok and Google Ads campaigns\n\nFor example: \"Generate 3 ad images for wireless noise-cancelling headphones\"",
} as const;

/**
 * Writes the reply for a turn, deterministic for the same context.
 * @returns Markdown text in ctx.language
 */
export function templateReply(ctx: ReplyContext): string {
  const lang = ctx.language;
  switch (ctx.kind) {
    case 'clarify':
      return ctx.clarification ?? (lang === 'zh' ? '我没太明白你的需求，可以说得具体一些吗？例如要生成几张图、投放哪个平台、预算多少。' : 'I am not sure what you would like me to do. Could you be more specific, e.g. how many images, which platform, what budget?');
    case 'chitchat':
      return CAPABILITIES[lang];
    case 'rejected':
      return lang === 'zh' ? '好的，已取消本次操作，没有执行任何变更，也没有扣除 Credit。' : 'Cancelled: nothing was changed and no credits were charged.';
    case 'confirmation_timeout':
      return lang === 'zh' ? '等待确认超时，本次操作已取消，没有执行任何变更，也没有扣除 Credit。如需继续，请重新发起。' : 'The confirmation timed out, so the operation was cancelled: nothing was changed and no credits were charged. Ask again to retry.';
    case 'insufficient_credits': {
      const c = ctx.credits;
      return lang === 'zh'
        ? `Credit 余额不足：本次需要 ${c?.required ?? '?'}，当前余额 ${c?.balance ?? '?'}。请先[充值](${c?.recharge_url ?? ''})后再试，本次未执行任何操作。`
        : `Insufficient credits: this needs ${c?.required ?? '?'} and your balance is ${c?.balance ?? '?'}. Please [recharge](${c?.recharge_url ?? ''}) and try again; nothing was run.`;
    }
    case 'error':
      return lang === 'zh' ? `抱歉，处理时出错了（${ctx.error?.code}）：${ctx.error?.message}` : `Sorry, something went wrong (${ctx.error?.code}): ${ctx.error?.message}`;
    case 'results': {
      const lines = ctx.outcomes.flatMap((o) => describeOutcome(o, lang));
      const anyCreative = ctx.outcomes.some((o) => o.status === 'succeeded' && o.action === 'generate_creative');
      if (anyCreative) {
        lines.push('', lang === 'zh' ? '下一步：可以说「用这些素材在 Meta 上创建广告」或「分析一下这些素材」。' : 'Next: say "create a Meta campaign with these creatives" or "score these creatives".');
      }
      return lines.join('\n');
    }
  }
}

/** Splits text into streaming pieces (words, or a few CJK characters) for token events. */
export function splitTokens(text: string): string[] {
  return text.match(/[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]{1,4}|\S+\s*|\s+/g) ?? [];
}
