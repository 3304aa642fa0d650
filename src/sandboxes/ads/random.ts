/**
 * Deterministic randomness for the ads sandbox, keyed by strings: the same key always yields the
 * same sequence, so a day's delivery (keyed by object and date) never depends on the order of reads.
 */

/** A 53-bit non-negative integer hash of a string (cyrb53). */
export function hashString(key: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < key.length; i++) {
    const ch = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** A generator of uniform numbers in [0, 1) seeded by `key` (mulberry32 over the key's hash). */
export type Rng = () => number;

/** Creates the generator for `key`; two generators of the same key yield the same sequence. */
export function seededRng(key: string): Rng {
  let state = hashString(key) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform number in [min, max) drawn from `rng`. */
export function uniform(rng: Rng, min: number, max: number): number {
  return min + (max - min) * rng();
}

/** A multiplicative noise factor in [1 - amplitude, 1 + amplitude) drawn from `rng`. */
export function jitter(rng: Rng, amplitude: number): number {
  return uniform(rng, 1 - amplitude, 1 + amplitude);
}

/** `length` decimal digits derived from `key`, the first one never 0 (ids that look real). */
export function digitsFor(key: string, length: number): string {
  const rng = seededRng(key);
  let out = String(1 + Math.floor(rng() * 9));
  while (out.length < length) out += String(Math.floor(rng() * 10));
  return out;
}
