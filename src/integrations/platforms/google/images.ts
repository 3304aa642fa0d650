/**
 * The images a Google responsive display ad needs (seed 001 需求 7.3): at least one landscape
 * marketing image (1.91:1, at least 600×314) and one square marketing image (1:1, at least
 * 300×300), GIF, JPEG or PNG (https://developers.google.com/google-ads/api/docs/responsive-display-ads/create-responsive-display-ads,
 * ResponsiveDisplayAdInfo). Our creatives are one image (1:1, 4:5, 9:16 or 16:9), so the adapter
 * centre-crops it to both shapes at Google's recommended sizes.
 */
import { createCanvas, loadImage, type Image } from '@napi-rs/canvas';
import { platformError } from '../errors.js';

/** Landscape output size: Google's recommended 1200×628 (1.91:1). */
const LANDSCAPE = { width: 1200, height: 628 } as const;
/** Square output size: Google's recommended 1200×1200. */
const SQUARE = { width: 1200, height: 1200 } as const;

/** JPEG quality of the crops (0-100). */
const JPEG_QUALITY = 90;

/** The two crops, JPEG bytes. */
export interface DisplayImages {
  landscape: Buffer;
  square: Buffer;
}

/**
 * Downloads an image (http(s) or data: URL) with the adapter's fetch.
 * @throws AppError 1001 when the URL answers a non-2xx status; 4000 (retryable) when it cannot be reached or times out
 */
export async function fetchImage(url: string, fetchImpl: typeof fetch, timeoutMs: number): Promise<Buffer> {
  let res: Response;
  try {
    res = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw platformError('4000', 'google', { reason: 'image download failed', platform_message: err instanceof Error ? err.message : String(err) });
  }
  if (!res.ok) {
    throw platformError('1001', 'google', { reason: 'image download failed', http_status: res.status }, `The creative image could not be downloaded (HTTP ${res.status})`);
  }
  return Buffer.from(await res.arrayBuffer());
}

/** Draws the centred crop of `img` with the target's aspect ratio, scaled to the target size. */
async function crop(img: Image, target: { width: number; height: number }): Promise<Buffer> {
  const ratio = target.width / target.height;
  const sw = Math.min(img.width, img.height * ratio);
  const sh = sw / ratio;
  const canvas = createCanvas(target.width, target.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, target.width, target.height);
  ctx.drawImage(img, (img.width - sw) / 2, (img.height - sh) / 2, sw, sh, 0, 0, target.width, target.height);
  return canvas.encode('jpeg', JPEG_QUALITY);
}

/**
 * The landscape (1200×628) and square (1200×1200) centre crops of an image, as JPEG.
 * @param image encoded image bytes (PNG, JPEG, WebP, GIF...)
 * @throws AppError 1001 when the bytes are not a decodable image
 */
export async function displayImages(image: Buffer): Promise<DisplayImages> {
  let img: Image;
  try {
    img = await loadImage(image);
  } catch (err) {
    throw platformError('1001', 'google', { reason: 'image could not be decoded', bytes: image.length, platform_message: err instanceof Error ? err.message : String(err) }, 'The creative image could not be decoded');
  }
  if (!(img.width > 0 && img.height > 0)) throw platformError('1001', 'google', { reason: 'image has no pixels', bytes: image.length }, 'The creative image has no pixels');
  return { landscape: await crop(img, LANDSCAPE), square: await crop(img, SQUARE) };
}
