/**
 * The offline text model: the deterministic intent parser plus the replies module's templated
 * turn reply. Used when no Gemini key is configured and as the last link of the fallback chain
 * (seed 001 降级策略).
 */
import type { IntentDraft } from '../../../domain/chat/intent.js';
import type { IntentRequest, ReplyContext, TextModel } from '../types.js';
import { parseIntent } from './intent-parser.js';
import { renderTurnReply } from '../../../domain/replies/turn.js';
import { splitTokens } from './reply.js';

export class OfflineTextModel implements TextModel {
  readonly name = 'offline';

  /** Parses the message; never throws. */
  async recognizeIntent(req: IntentRequest): Promise<IntentDraft> {
    return parseIntent(req.message);
  }

  /** Writes the templated reply, streaming it in small pieces. */
  async streamReply(ctx: ReplyContext, onToken: (token: string) => Promise<void>): Promise<string> {
    const text = renderTurnReply(ctx);
    for (const t of splitTokens(text)) await onToken(t);
    return text;
  }
}
