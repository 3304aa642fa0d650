/**
 * The MCP form: the SDK's Client over Streamable HTTP at {baseUrl}/mcp with the service token in
 * the Authorization header. One client, connected on first use and dropped after a transport
 * failure so the next call reconnects.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { fromThrown, fromToolErrorText } from './errors.js';
import type { ToolTransport } from './tool-transport.js';

/** How we introduce ourselves to the platform's MCP server. */
const CLIENT_INFO = { name: 'ad-orchestrator', version: '0.1.0' };

/** Creates the MCP transport. */
export function createMcpTransport(baseUrl: string, token: string): ToolTransport {
  let connecting: Promise<Client> | undefined;

  function connect(timeoutMs: number): Promise<Client> {
    connecting ??= (async () => {
      const client = new Client(CLIENT_INFO);
      const transport = new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`), {
        requestInit: { headers: { Authorization: `Bearer ${token}` } },
      });
      await client.connect(transport, { timeout: timeoutMs });
      return client;
    })();
    return connecting;
  }

  async function reset(): Promise<void> {
    const current = connecting;
    connecting = undefined;
    await current?.then((c) => c.close()).catch(() => undefined);
  }

  return {
    async call(tool, params, timeoutMs) {
      let result: Awaited<ReturnType<Client['callTool']>>;
      try {
        const client = await connect(timeoutMs);
        result = await client.callTool({ name: tool, arguments: params }, undefined, { timeout: timeoutMs });
      } catch (err) {
        await reset();
        throw fromThrown(err, tool);
      }
      const text = Array.isArray(result.content)
        ? result.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('')
        : '';
      if (result.isError) throw fromToolErrorText(text, tool);
      if (result.structuredContent !== undefined) return result.structuredContent;
      try {
        return JSON.parse(text) as unknown;
      } catch (err) {
        throw fromThrown(err, tool);
      }
    },
    close: reset,
  };
}
