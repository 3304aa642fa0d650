/**
 * Uploaded files: one-time upload slots (a key plus a secret token, like a presigned URL) and the
 * stored bytes, served back publicly like a CDN (seed 000 task 2.4).
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../domain/errors.js';
import type { SqlDb } from './db.js';

/** Largest accepted upload, in bytes (10 MB). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** How long an upload slot stays valid, in seconds. */
export const UPLOAD_TTL_SECONDS = 15 * 60;

/** A new upload slot: PUT the bytes with `token` to claim it. */
export interface UploadSlot {
  key: string;
  token: string;
  expiresInSeconds: number;
}

/** A stored file. */
export interface StoredFile {
  userId: string;
  contentType: string;
  bytes: Uint8Array;
}

/** Upload operations on the sandbox database. */
export interface Uploads {
  /** Opens a slot for one file of the given content type. */
  createSlot(userId: string, filename: string, contentType: string): Promise<UploadSlot>;
  /**
   * Stores the bytes of a slot, once.
   * @throws AppError 1004 unknown key; 1002 wrong token; 1009 already uploaded; 1001 expired slot,
   *   content type other than declared, or more than MAX_UPLOAD_BYTES
   */
  complete(key: string, token: string, contentType: string, bytes: Uint8Array): Promise<void>;
  /** An uploaded file, or undefined when the key has no bytes yet. */
  get(key: string): Promise<StoredFile | undefined>;
}

interface SlotRow {
  token_hash: string;
  content_type: string;
  expired: boolean;
  uploaded: boolean;
}

/** Creates the upload store. */
export function createUploads(db: SqlDb): Uploads {
  return {
    async createSlot(userId, filename, contentType) {
      const key = `${randomUUID()}-${safeName(filename)}`;
      const token = randomBytes(24).toString('base64url');
      await db.query(
        `INSERT INTO uploads (key, user_id, filename, content_type, token_hash, expires_at)
         VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))`,
        [key, userId, filename, contentType, sha256(token), UPLOAD_TTL_SECONDS],
      );
      return { key, token, expiresInSeconds: UPLOAD_TTL_SECONDS };
    },

    async complete(key, token, contentType, bytes) {
      if (bytes.byteLength > MAX_UPLOAD_BYTES) {
        throw new AppError('1001', 'File too large', { max_bytes: MAX_UPLOAD_BYTES });
      }
      await db.transaction(async (tx) => {
        const [slot] = await tx.query<SlotRow>(
          `SELECT token_hash, content_type, expires_at < now() AS expired, bytes IS NOT NULL AS uploaded
           FROM uploads WHERE key = $1 FOR UPDATE`,
          [key],
        );
        if (!slot) throw new AppError('1004', 'Unknown upload key');
        if (!sameSecret(sha256(token), slot.token_hash)) throw new AppError('1002', 'Invalid upload token');
        if (slot.uploaded) throw new AppError('1009', 'This upload URL was already used');
        if (slot.expired) throw new AppError('1001', 'This upload URL has expired');
        if (contentType !== slot.content_type) {
          throw new AppError('1001', 'Content-Type differs from the declared one', { expected: slot.content_type });
        }
        await tx.query('UPDATE uploads SET bytes = $2, size = $3, uploaded_at = now() WHERE key = $1', [
          key,
          Buffer.from(bytes),
          bytes.byteLength,
        ]);
      });
    },

    async get(key) {
      const [row] = await db.query<{ user_id: string; content_type: string; bytes: Uint8Array }>(
        'SELECT user_id, content_type, bytes FROM uploads WHERE key = $1 AND bytes IS NOT NULL',
        [key],
      );
      return row && { userId: row.user_id, contentType: row.content_type, bytes: row.bytes };
    },
  };
}

function safeName(filename: string): string {
  const cleaned = filename.replace(/[^A-Za-z0-9._-]+/g, '_').slice(-100);
  return cleaned.replace(/^[._]+/, '') || 'file';
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
