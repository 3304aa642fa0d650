/**
 * The REST form: POST {baseUrl}/api/v1/mcp/execute with `{tool, parameters}`, answered by
 * `{status: "success", data}` or `{status: "error", error: {code, message, details}}`.
 */
import { fromHttpStatus, fromThrown, fromToolErrorBody } from './errors.js';
import type { ToolTransport } from './tool-transport.js';

/** Creates the REST transport. */
export function createExecuteTransport(baseUrl: string, token: string): ToolTransport {
  const url = `${baseUrl}/api/v1/mcp/execute`;
  return {
    async call(tool, params, timeoutMs) {
      let status: number;
      let body: unknown;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ tool, parameters: params }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        status = response.status;
        const text = await response.text();
        body = text.length > 0 ? parseJson(text) : undefined;
      } catch (err) {
        throw fromThrown(err, tool);
      }
      if (status < 200 || status >= 300) throw fromHttpStatus(status, tool, body);
      const envelope = (body ?? {}) as { status?: unknown; data?: unknown; error?: unknown };
      if (envelope.status === 'success') return envelope.data;
      if (envelope.status === 'error') throw fromToolErrorBody(envelope.error, tool);
      throw fromToolErrorBody({ message: 'The platform answered without a status' }, tool);
    },
    close: async () => undefined,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
