/**
 * Text normalisation for the offline intent model (seed 000 需求 2, offline path).
 *
 * Every pattern of the offline model runs on the normalised form: NFKC (full-width letters, digits
 * and punctuation become ASCII, so "，" is ","), collapsed whitespace, no spaces next to Han
 * characters ("广告 图片" is "广告图片"), Chinese and English number words as digits. `lower` is
 * the same string with ASCII letters lower-cased, so indices in `text` and `lower` agree.
 */
import type { Language } from '../../../domain/chat/intent.js';
import { convertNumberWords } from './numbers.js';

/** A message in the two forms the patterns read. */
export interface NormalizedText {
  /** normalised, case preserved (names, products, URLs). */
  text: string;
  /** `text` with ASCII letters lower-cased, same length (keyword patterns). */
  lower: string;
}

const HAN_G = /[\u3400-\u9fff]/g;

/** Lower-cases ASCII letters only, keeping the string length unchanged. */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/**
 * Normalises a raw chat message.
 * @param raw the user's message as typed
 * @returns the case-preserving and lower-cased normal forms
 */
export function normalizeMessage(raw: string): NormalizedText {
  let t = raw.normalize('NFKC').replace(/[\u200b-\u200d\ufeff]/g, '');
  t = t.replace(/\s+/g, ' ').trim();
  t = t.replace(/ (?=[\u3400-\u9fff])|(?<=[\u3400-\u9fff]) /g, '');
  t = convertNumberWords(t);
  return { text: t, lower: asciiLower(t) };
}

/**
 * The language of a message: 'zh' when Han characters carry the message (at least as many Han
 * characters as English words), else 'en'.
 */
export function detectLanguage(raw: string): Language {
  const plain = raw.replace(/\b(?:https?:\/\/|www\.)\S+/g, ' ');
  const han = (plain.match(HAN_G) ?? []).length;
  if (han === 0) return 'en';
  const words = (plain.match(/[A-Za-z]+/g) ?? []).length;
  return han >= words ? 'zh' : 'en';
}
