/**
 * The responsive display ad a creative becomes on Google (seed 001 需求 7.3). Field limits from
 * ResponsiveDisplayAdInfo (https://developers.google.com/google-ads/api/reference/rpc/v26/ResponsiveDisplayAdInfo):
 * 1-5 headlines of display width ≤ 30, a long headline ≤ 90, 1-5 descriptions ≤ 90, business name
 * ≤ 25, call-to-action text ≤ 30. Display width counts East Asian wide characters twice.
 */
import type { AdSpec } from '../../../domain/ads/types.js';

/** Display-width limits of the text fields. */
export const RDA_LIMITS = { headline: 30, longHeadline: 90, description: 90, businessName: 25, callToAction: 30 } as const;

const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u;

/** Google's display width of a text: wide (CJK, full-width) characters count 2, others 1. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

/**
 * `text` trimmed to at most `max` display width: unchanged when it fits, otherwise cut at the last
 * space that keeps at least half of the allowance, else at the last character that fits.
 */
export function fitText(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (displayWidth(clean) <= max) return clean;
  let cut = '';
  for (const ch of clean) {
    if (displayWidth(cut + ch) > max) break;
    cut += ch;
  }
  const space = cut.lastIndexOf(' ');
  return (space >= cut.length / 2 ? cut.slice(0, space) : cut).trim();
}

/** "SHOP_NOW" → "Shop now"; free text is kept. */
function callToActionText(cta: string): string {
  return /^[A-Z_]+$/.test(cta) ? cta.charAt(0) + cta.slice(1).toLowerCase().replace(/_/g, ' ') : cta;
}

/** The REST JSON `ad` of an ad group ad: final URL and the responsive display ad. */
export interface ResponsiveDisplayAdJson {
  finalUrls: string[];
  responsiveDisplayAd: {
    marketingImages: { asset: string }[];
    squareMarketingImages: { asset: string }[];
    headlines: { text: string }[];
    longHeadline: { text: string };
    descriptions: { text: string }[];
    businessName: string;
    callToActionText?: string;
  };
}

/**
 * The ad for a creative: the headline (fitted to 30) as headline, the headline (fitted to 90) as
 * long headline, the primary text (fitted to 90) as description, the landing page host (without
 * "www.", fitted to 25) as business name, the call to action as its text ("SHOP_NOW" → "Shop now").
 * @param assets resource names of the landscape and square image assets
 */
export function responsiveDisplayAd(creative: AdSpec['creative'], assets: { landscape: string; square: string }): ResponsiveDisplayAdJson {
  const host = new URL(creative.link_url).hostname.replace(/^www\./, '');
  return {
    finalUrls: [creative.link_url],
    responsiveDisplayAd: {
      marketingImages: [{ asset: assets.landscape }],
      squareMarketingImages: [{ asset: assets.square }],
      headlines: [{ text: fitText(creative.headline, RDA_LIMITS.headline) }],
      longHeadline: { text: fitText(creative.headline, RDA_LIMITS.longHeadline) },
      descriptions: [{ text: fitText(creative.primary_text, RDA_LIMITS.description) }],
      businessName: fitText(host, RDA_LIMITS.businessName),
      ...(creative.call_to_action ? { callToActionText: fitText(callToActionText(creative.call_to_action), RDA_LIMITS.callToAction) } : {}),
    },
  };
}
