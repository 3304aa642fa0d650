/**
 * The ads sandbox's accounts: every user id owns one deterministic account per platform, derived
 * from a hash of the user id, so the Web Platform sandbox (get_ad_accounts) and the ads sandbox hand
 * out the same ids and tokens without sharing state. User `demo` is the demo user; any other id is
 * a fresh user of its own.
 */
import { PLATFORMS, type Platform } from '../../domain/chat/intent.js';
import { digitsFor } from './random.js';
import type { WorldAccount } from './world-api.js';

/** The Google manager (MCC) customer id every sandbox Google account is linked under. */
export const SANDBOX_LOGIN_CUSTOMER_ID = '9000000001';
/** The developer token the Google facade accepts. */
export const SANDBOX_DEVELOPER_TOKEN = 'sbx-developer-token';

/** A sandbox ad account with everything an adapter needs to call the sandbox like the real API. */
export interface SandboxAccount extends WorldAccount {
  /** Google only: developer token. */
  developer_token?: string;
  /** Google only: manager customer id (10 digits). */
  login_customer_id?: string;
  /** Meta only: the Page ads are published as. */
  page_id?: string;
  /** TikTok only: the identity ads are published as. */
  identity_id?: string;
}

const NAMES: Record<Platform, string> = { meta: 'Meta', tiktok: 'TikTok', google: 'Google Ads' };

/** The access token of a user's account on a platform: `sbx-<platform>-<userId>`. */
export function sandboxToken(platform: Platform, userId: string): string {
  return `sbx-${platform}-${userId}`;
}

/** The one account of `userId` on `platform` (pure; the same user id always gives the same account). */
export function sandboxAccount(platform: Platform, userId: string): SandboxAccount {
  const base = { platform, user_id: userId, token: sandboxToken(platform, userId), currency: 'USD', name: `Sandbox ${NAMES[platform]} (${userId})` };
  switch (platform) {
    case 'meta':
      return { ...base, account_id: `act_${digitsFor(`meta-account|${userId}`, 15)}`, page_id: digitsFor(`meta-page|${userId}`, 15) };
    case 'tiktok':
      return { ...base, account_id: `7${digitsFor(`tiktok-account|${userId}`, 18)}`, identity_id: `7${digitsFor(`tiktok-identity|${userId}`, 18)}` };
    case 'google':
      return {
        ...base,
        account_id: digitsFor(`google-account|${userId}`, 10),
        developer_token: SANDBOX_DEVELOPER_TOKEN,
        login_customer_id: SANDBOX_LOGIN_CUSTOMER_ID,
      };
  }
}

/**
 * A user's accounts, one per platform in the order meta, tiktok, google. Deterministic: Meta
 * `act_` + 15 digits, TikTok 19 digits starting with 7, Google 10 digits, all from the user id's hash.
 */
export function sandboxAccounts(userId: string): SandboxAccount[] {
  return PLATFORMS.map((platform) => sandboxAccount(platform, userId));
}

/**
 * The account a token opens: `sbx-<platform>-<userId>` with a non-empty user id, for that platform.
 * Undefined for any other token (including another platform's token).
 */
export function accountForToken(platform: Platform, token: string): SandboxAccount | undefined {
  const prefix = `sbx-${platform}-`;
  if (!token.startsWith(prefix) || token.length === prefix.length) return undefined;
  return sandboxAccount(platform, token.slice(prefix.length));
}
