import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import type { ImageRequest } from '../../src/integrations/model/types.js';
import { FALLBACK_FAMILY, resolveCreativeFont } from '../../src/integrations/model/offline/image/fonts.js';
import { ASPECT_SIZES, fitText, OfflineImageModel } from '../../src/integrations/model/offline/image/render.js';
import { LAYOUTS, moodOf, pickDesign, stableHash } from '../../src/integrations/model/offline/image/templates.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk (which must come first). */
function pngSize(data: Buffer): { width: number; height: number } {
  expect(data.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(data.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

const model = new OfflineImageModel();
const base: ImageRequest = { product: 'Trail Running Shoes', style: 'energetic', language: 'en', variant: 0, aspectRatio: '1:1' };

describe('OfflineImageModel', () => {
  it.each(Object.entries(ASPECT_SIZES))('renders a %s PNG at its placement size', async (ratio, size) => {
    const img = await model.generateImage({ ...base, aspectRatio: ratio as ImageRequest['aspectRatio'] });
    expect(img).toMatchObject({ mimeType: 'image/png', model: 'offline-template', ...size });
    expect(pngSize(img.data)).toEqual(size);
  });

  it('renders the same bytes for the same request', async () => {
    const a = await model.generateImage(base);
    const b = await new OfflineImageModel().generateImage({ ...base });
    expect(a.data.equals(b.data)).toBe(true);
  });

  it('renders different images for the variants of a batch', async () => {
    const images = await Promise.all([0, 1, 2, 3].map((variant) => model.generateImage({ ...base, variant })));
    const distinct = new Set(images.map((img) => img.data.toString('base64')));
    expect(distinct.size).toBe(4);
  });

  it('renders a CJK product name, style and default copy without throwing', async () => {
    const img = await model.generateImage({
      product: '智能降噪蓝牙耳机超长续航版本限时特惠',
      style: '科技感',
      language: 'zh',
      variant: 2,
      aspectRatio: '9:16',
    });
    expect(pngSize(img.data)).toEqual({ width: 1080, height: 1920 });
  });

  it('renders with the fallback font when no CJK font is available', async () => {
    const latinOnly = new OfflineImageModel({ searchDirs: [], useFontconfig: false });
    expect(latinOnly.font).toEqual({ family: FALLBACK_FAMILY, path: null, cjk: false });
    const img = await latinOnly.generateImage({ ...base, product: '纯棉T恤', language: 'zh' });
    expect(pngSize(img.data)).toEqual({ width: 1080, height: 1080 });
  });

  it('rejects an unknown aspect ratio with AppError 4003', async () => {
    const bad = { ...base, aspectRatio: '3:2' } as unknown as ImageRequest;
    await expect(model.generateImage(bad)).rejects.toMatchObject({ code: '4003' });
    await expect(model.generateImage(bad)).rejects.toBeInstanceOf(AppError);
  });
});

describe('fitText', () => {
  const ctx = createCanvas(100, 100).getContext('2d');
  const font = resolveCreativeFont();
  const opts = { maxWidth: 600, maxHeight: 120, maxSize: 48, minSize: 20, maxLines: 2, weight: 'normal' } as const;

  it.each([
    'Limited offer · Shop now and save on every order this weekend only, while stocks last',
    '限时优惠 · 全场满减，会员专享双倍积分，数量有限售完即止，赶快行动吧',
    'Supercalifragilisticexpialidocious-extra-long-unbreakable-word-that-needs-splitting',
  ])('fits a tagline in its box: %s', (tagline) => {
    const fitted = fitText(ctx, font, tagline, opts);
    expect(fitted.lines.length).toBeGreaterThan(0);
    expect(fitted.lines.length).toBeLessThanOrEqual(opts.maxLines);
    expect(fitted.lines.length * fitted.lineHeight).toBeLessThanOrEqual(opts.maxHeight);
    expect(fitted.size).toBeGreaterThanOrEqual(opts.minSize);
    for (const line of fitted.lines) expect(ctx.measureText(line).width).toBeLessThanOrEqual(opts.maxWidth);
  });

  it('keeps a short headline on one line at the largest size', () => {
    expect(fitText(ctx, font, 'Shop now', opts)).toMatchObject({ lines: ['Shop now'], size: 48 });
  });
});

describe('templates', () => {
  it('hashes stably', () => {
    expect(stableHash('')).toBe(0x811c9dc5);
    expect(stableHash('运动鞋')).toBe(stableHash('运动鞋'));
    expect(stableHash('a')).not.toBe(stableHash('b'));
  });

  it('recognises moods from style words in both languages', () => {
    expect(moodOf('科技感')).toBe('tech');
    expect(moodOf('Luxury gold')).toBe('luxury');
    expect(moodOf('清新自然')).toBe('fresh');
    expect(moodOf('活力四射')).toBe('energetic');
    expect(moodOf('minimal')).toBe('minimal');
    expect(moodOf('whatever')).toBeNull();
    expect(moodOf(undefined)).toBeNull();
  });

  it('picks a design deterministically, varying the layout across a batch', () => {
    const req = { product: '咖啡杯', style: '奢华', variant: 0 };
    expect(pickDesign(req)).toEqual(pickDesign({ ...req }));
    const layouts = new Set(LAYOUTS.map((_, variant) => pickDesign({ ...req, variant }).layout));
    expect(layouts.size).toBe(LAYOUTS.length);
    expect(pickDesign(req)).toMatchObject({ mood: 'luxury', glyph: 'cup' });
    expect(pickDesign({ product: 'gadget', variant: 0 }).mood).toBeNull();
  });
});
