/**
 * Creative records: what a generated or uploaded ad asset is, where it lives, and how it was made
 * (seed 000 task 2.4). Creation is idempotent per request key.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../domain/errors.js';
import type { Creative } from '../../integrations/mcp/web-platform-contract.js';
import type { SqlDb } from './db.js';

/** What create() records. Sizes in pixels. */
export interface NewCreative {
  user_id: string;
  name: string;
  url: string;
  content_type: string;
  width?: number;
  height?: number;
  prompt?: string;
  metadata?: Record<string, unknown>;
  request_key?: string;
}

/** Creative operations on the sandbox database. */
export interface Creatives {
  /**
   * Records a creative; with a request key already used by this user, returns that creative
   * (duplicate: true).
   * @throws AppError 1009 when another user used the request key
   */
  create(input: NewCreative): Promise<Creative & { duplicate: boolean }>;
  /** @throws AppError 5000 when the user has no creative with this id */
  get(userId: string, creativeId: string): Promise<Creative>;
  /** The user's creatives, newest first. */
  list(userId: string, limit: number): Promise<Creative[]>;
}

interface CreativeRow {
  id: string;
  user_id: string;
  name: string;
  url: string;
  content_type: string;
  width: number | null;
  height: number | null;
  prompt: string | null;
  metadata: Record<string, unknown>;
  request_key: string | null;
  created_at: Date;
}

const COLUMNS = 'id, user_id, name, url, content_type, width, height, prompt, metadata, request_key, created_at';

/** Creates the creative store. */
export function createCreatives(db: SqlDb): Creatives {
  async function byRequestKey(requestKey: string): Promise<CreativeRow | undefined> {
    const [row] = await db.query<CreativeRow>(`SELECT ${COLUMNS} FROM creatives WHERE request_key = $1`, [requestKey]);
    return row;
  }

  return {
    async create(input) {
      const [inserted] = await db.query<CreativeRow>(
        `INSERT INTO creatives (id, user_id, name, url, content_type, width, height, prompt, metadata, request_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10)
         ON CONFLICT (request_key) DO NOTHING
         RETURNING ${COLUMNS}`,
        [
          `cr_${randomUUID()}`,
          input.user_id,
          input.name,
          input.url,
          input.content_type,
          input.width ?? null,
          input.height ?? null,
          input.prompt ?? null,
          JSON.stringify(input.metadata ?? {}),
          input.request_key ?? null,
        ],
      );
      if (inserted) return { ...toCreative(inserted), duplicate: false };
      const existing = await byRequestKey(input.request_key!);
      if (!existing || existing.user_id !== input.user_id) {
        throw new AppError('1009', 'request_key was already used', { request_key: input.request_key });
      }
      return { ...toCreative(existing), duplicate: true };
    },

    async get(userId, creativeId) {
      const [row] = await db.query<CreativeRow>(`SELECT ${COLUMNS} FROM creatives WHERE id = $1 AND user_id = $2`, [
        creativeId,
        userId,
      ]);
      if (!row) throw new AppError('5000', undefined, { creative_id: creativeId });
      return toCreative(row);
    },

    async list(userId, limit) {
      const rows = await db.query<CreativeRow>(
        `SELECT ${COLUMNS} FROM creatives WHERE user_id = $1 ORDER BY seq DESC LIMIT $2`,
        [userId, limit],
      );
      return rows.map(toCreative);
    },
  };
}

function toCreative(r: CreativeRow): Creative {
  return {
    id: r.id,
    user_id: r.user_id,
    name: r.name,
    url: r.url,
    content_type: r.content_type,
    ...(r.width !== null && { width: r.width }),
    ...(r.height !== null && { height: r.height }),
    ...(r.prompt !== null && { prompt: r.prompt }),
    metadata: r.metadata,
    ...(r.request_key !== null && { request_key: r.request_key }),
    created_at: new Date(r.created_at).toISOString(),
  };
}
