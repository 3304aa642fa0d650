/**
 * Registers the project's custom search attributes on the namespace if they are missing, so turns
 * and campaign operations are searchable in the Web UI by UserId, SessionId, Intent, Module,
 * TurnStatus, Platform, CampaignId and Operation. Idempotent.
 */
import type { Connection } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import proto from '@temporalio/proto';
import { ALL_SEARCH_ATTRIBUTES } from '../../domain/search-attributes.js';

// @temporalio/proto is CommonJS without static named exports: read it through the default export.
const IndexedValueType = proto.temporal.api.enums.v1.IndexedValueType;

const TYPE_OF: Record<string, number> = {
  KEYWORD: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  KEYWORD_LIST: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
  TEXT: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  INT: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  DOUBLE: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  BOOL: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  DATETIME: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
};

/**
 * @returns the names it added (empty when all existed)
 */
export async function ensureSearchAttributes(connection: Connection | NativeConnection, namespace: string): Promise<string[]> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const known = new Set([...Object.keys(existing.customAttributes ?? {}), ...Object.keys(existing.systemAttributes ?? {})]);
  const missing = ALL_SEARCH_ATTRIBUTES.filter((k) => !known.has(k.name));
  if (missing.length === 0) return [];
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map((k) => [k.name, TYPE_OF[k.type]!])),
  });
  return missing.map((k) => k.name);
}
