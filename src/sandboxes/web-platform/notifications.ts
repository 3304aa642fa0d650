/**
 * Notifications the orchestrator shows users (issue "Campaign automation" §5: a rule that fires
 * notifies its user). Idempotent per dedupe key, so a retried rule check notifies once.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../domain/errors.js';
import type { ToolArgs, ToolOutput } from '../../integrations/mcp/web-platform-contract.js';
import type { SqlDb } from './db.js';

type Notification = ToolOutput<'list_notifications'>['notifications'][number];

export interface Notifications {
  /**
   * Stores a notification; a repeat with the same dedupe key returns the first (duplicate: true).
   * @throws AppError 1009 when another user used the dedupe key
   */
  create(input: ToolArgs<'create_notification'>): Promise<Notification & { duplicate: boolean }>;
  /** The user's notifications, newest first. */
  list(userId: string, limit: number): Promise<Notification[]>;
}

interface Row {
  id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown> | null;
  dedupe_key: string | null;
  created_at: Date;
}

const COLUMNS = 'id, user_id, kind, title, body, data, dedupe_key, created_at';

function toNotification(r: Row): Notification {
  return {
    id: r.id,
    user_id: r.user_id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    ...(r.data !== null && { data: r.data }),
    created_at: new Date(r.created_at).toISOString(),
  };
}

export function createNotifications(db: SqlDb): Notifications {
  return {
    async create(input) {
      const [inserted] = await db.query<Row>(
        `INSERT INTO notifications (id, user_id, kind, title, body, data, dedupe_key)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING ${COLUMNS}`,
        [`ntf_${randomUUID()}`, input.user_id, input.kind, input.title, input.body, input.data ? JSON.stringify(input.data) : null, input.dedupe_key ?? null],
      );
      if (inserted) return { ...toNotification(inserted), duplicate: false };
      const [existing] = await db.query<Row>(`SELECT ${COLUMNS} FROM notifications WHERE dedupe_key = $1`, [input.dedupe_key]);
      if (!existing || existing.user_id !== input.user_id) {
        throw new AppError('1009', 'dedupe_key was already used', { dedupe_key: input.dedupe_key });
      }
      return { ...toNotification(existing), duplicate: true };
    },

    async list(userId, limit) {
      const rows = await db.query<Row>(`SELECT ${COLUMNS} FROM notifications WHERE user_id = $1 ORDER BY seq DESC LIMIT $2`, [userId, limit]);
      return rows.map(toNotification);
    },
  };
}
