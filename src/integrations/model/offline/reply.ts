/**
 * Streaming of the offline model's replies. The reply itself is the replies module's templated
 * turn reply (src/domain/replies/turn.ts, renderTurnReply), which the offline text model writes.
 */

/** Splits text into streaming pieces (words, or a few CJK characters) for token events. */
export function splitTokens(text: string): string[] {
  return text.match(/[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]{1,4}|\S+\s*|\s+/g) ?? [];
}
