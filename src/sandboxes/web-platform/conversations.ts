/**
 * Conversation storage: messages appended per (user, session), read back oldest first with their
 * entities (seed 000 需求 5.1).
 */
import type { ChatMessage, ConversationEntity } from '../../domain/chat/conversation.js';
import type { SqlDb } from './db.js';

/** Conversation operations on the sandbox database. */
export interface Conversations {
  /** Appends messages in order; returns how many were saved. */
  append(userId: string, sessionId: string, messages: readonly ChatMessage[]): Promise<number>;
  /** The last `limit` messages of the session, oldest first. */
  history(userId: string, sessionId: string, limit: number): Promise<ChatMessage[]>;
}

interface MessageRow {
  role: ChatMessage['role'];
  content: string;
  entities: ConversationEntity[];
  timestamp: Date;
}

/** Creates the conversation store. */
export function createConversations(db: SqlDb): Conversations {
  return {
    async append(userId, sessionId, messages) {
      if (messages.length === 0) return 0;
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO conversations (user_id, session_id) VALUES ($1, $2)
           ON CONFLICT (user_id, session_id) DO UPDATE SET updated_at = now()`,
          [userId, sessionId],
        );
        for (const m of messages) {
          await tx.query(
            `INSERT INTO messages (user_id, session_id, role, content, entities, "timestamp")
             VALUES ($1, $2, $3, $4, $5::jsonb, COALESCE($6::timestamptz, now()))`,
            [userId, sessionId, m.role, m.content, JSON.stringify(m.entities ?? []), m.timestamp ?? null],
          );
        }
      });
      return messages.length;
    },

    async history(userId, sessionId, limit) {
      const rows = await db.query<MessageRow>(
        `SELECT role, content, entities, "timestamp" FROM (
           SELECT seq, role, content, entities, "timestamp" FROM messages
           WHERE user_id = $1 AND session_id = $2 ORDER BY seq DESC LIMIT $3
         ) recent ORDER BY seq ASC`,
        [userId, sessionId, limit],
      );
      return rows.map((r) => ({
        role: r.role,
        content: r.content,
        timestamp: new Date(r.timestamp).toISOString(),
        entities: r.entities,
      }));
    },
  };
}
