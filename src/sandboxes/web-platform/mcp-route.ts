/**
 * The MCP form: stateless Streamable HTTP at POST /mcp (JSON responses), a new McpServer and
 * transport per request, every registry tool registered with its zod input schema. GET and DELETE
 * answer 405 so clients hold no idle streams.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { Hono } from 'hono';
import { AppError } from '../../domain/errors.js';
import { callContext, type SandboxEnv } from './call-context.js';
import { errorBody, type CallContext, type Dispatch } from './dispatch.js';
import { TOOLS } from './tools.js';

/** Server name and version announced to MCP clients. */
const SERVER_INFO = { name: 'web-platform-sandbox', version: '1.0.0' };

/** The /mcp routes. */
export function mcpRoutes(dispatch: Dispatch, publicUrl: () => string | undefined): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  app.post('/mcp', async (c) => {
    const server = buildServer(dispatch, callContext(c, 'mcp', publicUrl));
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    await server.connect(transport);
    try {
      return await transport.handleRequest(c.req.raw);
    } finally {
      await server.close();
    }
  });
  app.on(['GET', 'DELETE'], '/mcp', (c) =>
    c.json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null }, 405),
  );
  return app;
}

function buildServer(dispatch: Dispatch, call: CallContext): McpServer {
  const server = new McpServer(SERVER_INFO);
  for (const tool of TOOLS.values()) {
    server.registerTool(
      tool.name,
      { description: tool.description, inputSchema: tool.inputSchema },
      async (args): Promise<CallToolResult> => {
        try {
          const result = await dispatch(tool.name, args, call);
          return { content: [{ type: 'text', text: JSON.stringify(result) }], structuredContent: result };
        } catch (err) {
          const body = errorBody(err instanceof AppError ? err : new AppError('1000'));
          return { isError: true, content: [{ type: 'text', text: JSON.stringify(body) }] };
        }
      },
    );
  }
  return server;
}
