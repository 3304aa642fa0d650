/**
 * The ads sandbox's control API, mounted at `/_control` apart from the emulated API paths: the
 * clock, fault injection and read-only views of a user's accounts, objects, stories and totals for
 * tests and demos. Bodies and queries are zod-validated; bad input answers 400 with
 * `{error: {code: '1001', message, details}}`. Documented in README.md.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { PLATFORMS } from '../../domain/chat/intent.js';
import { addDays } from './clock.js';
import { FaultRuleSchema } from './faults.js';
import type { AdsWorld } from './world-api.js';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const UserQuery = z.object({ user_id: z.string().min(1) });
const AdvanceBody = z.strictObject({ days: z.number().int().min(0).max(3660) });
const TotalsQuery = UserQuery.extend({ platform: z.enum(PLATFORMS).optional(), since: IsoDate.optional(), until: IsoDate.optional() });
const ObjectsQuery = UserQuery.extend({ platform: z.enum(PLATFORMS).optional(), level: z.enum(['campaign', 'adset', 'ad']).optional() });

/** The JSON error body of the control API. */
function errorJson(c: Context, err: AppError) {
  return c.json({ error: { code: err.code, message: err.message, details: err.details } }, err.httpStatus as 400);
}

function invalid(c: Context, issues: z.core.$ZodIssue[]) {
  return errorJson(c, new AppError('1001', 'invalid control request', { issues }));
}

/**
 * The control routes (paths relative to the mount point `/_control`):
 * GET /clock → {today}; POST /clock/advance {days} → {today}; POST /faults (FaultRule) → {ok};
 * DELETE /faults → {ok}; GET /accounts?user_id → {accounts}; GET /totals?user_id&platform&since&until
 * → WorldTotals (default span: the 30 days before today through today); GET /stories?user_id →
 * {stories}; GET /objects?user_id&platform&level → {objects}. World AppErrors answer with their status.
 */
export function adsControlRoutes(world: AdsWorld): Hono {
  const app = new Hono();

  app.onError((err, c) => {
    if (err instanceof AppError) return errorJson(c, err);
    throw err;
  });

  app.get('/clock', (c) => c.json({ today: world.today() }));

  app.post('/clock/advance', async (c) => {
    const body = AdvanceBody.safeParse(await c.req.json().catch(() => undefined));
    if (!body.success) return invalid(c, body.error.issues);
    world.advanceDays(body.data.days);
    return c.json({ today: world.today() });
  });

  app.post('/faults', async (c) => {
    const body = FaultRuleSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!body.success) return invalid(c, body.error.issues);
    world.addFault(body.data);
    return c.json({ ok: true, fault: body.data });
  });

  app.delete('/faults', (c) => {
    world.clearFaults();
    return c.json({ ok: true });
  });

  app.get('/accounts', (c) => {
    const q = UserQuery.safeParse(c.req.query());
    if (!q.success) return invalid(c, q.error.issues);
    const origin = new URL(c.req.url).origin;
    const accounts = world.ensureUser(q.data.user_id).map((a) => ({ ...a, base_url: `${origin}/${a.platform}` }));
    return c.json({ accounts });
  });

  app.get('/totals', (c) => {
    const q = TotalsQuery.safeParse(c.req.query());
    if (!q.success) return invalid(c, q.error.issues);
    const today = world.today();
    const { user_id, platform, since = addDays(today, -30), until = today } = q.data;
    return c.json(world.totals(user_id, { since, until, ...(platform ? { platform } : {}) }));
  });

  app.get('/stories', (c) => {
    const q = UserQuery.safeParse(c.req.query());
    if (!q.success) return invalid(c, q.error.issues);
    return c.json({ stories: world.stories(q.data.user_id) });
  });

  app.get('/objects', (c) => {
    const q = ObjectsQuery.safeParse(c.req.query());
    if (!q.success) return invalid(c, q.error.issues);
    const { user_id, ...filter } = q.data;
    return c.json({ objects: world.objects(user_id, filter) });
  });

  return app;
}
