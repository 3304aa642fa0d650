/**
 * Templated ad copy in Chinese and English: the last link of the copy fallback chain and the copy
 * model when no Gemini key is configured (seed 001 降级策略 1: "仍失败则使用模板文案", whose template
 * is "限时优惠！立即购买 {product_url}"). Deterministic: the same creative always gets the same
 * variant, and neighbouring creatives of one campaign (AdCopyRequest.variant) get different ones.
 */
import type { Language } from '../../../domain/chat/intent.js';
import { DEFAULT_CALL_TO_ACTION, fitCopy, type AdCopyModel, type AdCopyRequest, type CopyObjective, type GeneratedAdCopy } from '../copy.js';

type Template = (product: string, site: string) => { headline: string; primary_text: string };

/** Three variants per language and objective family (selling vs. informing). */
const TEMPLATES: Readonly<Record<Language, Readonly<Record<'sell' | 'inform', readonly Template[]>>>> = {
  zh: {
    sell: [
      (p, s) => ({ headline: `${p} 限时优惠`, primary_text: `限时优惠！${p}，品质之选，现在下单更划算。立即购买 ${s}` }),
      (p, s) => ({ headline: `${p} 新品上市`, primary_text: `${p} 新品上市，好评如潮。数量有限，立即抢购 ${s}` }),
      (p, s) => ({ headline: `今天就入手${p}`, primary_text: `还在犹豫？${p} 让每一天更轻松。立即购买，享专属优惠 ${s}` }),
    ],
    inform: [
      (p, s) => ({ headline: `了解${p}`, primary_text: `${p}，为你而来。点击了解更多 ${s}` }),
      (p, s) => ({ headline: `${p} 全新体验`, primary_text: `发现 ${p} 的更多可能。立即了解详情 ${s}` }),
      (p, s) => ({ headline: `关注${p}`, primary_text: `${p} 的故事从这里开始。点击查看 ${s}` }),
    ],
  },
  en: {
    sell: [
      (p, s) => ({ headline: `${p}: limited-time offer`, primary_text: `Limited-time offer on ${p}. Quality you can feel, at a better price today. Shop now at ${s}` }),
      (p, s) => ({ headline: `New: ${p}`, primary_text: `Meet the new ${p}. Loved by customers, in limited stock. Get yours at ${s}` }),
      (p, s) => ({ headline: `Get ${p} today`, primary_text: `Still deciding? ${p} makes every day easier. Order now and save at ${s}` }),
    ],
    inform: [
      (p, s) => ({ headline: `Discover ${p}`, primary_text: `${p}, made for you. Learn more at ${s}` }),
      (p, s) => ({ headline: `${p}, reimagined`, primary_text: `See what ${p} can do for you. Find out more at ${s}` }),
      (p, s) => ({ headline: `Why ${p}?`, primary_text: `The story of ${p} starts here. Take a look at ${s}` }),
    ],
  },
};

const FAMILY: Readonly<Record<CopyObjective, 'sell' | 'inform'>> = { sales: 'sell', leads: 'sell', traffic: 'inform', awareness: 'inform' };

/** A small stable hash (FNV-1a, 32 bits) choosing a creative's variant when no position is given. */
function variantOf(id: string, count: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % count;
}

/** The landing page's host without "www." ("https://www.shop.com/x" → "shop.com"); the URL itself when it has none. */
function siteOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '') || url;
  } catch {
    return url;
  }
}

/** The templated copy model; never fails. */
export class OfflineAdCopyModel implements AdCopyModel {
  readonly name = 'offline-template';

  /** Fills the creative's variant of the template for its language and objective, trimmed to the platform's limits. */
  async writeAdCopy(req: AdCopyRequest): Promise<GeneratedAdCopy> {
    const variants = TEMPLATES[req.language][FAMILY[req.objective]];
    const index = req.variant !== undefined && Number.isInteger(req.variant) && req.variant >= 0 ? req.variant % variants.length : variantOf(req.creative_id, variants.length);
    const template = variants[index]!;
    const product = req.product.trim() || (req.language === 'zh' ? '新品' : 'our new product');
    const text = template(product, siteOf(req.landing_url));
    return fitCopy({ ...text, call_to_action: DEFAULT_CALL_TO_ACTION[req.objective], model: this.name }, req.platform);
  }
}
