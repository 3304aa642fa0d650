/** The adapter for an ad account, by platform (seed 001 component 5: one interface, three implementations). */
import { GoogleAdsAdapter } from '../platforms/google/adapter.js';
import { MetaAdapter } from '../platforms/meta/adapter.js';
import { TikTokAdapter } from '../platforms/tiktok/adapter.js';
import type { AdAccount, PlatformAdapter } from '../../domain/ads/types.js';

export interface AdapterOptions {
  /** Graph API version, e.g. "v26.0". */
  metaApiVersion: string;
  /** Google Ads API version, e.g. "v26". */
  googleAdsApiVersion: string;
  /** per-call timeout, ms. */
  timeoutMs: number;
  fetch?: typeof fetch;
}

/** Builds the adapter that speaks the account's platform. */
export function createPlatformAdapter(account: AdAccount, opts: AdapterOptions): PlatformAdapter {
  const common = { timeoutMs: opts.timeoutMs, ...(opts.fetch ? { fetch: opts.fetch } : {}) };
  switch (account.platform) {
    case 'meta':
      return new MetaAdapter(account, { ...common, apiVersion: opts.metaApiVersion });
    case 'tiktok':
      return new TikTokAdapter(account, common);
    case 'google':
      return new GoogleAdsAdapter(account, { ...common, apiVersion: opts.googleAdsApiVersion });
  }
}
