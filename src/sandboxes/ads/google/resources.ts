/**
 * How the Google facade sees the world: Google-only resources the platform-neutral world has no
 * notion of (campaign budgets, image assets) and the Google view of world objects (statuses,
 * policy summaries, resource names). Money: budgets in micros (integers) here, major units in the
 * world. Campaigns hold their budget's amount as `daily_budget` in the world, so delivery follows
 * budget changes.
 *
 * Seeded campaigns have no CampaignBudget of their own: each gets an implicit one with the
 * campaign's id. Seeded ads in Display campaigns are responsive display ads whose images are
 * implicit assets `<adId>1` (landscape) and `<adId>2` (square); seeded ads elsewhere are
 * responsive search ads. Seeded ads keep their world name as `ad.name` (a sandbox convention: real
 * responsive ads have no name).
 */
import { currencyExponent } from '../../../domain/ads/money.js';
import type { AdsWorld, WorldAccount, WorldObject, WorldStatus } from '../world-api.js';

/** A campaign budget (explicit: created through campaignBudgets:mutate). */
export interface BudgetRecord {
  id: string;
  customerId: string;
  name: string;
  amountMicros: number;
  deliveryMethod: string;
  explicitlyShared: boolean;
  status: 'ENABLED' | 'REMOVED';
  /** false for the implicit budget of a seeded campaign. */
  explicit: boolean;
}

/** An image asset. */
export interface AssetRecord {
  id: string;
  customerId: string;
  name: string;
  mimeType: 'IMAGE_PNG' | 'IMAGE_JPEG' | 'IMAGE_GIF';
  width: number;
  height: number;
  fileSize: number;
}

/** Google fields the facade keeps on world objects, under `extra.google`. */
export interface GoogleExtra {
  /** campaigns: explicit budget id (absent: implicit budget). */
  campaign_budget_id?: string;
  advertising_channel_type?: string;
  bidding_strategy_type?: string;
  contains_eu_political_advertising?: string;
  /** ad groups. */
  type?: string;
  cpc_bid_micros?: string;
  /** ads: the REST JSON `ad` as created (finalUrls, responsiveDisplayAd, name...). */
  ad?: Record<string, unknown>;
}

/** Smallest daily budget the sandbox accepts: 1.00 of the account currency, in micros. */
export const MIN_BUDGET_MICROS = 1_000_000;

const ID_STEP = 7919;
const BUDGET_ID_BASE = 30_000_000_000;
const ASSET_ID_BASE = 40_000_000_000;

/** The Google status of a world status (reviews and rejections are ENABLED with a policy summary). */
export function googleStatus(status: WorldStatus): 'ENABLED' | 'PAUSED' | 'REMOVED' {
  return status === 'deleted' ? 'REMOVED' : status === 'paused' ? 'PAUSED' : 'ENABLED';
}

/** An ad group ad's policy summary (approval and review status) for its world status. */
export function policySummary(status: WorldStatus): { approvalStatus: string; reviewStatus: string; policyTopicEntries: unknown[] } {
  if (status === 'pending_review') return { approvalStatus: 'UNSPECIFIED', reviewStatus: 'REVIEW_IN_PROGRESS', policyTopicEntries: [] };
  if (status === 'rejected') return { approvalStatus: 'DISAPPROVED', reviewStatus: 'REVIEWED', policyTopicEntries: [{ topic: 'UNRELIABLE_CLAIMS', type: 'PROHIBITED' }] };
  return { approvalStatus: 'APPROVED', reviewStatus: 'REVIEWED', policyTopicEntries: [] };
}

/** Primary status of a campaign, ad group or ad group ad. */
export function primaryStatus(status: WorldStatus): string {
  return { active: 'ELIGIBLE', paused: 'PAUSED', deleted: 'REMOVED', pending_review: 'PENDING', rejected: 'NOT_ELIGIBLE' }[status];
}

/** The Google extra of a world object. */
export function googleExtra(obj: WorldObject): GoogleExtra {
  return (obj.extra.google ?? {}) as GoogleExtra;
}

/** Google-only state of one facade, and the Google view of the world's objects. */
export class GoogleResources {
  private readonly budgetRecords = new Map<string, BudgetRecord>();
  private readonly assetRecords = new Map<string, AssetRecord>();
  private budgetSeq = 0;
  private assetSeq = 0;
  private requestSeq = 0;

  constructor(readonly world: AdsWorld) {}

  /** A request id for the `request-id` header and GoogleAdsFailure.requestId. */
  nextRequestId(): string {
    this.requestSeq += 1;
    return `sbx${this.requestSeq.toString(36).padStart(8, '0')}`;
  }

  /** Smallest budget step of the account currency in micros (USD: 10 000 = one cent). */
  currencyUnitMicros(account: WorldAccount): number {
    return 10 ** (6 - currencyExponent(account.currency));
  }

  /** Stores a new explicit budget. */
  addBudget(fields: Omit<BudgetRecord, 'id' | 'explicit' | 'status'>): BudgetRecord {
    this.budgetSeq += 1;
    const record: BudgetRecord = { ...fields, id: String(BUDGET_ID_BASE + this.budgetSeq * ID_STEP), status: 'ENABLED', explicit: true };
    this.budgetRecords.set(record.id, record);
    return record;
  }

  /** Stores a new image asset. */
  addAsset(fields: Omit<AssetRecord, 'id'>): AssetRecord {
    this.assetSeq += 1;
    const record: AssetRecord = { ...fields, id: String(ASSET_ID_BASE + this.assetSeq * ID_STEP) };
    this.assetRecords.set(record.id, record);
    return record;
  }

  /** The world objects of a customer and level, deleted ones included, in creation order. */
  objects(customerId: string, level: WorldObject['level']): WorldObject[] {
    return this.world.list('google', customerId, level, { include_deleted: true });
  }

  /** A world object of the customer at a level, or undefined. */
  object(customerId: string, level: WorldObject['level'], id: string): WorldObject | undefined {
    const obj = this.world.get('google', id);
    return obj && obj.account_id === customerId && obj.level === level ? obj : undefined;
  }

  private implicitBudget(campaign: WorldObject): BudgetRecord {
    return {
      id: campaign.id,
      customerId: campaign.account_id,
      name: `${campaign.name} (budget)`,
      amountMicros: Math.round((campaign.daily_budget ?? 0) * 1_000_000),
      deliveryMethod: 'STANDARD',
      explicitlyShared: false,
      status: campaign.status === 'deleted' ? 'REMOVED' : 'ENABLED',
      explicit: false,
    };
  }

  /** The budget a campaign uses. */
  budgetOf(campaign: WorldObject): BudgetRecord {
    const id = googleExtra(campaign).campaign_budget_id;
    return (id !== undefined ? this.budgetRecords.get(id) : undefined) ?? this.implicitBudget(campaign);
  }

  /** Every budget of a customer: explicit ones, then the implicit ones of seeded campaigns. */
  budgets(customerId: string): BudgetRecord[] {
    const explicit = [...this.budgetRecords.values()].filter((b) => b.customerId === customerId);
    const implicit = this.objects(customerId, 'campaign')
      .filter((c) => googleExtra(c).campaign_budget_id === undefined)
      .map((c) => this.implicitBudget(c));
    return [...explicit, ...implicit];
  }

  /** A budget of the customer by id, or undefined. */
  budget(customerId: string, id: string): BudgetRecord | undefined {
    const explicit = this.budgetRecords.get(id);
    if (explicit) return explicit.customerId === customerId ? explicit : undefined;
    const campaign = this.object(customerId, 'campaign', id);
    return campaign && googleExtra(campaign).campaign_budget_id === undefined ? this.implicitBudget(campaign) : undefined;
  }

  /** The campaigns (deleted included) that use a budget. */
  campaignsUsing(budget: BudgetRecord): WorldObject[] {
    if (!budget.explicit) return [this.world.get('google', budget.id)!];
    return this.objects(budget.customerId, 'campaign').filter((c) => googleExtra(c).campaign_budget_id === budget.id);
  }

  /** Changes a budget's amount (micros); every campaign using it gets the new daily budget. */
  setBudgetAmount(budget: BudgetRecord, amountMicros: number): void {
    const explicit = this.budgetRecords.get(budget.id);
    if (explicit && budget.explicit) explicit.amountMicros = amountMicros;
    for (const campaign of this.campaignsUsing(budget)) this.world.update('google', campaign.id, { daily_budget: amountMicros / 1_000_000 });
  }

  /** Renames a budget or changes its delivery method / status (explicit budgets only). */
  patchBudget(budget: BudgetRecord, patch: Partial<Pick<BudgetRecord, 'name' | 'deliveryMethod' | 'status'>>): void {
    const explicit = this.budgetRecords.get(budget.id);
    if (explicit && budget.explicit) Object.assign(explicit, patch);
  }

  /** The channel of a campaign: its stored channel, else DISPLAY for seeded "Display..." campaigns, else SEARCH. */
  channelOf(campaign: WorldObject): string {
    return googleExtra(campaign).advertising_channel_type ?? (/^display/i.test(campaign.name) ? 'DISPLAY' : 'SEARCH');
  }

  /** The REST JSON `ad` of an ad group ad (as created, or synthesised for seeded ads). */
  adOf(ad: WorldObject): Record<string, unknown> {
    const stored = googleExtra(ad).ad;
    const creative = (ad.creative ?? {}) as { headline?: string; primary_text?: string; link_url?: string };
    const base = { id: ad.id, resourceName: `customers/${ad.account_id}/ads/${ad.id}` };
    if (stored) return { ...stored, ...base };
    const campaign = ad.campaign_id ? this.world.get('google', ad.campaign_id) : undefined;
    const finalUrls = [creative.link_url ?? 'https://shop.sandbox.example/'];
    const headline = (creative.headline ?? ad.name).slice(0, 30);
    const description = (creative.primary_text ?? ad.name).slice(0, 90);
    if (campaign && this.channelOf(campaign) === 'DISPLAY') {
      return {
        ...base,
        name: ad.name,
        type: 'RESPONSIVE_DISPLAY_AD',
        finalUrls,
        responsiveDisplayAd: {
          marketingImages: [{ asset: `customers/${ad.account_id}/assets/${ad.id}1` }],
          squareMarketingImages: [{ asset: `customers/${ad.account_id}/assets/${ad.id}2` }],
          headlines: [{ text: headline }],
          longHeadline: { text: creative.headline ?? ad.name },
          descriptions: [{ text: description }],
          businessName: 'Sandbox Shop',
        },
      };
    }
    return { ...base, name: ad.name, type: 'RESPONSIVE_SEARCH_AD', finalUrls, responsiveSearchAd: { headlines: [{ text: headline }], descriptions: [{ text: description }] } };
  }

  private implicitAssets(ad: WorldObject): AssetRecord[] {
    if (googleExtra(ad).ad) return [];
    const campaign = ad.campaign_id ? this.world.get('google', ad.campaign_id) : undefined;
    if (!campaign || this.channelOf(campaign) !== 'DISPLAY') return [];
    const common = { customerId: ad.account_id, mimeType: 'IMAGE_PNG' as const, fileSize: 120_000 };
    return [
      { ...common, id: `${ad.id}1`, name: ad.name, width: 1200, height: 628 },
      { ...common, id: `${ad.id}2`, name: `${ad.name} (square)`, width: 1200, height: 1200 },
    ];
  }

  /** Every image asset of a customer: uploaded ones, then the implicit ones of seeded display ads. */
  assets(customerId: string): AssetRecord[] {
    const uploaded = [...this.assetRecords.values()].filter((a) => a.customerId === customerId);
    return [...uploaded, ...this.objects(customerId, 'ad').flatMap((ad) => this.implicitAssets(ad))];
  }

  /** An image asset of the customer by id, or undefined. */
  asset(customerId: string, id: string): AssetRecord | undefined {
    const uploaded = this.assetRecords.get(id);
    if (uploaded) return uploaded.customerId === customerId ? uploaded : undefined;
    const ad = /^\d+[12]$/.test(id) ? this.object(customerId, 'ad', id.slice(0, -1)) : undefined;
    return ad ? this.implicitAssets(ad).find((a) => a.id === id) : undefined;
  }

  /** Renames an uploaded asset. */
  renameAsset(asset: AssetRecord, name: string): void {
    const uploaded = this.assetRecords.get(asset.id);
    if (uploaded) uploaded.name = name;
  }
}
