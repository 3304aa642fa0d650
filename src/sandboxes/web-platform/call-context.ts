/**
 * Builds the {@link CallContext} of an HTTP request: the public URL (configured, else the
 * request's origin) and a way to drop the connection.
 */
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import type { CallContext } from './dispatch.js';

/** Hono environment of the sandbox: node bindings when served by @hono/node-server. */
export type SandboxEnv = { Bindings: Partial<HttpBindings> | undefined };

/** The call context of a request; `publicUrl()` returns the configured public URL, if any. */
export function callContext(
  c: Context<SandboxEnv>,
  transport: CallContext['transport'],
  publicUrl: () => string | undefined,
): CallContext {
  return {
    transport,
    publicUrl: publicUrlOf(c, publicUrl),
    drop: () => {
      c.env?.incoming?.socket.destroy();
    },
  };
}

/** The configured public URL, else the origin the request came to. */
export function publicUrlOf(c: Context<SandboxEnv>, publicUrl: () => string | undefined): string {
  return (publicUrl() ?? new URL(c.req.url).origin).replace(/\/+$/, '');
}
