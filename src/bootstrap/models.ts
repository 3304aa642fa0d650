/**
 * Builds the models from configuration: with GEMINI_API_KEY, Gemini Pro → Gemini Flash → offline
 * for text (seed 001 降级策略), the Gemini image model for images and Gemini vision (falling back
 * to measured properties) for creative analysis, Pro → Flash → template for ad copy; without it,
 * the offline models for all four.
 */
import type { Config } from '../config/env.js';
import { analyzeCreativeImage } from '../integrations/model/offline/image/analyze.js';
import { FallbackAdCopyModel, type AdCopyModel } from '../integrations/model/copy.js';
import { GeminiAdCopyModel } from '../integrations/model/gemini/copy-model.js';
import { OfflineAdCopyModel } from '../integrations/model/offline/copy.js';
import { OfflineImageModel } from '../integrations/model/offline/image/render.js';
import type { Language } from '../domain/chat/intent.js';
import { analyzeCreativeWithGemini } from '../integrations/model/gemini/analyze.js';
import { createGeminiClient } from '../integrations/model/gemini/client.js';
import { FallbackTextModel } from '../integrations/model/gemini/fallback.js';
import { GeminiImageModel } from '../integrations/model/gemini/image-model.js';
import { GeminiTextModel } from '../integrations/model/gemini/text-model.js';
import { OfflineTextModel } from '../integrations/model/offline/text-model.js';
import type { CreativeAnalysis, ImageModel, TextModel } from '../integrations/model/types.js';
import type { Logger } from '../observability/logger.js';

export interface Models {
  text: TextModel;
  image: ImageModel;
  analyzeImage: (image: Buffer, mimeType: string, language: Language) => Promise<CreativeAnalysis>;
  /** ad copy for create_campaign: Gemini Pro → Gemini Flash → template (seed 001 降级策略 1). */
  copy: AdCopyModel;
  /** 'gemini' or 'offline', reported by /health. */
  mode: 'gemini' | 'offline';
}

export function buildModels(config: Config, logger: Logger): Models {
  const log = logger.child({ component: 'models' });
  const offlineText = new OfflineTextModel();
  if (!config.GEMINI_API_KEY) {
    const image = new OfflineImageModel(config.CREATIVE_FONT_PATH ? { fontPath: config.CREATIVE_FONT_PATH } : {});
    if (!image.font.cjk) log.warn('no CJK font found: Chinese text on offline creatives may not render (set CREATIVE_FONT_PATH)');
    return { text: offlineText, image, analyzeImage: (img, _mime, lang) => analyzeCreativeImage(img, lang), copy: new OfflineAdCopyModel(), mode: 'offline' };
  }
  const ai = createGeminiClient(config);
  const text = new FallbackTextModel(
    [new GeminiTextModel(ai, config.GEMINI_PRO_MODEL), new GeminiTextModel(ai, config.GEMINI_FLASH_MODEL), offlineText],
    log,
  );
  const analyzeImage = async (img: Buffer, mime: string, lang: Language) => {
    try {
      return await analyzeCreativeWithGemini(ai, config.GEMINI_FLASH_MODEL, img, mime, lang);
    } catch (err) {
      log.warn({ error: err instanceof Error ? err.message : String(err) }, 'Gemini creative analysis failed; using measured properties');
      return analyzeCreativeImage(img, lang);
    }
  };
  const copy = new FallbackAdCopyModel(
    [new GeminiAdCopyModel(ai, config.GEMINI_PRO_MODEL), new GeminiAdCopyModel(ai, config.GEMINI_FLASH_MODEL), new OfflineAdCopyModel()],
    log,
  );
  return { text, image: new GeminiImageModel(ai, config.GEMINI_IMAGE_MODEL), analyzeImage, copy, mode: 'gemini' };
}
