/**
 * Offline creative quality analysis (seed 000 需求 6.2, 6.3, task 9.2): scores an ad image from
 * measurable properties of its pixels, with one reason per measured property.
 */
import { createCanvas, loadImage, type Image } from '@napi-rs/canvas';
import { AppError } from '../../../../domain/errors.js';
import type { Language } from '../../../../domain/chat/intent.js';
import type { CreativeAnalysis } from '../../types.js';

/** Ad placement aspect ratios (width / height) an image may match within 2%. */
export const PLACEMENTS = { '1:1': 1, '4:5': 4 / 5, '9:16': 9 / 16, '16:9': 16 / 9 } as const;

/**
 * The measured properties of an image.
 * - width, height: pixels of the original image
 * - aspect_ratio: width / height; placement: the matching key of {@link PLACEMENTS} or 'none'
 * - brightness: mean luma (Rec. 601), 0-255
 * - contrast: RMS contrast, the standard deviation of luma, 0-127.5
 * - colorfulness: Hasler–Süsstrunk M = σ_rgyb + 0.3·μ_rgyb on 0-255 channels, 0 (grey) to about
 *   470 (33 "moderately", 59 "quite", 82 "highly" colourful)
 * - edge_density: share of pixels whose luma gradient magnitude exceeds {@link EDGE_THRESHOLD}, 0-1
 * - dominant_color_share: share of pixels in the most common colour bin (8 levels a channel), 0-1
 * - dominant_color: that bin's centre as #rrggbb
 */
export interface CreativeMetrics {
  width: number;
  height: number;
  aspect_ratio: number;
  placement: keyof typeof PLACEMENTS | 'none';
  brightness: number;
  contrast: number;
  colorfulness: number;
  edge_density: number;
  dominant_color_share: number;
  dominant_color: string;
}

/** Luma gradient magnitude (central differences, 0-255 units) above which a pixel is an edge. */
export const EDGE_THRESHOLD = 40;
/** Images are downsampled so their longer side is at most this many pixels before measuring. */
const SAMPLE_SIDE = 256;

/**
 * Scores an ad image 0..100 (integer) as the weighted sum of six sub-scores, each 0..1:
 * contrast 25, clutter (edge density) 25, colourfulness 20, brightness 10, dominant colour 10,
 * format (placement 6 + resolution 4) 10. See {@link scoreMetrics}.
 * @param image encoded image bytes (PNG, JPEG, WebP, GIF...)
 * @param language language of the reasons
 * @returns score, reasons (one per sub-score, in `language`), the measured properties and model
 *   'offline-metrics'
 * @throws AppError 1001 when the bytes are not a decodable image (details: bytes, reason)
 */
export async function analyzeCreativeImage(image: Buffer, language: Language): Promise<CreativeAnalysis> {
  const metrics = measure(await decode(image));
  const { score, reasons } = scoreMetrics(metrics, language);
  return { score, reasons, properties: { ...metrics }, model: 'offline-metrics' };
}

async function decode(image: Buffer): Promise<Image> {
  let decoded: Image;
  try {
    decoded = await loadImage(image);
  } catch (err) {
    throw new AppError('1001', 'image could not be decoded', { bytes: image.length, reason: err instanceof Error ? err.message : String(err) });
  }
  if (!(decoded.width > 0 && decoded.height > 0)) {
    throw new AppError('1001', 'image has no pixels', { bytes: image.length, width: decoded.width, height: decoded.height });
  }
  return decoded;
}

/** Measures an image after compositing it on white and downsampling it to SAMPLE_SIDE. */
function measure(img: Image): CreativeMetrics {
  const scale = Math.min(1, SAMPLE_SIDE / Math.max(img.width, img.height));
  const w = Math.max(1, Math.round(img.width * scale));
  const h = Math.max(1, Math.round(img.height * scale));
  const ctx = createCanvas(w, h).getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, w, h);
  // point sampling keeps pixel-level detail (noise, edges) that averaging would smooth away
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(img, 0, 0, w, h);
  const px = ctx.getImageData(0, 0, w, h).data;
  const n = w * h;
  const luma = new Float64Array(n);
  const bins = new Uint32Array(512);
  let sumL = 0, sumL2 = 0, sumRg = 0, sumRg2 = 0, sumYb = 0, sumYb2 = 0;
  for (let i = 0; i < n; i++) {
    const r = px[i * 4] ?? 0, g = px[i * 4 + 1] ?? 0, b = px[i * 4 + 2] ?? 0;
    const l = 0.299 * r + 0.587 * g + 0.114 * b;
    const rg = r - g, yb = 0.5 * (r + g) - b;
    luma[i] = l;
    sumL += l; sumL2 += l * l;
    sumRg += rg; sumRg2 += rg * rg;
    sumYb += yb; sumYb2 += yb * yb;
    const bin = ((r >> 5) << 6) | ((g >> 5) << 3) | (b >> 5);
    bins[bin] = (bins[bin] ?? 0) + 1;
  }
  const std = (sum: number, sum2: number) => Math.sqrt(Math.max(0, sum2 / n - (sum / n) ** 2));
  const sigma = Math.hypot(std(sumRg, sumRg2), std(sumYb, sumYb2));
  const mu = Math.hypot(sumRg / n, sumYb / n);
  let top = 0;
  bins.forEach((count, bin) => { if (count > (bins[top] ?? 0)) top = bin; });
  const ratio = img.width / img.height;
  const placement = (Object.keys(PLACEMENTS) as (keyof typeof PLACEMENTS)[]).find((k) => Math.abs(ratio / PLACEMENTS[k] - 1) <= 0.02);
  return {
    width: img.width,
    height: img.height,
    aspect_ratio: round(ratio, 4),
    placement: placement ?? 'none',
    brightness: round(sumL / n, 2),
    contrast: round(std(sumL, sumL2), 2),
    colorfulness: round(sigma + 0.3 * mu, 2),
    edge_density: round(edgeDensity(luma, w, h), 4),
    dominant_color_share: round((bins[top] ?? 0) / n, 4),
    dominant_color: `#${[top >> 6, (top >> 3) & 7, top & 7].map((v) => (v * 32 + 16).toString(16).padStart(2, '0')).join('')}`,
  };
}

/** Share of interior pixels whose central-difference luma gradient exceeds EDGE_THRESHOLD. */
function edgeDensity(luma: Float64Array, w: number, h: number): number {
  if (w < 3 || h < 3) return 0;
  let edges = 0;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const gx = (luma[i + 1] ?? 0) - (luma[i - 1] ?? 0);
      const gy = (luma[i + w] ?? 0) - (luma[i - w] ?? 0);
      if (Math.hypot(gx, gy) > EDGE_THRESHOLD) edges++;
    }
  }
  return edges / ((w - 2) * (h - 2));
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

type Aspect = 'contrast' | 'clutter' | 'colorfulness' | 'brightness' | 'dominant' | 'format';
/** good: sub-score ≥ 0.75; otherwise whether the value is below (low) or above (high) its ideal. */
type Verdict = 'good' | 'low' | 'high';

/** Reason texts per aspect and verdict; `{v}` is the measured value. */
type Texts = Record<Language, string>;
const REASONS: Record<Aspect, { good: Texts; low: Texts; high?: Texts }> = {
  contrast: {
    good: { zh: '对比度高，文字清晰（RMS {v}）', en: 'High contrast: text stands out (RMS {v})' },
    low: { zh: '对比度低，文字可能难以辨认（RMS {v}）', en: 'Low contrast: text may be hard to read (RMS {v})' },
  },
  clutter: {
    good: { zh: '画面层次清楚，不杂乱（边缘密度 {v}）', en: 'Clean composition, not cluttered (edge density {v})' },
    low: { zh: '画面过于空白，缺少视觉焦点（边缘密度 {v}）', en: 'Too empty: nothing draws the eye (edge density {v})' },
    high: { zh: '画面元素过多，显得杂乱（边缘密度 {v}）', en: 'Visually cluttered: too much detail (edge density {v})' },
  },
  colorfulness: {
    good: { zh: '色彩鲜明，吸引眼球（色彩度 {v}）', en: 'Vivid colours that catch the eye (colourfulness {v})' },
    low: { zh: '色彩单调，缺乏吸引力（色彩度 {v}）', en: 'Dull colours, little visual appeal (colourfulness {v})' },
    high: { zh: '色彩过于花哨，主次不分（色彩度 {v}）', en: 'Garish colours compete for attention (colourfulness {v})' },
  },
  brightness: {
    good: { zh: '亮度适中（平均亮度 {v}）', en: 'Balanced brightness (mean {v})' },
    low: { zh: '画面偏暗（平均亮度 {v}）', en: 'Image is too dark (mean {v})' },
    high: { zh: '画面过亮，细节可能丢失（平均亮度 {v}）', en: 'Image is too bright: details may wash out (mean {v})' },
  },
  dominant: {
    good: { zh: '主色统一，品牌感强（主色占比 {v}）', en: 'A unifying main colour (dominant share {v})' },
    low: { zh: '缺少统一主色，画面零散（主色占比 {v}）', en: 'No unifying main colour (dominant share {v})' },
    high: { zh: '画面几乎只有一种颜色，缺少层次（主色占比 {v}）', en: 'Nearly a single colour: little depth (dominant share {v})' },
  },
  format: {
    good: { zh: '尺寸符合广告版位（{v}）', en: 'Size fits an ad placement ({v})' },
    low: { zh: '比例或分辨率不适合广告版位（{v}）', en: 'Ratio or resolution does not suit ad placements ({v})' },
  },
};

/**
 * The documented score: Σ weight × sub-score, rounded to an integer in 0..100.
 * - contrast (25): 0 at RMS ≤ 15, 1 at RMS ≥ 50, linear between
 * - clutter (25): edge density 0.02-0.15 → 1; below, 0.3 (blank) rising to 1; above, falling to 0 at 0.5
 * - colorfulness (20): M/50 up to 1 at 50; 1 up to 100; above, falling to 0.5 at 150
 * - brightness (10): 1 for mean 60-200; linear to 0 at 0 and 255
 * - dominant colour (10): share/0.15 below 0.15; 1 up to 0.75; falling to 0 at 1 (single colour)
 * - format (10): 0.6 if a placement matches + 0.4 × min(1, shorter side / 1080)
 * Each reason says good (sub-score ≥ 0.75) or whether the value is too low or too high.
 */
export function scoreMetrics(m: CreativeMetrics, language: Language): { score: number; reasons: string[] } {
  const d = m.edge_density;
  const c = m.colorfulness;
  const b = m.brightness;
  const s = m.dominant_color_share;
  const side = (low: boolean): Verdict => (low ? 'low' : 'high');
  const parts: [Aspect, number, number, Verdict, string][] = [
    ['contrast', 25, clamp01((m.contrast - 15) / 35), 'low', m.contrast.toFixed(1)],
    ['clutter', 25, d < 0.02 ? 0.3 + 0.7 * (d / 0.02) : d <= 0.15 ? 1 : clamp01(1 - (d - 0.15) / 0.35), side(d < 0.02), d.toFixed(3)],
    ['colorfulness', 20, c < 50 ? c / 50 : c <= 100 ? 1 : Math.max(0.5, 1 - (c - 100) / 100), side(c < 50), c.toFixed(1)],
    ['brightness', 10, b < 60 ? b / 60 : b <= 200 ? 1 : (255 - b) / 55, side(b < 60), b.toFixed(0)],
    ['dominant', 10, s < 0.15 ? s / 0.15 : s <= 0.75 ? 1 : (1 - s) / 0.25, side(s < 0.15), s.toFixed(2)],
    ['format', 10, (m.placement === 'none' ? 0 : 0.6) + 0.4 * Math.min(1, Math.min(m.width, m.height) / 1080), 'low', `${m.width}×${m.height}, ${m.placement}`],
  ];
  const total = parts.reduce((sum, [, weight, sub]) => sum + weight * clamp01(sub), 0);
  const reasons = parts.map(([aspect, , sub, verdict, value]) => {
    const texts = REASONS[aspect];
    const text = sub >= 0.75 ? texts.good : (texts[verdict] ?? texts.low);
    return text[language].replace('{v}', value);
  });
  return { score: Math.round(Math.min(100, Math.max(0, total))), reasons };
}
