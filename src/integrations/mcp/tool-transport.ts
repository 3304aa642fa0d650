/**
 * How the client reaches the Web Platform's tools: MCP Streamable HTTP (`mcp`) or the seed's REST
 * form (`execute`). A transport returns a tool's raw result or throws an AppError.
 */

/** One way of calling tools. */
export interface ToolTransport {
  /**
   * Calls a tool.
   * @returns the tool's result object (not yet validated)
   * @throws AppError as mapped by ./errors.ts (3000/3004 retryable; 3001, 3002, 1002, 3003; the
   *   tool's own codes such as 6011, 1009, 1004, 5000)
   */
  call(tool: string, params: Record<string, unknown>, timeoutMs: number): Promise<unknown>;
  /** Releases connections. */
  close(): Promise<void>;
}
