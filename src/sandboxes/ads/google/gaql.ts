/**
 * A small Google Ads Query Language parser for the sandbox's `googleAds:search`, covering what
 * the Google adapter and ordinary reports send (grammar:
 * https://developers.google.com/google-ads/api/docs/query/grammar):
 *
 *   SELECT field (, field)* FROM resource
 *   [WHERE condition (AND condition)*] [ORDER BY field [ASC|DESC] (, ...)*] [LIMIT n] [PARAMETERS name = value (, ...)*]
 *
 * Conditions: `=`, `!=`, `>`, `>=`, `<`, `<=`, `IN (...)`, `NOT IN (...)`, `LIKE`, `NOT LIKE`,
 * `BETWEEN a AND b`, `DURING <preset>`, `IS NULL`, `IS NOT NULL`. Values: quoted strings (single or
 * double quotes, backslash escapes), numbers, bare literals (enum constants). Keywords are
 * case-insensitive. CONTAINS ANY/ALL/NONE and REGEXP_MATCH are not supported (BAD_OPERATOR).
 * Errors carry QueryError codes (https://developers.google.com/google-ads/api/reference/rpc/v26/QueryErrorEnum.QueryError).
 */

/** Comparison operators of a condition. */
export type GaqlOperator = '=' | '!=' | '>' | '>=' | '<' | '<=' | 'IN' | 'NOT IN' | 'LIKE' | 'NOT LIKE' | 'BETWEEN' | 'DURING' | 'IS NULL' | 'IS NOT NULL';

/** A value in a condition. */
export type GaqlValue = { kind: 'string'; value: string } | { kind: 'number'; value: number } | { kind: 'literal'; value: string };

/** `field operator values`: IN lists n values, BETWEEN 2, DURING one literal (the preset), IS NULL none. */
export interface GaqlCondition {
  field: string;
  operator: GaqlOperator;
  values: GaqlValue[];
}

/** A parsed query. */
export interface GaqlQuery {
  fields: string[];
  resource: string;
  where: GaqlCondition[];
  orderBy: { field: string; descending: boolean }[];
  limit?: number;
}

/** A query the parser rejects: `code` is the QueryError value. */
export class GaqlError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The DURING presets. */
export const DATE_PRESETS = [
  'TODAY',
  'YESTERDAY',
  'LAST_7_DAYS',
  'LAST_14_DAYS',
  'LAST_30_DAYS',
  'THIS_MONTH',
  'LAST_MONTH',
  'THIS_WEEK_MON_TODAY',
  'THIS_WEEK_SUN_TODAY',
  'LAST_WEEK_MON_SUN',
  'LAST_WEEK_SUN_SAT',
  'LAST_BUSINESS_WEEK',
] as const;

type Token = { type: 'word' | 'string' | 'number' | 'punct'; text: string; value: string; pos: number };

const FIELD_NAME = /^[a-z][a-zA-Z0-9._]*$/;
const RESOURCE_NAME = /^[a-z][a-zA-Z0-9_]*$/;
const ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t', r: '\r' };

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (ch === "'" || ch === '"') {
      let value = '';
      i++;
      while (i < query.length && query[i] !== ch) {
        if (query[i] === '\\') {
          const esc = ESCAPES[query[i + 1] ?? ''];
          if (esc === undefined) throw new GaqlError('BAD_ESCAPE_SEQUENCE', `invalid escape sequence at position ${i}`);
          value += esc;
          i += 2;
        } else {
          value += query[i];
          i++;
        }
      }
      if (i >= query.length) throw new GaqlError('QUERY_ERROR', `unterminated string starting at position ${start}`);
      i++;
      tokens.push({ type: 'string', text: query.slice(start, i), value, pos: start });
      continue;
    }
    const num = /^-?\d+(\.\d+)?/.exec(query.slice(i));
    if (num && (ch !== '-' || /\d/.test(query[i + 1] ?? ''))) {
      i += num[0].length;
      tokens.push({ type: 'number', text: num[0], value: num[0], pos: start });
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9._]*/.exec(query.slice(i));
    if (word) {
      i += word[0].length;
      tokens.push({ type: 'word', text: word[0], value: word[0], pos: start });
      continue;
    }
    const punct = /^(!=|>=|<=|[=<>,()])/.exec(query.slice(i));
    if (punct) {
      i += punct[0].length;
      tokens.push({ type: 'punct', text: punct[0], value: punct[0], pos: start });
      continue;
    }
    if (ch.charCodeAt(0) > 127) throw new GaqlError('BAD_SYMBOL', `non-ASCII symbol ${JSON.stringify(ch)} at position ${i}`);
    throw new GaqlError('QUERY_ERROR', `unexpected character ${JSON.stringify(ch)} at position ${i}`);
  }
  return tokens;
}

/** Parses one query. @throws GaqlError with a QueryError code for anything outside the grammar above */
export function parseGaql(query: string): GaqlQuery {
  const tokens = tokenize(query);
  let p = 0;
  const peek = () => tokens[p];
  const isKeyword = (kw: string, t = peek()) => t?.type === 'word' && t.text.toUpperCase() === kw;
  const takeKeyword = (kw: string) => (isKeyword(kw) ? (p++, true) : false);
  const takePunct = (text: string) => (peek()?.type === 'punct' && peek()?.text === text ? (p++, true) : false);
  const where = () => (peek() ? `at position ${peek()!.pos}` : 'at the end of the query');

  const field = (): string => {
    const t = peek();
    if (!t || t.type !== 'word' || !FIELD_NAME.test(t.text)) throw new GaqlError('BAD_FIELD_NAME', `expected a field name ${where()}`);
    p++;
    return t.text;
  };

  const value = (): GaqlValue => {
    const t = peek();
    if (!t) throw new GaqlError('BAD_VALUE', `expected a value ${where()}`);
    if (t.type === 'string') return p++, { kind: 'string', value: t.value };
    if (t.type === 'number') {
      const n = Number(t.value);
      if (!Number.isFinite(n)) throw new GaqlError('BAD_NUMBER', `bad number ${t.text}`);
      return p++, { kind: 'number', value: n };
    }
    if (t.type === 'word' && /^[A-Za-z0-9_]+$/.test(t.text)) return p++, { kind: 'literal', value: t.text };
    throw new GaqlError('BAD_VALUE', `expected a value ${where()}`);
  };

  const list = (): GaqlValue[] => {
    if (!takePunct('(')) throw new GaqlError('EXPECTED_LIST', `expected a parenthesised list ${where()}`);
    const values = [value()];
    while (takePunct(',')) values.push(value());
    if (!takePunct(')')) throw new GaqlError('EXPECTED_LIST', `expected ")" ${where()}`);
    return values;
  };

  const condition = (): GaqlCondition => {
    const name = field();
    const t = peek();
    if (t?.type === 'punct' && ['=', '!=', '>', '>=', '<', '<='].includes(t.text)) {
      p++;
      const v = value();
      return { field: name, operator: t.text as GaqlOperator, values: [v] };
    }
    if (takeKeyword('IN')) return { field: name, operator: 'IN', values: list() };
    if (takeKeyword('LIKE')) return { field: name, operator: 'LIKE', values: [value()] };
    if (takeKeyword('NOT')) {
      if (takeKeyword('IN')) return { field: name, operator: 'NOT IN', values: list() };
      if (takeKeyword('LIKE')) return { field: name, operator: 'NOT LIKE', values: [value()] };
      throw new GaqlError('BAD_OPERATOR', `unsupported operator NOT ${peek()?.text ?? ''}`.trim());
    }
    if (takeKeyword('BETWEEN')) {
      const from = value();
      if (!takeKeyword('AND')) throw new GaqlError('EXPECTED_AND', `expected AND in BETWEEN ${where()}`);
      return { field: name, operator: 'BETWEEN', values: [from, value()] };
    }
    if (takeKeyword('DURING')) {
      const preset = peek();
      if (!preset || preset.type !== 'word' || !(DATE_PRESETS as readonly string[]).includes(preset.text.toUpperCase())) {
        throw new GaqlError('BAD_VALUE', `DURING takes one of ${DATE_PRESETS.join(', ')} ${where()}`);
      }
      p++;
      return { field: name, operator: 'DURING', values: [{ kind: 'literal', value: preset.text.toUpperCase() }] };
    }
    if (takeKeyword('IS')) {
      const not = takeKeyword('NOT');
      if (!takeKeyword('NULL')) throw new GaqlError('BAD_OPERATOR', `expected NULL ${where()}`);
      return { field: name, operator: not ? 'IS NOT NULL' : 'IS NULL', values: [] };
    }
    throw new GaqlError('BAD_OPERATOR', `unsupported or missing operator ${where()}`);
  };

  if (!takeKeyword('SELECT')) throw new GaqlError('EXPECTED_SELECT', 'the query must start with SELECT');
  const fields = [field()];
  while (takePunct(',')) fields.push(field());
  if (!takeKeyword('FROM')) throw new GaqlError('EXPECTED_FROM', `expected FROM ${where()}`);
  const resourceToken = peek();
  if (!resourceToken || resourceToken.type !== 'word' || !RESOURCE_NAME.test(resourceToken.text)) {
    throw new GaqlError('BAD_RESOURCE_TYPE_IN_FROM_CLAUSE', `expected a resource name ${where()}`);
  }
  p++;
  const parsed: GaqlQuery = { fields, resource: resourceToken.text, where: [], orderBy: [] };
  if (takeKeyword('WHERE')) {
    parsed.where.push(condition());
    while (takeKeyword('AND')) parsed.where.push(condition());
  }
  if (takeKeyword('ORDER')) {
    if (!takeKeyword('BY')) throw new GaqlError('EXPECTED_BY', `expected BY after ORDER ${where()}`);
    do {
      const name = field();
      const descending = takeKeyword('DESC');
      if (!descending) takeKeyword('ASC');
      parsed.orderBy.push({ field: name, descending });
    } while (takePunct(','));
  }
  if (takeKeyword('LIMIT')) {
    const t = peek();
    if (!t || t.type !== 'number' || !/^[1-9]\d*$/.test(t.text)) throw new GaqlError('BAD_LIMIT_VALUE', `LIMIT takes a positive integer ${where()}`);
    p++;
    parsed.limit = Number(t.text);
  }
  if (takeKeyword('PARAMETERS')) {
    do {
      const t = peek();
      if (!t || t.type !== 'word') throw new GaqlError('BAD_PARAMETER_NAME', `expected a parameter name ${where()}`);
      p++;
      if (!takePunct('=')) throw new GaqlError('BAD_PARAMETER_VALUE', `expected = ${where()}`);
      value();
    } while (takePunct(','));
  }
  if (peek()) throw new GaqlError('QUERY_ERROR', `unexpected input ${JSON.stringify(peek()!.text)} at position ${peek()!.pos}`);
  return parsed;
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);
const plus = (date: string, days: number) => iso(new Date(day(date).getTime() + days * 86_400_000));

/**
 * The inclusive ISO date range of a DURING preset relative to `today` (LAST_N_DAYS end yesterday;
 * weeks start Monday or Sunday as named; LAST_BUSINESS_WEEK is last week's Monday to Friday).
 */
export function presetRange(preset: (typeof DATE_PRESETS)[number], today: string): { since: string; until: string } {
  const weekday = day(today).getUTCDay();
  const sinceMonday = (weekday + 6) % 7;
  switch (preset) {
    case 'TODAY':
      return { since: today, until: today };
    case 'YESTERDAY':
      return { since: plus(today, -1), until: plus(today, -1) };
    case 'LAST_7_DAYS':
      return { since: plus(today, -7), until: plus(today, -1) };
    case 'LAST_14_DAYS':
      return { since: plus(today, -14), until: plus(today, -1) };
    case 'LAST_30_DAYS':
      return { since: plus(today, -30), until: plus(today, -1) };
    case 'THIS_MONTH':
      return { since: `${today.slice(0, 8)}01`, until: today };
    case 'LAST_MONTH': {
      const lastOfPrevious = plus(`${today.slice(0, 8)}01`, -1);
      return { since: `${lastOfPrevious.slice(0, 8)}01`, until: lastOfPrevious };
    }
    case 'THIS_WEEK_MON_TODAY':
      return { since: plus(today, -sinceMonday), until: today };
    case 'THIS_WEEK_SUN_TODAY':
      return { since: plus(today, -weekday), until: today };
    case 'LAST_WEEK_MON_SUN':
      return { since: plus(today, -sinceMonday - 7), until: plus(today, -sinceMonday - 1) };
    case 'LAST_WEEK_SUN_SAT':
      return { since: plus(today, -weekday - 7), until: plus(today, -weekday - 1) };
    case 'LAST_BUSINESS_WEEK':
      return { since: plus(today, -sinceMonday - 7), until: plus(today, -sinceMonday - 3) };
  }
}

/**
 * A LIKE pattern as an anchored RegExp: `%` any run, `_` one character, `[c]` the literal c
 * (how `[`, `]`, `%` and `_` are matched literally, e.g. `[[]rk:a[_]b[]]`).
 * @throws GaqlError BAD_VALUE for a `[` that does not enclose exactly one character
 */
export function likePattern(pattern: string): RegExp {
  let source = '';
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '%') source += '.*';
    else if (ch === '_') source += '.';
    else if (ch === '[') {
      if (chars[i + 1] === undefined || chars[i + 2] !== ']') throw new GaqlError('BAD_VALUE', `bad bracket in LIKE pattern ${JSON.stringify(pattern)}`);
      source += chars[i + 1]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      i += 2;
    } else source += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'su');
}
