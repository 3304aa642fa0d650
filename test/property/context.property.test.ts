/**
 * Property tests of conversation context (seed 000 Property 3: context reference resolution;
 * 需求 5.4: history beyond 100 rounds is compressed).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compressHistory, MAX_HISTORY_ROUNDS, type ChatMessage, type ConversationEntity } from '../../src/domain/chat/conversation.js';
import { resolveReferences } from '../../src/domain/chat/references.js';

const entity = (kind: ConversationEntity['kind']) => fc.record({ kind: fc.constant(kind), id: fc.uuid() });
const round = fc
  .tuple(fc.string(), fc.string(), fc.option(fc.array(fc.oneof(entity('creative'), entity('campaign')), { minLength: 1, maxLength: 3 }), { nil: undefined }))
  .map(([q, a, entities]): ChatMessage[] => [
    { role: 'user', content: q },
    { role: 'assistant', content: a, ...(entities ? { entities } : {}) },
  ]);
const history = fc.array(round, { maxLength: 30 }).map((rs) => rs.flat());

describe('Property 3: references resolve to the latest entities of their kind', () => {
  it('"刚才的素材" resolves to the creatives of the most recent turn that made any', () => {
    fc.assert(
      fc.property(history, (h) => {
        const { steps } = resolveReferences(
          [{ module: 'campaign', action: 'create_campaign', parameters: { references: ['creative'] } }],
          h,
        );
        const latest = [...h].reverse().find((m) => m.entities?.some((e) => e.kind === 'creative'));
        const expected = latest?.entities?.filter((e) => e.kind === 'creative').map((e) => e.id);
        expect(steps[0]!.parameters.creative_ids).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('explicit ids are never overridden', () => {
    fc.assert(
      fc.property(history, fc.array(fc.uuid(), { minLength: 1, maxLength: 3 }), (h, ids) => {
        const { steps } = resolveReferences(
          [{ module: 'creative', action: 'analyze_creative', parameters: { references: ['creative'], creative_ids: ids } }],
          h,
        );
        expect(steps[0]!.parameters.creative_ids).toEqual(ids);
      }),
      { numRuns: 100 },
    );
  });
});

describe('history compression', () => {
  it('keeps at most 100 rounds verbatim plus one summary, and every entity', () => {
    fc.assert(
      fc.property(fc.array(round, { minLength: 0, maxLength: 160 }), (rounds) => {
        const messages = rounds.flat();
        const out = compressHistory(messages);
        if (rounds.length <= MAX_HISTORY_ROUNDS) {
          expect(out).toEqual(messages);
          return;
        }
        expect(out[0]!.role).toBe('system');
        expect(out.slice(1)).toEqual(rounds.slice(-MAX_HISTORY_ROUNDS).flat());
        const ids = (ms: ChatMessage[]) => ms.flatMap((m) => m.entities ?? []).map((e) => e.id).sort();
        expect(ids(out)).toEqual(ids(messages));
      }),
      { numRuns: 100 },
    );
  });
});
