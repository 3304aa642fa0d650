/**
 * The prompts the Gemini models receive: intent recognition (seed 000 需求 2, tasks 3.3 and 3.5),
 * reply writing (需求 4, task 3.5) and ad image generation and scoring (需求 6, task 2.5).
 *
 * The intent prompt is generated from MODULE_ACTIONS so that adding an action to the contract
 * without describing it here fails loudly (see ACTION_GUIDE's type).
 */
import type { ConversationEntity, ChatMessage } from '../../../domain/chat/conversation.js';
import { MODULE_ACTIONS, type ActionName, type Language, type ModuleName } from '../../../domain/chat/intent.js';
import type { ImageRequest, ReplyContext, StepOutcome } from '../types.js';

/** What each action does and which parameters it reads; one entry per action of MODULE_ACTIONS. */
const ACTION_GUIDE: Record<ActionName, string> = {
  generate_creative: 'generate ad images. count (default 1 when unstated), product, style, platforms.',
  analyze_creative: 'score creatives for quality. creative_ids, or references ["creative"] for "the images just made".',
  get_reports: 'fetch performance data. date_range, metrics (spend, impressions, clicks, ctr, cpc, cpa, roas, conversions), level, targets.',
  analyze_performance: 'explain performance and its trends. date_range, metrics, level, targets.',
  detect_anomaly: 'look for sudden changes (spend spikes, CPA jumps, delivery drops). date_range, metrics.',
  analyze_competitor: 'study competitors. competitors (names or URLs), product, countries.',
  get_trends: 'market and search trends. product, countries, date_range.',
  generate_strategy: 'write a marketing strategy. product, countries, platforms, budget.',
  create_landing_page: 'build a landing page. product, url (product page), languages, style.',
  translate_page: 'translate a landing page. languages (target), url, or references ["landing_page"].',
  create_page_ab_test: 'A/B test landing page variants. url or references ["landing_page"].',
  create_campaign:
    'create an ad campaign. platforms, budget (daily), countries, product, campaign_name, creative_ids or references ["creative"], url.',
  optimize_budget: 'reallocate budget across campaigns. strategy, target_roas or target_cpa, scope, targets.',
  update_budget: 'change budgets. budget_change or budget, scope, level, targets or selector.',
  manage_campaign: 'pause, start or delete. operation, scope, level, targets or selector.',
  create_ab_test: 'A/B test creatives or audiences in campaigns. creative_ids or references, targets, platforms.',
  analyze_ab_test: 'read the result of an A/B test. targets, metrics.',
  create_rule: 'an automation rule ("pause ads whose CPA exceeds $50"). rule (the condition and action as text), targets, scope.',
  get_campaign_status: 'report campaign state and delivery. targets, scope, level.',
};

const MODULE_GUIDE: Record<ModuleName, string> = {
  creative: 'ad images',
  reporting: 'performance data and analysis',
  market_intel: 'competitors, trends, strategy',
  landing_page: 'landing pages',
  campaign: 'ad campaigns on meta, tiktok, google',
};

function actionCatalogue(): string {
  return (Object.keys(MODULE_ACTIONS) as ModuleName[])
    .map((m) => {
      const actions = (MODULE_ACTIONS[m] as readonly ActionName[]).map((a) => `  - ${a}: ${ACTION_GUIDE[a]}`).join('\n');
      return `- module "${m}" (${MODULE_GUIDE[m]}):\n${actions}`;
    })
    .join('\n');
}

/**
 * The system instruction for intent recognition: the module/action catalogue, parameter
 * conventions, the ordering rules and the confidence rule (seed 000 tasks 3.3, 3.5).
 * @returns the instruction text (English; the model answers clarifications in the user's language)
 */
export function intentSystemPrompt(): string {
  return `You read messages sent to an advertising automation assistant and turn them into a plan of steps.
Answer only with JSON matching the response schema: {"steps": [{"module", "action", "parameters"}], "confidence", "language", "clarification"?}.

Modules and actions (use exactly these names; the action must belong to its module):
${actionCatalogue()}

Parameters (fill only what the message or the conversation states; never invent ids, names or numbers):
- Money is in major currency units with an ISO 4217 currency: "$80" -> {"amount":80,"currency":"USD"}; "500元"/"人民币" -> CNY. Budgets are daily unless stated.
- budget_change: "+20%"/"提高20%" -> {"kind":"percent","value":20}; "降低10%" -> percent -10; "double"/"翻倍" -> {"kind":"multiplier","value":2}; "set to 100" -> absolute 100; "add $30" -> delta 30.
- Percentages are plain numbers (20 means 20%). target_roas is a ratio (3 means 300%); target_cpa is money in major units.
- scope: "all" when the user says all/所有/全部, "several" for a list, "one" for a single named object. level: campaign, adset or ad.
- targets: names or ids exactly as written. selector: best_performing, worst_performing or losing_money for "表现最好的", "the worst ones", "亏钱的".
- references: when the user points at earlier results ("刚才的素材", "the campaign I just created", "这个落地页"), list the kinds referred to; use creative_ids only for ids actually known from the conversation.
- date_range: today, yesterday, last_7_days, last_30_days, or custom with start/end (YYYY-MM-DD).
- platforms: meta (Facebook/Instagram), tiktok (抖音国际版/TikTok), google (Google Ads/YouTube).

Ordering rules (list steps in the order they must run):
1. Creative before campaign: when a campaign should use new creatives, creative.generate_creative comes before campaign.create_campaign.
2. Landing page before campaign: when a campaign should point at a new landing page, landing_page.create_landing_page comes before campaign.create_campaign.
3. Analysis before optimisation: reporting.get_reports / analyze_performance / detect_anomaly come before campaign.optimize_budget, update_budget or manage_campaign that depend on their findings.
One step per action the user asked for; do not add steps the user did not ask for.

Confidence and language:
- confidence (0..1) is how sure you are that the steps and parameters are what the user wants.
- If confidence is below 0.6 (ambiguous, missing essential information, or several readings), still give your best steps but write "clarification": one short question in the user's language that would resolve it.
- If the message asks for nothing actionable (greeting, thanks, a question about what you can do), return "steps": [] with confidence 0.9 and no clarification.
- language: "zh" when the user writes mainly Chinese, otherwise "en".`;
}

function entityLine(e: ConversationEntity): string {
  return `${e.kind} id=${e.id}${e.name ? ` name="${e.name}"` : ''}${e.created_at ? ` created_at=${e.created_at}` : ''}`;
}

/**
 * The last user turn of the intent request: the message plus every entity the conversation
 * recorded (newest last), so references like "刚才的素材" can be resolved.
 * @param message the user's message
 * @param history the whole (already compressed) history, oldest first
 */
export function intentUserPrompt(message: string, history: readonly ChatMessage[]): string {
  const entities = history.flatMap((m) => m.entities ?? []);
  const known = entities.length > 0 ? `Entities created earlier in this conversation (newest last):\n${entities.map(entityLine).join('\n')}\n\n` : '';
  return `${known}Message to read:\n${message}`;
}

const LANGUAGE_NAME: Record<Language, string> = { zh: 'Simplified Chinese (简体中文)', en: 'English' };
/** The script of a tagline the image model renders. */
const TAGLINE_SCRIPT: Record<Language, string> = { zh: 'Simplified Chinese', en: 'English' };

const KIND_GUIDE: Record<ReplyContext['kind'], string> = {
  results:
    'Steps ran. Summarise what each step produced (names, counts, ids, links, key numbers from its result) and the credits charged or refunded. For failed steps say what went wrong in plain words and what the user can do; for skipped or unavailable steps say so briefly.',
  clarify: 'The request was ambiguous. Ask the clarification question given, warmly, and offer two or three example phrasings the user could send.',
  chitchat:
    'Nothing actionable was asked. Reply naturally and, if useful, say what you can do: generate and score ad creatives, build landing pages, create and optimise campaigns on Meta, TikTok and Google, report and analyse performance, study competitors and trends.',
  rejected: 'The user declined the proposed plan. Acknowledge that nothing was executed and no credits were charged, and ask what they would like instead.',
  confirmation_timeout: 'Nobody confirmed the proposed plan in time, so nothing was executed and no credits were charged. Say so and invite the user to send the request again.',
  insufficient_credits:
    'The user lacks credits. State the credits required and the current balance, and include the recharge link as a Markdown link. Nothing was charged.',
  error: 'The request failed before any step ran. Apologise briefly, explain the error in plain words and suggest what to try next.',
};

/**
 * The system instruction for the reply writer: tone, format and the answer language
 * (zh → Simplified Chinese, en → English) (seed 000 需求 4, task 3.5).
 * @param language the language to answer in
 */
export function replySystemPrompt(language: Language): string {
  return `You are the assistant of an advertising automation platform, writing the reply to the user's last message.
Write in ${LANGUAGE_NAME[language]} only, whatever language the data is in.
Be friendly and concise; use Markdown (short paragraphs, bullet lists, bold for key numbers, links as [text](url)).
Use only facts from the JSON context; never invent ids, numbers, links or results. Do not mention internal field names, JSON or error codes unless they help the user.
End with one to three concrete next-step suggestions the user can send.`;
}

/**
 * An outcome as the reply writer sees it: a reporting result keeps its computed summary text and
 * drops the bulky data (chart series, per-day rows) the UI gets through the tool_complete event.
 */
function compactOutcome(o: StepOutcome): StepOutcome {
  const r = o.result as { kind?: unknown; text?: unknown; data?: unknown } | undefined;
  if (!r || typeof r.text !== 'string' || r.data === undefined) return o;
  const { data: _data, ...rest } = r;
  return { ...o, result: rest };
}

/**
 * The user turn of the reply writer: the situation (`kind`), its guidance and the results as JSON.
 * For insufficient_credits the recharge link is repeated explicitly so the reply includes it.
 * @param ctx what the turn did
 */
export function replyUserPrompt(ctx: ReplyContext): string {
  const context = {
    kind: ctx.kind,
    user_message: ctx.message,
    outcomes: ctx.outcomes.map(compactOutcome),
    ...(ctx.clarification ? { clarification: ctx.clarification } : {}),
    ...(ctx.credits ? { credits: ctx.credits } : {}),
    ...(ctx.error ? { error: ctx.error } : {}),
  };
  const recharge = ctx.kind === 'insufficient_credits' && ctx.credits ? `\nRecharge link to include: ${ctx.credits.recharge_url}` : '';
  return `Situation: ${KIND_GUIDE[ctx.kind]}${recharge}\n\nContext (JSON):\n${JSON.stringify(context, null, 2)}`;
}

/** Art directions a batch cycles through, so the images of one batch differ in design. */
const ART_DIRECTIONS = [
  'hero product shot on a seamless studio backdrop, soft key light, gentle shadow, premium feel',
  'lifestyle scene: a person using the product in a natural, aspirational everyday setting',
  'bold graphic layout: flat saturated colour blocks, strong contrast, product cut out and large',
  'close-up detail of materials and craftsmanship, shallow depth of field',
  'dynamic diagonal composition with motion and energy, vivid accent colours',
  'minimal top-down flat lay with a few complementary props and generous negative space',
] as const;

/**
 * The image prompt for one ad creative: product, style, optional tagline to render, and an art
 * direction chosen by `variant` (seed 000 需求 6.1, task 2.5).
 * @param req the image request (aspect ratio is sent separately as imageConfig)
 */
export function imagePrompt(req: ImageRequest): string {
  const direction = ART_DIRECTIONS[req.variant % ART_DIRECTIONS.length]!;
  const text = req.tagline
    ? `Render this tagline (${TAGLINE_SCRIPT[req.language]}) once, exactly as written, in a bold highly legible typeface with strong contrast: "${req.tagline}". No other text.`
    : 'Do not render any text, letters, logos or watermarks.';
  return [
    `Create a high-converting social media advertising image for: ${req.product}.`,
    `Visual style: ${req.style ?? 'clean, modern commercial photography'}.`,
    `Art direction (variant ${req.variant + 1}): ${direction}.`,
    `Composition for a ${req.aspectRatio} frame: the product is the clear focal point, with clean space for ad copy and safe margins for platform UI overlays.`,
    text,
    'Avoid distorted or duplicated products, misspelled text, watermarks and third-party brand logos.',
  ].join('\n');
}

/**
 * The prompt for scoring an ad creative (seed 000 需求 6.2, 6.3).
 * @param language the language the reasons are written in
 */
export function analysisPrompt(language: Language): string {
  return `You are a senior performance-marketing creative director. Score the attached ad image from 0 to 100 for its likely advertising effectiveness:
clarity of the product or message, visual hierarchy and composition, legibility and contrast of any text, colour and brand appeal, thumb-stopping power in a social feed, and suitability for ad platform policies.
Answer with JSON: {"score": integer 0-100, "reasons": 2 to 5 short reasons, each a concrete observation or improvement, written in ${LANGUAGE_NAME[language]}}.`;
}
