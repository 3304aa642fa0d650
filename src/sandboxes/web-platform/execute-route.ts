/**
 * The REST form of the seed: POST /api/v1/mcp/execute with `{tool, parameters}`, answering 200
 * `{status: "success", data}` or `{status: "error", error: {code, message, details}}`; a malformed
 * body is a 400 with the same error shape.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { callContext, type SandboxEnv } from './call-context.js';
import { errorBody, type Dispatch } from './dispatch.js';

const ExecuteBodySchema = z.object({
  tool: z.string().min(1),
  parameters: z.record(z.string(), z.unknown()).default({}),
});

/** The /api/v1/mcp/execute route. */
export function executeRoutes(dispatch: Dispatch, publicUrl: () => string | undefined): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  app.post('/api/v1/mcp/execute', async (c) => {
    const raw: unknown = await c.req.json().catch(() => undefined);
    const body = ExecuteBodySchema.safeParse(raw);
    if (!body.success) {
      const error = new AppError('1001', 'Body must be JSON {tool, parameters}', { issues: body.error.issues });
      return c.json({ status: 'error', error: errorBody(error) }, 400);
    }
    try {
      const data = await dispatch(body.data.tool, body.data.parameters, callContext(c, 'execute', publicUrl));
      return c.json({ status: 'success', data });
    } catch (err) {
      return c.json({ status: 'error', error: errorBody(err as AppError) });
    }
  });
  return app;
}
