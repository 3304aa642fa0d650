/**
 * Request parameters of the Meta facade as the Graph API reads them: query string and body (JSON,
 * or form-encoded with nested objects as JSON strings) merged into one map, the access token from
 * `access_token` or `Authorization: Bearer|OAuth`, `fields` lists, `filtering` rules and cursor
 * paging (`limit`, `after`) as in https://developers.facebook.com/docs/graph-api/results.
 */
import type { Context } from 'hono';
import { invalidParam } from './graph-errors.js';

/** The merged request parameters: strings, or parsed JSON for the nested parameters. */
export type Params = Record<string, unknown>;

/** Parameters that carry JSON objects or arrays (sent as JSON strings in forms and query strings). */
const NESTED = new Set(['targeting', 'creative', 'object_story_spec', 'special_ad_categories', 'filtering', 'time_range', 'effective_status', 'promoted_object']);

/**
 * Reads query and body parameters (body wins), parsing the nested ones from JSON strings.
 * @throws GraphError 100 when a nested parameter is not valid JSON or the JSON body is malformed
 */
export async function readParams(c: Context): Promise<Params> {
  const params: Params = { ...c.req.query() };
  if (c.req.method !== 'GET') {
    const type = c.req.header('content-type') ?? '';
    if (type.includes('application/json')) {
      const body: unknown = await c.req.json().catch(() => {
        throw invalidParam('(#100) The request body is not valid JSON');
      });
      if (body && typeof body === 'object' && !Array.isArray(body)) Object.assign(params, body);
    } else if (type.includes('form')) {
      for (const [k, v] of Object.entries(await c.req.parseBody())) if (typeof v === 'string') params[k] = v;
    }
  }
  for (const key of NESTED) {
    const value = params[key];
    if (typeof value !== 'string') continue;
    try {
      params[key] = JSON.parse(value);
    } catch {
      throw invalidParam(`(#100) param ${key} must be JSON`);
    }
  }
  return params;
}

/** The access token of a request: `Authorization: Bearer|OAuth <token>` or the `access_token` parameter. */
export function accessToken(c: Context, params: Params): string | undefined {
  const header = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
  if (header) return header[1];
  return typeof params.access_token === 'string' && params.access_token ? params.access_token : undefined;
}

/** A string parameter, or undefined when absent or not a string. */
export function str(params: Params, key: string): string | undefined {
  const v = params[key];
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

/**
 * The top-level names of a `fields` parameter: "id,name,creative{id,name}" → ["id", "name", "creative"].
 * Undefined when the parameter is absent.
 */
export function fieldList(params: Params): string[] | undefined {
  const raw = str(params, 'fields');
  if (raw === undefined) return undefined;
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of raw) {
    if (ch === '{') depth += 1;
    else if (ch === '}') depth -= 1;
    else if (ch === ',' && depth === 0) {
      out.push(current);
      current = '';
    } else if (depth === 0) current += ch;
  }
  out.push(current);
  return out.map((f) => f.trim().replace(/\.[a-z_]+\(.*\)$/, '')).filter((f) => f.length > 0);
}

/** One `filtering` rule: `{field, operator, value}`. */
export interface FilterRule {
  field: string;
  operator: string;
  value: unknown;
}

/**
 * The `filtering` rules, validated for shape.
 * @throws GraphError 100 when `filtering` is not an array of {field, operator, value}
 */
export function filterRules(params: Params): FilterRule[] {
  const raw = params.filtering;
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw invalidParam('(#100) param filtering must be an array');
  return raw.map((r: unknown) => {
    if (!r || typeof r !== 'object') throw invalidParam('(#100) Filtering rule must be an object');
    const { field, operator, value } = r as Record<string, unknown>;
    if (typeof field !== 'string' || typeof operator !== 'string') throw invalidParam('(#100) Filtering rule needs field and operator');
    return { field, operator: operator.toUpperCase(), value };
  });
}

/**
 * Whether `actual` passes one rule: EQUAL / NOT_EQUAL / CONTAIN / NOT_CONTAIN (case-insensitive
 * substring) on strings, IN / NOT_IN on arrays.
 * @throws GraphError 100 for another operator or a value of the wrong shape
 */
export function passes(rule: FilterRule, actual: string): boolean {
  const { operator, value } = rule;
  if (operator === 'IN' || operator === 'NOT_IN') {
    if (!Array.isArray(value)) throw invalidParam(`(#100) Filtering operator ${operator} needs an array value`);
    const hit = value.map(String).includes(actual);
    return operator === 'IN' ? hit : !hit;
  }
  if (typeof value !== 'string' && typeof value !== 'number') throw invalidParam(`(#100) Filtering operator ${operator} needs a string value`);
  const wanted = String(value);
  switch (operator) {
    case 'EQUAL':
      return actual === wanted;
    case 'NOT_EQUAL':
      return actual !== wanted;
    case 'CONTAIN':
      return actual.toLowerCase().includes(wanted.toLowerCase());
    case 'NOT_CONTAIN':
      return !actual.toLowerCase().includes(wanted.toLowerCase());
    default:
      throw invalidParam(`(#100) Filtering operator ${operator} is not supported`);
  }
}

/** A list answer: `{data, paging?}` with Graph API cursors. */
export interface Page<T> {
  data: T[];
  paging?: { cursors: { before: string; after: string }; next?: string };
}

const encodeCursor = (index: number) => Buffer.from(`idx:${index}`).toString('base64url');

function decodeCursor(cursor: string): number {
  const m = /^idx:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw invalidParam('(#100) Invalid cursor');
  return Number(m[1]);
}

/** Default page size of an edge (Graph API default). */
const DEFAULT_LIMIT = 25;
/** Largest page size the facade serves. */
const MAX_LIMIT = 5000;

/**
 * One page of `items` after the `after` cursor, `limit` long (default 25), with `paging.cursors`
 * and `paging.next` (the request URL with the next cursor) when more items follow.
 * @throws GraphError 100 for a malformed limit or cursor
 */
export function paginate<T>(items: readonly T[], params: Params, requestUrl: string): Page<T> {
  const limitRaw = str(params, 'limit');
  const limit = limitRaw === undefined ? DEFAULT_LIMIT : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw invalidParam(`(#100) param limit must be an integer between 1 and ${MAX_LIMIT}`);
  const after = str(params, 'after');
  const start = after === undefined ? 0 : decodeCursor(after) + 1;
  const data = items.slice(start, start + limit);
  if (data.length === 0) return { data };
  const end = start + data.length;
  const page: Page<T> = { data, paging: { cursors: { before: encodeCursor(start), after: encodeCursor(end - 1) } } };
  if (end < items.length) {
    const next = new URL(requestUrl);
    next.searchParams.set('after', encodeCursor(end - 1));
    next.searchParams.set('limit', String(limit));
    page.paging!.next = next.toString();
  }
  return page;
}
