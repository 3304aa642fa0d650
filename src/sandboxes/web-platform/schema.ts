/**
 * The sandbox's tables. Created on start; every statement is idempotent so restarting on an
 * existing database (a PGlite data directory or PostgreSQL) keeps the data.
 */
import type { Queryable } from './db.js';

const STATEMENTS = [
  `CREATE TABLE IF NOT EXISTS users (
     id text PRIMARY KEY,
     balance integer NOT NULL CHECK (balance >= 0),
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE IF NOT EXISTS credit_operations (
     operation_id text PRIMARY KEY,
     user_id text NOT NULL REFERENCES users(id),
     kind text NOT NULL DEFAULT 'deduct' CHECK (kind = 'deduct'),
     credits integer NOT NULL CHECK (credits >= 0),
     operation_type text NOT NULL,
     balance_after integer NOT NULL,
     refunded integer NOT NULL DEFAULT 0,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE IF NOT EXISTS refunds (
     operation_id text PRIMARY KEY REFERENCES credit_operations(operation_id),
     user_id text NOT NULL REFERENCES users(id),
     credits integer NOT NULL CHECK (credits >= 0),
     balance_after integer NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE IF NOT EXISTS conversations (
     user_id text NOT NULL,
     session_id text NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (user_id, session_id)
   )`,
  `CREATE TABLE IF NOT EXISTS messages (
     seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     user_id text NOT NULL,
     session_id text NOT NULL,
     role text NOT NULL,
     content text NOT NULL,
     entities jsonb NOT NULL DEFAULT '[]'::jsonb,
     "timestamp" timestamptz NOT NULL DEFAULT now(),
     FOREIGN KEY (user_id, session_id) REFERENCES conversations(user_id, session_id)
   )`,
  `CREATE INDEX IF NOT EXISTS messages_session ON messages (user_id, session_id, seq)`,
  `CREATE TABLE IF NOT EXISTS uploads (
     key text PRIMARY KEY,
     user_id text NOT NULL,
     filename text NOT NULL,
     content_type text NOT NULL,
     token_hash text NOT NULL,
     expires_at timestamptz NOT NULL,
     bytes bytea,
     size integer,
     uploaded_at timestamptz,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE IF NOT EXISTS creatives (
     id text PRIMARY KEY,
     seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
     user_id text NOT NULL,
     name text NOT NULL,
     url text NOT NULL,
     content_type text NOT NULL,
     width integer,
     height integer,
     prompt text,
     metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
     request_key text UNIQUE,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX IF NOT EXISTS creatives_user ON creatives (user_id, seq DESC)`,
  `CREATE TABLE IF NOT EXISTS campaign_changes (
     id text PRIMARY KEY,
     seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
     user_id text NOT NULL,
     platform text NOT NULL,
     level text NOT NULL,
     object_id text NOT NULL,
     object_name text,
     change jsonb NOT NULL,
     operation_id text UNIQUE,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX IF NOT EXISTS campaign_changes_user ON campaign_changes (user_id, seq DESC)`,
  `CREATE TABLE IF NOT EXISTS notifications (
     id text PRIMARY KEY,
     seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
     user_id text NOT NULL,
     kind text NOT NULL,
     title text NOT NULL,
     body text NOT NULL,
     data jsonb,
     dedupe_key text UNIQUE,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX IF NOT EXISTS notifications_user ON notifications (user_id, seq DESC)`,
  `CREATE TABLE IF NOT EXISTS campaigns (
     id text PRIMARY KEY,
     seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
     user_id text NOT NULL,
     platform text NOT NULL,
     campaign_id text NOT NULL,
     name text NOT NULL,
     daily_budget double precision NOT NULL,
     currency text NOT NULL,
     status text NOT NULL,
     objective text,
     account_id text,
     adsets jsonb NOT NULL,
     ads jsonb NOT NULL,
     operation_id text NOT NULL UNIQUE,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX IF NOT EXISTS campaigns_user ON campaigns (user_id, seq DESC)`,
];

/** Creates the tables and indexes that do not exist yet. */
export async function migrate(db: Queryable): Promise<void> {
  for (const sql of STATEMENTS) await db.query(sql);
}
