/**
 * Splits a message into the clauses of a multi-step request (seed 000 需求 3) for the offline
 * intent model: "先做 3 张图，然后用它们开广告" gives two clauses. Connectors are cut first, then
 * clauses without a clear action of their own are glued back to their neighbour, the action after
 * a rule's condition ("when CPC goes over $2, lower the budget") stays in the rule, and neighbours
 * with the same action are merged, so one request with two verbs stays one step.
 */
import type { ActionName } from '../../../domain/chat/intent.js';
import { scoreClause, type ActionScore } from './classify.js';

/** A span [start, end) of the normalised message with its action scores. */
export interface Segment {
  start: number;
  end: number;
  scores: ActionScore[];
}

interface Piece {
  start: number;
  end: number;
  /** whether the connector before it marks a new step ("然后", "then", ";") rather than a list ("和", ","). */
  before: boolean;
  /** whether the connector before or after it marks a new step. */
  strong: boolean;
}

const CONNECTOR =
  /(?:,\s*)?(?:然后再?|接着再?|之后再?|以后再?|随后|紧接着|再然后|最后再?|并且|并(?=[\u4e00-\u9fff])|同时|以及|另外|此外|顺便|还要|和)|,\s*再|再(?=(?:用|去|帮|给|把|在|开|创建|投放|上线|发布|生成|分析|优化|建|做))|[;。!?](?:\s*(?:and then|then|after that|afterwards|also|and|plus|next|finally)\b)?\s*|,(?!\d{3})(?:\s*(?:and then|then|after that|afterwards|also|and|plus|next|finally)\b)?\s*|\.(?:\s+|$)(?:(?:and then|then|after that|afterwards|also|next|finally)\b\s*)?|\s+(?:and then|then|after that|afterwards|and also|and|plus|as well as|followed by|before that)\s+/g;
const STRONG = /然后|接着|之后|以后|随后|再|并|同时|以及|另外|此外|顺便|还要|最后|then|after|also|next|finally|plus|followed|as well|[;。!?.]/;

function splitPieces(lower: string): Piece[] {
  const pieces: Piece[] = [];
  let start = 0;
  let before = false;
  for (const m of lower.matchAll(CONNECTOR)) {
    if (m.index > start) pieces.push({ start, end: m.index, before, strong: before });
    start = m.index + m[0].length;
    before = STRONG.test(m[0]);
  }
  if (start < lower.length) pieces.push({ start, end: lower.length, before, strong: before });
  return pieces.map((p, i) => ({ ...p, strong: p.before || (pieces[i + 1]?.before ?? false) }));
}

/** Actions that, written next to each other, are one request (a landing page test is an A/B test). */
const SAME_REQUEST: Partial<Record<ActionName, ActionName>> = { create_ab_test: 'create_page_ab_test' };

const top = (scores: ActionScore[]): ActionName | undefined => scores[0]?.action;
const sameRequest = (a: ActionName | undefined, b: ActionName | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && (SAME_REQUEST[a] === b || SAME_REQUEST[b] === a));
const topScore = (scores: ActionScore[]): number => scores[0]?.score ?? 0;

/** Whether a clause carries an action strong enough to be a step of its own. */
function standsAlone(scores: ActionScore[], strong: boolean): boolean {
  return topScore(scores) >= (strong ? 4 : 5);
}

function rescore(lower: string, seg: Segment, end: number): Segment {
  return { start: seg.start, end, scores: scoreClause(lower.slice(seg.start, end)) };
}

function mergeSameAction(lower: string, segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const seg of segments) {
    const last = out[out.length - 1];
    if (last && sameRequest(top(last.scores), top(seg.scores))) out[out.length - 1] = rescore(lower, last, seg.end);
    else out.push(seg);
  }
  return out;
}

/**
 * The clauses of a message that each carry one step, in the order written.
 * @param lower the lower-cased normalised message
 * @returns one segment per step candidate; a message without connectors is one segment
 */
export function segmentMessage(lower: string): Segment[] {
  const segments: (Segment & { alone: boolean })[] = [];
  for (const piece of splitPieces(lower)) {
    const scores = scoreClause(lower.slice(piece.start, piece.end));
    const alone = standsAlone(scores, piece.strong);
    const last = segments[segments.length - 1];
    const consequence = top(last?.scores ?? []) === 'create_rule' && !piece.before;
    if (last && (!alone || !last.alone || consequence || sameRequest(top(last.scores), top(scores)))) {
      segments[segments.length - 1] = { ...rescore(lower, last, piece.end), alone: alone || last.alone };
    } else {
      segments.push({ ...piece, scores, alone });
    }
  }
  return mergeSameAction(lower, segments);
}
