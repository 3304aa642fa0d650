/**
 * The offline image model (seed 000 需求 6.1, task 9.1): renders a real PNG ad from a designed
 * template when no Gemini key is configured. The same request always renders the same bytes.
 */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { AppError } from '../../../../domain/errors.js';
import type { Language } from '../../../../domain/chat/intent.js';
import type { GeneratedImage, ImageModel, ImageRequest } from '../../types.js';
import { cssFont, resolveCreativeFont, type CreativeFont, type FontOptions } from './fonts.js';
import { paintLayout, pickDesign, type Box, type GlyphName, type Palette } from './templates.js';

/** Canvas size in pixels for each ad placement aspect ratio. */
export const ASPECT_SIZES: Record<ImageRequest['aspectRatio'], { width: number; height: number }> = {
  '1:1': { width: 1080, height: 1080 },
  '4:5': { width: 1080, height: 1350 },
  '9:16': { width: 1080, height: 1920 },
  '16:9': { width: 1920, height: 1080 },
};

/** Default tagline and call to action per language. */
export const DEFAULT_COPY: Record<Language, { tagline: string; cta: string }> = {
  zh: { tagline: '限时优惠 · 立即选购', cta: '立即购买' },
  en: { tagline: 'Limited offer · Shop now', cta: 'Shop now' },
};

/**
 * Renders ad images offline with @napi-rs/canvas. `font.cjk` is false when no CJK font was
 * found: Chinese default copy is then replaced by the English one (the product name and a given
 * tagline are drawn as they are, possibly as missing-glyph boxes); the caller should warn.
 */
export class OfflineImageModel implements ImageModel {
  readonly name = 'offline-template';
  readonly mimeType = 'image/png' as const;
  /** the font used for all text. */
  readonly font: CreativeFont;

  /** @param fonts where to find a CJK font (CREATIVE_FONT_PATH as `fontPath`) */
  constructor(fonts: FontOptions = {}) {
    this.font = resolveCreativeFont(fonts);
  }

  /**
   * Renders one ad image at the size of its aspect ratio (see {@link ASPECT_SIZES}).
   * @returns a PNG with its size in pixels and model 'offline-template'
   * @throws AppError 4003 when rendering or encoding fails
   */
  async generateImage(req: ImageRequest): Promise<GeneratedImage> {
    const size = ASPECT_SIZES[req.aspectRatio];
    if (!size) throw new AppError('4003', `unsupported aspect ratio ${String(req.aspectRatio)}`, { aspectRatio: req.aspectRatio });
    try {
      const canvas = createCanvas(size.width, size.height);
      this.draw(canvas.getContext('2d'), req, size.width, size.height);
      const data = await canvas.encode('png');
      return { data, mimeType: 'image/png', width: size.width, height: size.height, model: this.name };
    } catch (err) {
      throw new AppError('4003', 'offline image rendering failed', { reason: err instanceof Error ? err.message : String(err) });
    }
  }

  private draw(ctx: SKRSContext2D, req: ImageRequest, w: number, h: number): void {
    const design = pickDesign(req);
    const regions = paintLayout(ctx, design, w, h);
    const { cx, cy, r, color } = regions.glyph;
    drawGlyph(ctx, design.glyph, cx, cy, r * 0.62, color);
    const copy = DEFAULT_COPY[req.language === 'zh' && this.font.cjk ? 'zh' : 'en'];
    const headline = req.product.trim() || copy.cta; // a blank product name still gets a headline
    // tall placements (9:16) have room for larger type
    const unit = Math.min(w, h) * (h >= w * 1.7 ? 1.2 : 1);
    drawTextBlock(ctx, this.font, design.palette, regions.text, regions.align, unit, {
      headline,
      tagline: req.tagline?.trim() || copy.tagline,
      cta: copy.cta,
    });
  }
}

/** Text fitted into a box: its lines and their font size and line height (pixels). */
export interface FittedText {
  lines: string[];
  size: number;
  lineHeight: number;
}

/** How {@link fitText} may size a text. Sizes in pixels. */
export interface FitOptions {
  maxWidth: number;
  maxHeight: number;
  maxSize: number;
  minSize: number;
  maxLines: number;
  weight: 'normal' | 'bold';
}

const LINE_HEIGHT = 1.2;
/**
 * Wrapping units: runs of spaces, single CJK characters (ideographs, kana, hangul, full-width
 * punctuation: a line may break around each one) and runs of other characters (words).
 */
const TOKEN = /\s+|[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]|[^\s\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]+/gu;

/**
 * Wraps text into lines no wider than maxWidth, shrinking the font from maxSize towards minSize
 * until it fits maxLines and maxHeight. CJK text wraps between characters, other text between
 * words (a word wider than the box is split by character). Text that still does not fit at
 * minSize is cut and ends with "…".
 * Leaves `ctx.font` set to the returned size.
 */
export function fitText(ctx: SKRSContext2D, font: CreativeFont, text: string, opts: FitOptions): FittedText {
  let size = opts.maxSize;
  for (;;) {
    ctx.font = cssFont(font, size, opts.weight);
    const lineHeight = size * LINE_HEIGHT;
    const maxLines = Math.max(1, Math.min(opts.maxLines, Math.floor(opts.maxHeight / lineHeight)));
    const lines = wrap(ctx, text, opts.maxWidth);
    if (lines.length <= maxLines) return { lines, size, lineHeight };
    if (size * 0.92 < opts.minSize) return { lines: truncate(ctx, lines, maxLines, opts.maxWidth), size, lineHeight };
    size *= 0.92;
  }
}

function wrap(ctx: SKRSContext2D, text: string, maxWidth: number): string[] {
  const tokens = (text.trim().match(TOKEN) ?? []).flatMap((token) =>
    token.trim() !== '' && ctx.measureText(token).width > maxWidth ? Array.from(token) : [token],
  );
  const lines: string[] = [];
  let line = '';
  for (const token of tokens) {
    const candidate = line + token;
    if (line === '' || ctx.measureText(candidate.trimEnd()).width <= maxWidth) {
      line = candidate.trimStart();
    } else {
      lines.push(line.trimEnd());
      line = token.trimStart();
    }
  }
  if (line !== '') lines.push(line.trimEnd());
  return lines;
}

function truncate(ctx: SKRSContext2D, lines: string[], maxLines: number, maxWidth: number): string[] {
  const kept = lines.slice(0, maxLines);
  let last = Array.from(kept[kept.length - 1] ?? '');
  while (last.length > 0 && ctx.measureText(`${last.join('')}…`).width > maxWidth) last = last.slice(0, -1);
  kept[kept.length - 1] = `${last.join('').trimEnd()}…`;
  return kept;
}

/** Draws headline, tagline and CTA button stacked and vertically centred in the box. */
function drawTextBlock(
  ctx: SKRSContext2D,
  font: CreativeFont,
  palette: Palette,
  box: Box,
  align: 'left' | 'center',
  m: number,
  copy: { headline: string; tagline: string; cta: string },
): void {
  const headline = fitText(ctx, font, copy.headline, { maxWidth: box.w, maxHeight: box.h * 0.55, maxSize: m * 0.12, minSize: m * 0.045, maxLines: 3, weight: 'bold' });
  const taglineMax = Math.min(m * 0.05, Math.max(m * 0.032, headline.size * 0.45));
  const tagline = fitText(ctx, font, copy.tagline, { maxWidth: box.w, maxHeight: box.h * 0.2, maxSize: taglineMax, minSize: m * 0.024, maxLines: 2, weight: 'normal' });
  const ctaSize = m * 0.038;
  const ctaHeight = ctaSize * 2.3;
  const gap = m * 0.035;
  const total = headline.lines.length * headline.lineHeight + gap + tagline.lines.length * tagline.lineHeight + gap + ctaHeight;
  let y = box.y + Math.max(0, (box.h - total) / 2);
  const x = align === 'center' ? box.x + box.w / 2 : box.x;
  ctx.textAlign = align;
  ctx.textBaseline = 'middle';
  y = drawLines(ctx, font, headline, 'bold', palette.ink, x, y) + gap;
  y = drawLines(ctx, font, tagline, 'normal', palette.muted, x, y) + gap;
  ctx.font = cssFont(font, ctaSize, 'bold');
  const ctaWidth = Math.min(box.w, ctx.measureText(copy.cta).width + ctaSize * 2.4);
  const left = align === 'center' ? x - ctaWidth / 2 : x;
  ctx.fillStyle = palette.accent;
  ctx.beginPath();
  ctx.roundRect(left, y, ctaWidth, ctaHeight, ctaHeight / 2);
  ctx.fill();
  ctx.fillStyle = palette.onAccent;
  ctx.textAlign = 'center';
  ctx.fillText(copy.cta, left + ctaWidth / 2, y + ctaHeight / 2);
}

/** Draws fitted lines from top y; returns the y below the last line. */
function drawLines(ctx: SKRSContext2D, font: CreativeFont, text: FittedText, weight: 'normal' | 'bold', color: string, x: number, y: number): number {
  ctx.font = cssFont(font, text.size, weight);
  ctx.fillStyle = color;
  text.lines.forEach((line, i) => ctx.fillText(line, x, y + text.lineHeight * (i + 0.5)));
  return y + text.lineHeight * text.lines.length;
}

/** Draws a product silhouette in a unit square scaled to radius r around (cx, cy). */
function drawGlyph(ctx: SKRSContext2D, glyph: GlyphName, cx: number, cy: number, r: number, color: string): void {
  ctx.save();
  ctx.translate(cx, cy);
  ctx.scale(r, r);
  ctx.fillStyle = color;
  ctx.strokeStyle = color;
  ctx.lineWidth = 0.1;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.beginPath();
  GLYPHS[glyph](ctx);
  ctx.restore();
}

const GLYPHS: Record<GlyphName, (ctx: SKRSContext2D) => void> = {
  bag: (ctx) => {
    ctx.roundRect(-0.6, -0.3, 1.2, 1.1, 0.12);
    ctx.fill();
    ctx.beginPath();
    ctx.arc(0, -0.3, 0.32, Math.PI, 0);
    ctx.stroke();
  },
  watch: (ctx) => {
    ctx.rect(-0.3, -0.95, 0.6, 0.42);
    ctx.rect(-0.3, 0.53, 0.6, 0.42);
    ctx.fill();
    ctx.beginPath();
    ctx.lineWidth = 0.14;
    ctx.arc(0, 0, 0.55, 0, Math.PI * 2);
    ctx.moveTo(0, -0.3);
    ctx.lineTo(0, 0);
    ctx.lineTo(0.22, 0.12);
    ctx.stroke();
  },
  phone: (ctx) => {
    ctx.roundRect(-0.45, -0.9, 0.9, 1.8, 0.15);
    ctx.stroke();
    ctx.beginPath();
    ctx.roundRect(-0.32, -0.7, 0.64, 1.25, 0.04);
    ctx.fill();
    ctx.beginPath();
    ctx.arc(0, 0.72, 0.07, 0, Math.PI * 2);
    ctx.fill();
  },
  cup: (ctx) => {
    ctx.moveTo(-0.55, -0.25);
    ctx.lineTo(0.45, -0.25);
    ctx.lineTo(0.35, 0.75);
    ctx.lineTo(-0.45, 0.75);
    ctx.closePath();
    ctx.fill();
    ctx.beginPath();
    ctx.arc(0.5, 0.2, 0.22, -Math.PI / 2, Math.PI / 2);
    ctx.stroke();
    for (const x of [-0.25, 0.15]) {
      ctx.beginPath();
      ctx.moveTo(x, -0.45);
      ctx.bezierCurveTo(x + 0.15, -0.6, x - 0.15, -0.75, x, -0.9);
      ctx.stroke();
    }
  },
  shirt: (ctx) => {
    const points: [number, number][] = [[-0.25, -0.75], [-0.85, -0.45], [-0.65, 0], [-0.45, -0.1], [-0.45, 0.8], [0.45, 0.8], [0.45, -0.1], [0.65, 0], [0.85, -0.45], [0.25, -0.75], [0, -0.6]];
    points.forEach(([x, y]) => ctx.lineTo(x, y));
    ctx.closePath();
    ctx.fill();
  },
  shoe: (ctx) => {
    ctx.moveTo(-0.85, 0.45);
    ctx.lineTo(-0.85, -0.35);
    ctx.lineTo(-0.4, -0.35);
    ctx.quadraticCurveTo(-0.2, 0, 0.3, 0.05);
    ctx.quadraticCurveTo(0.85, 0.12, 0.9, 0.45);
    ctx.closePath();
    ctx.fill();
    ctx.beginPath();
    ctx.roundRect(-0.9, 0.52, 1.85, 0.16, 0.08);
    ctx.fill();
  },
  gift: (ctx) => {
    ctx.rect(-0.7, -0.3, 0.62, 0.25);
    ctx.rect(0.08, -0.3, 0.62, 0.25);
    ctx.rect(-0.6, 0.03, 0.52, 0.75);
    ctx.rect(0.08, 0.03, 0.52, 0.75);
    ctx.fill();
    for (const dir of [-1, 1]) {
      ctx.beginPath();
      ctx.ellipse(dir * 0.22, -0.48, 0.22, 0.12, dir * -0.5, 0, Math.PI * 2);
      ctx.stroke();
    }
  },
};
