/**
 * Turns a zod schema into the JSON Schema Gemini's `responseJsonSchema` accepts (seed 000 task 3.3:
 * structured intent output).
 *
 * zod 4's `z.toJSONSchema` emits draft 2020-12 with keywords Gemini does not document for
 * structured output (`$schema`, `default`, `exclusiveMinimum`, `minLength`/`maxLength`,
 * `additionalProperties: {}` for passthrough objects, `maximum: 2^53-1` for int()). This keeps only
 * the documented subset. The schema only guides decoding: every reply is re-validated with the zod
 * schema itself, so dropping a constraint here never lets invalid data through.
 */
import { z } from 'zod';

/** Keywords Gemini documents for responseJsonSchema whose values are plain data. */
const PLAIN = new Set(['type', 'format', 'title', 'description', 'enum', 'minItems', 'maxItems', 'minimum', 'maximum', 'required', '$ref', '$id', '$anchor', 'propertyOrdering']);

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function sanitize(node: unknown): unknown {
  if (!isObject(node)) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (PLAIN.has(key)) out[key] = value;
    else if (key === 'items') out[key] = sanitize(value);
    else if (key === 'const') out.enum = [value];
    else if ((key === 'anyOf' || key === 'oneOf' || key === 'prefixItems') && Array.isArray(value)) out[key] = value.map(sanitize);
    else if ((key === 'properties' || key === '$defs') && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sanitize(v)]));
    } else if (key === 'additionalProperties' && typeof value === 'boolean') out[key] = value;
    // everything else ($schema, default, exclusiveMinimum, minLength, not...) is dropped
  }
  if (typeof out.maximum === 'number' && out.maximum >= Number.MAX_SAFE_INTEGER) delete out.maximum;
  if (typeof node.exclusiveMinimum === 'number' && out.minimum === undefined && out.type === 'integer') {
    out.minimum = node.exclusiveMinimum + 1;
  }
  return out;
}

/**
 * The Gemini-compatible JSON Schema of a zod schema, in its input form (fields with defaults are
 * optional, as the model may omit them).
 * @param schema any zod schema representable in JSON Schema
 * @returns a JSON Schema object for `config.responseJsonSchema`
 */
export function toGeminiJsonSchema(schema: z.ZodType): Record<string, unknown> {
  return sanitize(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })) as Record<string, unknown>;
}
