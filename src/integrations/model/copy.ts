/**
 * Ad copy for create_campaign (seed 001 需求 2.4 "自动生成广告文案（使用 AI）", 2.5 "返回文案供确认";
 * "降级策略" 1: Gemini Pro → Gemini Flash → template). One piece of copy is written per creative and
 * platform; every ad of that creative on that platform carries it.
 *
 * Lengths are in characters (code points). The platform limits below are where each platform cuts
 * or refuses text: Meta shows about 125 characters of primary text before "See more" (seed 001's
 * "125 字以内") and about 40 of a headline; TikTok ad text takes 1-100 characters and has no
 * headline field; Google responsive display ads take headlines of 30 and descriptions of 90
 * (platforms/google/ad.ts RDA_LIMITS).
 */
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import type { Language, Platform } from '../../domain/chat/intent.js';
import type { Logger } from '../../observability/logger.js';
import { firstSuccess } from './fallback-chain.js';

/** Calls to action every platform adapter understands (Meta and TikTok enums, Google's text). */
export const CALLS_TO_ACTION = ['SHOP_NOW', 'LEARN_MORE', 'SIGN_UP', 'ORDER_NOW', 'CONTACT_US', 'SUBSCRIBE', 'GET_QUOTE', 'APPLY_NOW'] as const;
/** A call to action (the ad's button), e.g. SHOP_NOW. */
export type CallToAction = (typeof CALLS_TO_ACTION)[number];

/** Campaign objectives, as CampaignSpec names them. */
export type CopyObjective = 'sales' | 'traffic' | 'awareness' | 'leads';

/** The call to action an objective suggests when the model gives none. */
export const DEFAULT_CALL_TO_ACTION: Readonly<Record<CopyObjective, CallToAction>> = {
  sales: 'SHOP_NOW',
  traffic: 'LEARN_MORE',
  awareness: 'LEARN_MORE',
  leads: 'SIGN_UP',
};

/** Longest headline and primary text per platform, in characters (see the module comment). */
export const COPY_LIMITS: Readonly<Record<Platform, { headline: number; primary_text: number }>> = {
  meta: { headline: 40, primary_text: 125 },
  tiktok: { headline: 40, primary_text: 100 },
  google: { headline: 30, primary_text: 90 },
};

/** What one piece of copy is for. */
export interface AdCopyRequest {
  /** the Web Platform creative id. */
  creative_id: string;
  platform: Platform;
  /** what is advertised, e.g. "无线降噪耳机" (the creative's prompt, or the user's words). */
  product: string;
  /** the creative's name in the Web Platform, e.g. "无线降噪耳机-1". */
  creative_name?: string;
  /** the page the ad links to (http or https). */
  landing_url: string;
  objective: CopyObjective;
  /** language of the copy. */
  language: Language;
  /** 0-based position of the creative in its campaign, so templated copy varies between creatives. */
  variant?: number;
}

/** One piece of ad copy (seed 001 需求 2.4). */
export interface AdCopyText {
  /** short title: Meta headline, Google headline (TikTok shows none). */
  headline: string;
  /** the ad's main text ("the copy" users review). */
  primary_text: string;
  call_to_action: CallToAction;
}

/** Copy with the model that wrote it ("offline-template" for the template). */
export interface GeneratedAdCopy extends AdCopyText {
  model: string;
}

/**
 * The copy a model must return (structured output; re-validated after decoding). Lengths here are
 * generous: {@link fitCopy} trims to the platform's limits afterwards.
 */
export const AdCopySchema = z.object({
  headline: z.string().trim().min(1).max(120).describe('a short headline'),
  primary_text: z.string().trim().min(1).max(600).describe('the primary ad text'),
  call_to_action: z.enum(CALLS_TO_ACTION).describe('the button label'),
});

/** Something that writes ad copy: a Gemini model, the offline template, or a fallback chain of them. */
export interface AdCopyModel {
  /** e.g. "gemini-3.1-pro-preview", "offline-template", or a chain "a > b > c". */
  readonly name: string;
  /**
   * Writes one piece of copy for a creative on a platform, within {@link COPY_LIMITS}.
   * @throws AppError 4001 timeout, 4002 unavailable, 1003 rate limited, 4003 invalid or blocked output
   */
  writeAdCopy(req: AdCopyRequest): Promise<GeneratedAdCopy>;
}

/**
 * Shortens text to at most `max` characters (code points): whitespace collapsed, cut at the last
 * word or sentence boundary in the second half when there is one, and ended with "…" when cut.
 */
export function fitText(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(clean);
  if (chars.length <= max) return clean;
  const head = chars.slice(0, Math.max(1, max - 1)).join('');
  const boundary = Math.max(head.lastIndexOf(' '), ...['，', '。', '！', ',', '.', '!'].map((p) => head.lastIndexOf(p)));
  const cut = boundary >= head.length / 2 ? head.slice(0, boundary) : head;
  return `${cut.replace(/[\s,，.。!！]+$/u, '')}…`;
}

/** Copy trimmed to a platform's limits (see {@link COPY_LIMITS}). */
export function fitCopy<T extends AdCopyText>(copy: T, platform: Platform): T {
  const limits = COPY_LIMITS[platform];
  return { ...copy, headline: fitText(copy.headline, limits.headline), primary_text: fitText(copy.primary_text, limits.primary_text) };
}

/**
 * The copy fallback chain of seed 001 降级策略 1: each model in order (Gemini Pro, Gemini Flash,
 * the offline template); any failure moves on to the next, so copy degrades instead of failing.
 */
export class FallbackAdCopyModel implements AdCopyModel {
  /** The chain's models joined by " > ". */
  readonly name: string;

  /**
   * @param models the models in priority order; at least one (the last should be the template, which never fails)
   * @param logger receives one warning per failed model (model, creative, code, next model)
   * @throws Error when models is empty (a programming error)
   */
  constructor(
    private readonly models: readonly AdCopyModel[],
    private readonly logger: Pick<Logger, 'warn'>,
  ) {
    if (models.length === 0) throw new Error('FallbackAdCopyModel needs at least one model');
    this.name = models.map((m) => m.name).join(' > ');
  }

  /**
   * Asks each model in turn.
   * @returns the first successful copy, trimmed to the platform's limits, with the model that wrote it
   * @throws the last model's error when every model fails
   */
  writeAdCopy(req: AdCopyRequest): Promise<GeneratedAdCopy> {
    return firstSuccess(
      this.models,
      async (model) => fitCopy(await model.writeAdCopy(req), req.platform),
      (model, err, next) =>
        this.logger.warn(
          {
            model: model.name,
            operation: 'writeAdCopy',
            creative_id: req.creative_id,
            platform: req.platform,
            code: err instanceof AppError ? err.code : 'unknown',
            error: err instanceof Error ? err.message : String(err),
            next_model: next?.name ?? null,
          },
          'ad copy model failed',
        ),
    );
  }
}
