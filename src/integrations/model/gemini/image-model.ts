/**
 * A Gemini image model: ad creatives through generateContent with `responseModalities: ['IMAGE']`
 * (seed 000 需求 6.1, task 2.5). Imagen models and `generateImages` are not used (shut down on the
 * Gemini Developer API); one call makes one image.
 */
import type { GenerateContentResponse, GoogleGenAI } from '@google/genai';
import type { GeneratedImage, ImageModel, ImageRequest } from '../types.js';
import { generationFailed, toAppError, type GeminiCallContext } from './errors.js';
import { imagePrompt } from './prompts.js';
import { assertNotBlocked } from './response.js';

/** Pixel size and real format of an encoded image, read from its header (seed 000 task 2.5). */
export interface ImageInfo {
  mimeType: GeneratedImage['mimeType'];
  /** pixels */
  width: number;
  /** pixels */
  height: number;
}

function pngInfo(b: Buffer): ImageInfo | undefined {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (b.length < 24 || !signature.every((v, i) => b[i] === v) || b.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { mimeType: 'image/png', width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function jpegInfo(b: Buffer): ImageInfo | undefined {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2; // markers without a length
      continue;
    }
    const length = b.readUInt16BE(i + 2);
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { mimeType: 'image/jpeg', height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
    }
    i += 2 + length;
  }
  return undefined;
}

function webpInfo(b: Buffer): ImageInfo | undefined {
  if (b.length < 30 || b.toString('latin1', 0, 4) !== 'RIFF' || b.toString('latin1', 8, 12) !== 'WEBP') return undefined;
  const chunk = b.toString('latin1', 12, 16);
  if (chunk === 'VP8 ') return { mimeType: 'image/webp', width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = b.readUInt32LE(21);
    return { mimeType: 'image/webp', width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') return { mimeType: 'image/webp', width: b.readUIntLE(24, 3) + 1, height: b.readUIntLE(27, 3) + 1 };
  return undefined;
}

/**
 * Reads the format and pixel size of a PNG, JPEG or WebP from its header bytes (no decoding).
 * @param data the encoded image
 * @returns format and size, or undefined when the bytes are none of these formats or truncated
 */
export function readImageInfo(data: Buffer): ImageInfo | undefined {
  const info = pngInfo(data) ?? jpegInfo(data) ?? webpInfo(data);
  return info && info.width > 0 && info.height > 0 ? info : undefined;
}

/** One Gemini image model (GEMINI_IMAGE_MODEL) behind the ImageModel interface (seed 000 需求 6.1, task 2.5). */
export class GeminiImageModel implements ImageModel {
  /**
   * @param ai the shared SDK client (createGeminiClient)
   * @param name the image model name from configuration, e.g. "gemini-3.1-flash-image"
   */
  constructor(
    private readonly ai: GoogleGenAI,
    readonly name: string,
  ) {}

  /**
   * Generates one ad image: the prompt from product, style, tagline and variant, the aspect ratio as
   * imageConfig. The image is the first inlineData part of candidates[0]; its real format and pixel
   * size come from the image header (the declared mimeType is not trusted).
   * @returns the image bytes, format, width and height in pixels, and this model's name
   * @throws AppError 4003 when the reply is blocked, has no image part, or the bytes are not a
   *   PNG/JPEG/WebP; 1003/1005/4001/4002/1002 as mapped by toAppError
   */
  async generateImage(req: ImageRequest): Promise<GeneratedImage> {
    const ctx: GeminiCallContext = { model: this.name, operation: 'generateImage' };
    let response: GenerateContentResponse;
    try {
      response = await this.ai.models.generateContent({
        model: this.name,
        contents: [{ role: 'user', parts: [{ text: imagePrompt(req) }] }],
        config: { responseModalities: ['IMAGE'], imageConfig: { aspectRatio: req.aspectRatio } },
      });
    } catch (err) {
      throw toAppError(err, ctx);
    }
    assertNotBlocked(response, ctx);
    const parts = response.candidates?.[0]?.content?.parts ?? [];
    const inline = parts.find((p) => p.inlineData?.data && (p.inlineData.mimeType ?? 'image/').startsWith('image/'))?.inlineData;
    if (!inline?.data) {
      throw generationFailed(ctx, 'no_image', { finish_reason: response.candidates?.[0]?.finishReason ?? null, parts: parts.length });
    }
    const data = Buffer.from(inline.data, 'base64');
    const info = readImageInfo(data);
    if (!info) throw generationFailed(ctx, 'undecodable_image', { declared_mime_type: inline.mimeType ?? null, bytes: data.length });
    return { data, mimeType: info.mimeType, width: info.width, height: info.height, model: this.name };
  }
}
