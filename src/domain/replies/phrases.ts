/**
 * Pieces every rendered text shares, per language: punctuation between items, clauses and a label
 * and its value, quoted names and date spans. Pure data and small functions; the renderers of the
 * replies module select them once per text (`const p = PUNCT[language]`).
 */
import type { Language } from '../chat/intent.js';

/** Punctuation of a language. */
export interface Punctuation {
  /** between items of an enumeration: "、" / ", ". */
  list: string;
  /** between clauses of a sentence: "，" / ", ". */
  comma: string;
  /** between independent parts: "；" / "; ". */
  clause: string;
  /** between a label and what follows: "：" / ": ". */
  colon: string;
}

/** Punctuation by language. */
export const PUNCT: Readonly<Record<Language, Punctuation>> = {
  zh: { list: '、', comma: '，', clause: '；', colon: '：' },
  en: { list: ', ', comma: ', ', clause: '; ', colon: ': ' },
};

/** A date span: one date, or "2024-03-01 至 2024-03-07" / "2024-03-01 to 2024-03-07" (ISO dates). */
export function spanText(span: { since: string; until: string }, language: Language): string {
  return span.since === span.until ? span.since : `${span.since} ${SPAN_TO[language]} ${span.until}`;
}

/** The word between the two dates of a span. */
export const SPAN_TO: Readonly<Record<Language, string>> = { zh: '至', en: 'to' };
