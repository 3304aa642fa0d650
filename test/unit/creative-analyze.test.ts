import { createCanvas } from '@napi-rs/canvas';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import type { CreativeAnalysis } from '../../src/integrations/model/types.js';
import { analyzeCreativeImage } from '../../src/integrations/model/offline/image/analyze.js';
import { OfflineImageModel } from '../../src/integrations/model/offline/image/render.js';
import { seededRandom } from '../../src/integrations/model/offline/image/templates.js';

type Kind = 'flat' | 'noise' | 'blocks' | 'gradient';

/** A synthetic w×h PNG whose pixels come from `kind` and a seed. */
async function synthetic(w: number, h: number, kind: Kind, seed: number, opaque = true): Promise<Buffer> {
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(w, h);
  const rand = seededRandom(seed);
  const flat = [rand() * 255, rand() * 255, rand() * 255];
  for (let i = 0; i < w * h; i++) {
    const x = i % w;
    const y = Math.floor(i / w);
    for (let c = 0; c < 3; c++) {
      image.data[i * 4 + c] =
        kind === 'flat' ? (flat[c] ?? 0)
        : kind === 'noise' ? rand() * 255
        : kind === 'blocks' ? ((Math.floor(x / 4) + Math.floor(y / 4) + c) % 2) * 255
        : (x / w) * 255 * (c === 0 ? 1 : 0.3) + (y / h) * 120;
    }
    image.data[i * 4 + 3] = opaque ? 255 : Math.floor(rand() * 256);
  }
  ctx.putImageData(image, 0, 0);
  return canvas.encode('png');
}

function expectInRange(a: CreativeAnalysis): void {
  const p = a.properties;
  expect(Number.isInteger(a.score)).toBe(true);
  expect(a.score).toBeGreaterThanOrEqual(0);
  expect(a.score).toBeLessThanOrEqual(100);
  for (const [key, max] of [['brightness', 255], ['contrast', 127.5], ['colorfulness', 470], ['edge_density', 1], ['dominant_color_share', 1]] as const) {
    expect(p[key]).toBeGreaterThanOrEqual(0);
    expect(p[key]).toBeLessThanOrEqual(max);
  }
  expect(p.dominant_color_share).toBeGreaterThan(0);
  expect(p.dominant_color).toMatch(/^#[0-9a-f]{6}$/);
  expect(a.reasons).toHaveLength(6);
  expect(a.model).toBe('offline-metrics');
}

describe('analyzeCreativeImage', () => {
  it('scores a rendered creative higher than a flat grey image and a noise image', async () => {
    const creative = await new OfflineImageModel().generateImage({ product: '智能手表', style: '科技感', language: 'zh', variant: 0, aspectRatio: '1:1' });
    const canvas = createCanvas(1080, 1080);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#808080';
    ctx.fillRect(0, 0, 1080, 1080);
    const [ad, grey, noise] = await Promise.all([
      analyzeCreativeImage(creative.data, 'zh'),
      analyzeCreativeImage(await canvas.encode('png'), 'zh'),
      analyzeCreativeImage(await synthetic(1080, 1080, 'noise', 7), 'zh'),
    ]);
    for (const a of [ad, grey, noise]) expectInRange(a);
    expect(ad.score).toBeGreaterThan(grey.score);
    expect(ad.score).toBeGreaterThan(noise.score);
    expect(ad.score).toBeGreaterThanOrEqual(70);
    expect(grey.properties).toMatchObject({ contrast: 0, colorfulness: 0, edge_density: 0, dominant_color_share: 1, brightness: 128 });
    expect(noise.properties.edge_density).toBeGreaterThan(0.5);
  });

  it('reports measured properties of the original image', async () => {
    const a = await analyzeCreativeImage(await synthetic(160, 90, 'blocks', 1), 'en');
    expect(a.properties).toMatchObject({ width: 160, height: 90, aspect_ratio: 1.7778, placement: '16:9' });
    const b = await analyzeCreativeImage(await synthetic(100, 70, 'gradient', 1), 'en');
    expect(b.properties.placement).toBe('none');
  });

  it('gives reasons tied to the measurements in both languages', async () => {
    const png = await synthetic(64, 64, 'flat', 3);
    const zh = await analyzeCreativeImage(png, 'zh');
    const en = await analyzeCreativeImage(png, 'en');
    expect(zh.score).toBe(en.score);
    expect(zh.reasons.every((r) => /[\u4e00-\u9fff]/.test(r))).toBe(true);
    expect(en.reasons.every((r) => /^[\x20-\x7e×·]+$/.test(r))).toBe(true);
    expect(zh.reasons[0]).toContain('对比度低');
    expect(en.reasons[0]).toContain('Low contrast');
  });

  it.each([
    ['garbage bytes', Buffer.from('definitely not an image')],
    ['an empty buffer', Buffer.alloc(0)],
    ['a truncated PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])],
  ])('rejects %s with AppError 1001', async (_label, bytes) => {
    const err: unknown = await analyzeCreativeImage(bytes, 'en').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: '1001', details: { bytes: bytes.length } });
  });

  it('always scores within 0..100 with properties in range (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 24 }),
        fc.integer({ min: 1, max: 24 }),
        fc.constantFrom<Kind>('flat', 'noise', 'blocks', 'gradient'),
        fc.integer(),
        fc.boolean(),
        fc.constantFrom('zh', 'en') as fc.Arbitrary<'zh' | 'en'>,
        async (w, h, kind, seed, opaque, language) => {
          const a = await analyzeCreativeImage(await synthetic(w, h, kind, seed, opaque), language);
          expectInRange(a);
          expect(a.properties).toMatchObject({ width: w, height: h });
        },
      ),
      { numRuns: 150 },
    );
  });
});
