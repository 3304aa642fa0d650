/**
 * Idempotent creation on platforms that have no idempotency key (Meta, TikTok and Google Ads REST
 * have none for these objects): the request key travels in the object's name as a suffix
 * " [rk:<key>]", and a creation first looks for an object under the same parent that carries it.
 * A retried or replayed activity therefore finds what the first attempt created instead of
 * creating a twin.
 */

const SUFFIX = /\s\[rk:([A-Za-z0-9._:-]{1,80})\]$/;

/** The name sent to the platform: "Spring sale" + key "wf-1.c" → "Spring sale [rk:wf-1.c]". */
export function withRequestKey(name: string, key: string): string {
  if (!/^[A-Za-z0-9._:-]{1,80}$/.test(key)) throw new Error(`invalid request key: ${key}`);
  return `${name} [rk:${key}]`;
}

/** The request key a platform name carries, if any. */
export function requestKeyOf(name: string): string | undefined {
  return SUFFIX.exec(name)?.[1];
}

/** The name users see: without the request key suffix. */
export function displayName(name: string): string {
  return name.replace(SUFFIX, '');
}
