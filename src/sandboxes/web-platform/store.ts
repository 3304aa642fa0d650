/**
 * The sandbox's persistence: one database (PGlite in memory or in a data directory, or PostgreSQL)
 * with the ledger, conversations, uploads, creatives, campaign changes, campaigns and notifications on top of it.
 */
import { createCampaignChanges, type CampaignChanges } from './campaign-changes.js';
import { createCampaignRecords, type CampaignRecords } from './campaigns.js';
import { createConversations, type Conversations } from './conversations.js';
import { createCreatives, type Creatives } from './creatives.js';
import { openDb, type DbOptions } from './db.js';
import { createNotifications, type Notifications } from './notifications.js';
import { createLedger, type Ledger } from './ledger.js';
import { migrate } from './schema.js';
import { createUploads, type Uploads } from './uploads.js';

/** Everything the sandbox stores. */
export interface WebPlatformStore {
  ledger: Ledger;
  conversations: Conversations;
  uploads: Uploads;
  creatives: Creatives;
  campaignChanges: CampaignChanges;
  /** campaigns the orchestrator created (record_campaign). */
  campaigns: CampaignRecords;
  notifications: Notifications;
  close(): Promise<void>;
}

/** Where to store and how new users start. */
export interface StoreOptions extends DbOptions {
  /** balance of a user created on first use, in whole credits (default 1000). */
  initialCredits?: number;
}

/** The starting balance of new users when none is configured. */
export const DEFAULT_INITIAL_CREDITS = 1000;

/**
 * Opens the database (creating the schema if needed) and the stores on it.
 * @throws whatever the database driver throws when it cannot open or migrate
 */
export async function openWebPlatformStore(opts: StoreOptions = {}): Promise<WebPlatformStore> {
  const db = await openDb(opts);
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return {
    ledger: createLedger(db, opts.initialCredits ?? DEFAULT_INITIAL_CREDITS),
    conversations: createConversations(db),
    uploads: createUploads(db),
    creatives: createCreatives(db),
    campaignChanges: createCampaignChanges(db),
    campaigns: createCampaignRecords(db),
    notifications: createNotifications(db),
    close: () => db.close(),
  };
}
