/**
 * Conversation data as the Web Platform stores it (seed 000 需求 5.1), and the entities a turn
 * records so later messages can refer to them (需求 5.2, 5.3).
 */

/** One message of the conversation as the Web Platform stores it. */
export interface ChatMessage {
  role: 'user' | 'assistant' | 'system';
  content: string;
  /** ISO 8601 timestamp. */
  timestamp?: string;
  /** entities produced by that turn (creatives, campaigns...), used to resolve references. */
  entities?: ConversationEntity[];
}

/** Something a turn produced that later messages may refer to ("刚才的素材", "the campaign I created"). */
export interface ConversationEntity {
  kind: 'creative' | 'campaign' | 'adset' | 'landing_page' | 'report';
  id: string;
  name?: string;
  url?: string;
  /** ISO 8601 timestamp of creation. */
  created_at?: string;
}

/** History longer than this many rounds (a user message and its replies) is compressed (需求 5.4, task 3.9). */
export const MAX_HISTORY_ROUNDS = 100;

/** Splits messages into rounds: each round starts at a user message. */
function rounds(messages: readonly ChatMessage[]): ChatMessage[][] {
  const out: ChatMessage[][] = [];
  for (const m of messages) {
    if (m.role === 'user' || out.length === 0) out.push([m]);
    else out[out.length - 1]!.push(m);
  }
  return out;
}

/**
 * Compresses a long history: when it has more than `maxRounds` rounds, the older rounds become one
 * system message that summarises them and keeps every entity they recorded, so references
 * ("刚才的素材") still resolve; the last `maxRounds` rounds stay verbatim. Deterministic.
 * @param messages oldest first
 * @returns oldest first, at most maxRounds rounds plus one summary message
 */
export function compressHistory(messages: readonly ChatMessage[], maxRounds = MAX_HISTORY_ROUNDS): ChatMessage[] {
  const all = rounds(messages);
  if (all.length <= maxRounds) return [...messages];
  const old = all.slice(0, all.length - maxRounds).flat();
  const kept = all.slice(all.length - maxRounds).flat();
  const entities = old.flatMap((m) => m.entities ?? []);
  const userTopics = old
    .filter((m) => m.role === 'user')
    .slice(-5)
    .map((m) => m.content.slice(0, 60));
  const summary: ChatMessage = {
    role: 'system',
    content:
      `Summary of ${all.length - maxRounds} earlier rounds. Recent earlier requests: ${userTopics.join(' | ')}. ` +
      `Entities: ${entities.map((e) => `${e.kind}:${e.id}`).join(', ') || 'none'}.`,
    ...(old[0]?.timestamp ? { timestamp: old[0].timestamp } : {}),
    entities,
  };
  return [summary, ...kept];
}

/** The entities of the most recent message that recorded any of the given kind, newest message first. */
export function latestEntities(history: readonly ChatMessage[], kind: ConversationEntity['kind']): ConversationEntity[] {
  for (let i = history.length - 1; i >= 0; i--) {
    const found = (history[i]!.entities ?? []).filter((e) => e.kind === kind);
    if (found.length > 0) return found;
  }
  return [];
}
