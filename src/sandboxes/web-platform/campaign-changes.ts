/**
 * The record of changes the orchestrator made on ad platforms (issue "Ad platforms" §4: after a
 * platform call succeeds, the change is recorded in the Web Platform). Idempotent per operation id.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../domain/errors.js';
import type { ToolArgs, ToolOutput } from '../../integrations/mcp/web-platform-contract.js';
import type { SqlDb } from './db.js';

type Change = ToolOutput<'list_campaign_changes'>['changes'][number];

export interface CampaignChanges {
  /**
   * Records a change; a repeat with the same operation id returns the first record (duplicate: true).
   * @throws AppError 1009 when another user used the operation id
   */
  record(input: ToolArgs<'update_campaign'>): Promise<Change & { duplicate: boolean }>;
  /** The user's changes, newest first. */
  list(userId: string, limit: number): Promise<Change[]>;
}

interface Row {
  id: string;
  user_id: string;
  platform: Change['platform'];
  level: Change['level'];
  object_id: string;
  object_name: string | null;
  change: Record<string, unknown>;
  operation_id: string | null;
  created_at: Date;
}

const COLUMNS = 'id, user_id, platform, level, object_id, object_name, change, operation_id, created_at';

function toChange(r: Row): Change {
  return {
    id: r.id,
    user_id: r.user_id,
    platform: r.platform,
    level: r.level,
    object_id: r.object_id,
    ...(r.object_name !== null && { object_name: r.object_name }),
    change: r.change,
    ...(r.operation_id !== null && { operation_id: r.operation_id }),
    created_at: new Date(r.created_at).toISOString(),
  };
}

export function createCampaignChanges(db: SqlDb): CampaignChanges {
  return {
    async record(input) {
      const [inserted] = await db.query<Row>(
        `INSERT INTO campaign_changes (id, user_id, platform, level, object_id, object_name, change, operation_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)
         ON CONFLICT (operation_id) DO NOTHING
         RETURNING ${COLUMNS}`,
        [
          `chg_${randomUUID()}`,
          input.user_id,
          input.platform,
          input.level,
          input.object_id,
          input.object_name ?? null,
          JSON.stringify(input.change),
          input.operation_id ?? null,
        ],
      );
      if (inserted) return { ...toChange(inserted), duplicate: false };
      const [existing] = await db.query<Row>(`SELECT ${COLUMNS} FROM campaign_changes WHERE operation_id = $1`, [input.operation_id]);
      if (!existing || existing.user_id !== input.user_id) {
        throw new AppError('1009', 'operation_id was already used', { operation_id: input.operation_id });
      }
      return { ...toChange(existing), duplicate: true };
    },

    async list(userId, limit) {
      const rows = await db.query<Row>(`SELECT ${COLUMNS} FROM campaign_changes WHERE user_id = $1 ORDER BY seq DESC LIMIT $2`, [
        userId,
        limit,
      ]);
      return rows.map(toChange);
    },
  };
}
