/**
 * How Web Platform failures become AppErrors (seed 000 需求 12.1; seed 001 "错误处理"):
 * - connection refused, network failure, dropped connection, HTTP 5xx: 3000 (retryable)
 * - timeout: 3004 (retryable)
 * - unknown tool: 3001; invalid parameters: 3002
 * - HTTP 401/403 from the platform: 1002; HTTP 429: 1003 (retryable)
 * - a tool error carrying a code of our table (6011, 1009, 1004, 5000...): that code, with the
 *   platform's message and details
 * - anything else (including the platform's own internal error 1000): 3003
 * The client does not retry; Temporal activity retry policies retry the retryable codes.
 */
import { McpError, ErrorCode as JsonRpcCode } from '@modelcontextprotocol/sdk/types.js';
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { AppError, isErrorCode } from '../../domain/errors.js';

/** Codes of the platform's tool errors we do not pass through as they are. */
const OPAQUE_CODES = new Set(['1000']);

/**
 * Maps a tool error body `{code, message, details}` (the platform's error shape) to an AppError.
 * @param body the parsed error body; any other value becomes 3003
 * @param tool the tool name, added to the details of 3001/3002/3003
 */
export function fromToolErrorBody(body: unknown, tool: string): AppError {
  const { code, message, details } = (body ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
  const codeText = typeof code === 'number' ? String(code) : code;
  const text = typeof message === 'string' && message.length > 0 ? message : undefined;
  const detailObject = isRecord(details) ? details : {};
  if (isErrorCode(codeText) && !OPAQUE_CODES.has(codeText)) {
    return new AppError(codeText, text, ['3001', '3002', '3003'].includes(codeText) ? { tool, ...detailObject } : detailObject);
  }
  return new AppError('3003', text, { tool, platform_code: codeText ?? null, ...detailObject });
}

/**
 * Maps the text of an MCP tool result with `isError: true`. The text is either our error body as
 * JSON, or a message of the MCP SDK (unknown tool, input validation).
 */
export function fromToolErrorText(text: string, tool: string): AppError {
  const body = parseJson(text);
  if (isRecord(body) && 'code' in body) return fromToolErrorBody(body, tool);
  return fromMessage(text, tool);
}

/**
 * Maps a non-2xx HTTP status of the platform.
 * @param status the HTTP status
 * @param body the parsed body, when it had our error shape (`{status: 'error', error}`)
 */
export function fromHttpStatus(status: number, tool: string, body?: unknown): AppError {
  if (status === 401 || status === 403) return new AppError('1002', undefined, { tool, status });
  if (status === 429) return new AppError('1003', undefined, { tool, status });
  if (status >= 500) return new AppError('3000', undefined, { tool, status });
  const error = isRecord(body) ? body.error : undefined;
  if (status === 400) return new AppError('3002', messageOf(error), { tool, status });
  return new AppError('3003', messageOf(error), { tool, status });
}

/**
 * Maps anything thrown while calling the platform (fetch, the MCP SDK, a response that was not
 * JSON). An AppError passes through unchanged.
 */
export function fromThrown(err: unknown, tool: string): AppError {
  if (err instanceof AppError) return err;
  if (isTimeout(err)) return new AppError('3004', undefined, { tool });
  if (err instanceof McpError) return fromMcpError(err, tool);
  if (err instanceof StreamableHTTPError) {
    return err.code === undefined ? new AppError('3000', undefined, { tool }) : fromHttpStatus(err.code, tool);
  }
  if (err instanceof UnauthorizedError) return new AppError('1002', undefined, { tool });
  if (isNetworkError(err)) return new AppError('3000', undefined, { tool, cause: causeOf(err) });
  return new AppError('3003', undefined, { tool, cause: causeOf(err) });
}

function fromMcpError(err: McpError, tool: string): AppError {
  switch (err.code) {
    case JsonRpcCode.RequestTimeout:
      return new AppError('3004', undefined, { tool });
    case JsonRpcCode.ConnectionClosed:
      return new AppError('3000', undefined, { tool });
    case JsonRpcCode.MethodNotFound:
      return new AppError('3001', err.message, { tool });
    case JsonRpcCode.InvalidParams:
      return fromMessage(err.message, tool);
    default:
      return new AppError('3003', err.message, { tool, mcp_code: err.code });
  }
}

/** MCP SDK messages: "Tool x not found", "Input validation error: Invalid arguments for tool x: ...". */
function fromMessage(text: string, tool: string): AppError {
  if (/\btool\b.*\bnot found\b/i.test(text)) return new AppError('3001', text, { tool });
  if (/input validation error|invalid arguments|invalid params/i.test(text)) return new AppError('3002', text, { tool });
  return new AppError('3003', text || undefined, { tool });
}

function isTimeout(err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

/** fetch's TypeError ("fetch failed", "terminated") and socket errors (ECONNREFUSED, ECONNRESET...). */
function isNetworkError(err: unknown): boolean {
  if (err instanceof TypeError) return true;
  const code = (err as { code?: unknown; cause?: { code?: unknown } } | null)?.code ?? (err as { cause?: { code?: unknown } })?.cause?.code;
  return typeof code === 'string' && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code);
}

/** A short description of the underlying cause, without request data. */
function causeOf(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause as { code?: unknown; message?: unknown } | undefined;
  const inner = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : undefined;
  return inner ? `${err.message} (${inner})` : err.message;
}

function messageOf(error: unknown): string | undefined {
  return isRecord(error) && typeof error.message === 'string' ? error.message : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
