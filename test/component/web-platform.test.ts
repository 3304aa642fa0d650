/**
 * The Web Platform sandbox (in-memory PGlite, port 0) driven through the real WebPlatformClient over
 * both transports: credits, idempotency, conversations, uploads and creatives, and every error
 * mapping (seed 000 tasks 2.1-2.4; 需求 5.1, 11.2-11.4, 12.1).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebPlatformClient } from '../../src/integrations/mcp/web-platform-client.js';
import { appError } from '../support/errors.js';
import { startWebPlatformSandbox, type RunningWebPlatformSandbox } from '../../src/sandboxes/web-platform/server.js';

const TOKEN = 'component-test-token-0123456789';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5]);

let sandbox: RunningWebPlatformSandbox;

beforeAll(async () => {
  sandbox = await startWebPlatformSandbox({ serviceToken: TOKEN, port: 0, initialCredits: 1000 });
});

afterAll(async () => {
  await sandbox.close();
});

/** Calls a control endpoint of the sandbox. */
async function control(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<void> {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status).toBe(200);
}

/** The URL of a local port nothing listens on. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}


describe('Web Platform sandbox', () => {
  it('answers /health without auth and rejects tool calls without the token', async () => {
    expect(await (await fetch(`${sandbox.url}/health`)).json()).toEqual({ status: 'ok' });
    const response = await fetch(`${sandbox.url}/api/v1/mcp/execute`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(401);
  });

  it('answers 400 to a malformed execute body and 405 to GET /mcp', async () => {
    const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
    const bad = await fetch(`${sandbox.url}/api/v1/mcp/execute`, { method: 'POST', headers, body: 'not json' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ status: 'error', error: { code: '1001' } });
    expect((await fetch(`${sandbox.url}/mcp`, { headers })).status).toBe(405);
  });
});

describe.each(['mcp', 'execute'] as const)('WebPlatformClient over %s', (transport) => {
  let client: WebPlatformClient;
  let user: string;

  beforeEach(() => {
    client = new WebPlatformClient({ baseUrl: sandbox.url, token: TOKEN, transport, timeoutMs: 5_000 });
    user = `${transport}-${randomUUID()}`;
  });

  afterEach(async () => {
    await control('DELETE', '/_control/faults');
    await client.close();
  });

  describe('ad accounts and campaign changes', () => {
    it('hands out no ad account when the sandbox knows no ads sandbox', async () => {
      expect(await client.getAdAccounts({ user_id: user })).toEqual({ accounts: [] });
    });

    it('records a campaign change once per operation id, newest first, and refuses another user\'s operation id', async () => {
      const change = {
        user_id: user,
        platform: 'meta' as const,
        level: 'adset' as const,
        object_id: '2385000001',
        object_name: 'Cart 7d',
        change: { daily_budget: 60, previous_daily_budget: 50 },
        operation_id: `op-${randomUUID()}`,
      };
      const first = await client.updateCampaign(change);
      expect(first).toMatchObject({ duplicate: false, object_id: '2385000001', change: { daily_budget: 60, previous_daily_budget: 50 } });
      expect(await client.updateCampaign(change)).toMatchObject({ id: first.id, duplicate: true });
      await client.updateCampaign({ ...change, change: { status: 'paused' }, operation_id: `op-${randomUUID()}` });
      const { changes } = await client.listCampaignChanges({ user_id: user, limit: 10 });
      expect(changes.map((c) => c.change)).toEqual([{ status: 'paused' }, { daily_budget: 60, previous_daily_budget: 50 }]);
      expect((await appError(client.updateCampaign({ ...change, user_id: `${user}-other` }))).code).toBe('1009');
    });

    it('records a created campaign once per operation id, lists it newest first, and refuses another user\'s operation id', async () => {
      const campaign = {
        user_id: user,
        platform: 'meta' as const,
        campaign_id: '2385000100',
        name: 'Sales · US',
        daily_budget: 80.01,
        currency: 'USD',
        status: 'active' as const,
        objective: 'sales',
        account_id: 'act_100000000000001',
        adsets: [
          { adset_id: '2385000101', name: 'Sales · US · 18-35', daily_budget: 26.67, status: 'active' as const },
          { adset_id: '2385000102', name: 'Sales · US · 36-50', daily_budget: 26.67 },
        ],
        ads: [{ ad_id: '2385000201', adset_id: '2385000101', creative_id: 'cr_1', headline: '降噪耳机 限时优惠', copy: '限时优惠！立即购买', status: 'pending_review' as const }],
        operation_id: `create-campaign-${randomUUID()}`,
      };
      const first = await client.recordCampaign(campaign);
      expect(first).toMatchObject({ duplicate: false, campaign_id: '2385000100', daily_budget: 80.01, adsets: campaign.adsets, ads: campaign.ads });
      expect(first.id).toMatch(/^cmp_/);
      expect(await client.recordCampaign(campaign)).toMatchObject({ id: first.id, duplicate: true });
      await client.recordCampaign({ ...campaign, campaign_id: '2385000300', name: 'Google', platform: 'google', adsets: [{ adset_id: '1', name: 'g', daily_budget: null }], ads: [], operation_id: `op-${randomUUID()}` });
      const { campaigns } = await client.listCampaigns({ user_id: user, limit: 10 });
      expect(campaigns.map((c) => c.campaign_id)).toEqual(['2385000300', '2385000100']);
      expect(campaigns[0]!.adsets[0]!.daily_budget).toBeNull();
      expect((await appError(client.recordCampaign({ ...campaign, user_id: `${user}-other` }))).code).toBe('1009');
      expect((await appError(client.recordCampaign({ ...campaign, status: 'running' as never }))).code).toBe('3002');
    });
  });

  describe('notifications', () => {
    it('shows a notification once per dedupe key, newest first, and refuses another user\'s key', async () => {
      const n = { user_id: user, kind: 'rule_triggered', title: 'Rule fired', body: 'Paused 1 ad set', data: { rule_id: 'r1' }, dedupe_key: `rule-${randomUUID()}` };
      const first = await client.createNotification(n);
      expect(first).toMatchObject({ duplicate: false, kind: 'rule_triggered', data: { rule_id: 'r1' } });
      expect(await client.createNotification(n)).toMatchObject({ id: first.id, duplicate: true });
      await client.createNotification({ ...n, title: 'Second', dedupe_key: `rule-${randomUUID()}` });
      expect((await client.listNotifications({ user_id: user, limit: 10 })).notifications.map((x) => x.title)).toEqual(['Second', 'Rule fired']);
      expect((await appError(client.createNotification({ ...n, user_id: `${user}-other` }))).code).toBe('1009');
    });
  });

  describe('credits', () => {
    it('creates users with the initial balance and checks estimates against it', async () => {
      expect(await client.getCreditBalance({ user_id: user })).toEqual({ balance: 1000 });
      expect(await client.checkCredit({ user_id: user, estimated_credits: 1000, operation_type: 'image' })).toEqual({
        sufficient: true,
        balance: 1000,
        required: 1000,
      });
      expect(await client.checkCredit({ user_id: user, estimated_credits: 1001, operation_type: 'image' })).toMatchObject({
        sufficient: false,
      });
    });

    it('deducts once per operation id and reports repeats as duplicates', async () => {
      const op = { user_id: user, credits: 30, operation_type: 'image', operation_id: `op-${randomUUID()}` };
      expect(await client.deductCredit(op)).toEqual({
        operation_id: op.operation_id,
        user_id: user,
        credits: 30,
        balance: 970,
        duplicate: false,
      });
      expect(await client.deductCredit(op)).toMatchObject({ balance: 970, duplicate: true });
      expect(await client.getCreditBalance({ user_id: user })).toEqual({ balance: 970 });

      const conflict = await appError(client.deductCredit({ ...op, credits: 31 }));
      expect(conflict.code).toBe('1009');
      const otherUser = await appError(client.deductCredit({ ...op, user_id: `${user}-other` }));
      expect(otherUser.code).toBe('1009');
    });

    it('fails with 6011 and the balance when credits are short', async () => {
      await control('POST', `/_control/users/${user}/balance`, { balance: 10 });
      const err = await appError(
        client.deductCredit({ user_id: user, credits: 11, operation_type: 'image', operation_id: `op-${randomUUID()}` }),
      );
      expect(err.code).toBe('6011');
      expect(err.retryable).toBe(false);
      expect(err.details).toEqual({ balance: 10, required: 11 });
      expect(await client.getCreditBalance({ user_id: user })).toEqual({ balance: 10 });
    });

    it('refunds once, never more than deducted, and only known operations', async () => {
      const operationId = `op-${randomUUID()}`;
      await client.deductCredit({ user_id: user, credits: 50, operation_type: 'image', operation_id: operationId });

      const tooMuch = await appError(client.refundCredit({ user_id: user, credits: 51, operation_id: operationId }));
      expect(tooMuch.code).toBe('1001');
      expect(tooMuch.details).toMatchObject({ deducted: 50 });

      expect(await client.refundCredit({ user_id: user, credits: 20, operation_id: operationId })).toMatchObject({
        credits: 20,
        balance: 970,
        duplicate: false,
      });
      expect(await client.refundCredit({ user_id: user, credits: 20, operation_id: operationId })).toMatchObject({
        balance: 970,
        duplicate: true,
      });
      expect((await appError(client.refundCredit({ user_id: user, credits: 30, operation_id: operationId }))).code).toBe('1009');
      expect((await appError(client.refundCredit({ user_id: user, credits: 1, operation_id: 'op-unknown' }))).code).toBe('1004');
      expect(await client.getCreditBalance({ user_id: user })).toEqual({ balance: 970 });
    });
  });

  describe('conversations', () => {
    it('returns saved messages oldest first, with entities, limited to the last ones', async () => {
      const entity = { kind: 'creative' as const, id: 'cr_1', name: 'Shoe ad', url: 'https://cdn.example/1.png' };
      const messages = Array.from({ length: 6 }, (_, i) => ({
        role: i % 2 === 0 ? ('user' as const) : ('assistant' as const),
        content: `message ${i}`,
        ...(i === 3 ? { entities: [entity] } : {}),
      }));
      expect(await client.saveConversation({ user_id: user, session_id: 's1', messages: messages.slice(0, 4) })).toEqual({ saved: 4 });
      await client.saveConversation({ user_id: user, session_id: 's1', messages: messages.slice(4) });
      await client.saveConversation({ user_id: user, session_id: 's2', messages: [{ role: 'user', content: 'other session' }] });

      const all = await client.getConversationHistory({ user_id: user, session_id: 's1' });
      expect(all.messages.map((m) => m.content)).toEqual(messages.map((m) => m.content));
      expect(all.messages[3]!.entities).toEqual([entity]);
      expect(all.messages[0]!.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T/);

      const last = await client.getConversationHistory({ user_id: user, session_id: 's1', limit: 3 });
      expect(last.messages.map((m) => m.content)).toEqual(['message 3', 'message 4', 'message 5']);
    });

    it('keeps a given timestamp', async () => {
      const timestamp = '2026-01-02T03:04:05.000Z';
      await client.saveConversation({ user_id: user, session_id: 's', messages: [{ role: 'user', content: 'hi', timestamp }] });
      const { messages } = await client.getConversationHistory({ user_id: user, session_id: 's' });
      expect(messages[0]).toMatchObject({ content: 'hi', timestamp });
    });
  });

  describe('uploads and creatives', () => {
    it('uploads a file, records a creative once per request key, and serves the same bytes', async () => {
      const upload = await client.getUploadUrl({ user_id: user, filename: '鞋子 ad.png', content_type: 'image/png' });
      expect(upload.file_url.startsWith(`${sandbox.url}/files/`)).toBe(true);
      expect(upload.expires_in_seconds).toBeGreaterThan(0);
      await client.uploadFile(upload.upload_url, PNG, 'image/png');

      const input = {
        user_id: user,
        name: 'shoe-1',
        url: upload.file_url,
        content_type: 'image/png',
        width: 1024,
        height: 1024,
        prompt: 'running shoes',
        metadata: { model: 'offline-template' },
        request_key: `op-${randomUUID()}:image-0`,
      };
      const created = await client.createCreative(input);
      expect(created).toMatchObject({ ...input, duplicate: false });
      expect(created.id).toMatch(/^cr_[0-9a-f-]{36}$/);
      const again = await client.createCreative(input);
      expect(again).toMatchObject({ id: created.id, duplicate: true });

      const file = await fetch(created.url);
      expect(file.headers.get('content-type')).toBe('image/png');
      expect(new Uint8Array(await file.arrayBuffer())).toEqual(PNG);

      const { duplicate: _duplicate, ...record } = created;
      expect(await client.getCreative({ user_id: user, creative_id: created.id })).toEqual(record);
      expect((await client.listCreatives({ user_id: user })).creatives.map((c) => c.id)).toEqual([created.id]);
    });

    it('lists creatives newest first', async () => {
      const ids: string[] = [];
      for (const name of ['first', 'second', 'third']) {
        const c = await client.createCreative({ user_id: user, name, url: `https://cdn.example/${name}.png`, content_type: 'image/png' });
        ids.push(c.id);
      }
      const { creatives } = await client.listCreatives({ user_id: user, limit: 2 });
      expect(creatives.map((c) => c.id)).toEqual([ids[2], ids[1]]);
    });

    it('refuses a sandbox file URL that was never uploaded, and reports missing creatives with 5000', async () => {
      const upload = await client.getUploadUrl({ user_id: user, filename: 'a.png', content_type: 'image/png' });
      const notUploaded = await appError(
        client.createCreative({ user_id: user, name: 'x', url: upload.file_url, content_type: 'image/png' }),
      );
      expect(notUploaded.code).toBe('1001');
      expect((await appError(client.getCreative({ user_id: user, creative_id: 'cr_missing' }))).code).toBe('5000');
    });

    it('accepts each upload URL once and only with the declared content type', async () => {
      const upload = await client.getUploadUrl({ user_id: user, filename: 'a.png', content_type: 'image/png' });
      expect((await appError(client.uploadFile(upload.upload_url, PNG, 'image/jpeg'))).code).toBe('3003');
      await client.uploadFile(upload.upload_url, PNG, 'image/png');
      expect((await appError(client.uploadFile(upload.upload_url, PNG, 'image/png'))).code).toBe('3003');
      const forged = upload.upload_url.replace(/token=[^&]+/, 'token=forged');
      expect((await appError(client.uploadFile(forged, PNG, 'image/png'))).code).toBe('3003');
    });
  });

  describe('errors', () => {
    it('maps a wrong token to 1002', async () => {
      const intruder = new WebPlatformClient({ baseUrl: sandbox.url, token: 'wrong-token-0123456789', transport });
      try {
        const err = await appError(intruder.getCreditBalance({ user_id: user }));
        expect(err.code).toBe('1002');
        expect(err.retryable).toBe(false);
      } finally {
        await intruder.close();
      }
    });

    it('maps an unknown tool to 3001 and invalid parameters to 3002', async () => {
      expect((await appError(client.callTool('no_such_tool', {}))).code).toBe('3001');
      const invalid = await appError(client.callTool('deduct_credit', { user_id: user, credits: -1 }));
      expect(invalid.code).toBe('3002');
      if (transport === 'execute') expect(invalid.details).toHaveProperty('issues');
    });

    it('passes an injected tool error code through, and reports the platform internal error as 3003', async () => {
      await control('POST', '/_control/faults', { tool: 'get_credit_balance', mode: 'error', code: '1009' });
      expect((await appError(client.getCreditBalance({ user_id: user }))).code).toBe('1009');
      await control('POST', '/_control/faults', { mode: 'error', count: 2 });
      expect((await appError(client.getCreditBalance({ user_id: user }))).code).toBe('3003');
      expect((await appError(client.checkCredit({ user_id: user, estimated_credits: 1, operation_type: 'x' }))).code).toBe('3003');
      expect(await client.getCreditBalance({ user_id: user })).toEqual({ balance: 1000 });
    });

    it('maps a hanging call to 3004 (retryable) and recovers on the next call', async () => {
      const impatient = new WebPlatformClient({ baseUrl: sandbox.url, token: TOKEN, transport, timeoutMs: 300 });
      try {
        await impatient.getCreditBalance({ user_id: user });
        await control('POST', '/_control/faults', { tool: 'get_credit_balance', mode: 'timeout', delay_ms: 3_000 });
        const err = await appError(impatient.getCreditBalance({ user_id: user }));
        expect(err.code).toBe('3004');
        expect(err.retryable).toBe(true);
        expect(await impatient.getCreditBalance({ user_id: user })).toEqual({ balance: 1000 });
      } finally {
        await impatient.close();
      }
    });

    it('maps a dropped connection to 3000 (retryable) and reconnects', async () => {
      await client.getCreditBalance({ user_id: user });
      await control('POST', '/_control/faults', { tool: 'get_credit_balance', mode: 'drop' });
      const err = await appError(client.getCreditBalance({ user_id: user }));
      expect(err.code).toBe('3000');
      expect(err.retryable).toBe(true);
      expect(await client.getCreditBalance({ user_id: user })).toEqual({ balance: 1000 });
    });

    it('maps a platform that is down to 3000 (retryable)', async () => {
      const orphan = new WebPlatformClient({ baseUrl: await closedPortUrl(), token: TOKEN, transport, timeoutMs: 2_000 });
      try {
        const err = await appError(orphan.getCreditBalance({ user_id: user }));
        expect(err.code).toBe('3000');
        expect(err.retryable).toBe(true);
        expect((await appError(orphan.ping())).code).toBe('3000');
      } finally {
        await orphan.close();
      }
    });

    it('pings a running platform', async () => {
      await expect(client.ping()).resolves.toBeUndefined();
    });
  });
});
