/**
 * The campaigns the orchestrator created on ad platforms (issue "Campaign automation" §2: a created
 * campaign is recorded in the Web Platform with its ad sets, ads and copy). Idempotent per
 * operation id, so a retried or replayed recording stores one record.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../domain/errors.js';
import type { ToolArgs, ToolOutput } from '../../integrations/mcp/web-platform-contract.js';
import type { SqlDb } from './db.js';

type CampaignRecord = ToolOutput<'list_campaigns'>['campaigns'][number];

export interface CampaignRecords {
  /**
   * Records a campaign; a repeat with the same operation id returns the first record (duplicate: true).
   * @throws AppError 1009 when another user used the operation id
   */
  record(input: ToolArgs<'record_campaign'>): Promise<CampaignRecord & { duplicate: boolean }>;
  /** The user's recorded campaigns, newest first. */
  list(userId: string, limit: number): Promise<CampaignRecord[]>;
}

interface Row {
  id: string;
  user_id: string;
  platform: CampaignRecord['platform'];
  campaign_id: string;
  name: string;
  daily_budget: number;
  currency: string;
  status: CampaignRecord['status'];
  objective: string | null;
  account_id: string | null;
  adsets: CampaignRecord['adsets'];
  ads: CampaignRecord['ads'];
  operation_id: string;
  created_at: Date;
}

const COLUMNS = 'id, user_id, platform, campaign_id, name, daily_budget, currency, status, objective, account_id, adsets, ads, operation_id, created_at';

function toRecord(r: Row): CampaignRecord {
  return {
    id: r.id,
    user_id: r.user_id,
    platform: r.platform,
    campaign_id: r.campaign_id,
    name: r.name,
    daily_budget: Number(r.daily_budget),
    currency: r.currency,
    status: r.status,
    ...(r.objective !== null && { objective: r.objective }),
    ...(r.account_id !== null && { account_id: r.account_id }),
    adsets: r.adsets,
    ads: r.ads,
    operation_id: r.operation_id,
    created_at: new Date(r.created_at).toISOString(),
  };
}

/** The campaign records on the sandbox's database. */
export function createCampaignRecords(db: SqlDb): CampaignRecords {
  return {
    async record(input) {
      const [inserted] = await db.query<Row>(
        `INSERT INTO campaigns (id, user_id, platform, campaign_id, name, daily_budget, currency, status, objective, account_id, adsets, ads, operation_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12::jsonb, $13)
         ON CONFLICT (operation_id) DO NOTHING
         RETURNING ${COLUMNS}`,
        [
          `cmp_${randomUUID()}`,
          input.user_id,
          input.platform,
          input.campaign_id,
          input.name,
          input.daily_budget,
          input.currency,
          input.status,
          input.objective ?? null,
          input.account_id ?? null,
          JSON.stringify(input.adsets),
          JSON.stringify(input.ads),
          input.operation_id,
        ],
      );
      if (inserted) return { ...toRecord(inserted), duplicate: false };
      const [existing] = await db.query<Row>(`SELECT ${COLUMNS} FROM campaigns WHERE operation_id = $1`, [input.operation_id]);
      if (!existing || existing.user_id !== input.user_id) {
        throw new AppError('1009', 'operation_id was already used', { operation_id: input.operation_id });
      }
      return { ...toRecord(existing), duplicate: true };
    },

    async list(userId, limit) {
      const rows = await db.query<Row>(`SELECT ${COLUMNS} FROM campaigns WHERE user_id = $1 ORDER BY seq DESC LIMIT $2`, [userId, limit]);
      return rows.map(toRecord);
    },
  };
}
