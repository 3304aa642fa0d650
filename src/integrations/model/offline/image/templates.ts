/**
 * Designed ad layouts for the offline image model (seed 000 需求 6.1, task 9.1): palettes chosen
 * from the style words, five layouts that paint the background and decorative shapes, and the
 * deterministic choice of a design from (product, style, variant). All sizes are in pixels.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { ImageRequest } from '../../types.js';

/** The colours of a design (CSS colour strings). */
export interface Palette {
  /** background gradient stops. */
  bg: readonly [string, string];
  /** headline colour, readable on the background. */
  ink: string;
  /** tagline colour, readable on the background. */
  muted: string;
  /** shapes and the CTA button. */
  accent: string;
  /** text and glyph colour on the accent. */
  onAccent: string;
}

/** A mood recognised in the style words. */
export type Mood = 'tech' | 'luxury' | 'fresh' | 'energetic' | 'minimal';
export type LayoutName = 'gradient-hero' | 'split-block' | 'centred-badge' | 'diagonal-sale' | 'spotlight-ring';
/** The small product illustration drawn by the renderer. */
export type GlyphName = 'bag' | 'phone' | 'watch' | 'cup' | 'shirt' | 'shoe' | 'gift';

/** What the renderer draws: a layout, its palette and the product glyph. */
export interface Design {
  layout: LayoutName;
  palette: Palette;
  /** the mood the palette came from; null when the palette was derived from the hash. */
  mood: Mood | null;
  glyph: GlyphName;
  /** seed of the decorative shapes (32-bit unsigned). */
  seed: number;
}

/** A rectangle in pixels. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Where a painted layout leaves room for the text block and the glyph (pixels). */
export interface LayoutRegions {
  text: Box;
  align: 'left' | 'center';
  glyph: { cx: number; cy: number; r: number; color: string };
}

export const LAYOUTS: readonly LayoutName[] = ['gradient-hero', 'split-block', 'centred-badge', 'diagonal-sale', 'spotlight-ring'];

const MOOD_WORDS: readonly (readonly [Mood, RegExp])[] = [
  ['tech', /科技|数码|智能|未来|赛博|tech|digital|smart|futur|cyber/i],
  ['luxury', /奢华|奢侈|高端|高级|轻奢|典雅|luxur|premium|elegan|gold/i],
  ['fresh', /清新|自然|天然|绿色|有机|natural|fresh|eco|organic|green/i],
  ['energetic', /活力|动感|运动|青春|热情|energ|vibrant|sport|dynamic|fun/i],
  ['minimal', /简约|极简|简洁|minimal|clean|simple/i],
];

const MOOD_PALETTES: Record<Mood, readonly Palette[]> = {
  tech: [
    { bg: ['#0b1f4b', '#0e6ba8'], ink: '#ffffff', muted: '#bfe9ff', accent: '#00d4ff', onAccent: '#06203f' },
    { bg: ['#101935', '#2c3e91'], ink: '#ffffff', muted: '#a9c6ff', accent: '#3dd6f5', onAccent: '#0b1430' },
  ],
  luxury: [
    { bg: ['#0d0d0d', '#2b2418'], ink: '#f5e6c4', muted: '#c9b68a', accent: '#d4af37', onAccent: '#111111' },
    { bg: ['#1a1a1a', '#3a2f1c'], ink: '#ffffff', muted: '#e0c98f', accent: '#c9a227', onAccent: '#141414' },
  ],
  fresh: [
    { bg: ['#e9f8ee', '#bfe8cc'], ink: '#124d2b', muted: '#2f7a4d', accent: '#2eaf64', onAccent: '#ffffff' },
    { bg: ['#1f6f4a', '#3fa36b'], ink: '#ffffff', muted: '#d9f5e3', accent: '#c8f169', onAccent: '#1a3d28' },
  ],
  energetic: [
    { bg: ['#ff6a3d', '#ff2e88'], ink: '#ffffff', muted: '#fff0e0', accent: '#ffd23f', onAccent: '#5a1030' },
    { bg: ['#ff9a1f', '#ff4f6d'], ink: '#ffffff', muted: '#fff4d6', accent: '#2a1b5c', onAccent: '#ffffff' },
  ],
  minimal: [
    { bg: ['#ffffff', '#eeeeee'], ink: '#1e1e1e', muted: '#666666', accent: '#1e1e1e', onAccent: '#ffffff' },
    { bg: ['#f4f4f2', '#dcdcd8'], ink: '#222222', muted: '#5f5f5f', accent: '#8a8a85', onAccent: '#ffffff' },
  ],
};

const GLYPH_WORDS: readonly (readonly [GlyphName, RegExp])[] = [
  ['shoe', /鞋|靴|shoe|sneaker|boot/i],
  ['phone', /手机|平板|电话|phone|tablet|mobile/i],
  ['watch', /手表|腕表|手环|watch|band/i],
  ['cup', /咖啡|茶|杯|饮|coffee|tea|cup|mug|drink/i],
  ['shirt', /衣|衫|恤|裙|服|shirt|dress|hoodie|jacket|apparel/i],
  ['gift', /礼|gift|present/i],
];

/**
 * FNV-1a 32-bit hash of a string (stable across processes and platforms).
 * @returns an unsigned 32-bit integer
 */
export function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h = Math.imul(h ^ byte, 0x01000193);
  }
  return h >>> 0;
}

/** The first mood whose words appear in the style text, or null. */
export function moodOf(style: string | undefined): Mood | null {
  return MOOD_WORDS.find(([, words]) => words.test(style ?? ''))?.[0] ?? null;
}

/**
 * Chooses the design of one image. The same (product, style, variant) always gives the same
 * design; consecutive variants of a batch get different layouts.
 */
export function pickDesign(req: Pick<ImageRequest, 'product' | 'style' | 'variant'>): Design {
  const variant = Math.abs(Math.trunc(req.variant)) || 0;
  const base = stableHash(`${req.product}\u0000${req.style ?? ''}`);
  const mood = moodOf(req.style);
  const moodPalettes = mood ? MOOD_PALETTES[mood] : null;
  return {
    layout: LAYOUTS[(base + variant) % LAYOUTS.length] ?? 'gradient-hero',
    palette: moodPalettes?.[((base >>> 8) + variant) % moodPalettes.length] ?? huePalette((base % 360) + variant * 47),
    mood,
    glyph: GLYPH_WORDS.find(([, words]) => words.test(req.product))?.[0] ?? 'bag',
    seed: stableHash(`${req.product}\u0000${req.style ?? ''}\u0000${variant}`),
  };
}

/** A palette around a hue (degrees) for styles without a recognised mood. */
function huePalette(hue: number): Palette {
  const h = hue % 360;
  const c = (dh: number, s: number, l: number) => `hsl(${(h + dh) % 360}, ${s}%, ${l}%)`;
  return { bg: [c(0, 65, 40), c(35, 70, 24)], ink: '#ffffff', muted: c(0, 70, 88), accent: c(180, 85, 62), onAccent: c(180, 60, 14) };
}

/** A small deterministic PRNG (mulberry32) returning numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Paints the layout's background and decorative shapes on a w×h canvas.
 * @returns where the renderer should put the text block and the glyph
 */
export function paintLayout(ctx: SKRSContext2D, design: Design, w: number, h: number): LayoutRegions {
  const painter = PAINTERS[design.layout];
  return painter(ctx, design.palette, { w, h, m: Math.min(w, h), wide: w > h, rand: seededRandom(design.seed) });
}

interface Frame {
  w: number;
  h: number;
  /** the shorter side. */
  m: number;
  /** landscape (16:9). */
  wide: boolean;
  rand: () => number;
}

type Painter = (ctx: SKRSContext2D, p: Palette, f: Frame) => LayoutRegions;

const PAINTERS: Record<LayoutName, Painter> = {
  'gradient-hero': (ctx, p, { w, h, m, wide, rand }) => {
    fillGradient(ctx, p.bg, 0, 0, w, h, w, h);
    for (let i = 0; i < 3; i++) {
      circle(ctx, w * (0.6 + 0.4 * rand()), h * 0.35 * rand(), m * (0.15 + 0.25 * rand()), p.accent, 0.18);
    }
    const glyph = wide ? { cx: w * 0.76, cy: h * 0.5, r: m * 0.26 } : { cx: w * 0.5, cy: h * 0.28, r: m * 0.2 };
    circle(ctx, glyph.cx, glyph.cy, glyph.r, p.accent, 1);
    const u = m * 0.07;
    const text = wide ? { x: u, y: u * 2, w: w * 0.52, h: h - 4 * u } : { x: u, y: h * 0.52, w: w - 2 * u, h: h * 0.48 - u };
    return { text, align: 'left', glyph: { ...glyph, color: p.onAccent } };
  },
  'split-block': (ctx, p, { w, h, m, wide }) => {
    fillGradient(ctx, p.bg, 0, 0, 0, h, w, h);
    const panel = wide ? { x: 0, y: 0, w: w * 0.42, h } : { x: 0, y: 0, w, h: h * 0.48 };
    ctx.fillStyle = p.accent;
    ctx.fillRect(panel.x, panel.y, panel.w, panel.h);
    ctx.fillStyle = p.ink;
    if (wide) ctx.fillRect(panel.w, h * 0.2, m * 0.02, h * 0.6);
    else ctx.fillRect(w * 0.35, panel.h, w * 0.3, m * 0.02);
    const u = m * 0.07;
    const text = wide ? { x: panel.w + 2 * u, y: u * 2, w: w - panel.w - 3 * u, h: h - 4 * u } : { x: u, y: panel.h + u, w: w - 2 * u, h: h - panel.h - 2 * u };
    const glyph = { cx: panel.w / 2, cy: panel.h / 2, r: m * 0.22, color: p.onAccent };
    return { text, align: wide ? 'left' : 'center', glyph };
  },
  'centred-badge': (ctx, p, { w, h, m, wide }) => {
    ctx.fillStyle = p.bg[0];
    ctx.fillRect(0, 0, w, h);
    const inset = m * 0.04;
    ctx.strokeStyle = p.bg[1];
    ctx.lineWidth = m * 0.012;
    ctx.strokeRect(inset, inset, w - 2 * inset, h - 2 * inset);
    const glyph = wide ? { cx: w * 0.27, cy: h * 0.5, r: m * 0.24 } : { cx: w * 0.5, cy: h * 0.3, r: m * 0.17 };
    circle(ctx, glyph.cx, glyph.cy, glyph.r * 1.18, p.bg[1], 1);
    circle(ctx, glyph.cx, glyph.cy, glyph.r, p.accent, 1);
    const u = m * 0.09;
    const text = wide ? { x: w * 0.5, y: u * 2, w: w * 0.5 - u, h: h - 4 * u } : { x: u, y: h * 0.52, w: w - 2 * u, h: h * 0.48 - u };
    return { text, align: wide ? 'left' : 'center', glyph: { ...glyph, color: p.onAccent } };
  },
  'diagonal-sale': (ctx, p, { w, h, m, wide }) => {
    fillGradient(ctx, p.bg, 0, h, w, 0, w, h);
    ctx.save();
    ctx.globalAlpha = 0.12;
    ctx.strokeStyle = p.accent;
    ctx.lineWidth = m * 0.025;
    for (let x = -h; x < w; x += m * 0.09) line(ctx, x, h * 0.45, x + h * 0.45, 0);
    ctx.restore();
    ctx.fillStyle = p.accent;
    ctx.beginPath();
    ctx.moveTo(w * 0.55, 0);
    ctx.lineTo(w, 0);
    ctx.lineTo(w, h * (wide ? 0.75 : 0.42));
    ctx.closePath();
    ctx.fill();
    starburst(ctx, w - m * 0.2, m * 0.2, m * 0.13, p.ink, p.bg[1]);
    const glyph = wide ? { cx: w * 0.7, cy: h * 0.65, r: m * 0.2 } : { cx: w * 0.3, cy: h * 0.27, r: m * 0.22 };
    const u = m * 0.07;
    const text = wide ? { x: u, y: u * 2, w: w * 0.5, h: h - 4 * u } : { x: u, y: h * 0.5, w: w - 2 * u, h: h * 0.5 - u };
    return { text, align: 'left', glyph: { ...glyph, color: p.ink } };
  },
  'spotlight-ring': (ctx, p, { w, h, m, wide }) => {
    const cx = wide ? w * 0.3 : w * 0.5;
    const cy = wide ? h * 0.5 : h * 0.28;
    const gradient = ctx.createRadialGradient(cx, cy, 0, cx, cy, Math.max(w, h) * 0.8);
    gradient.addColorStop(0, p.bg[0]);
    gradient.addColorStop(1, p.bg[1]);
    ctx.fillStyle = gradient;
    ctx.fillRect(0, 0, w, h);
    ctx.strokeStyle = p.accent;
    for (let i = 1; i <= 3; i++) {
      ctx.globalAlpha = 0.5 / i;
      ctx.lineWidth = m * 0.01 * (4 - i);
      ctx.beginPath();
      ctx.arc(cx, cy, m * (0.17 + i * 0.045), 0, Math.PI * 2);
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
    const u = m * 0.07;
    const text = wide ? { x: w * 0.56, y: u * 2, w: w * 0.44 - u, h: h - 4 * u } : { x: u, y: h * 0.55, w: w - 2 * u, h: h * 0.45 - u };
    return { text, align: wide ? 'left' : 'center', glyph: { cx, cy, r: m * 0.18, color: p.accent } };
  },
};

function fillGradient(ctx: SKRSContext2D, stops: readonly [string, string], x0: number, y0: number, x1: number, y1: number, w: number, h: number): void {
  const gradient = ctx.createLinearGradient(x0, y0, x1, y1);
  gradient.addColorStop(0, stops[0]);
  gradient.addColorStop(1, stops[1]);
  ctx.fillStyle = gradient;
  ctx.fillRect(0, 0, w, h);
}

function circle(ctx: SKRSContext2D, cx: number, cy: number, r: number, color: string, alpha: number): void {
  ctx.save();
  ctx.globalAlpha = alpha;
  ctx.fillStyle = color;
  ctx.beginPath();
  ctx.arc(cx, cy, r, 0, Math.PI * 2);
  ctx.fill();
  ctx.restore();
}

function line(ctx: SKRSContext2D, x0: number, y0: number, x1: number, y1: number): void {
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.stroke();
}

/** A 12-point sale burst with a "%" mark (language-neutral). */
function starburst(ctx: SKRSContext2D, cx: number, cy: number, r: number, fill: string, mark: string): void {
  ctx.fillStyle = fill;
  ctx.beginPath();
  for (let i = 0; i < 24; i++) {
    const a = (i * Math.PI) / 12;
    const rr = i % 2 === 0 ? r : r * 0.78;
    ctx.lineTo(cx + rr * Math.cos(a), cy + rr * Math.sin(a));
  }
  ctx.closePath();
  ctx.fill();
  ctx.fillStyle = mark;
  ctx.font = `bold ${Math.round(r * 0.9)}px sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText('%', cx, cy);
}
