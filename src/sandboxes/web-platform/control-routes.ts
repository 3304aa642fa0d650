/**
 * Control endpoints for tests and demos, apart from the emulated paths: set a balance, inject and
 * clear faults.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import type { SandboxEnv } from './call-context.js';
import { errorBody } from './dispatch.js';
import { FaultSpecSchema, type Faults } from './faults.js';
import type { WebPlatformStore } from './store.js';

const BalanceSchema = z.object({ balance: z.number().int().nonnegative() });

/** The /_control routes. */
export function controlRoutes(store: WebPlatformStore, faults: Faults): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();

  app.post('/_control/users/:id/balance', async (c) => {
    const body = BalanceSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!body.success) return c.json(errorBody(new AppError('1001', undefined, { issues: body.error.issues })), 400);
    await store.ledger.setBalance(c.req.param('id'), body.data.balance);
    return c.json({ user_id: c.req.param('id'), balance: body.data.balance });
  });

  app.post('/_control/faults', async (c) => {
    const body = FaultSpecSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!body.success) return c.json(errorBody(new AppError('1001', undefined, { issues: body.error.issues })), 400);
    faults.add(body.data);
    return c.json({ fault: body.data });
  });

  app.delete('/_control/faults', (c) => {
    faults.clear();
    return c.json({ cleared: true });
  });

  return app;
}
