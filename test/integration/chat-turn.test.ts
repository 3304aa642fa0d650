/**
 * Full chat turns over HTTP + SSE against a real Temporal dev server, real Redis and the Web
 * Platform sandbox (offline model): issue "Foundation", acceptance 3, 4, 6; seed 000 需求 13.1,
 * 14.5, task 9.4.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, balance, chat, newUser, startSystem, TOKEN, type System } from './harness.js';
import { services } from './services.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let system: System;
beforeAll(async () => {
  system = await startSystem(services());
});
afterAll(async () => {
  await system?.stop();
});

describe('a creative turn', () => {
  it('streams intent, tool events, tokens and done; creates 3 servable PNGs; charges exactly the estimate', async () => {
    const user = newUser();
    const started = performance.now();
    const stream = await chat(system, { user_id: user, session_id: 's1', message: '帮我生成 3 张广告图片，产品是无线降噪耳机' });
    const first = await stream.until('turn_started');
    expect(performance.now() - started).toBeLessThan(2000); // 需求 13.1: first event within 2 s
    expect(first?.workflow_id).toMatch(/^chat-turn-/);
    await stream.until('done');

    expect(stream.types()[0]).toBe('turn_started');
    const types = stream.types();
    expect(types.indexOf('intent')).toBeLessThan(types.indexOf('tool_start'));
    expect(types.indexOf('tool_start')).toBeLessThan(types.indexOf('tool_complete'));
    expect(types.indexOf('tool_complete')).toBeLessThan(types.indexOf('token'));
    expect(types.at(-1)).toBe('done');
    expect(stream.events.every((e) => typeof e.id === 'string')).toBe(true);

    const plan = stream.of('intent')[0]!.plan as { steps: Array<{ module: string; action: string; estimated_credits: number }> };
    expect(plan.steps.map((s) => `${s.module}.${s.action}`)).toEqual(['creative.generate_creative']);
    const estimate = plan.steps[0]!.estimated_credits;
    expect(estimate).toBe(15);

    const complete = stream.of('tool_complete')[0]!;
    expect(complete.status).toBe('succeeded');
    const creatives = (complete.result as { creatives: Array<{ creative_id: string; url: string }> }).creatives;
    expect(creatives).toHaveLength(3);
    for (const c of creatives) {
      const file = await fetch(c.url);
      expect(file.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await file.arrayBuffer()).subarray(0, 8)).toEqual(PNG_SIGNATURE);
    }
    const stored = await system.webPlatform.listCreatives({ user_id: user });
    expect(stored.creatives).toHaveLength(3);
    expect(await balance(system, user)).toBe(1000 - estimate);
    expect(stream.text()).toContain('3');

    const history = await system.webPlatform.getConversationHistory({ user_id: user, session_id: 's1' });
    expect(history.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(history.messages[1]!.entities?.map((e) => e.id).sort()).toEqual(creatives.map((c) => c.creative_id).sort());
  });

  it('resumes the event stream from Last-Event-ID', async () => {
    const user = newUser();
    const turnId = randomUUID();
    const stream = await chat(system, { user_id: user, session_id: 's1', message: 'Generate 1 ad image for a coffee mug', turn_id: turnId });
    await stream.until('done');
    const intentEvent = stream.events.find((e) => e.data.type === 'intent')!;
    const resumed = await api(system, `/api/v1/chat/turns/${turnId}/events?user_id=${user}`, { headers: { 'last-event-id': intentEvent.id! } });
    const text = await resumed.text();
    const ids = [...text.matchAll(/^id: ?(.+)$/gm)].map((m) => m[1]);
    const expected = stream.events.slice(stream.events.indexOf(intentEvent) + 1).map((e) => e.id);
    expect(ids).toEqual(expected);
  });

  it('answers a second request with the same turn_id from the same turn, charging once', async () => {
    const user = newUser();
    const turnId = randomUUID();
    const body = { user_id: user, session_id: 's1', message: 'Generate 2 ad images for running shoes', turn_id: turnId };
    const one = await chat(system, body);
    const two = await chat(system, body);
    await one.until('done');
    await two.until('done');
    expect(two.of('tool_complete')).toEqual(one.of('tool_complete'));
    expect(await balance(system, user)).toBe(1000 - 10);
    expect((await system.webPlatform.listCreatives({ user_id: user })).creatives).toHaveLength(2);
    const other = await api(system, '/api/v1/chat', { json: { ...body, user_id: newUser() } });
    expect(other.status).toBe(409);
  });

  it('refuses a turn the user cannot afford with 6011 and runs nothing', async () => {
    const user = newUser();
    await fetch(`${system.sandbox.url}/_control/users/${user}/balance`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ balance: 5 }),
    });
    const stream = await chat(system, { user_id: user, session_id: 's1', message: '帮我生成 3 张广告图片，产品是保温杯' });
    await stream.until('done');
    const error = stream.of('error')[0]!.error as { code: string; details: { recharge_url: string } };
    expect(error.code).toBe('6011');
    expect(error.details.recharge_url).toBeTruthy();
    expect(stream.of('tool_start')).toHaveLength(0);
    expect(await balance(system, user)).toBe(5);
    expect((await system.webPlatform.listCreatives({ user_id: user })).creatives).toHaveLength(0);
  });
});

describe('conversation context', () => {
  it('resolves "刚才的素材" to the creatives of the previous turn and scores them', async () => {
    const user = newUser();
    const first = await chat(system, { user_id: user, session_id: 'ctx', message: '帮我生成 2 张广告图片，产品是蓝牙音箱' });
    await first.until('done');
    const made = (first.of('tool_complete')[0]!.result as { creatives: Array<{ creative_id: string }> }).creatives.map((c) => c.creative_id);
    const second = await chat(system, { user_id: user, session_id: 'ctx', message: '分析一下刚才的素材' });
    await second.until('done');
    const plan = second.of('intent')[0]!.plan as { steps: Array<{ action: string; parameters: { creative_ids?: string[] } }> };
    expect(plan.steps[0]!.action).toBe('analyze_creative');
    expect(plan.steps[0]!.parameters.creative_ids?.sort()).toEqual([...made].sort());
    const analyses = (second.of('tool_complete')[0]!.result as { analyses: Array<{ creative_id: string; score: number; reasons: string[] }> }).analyses;
    expect(analyses.map((a) => a.creative_id).sort()).toEqual([...made].sort());
    for (const a of analyses) {
      expect(a.score).toBeGreaterThanOrEqual(0);
      expect(a.score).toBeLessThanOrEqual(100);
      expect(a.reasons.length).toBeGreaterThan(0);
    }
    expect(await balance(system, user)).toBe(1000 - 10 - 2);
  });

  it('asks a clarifying question for a vague message and charges nothing', async () => {
    const user = newUser();
    const stream = await chat(system, { user_id: user, session_id: 's1', message: '帮我弄一下' });
    await stream.until('done');
    expect(stream.of('tool_start')).toHaveLength(0);
    expect(stream.text()).toMatch(/[？?]/);
    expect(stream.of('done')[0]!.status).toBe('clarifying');
    expect(await balance(system, user)).toBe(1000);
  });

  it('says clearly that a module is not available yet and charges nothing', async () => {
    const user = newUser();
    const stream = await chat(system, { user_id: user, session_id: 's1', message: '帮我做一个落地页' });
    await stream.until('done');
    expect(stream.of('tool_complete')[0]).toMatchObject({ tool: 'landing_page.create_landing_page', status: 'unavailable' });
    expect(stream.text()).toContain('暂未开放');
    expect(await balance(system, user)).toBe(1000);
  });
});

describe('confirmation of a high-risk turn', () => {
  const message = 'Generate 40 ad images for the new sneakers';

  it('stops at confirmation_required; approving runs it and charges once', async () => {
    const user = newUser();
    const stream = await chat(system, { user_id: user, session_id: 's1', message });
    const request = await stream.until('confirmation_required');
    expect(request?.impact).toMatchObject({ estimated_credits: 200 });
    const turnId = (stream.of('turn_started')[0]!.turn_id as string);
    expect(await balance(system, user)).toBe(1000);

    const state = await (await api(system, `/api/v1/chat/turns/${turnId}?user_id=${user}`)).json();
    expect(state.status).toBe('awaiting_confirmation');
    expect(state.pending_confirmation.turn_id).toBe(turnId);

    const stranger = await api(system, `/api/v1/chat/turns/${turnId}/confirmation`, { json: { user_id: newUser(), approved: true } });
    expect(stranger.status).toBe(403);
    const ok = await api(system, `/api/v1/chat/turns/${turnId}/confirmation`, { json: { user_id: user, approved: true } });
    expect(ok.status).toBe(200);
    const again = await api(system, `/api/v1/chat/turns/${turnId}/confirmation`, { json: { user_id: user, approved: true } });
    expect(again.status).toBe(409);

    await stream.until('done');
    expect(stream.of('tool_complete')[0]!.status).toBe('succeeded');
    expect(await balance(system, user)).toBe(800);
    expect((await system.webPlatform.listCreatives({ user_id: user, limit: 100 })).creatives).toHaveLength(40);
    const final = await (await api(system, `/api/v1/chat/turns/${turnId}?user_id=${user}`)).json();
    expect(final).toMatchObject({ status: 'completed', credits: { charged: 200, refunded: 0 } });
  });

  it('rejecting runs and charges nothing', async () => {
    const user = newUser();
    const stream = await chat(system, { user_id: user, session_id: 's1', message });
    await stream.until('confirmation_required');
    const turnId = stream.of('turn_started')[0]!.turn_id as string;
    await api(system, `/api/v1/chat/turns/${turnId}/confirmation`, { json: { user_id: user, approved: false } });
    await stream.until('done');
    expect(stream.of('tool_start')).toHaveLength(0);
    expect(stream.text()).toMatch(/nothing was changed/i);
    expect(await balance(system, user)).toBe(1000);
    expect((await system.webPlatform.listCreatives({ user_id: user })).creatives).toHaveLength(0);
  });
});

describe('operators', () => {
  it('find turns in Temporal by user, session and intent', async () => {
    const user = newUser();
    const stream = await chat(system, { user_id: user, session_id: 'sess-find', message: 'Generate 1 ad image for a desk lamp' });
    await stream.until('done');
    const client = system.temporal;
    const query = `UserId = '${user}' AND SessionId = 'sess-find' AND Intent = 'generate_creative' AND TurnStatus = 'completed'`;
    let found: string[] = [];
    for (let i = 0; i < 50 && found.length === 0; i++) {
      found = [];
      for await (const wf of client.workflow.list({ query })) found.push(wf.workflowId);
      if (found.length === 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(found).toEqual([stream.of('turn_started')[0]!.workflow_id]);
  });
});

describe('HTTP contract', () => {
  it('needs the service token on /api routes, not on /health and /ready', async () => {
    const none = await fetch(`${system.api.url}/api/v1/intent`, { method: 'POST', body: '{}' });
    expect(none.status).toBe(401);
    expect((await none.json()).error.code).toBe('1002');
    const wrong = await fetch(`${system.api.url}/api/v1/intent`, { method: 'POST', headers: { authorization: 'Bearer nope-nope-nope-nope' } });
    expect(wrong.status).toBe(401);
    const health = await fetch(`${system.api.url}/health`);
    expect(health.status).toBe(200);
    const body = await health.json();
    expect(body.status).toBe('healthy');
    expect(Object.keys(body.checks).sort()).toEqual(['model', 'redis', 'temporal', 'web_platform']);
    expect((await fetch(`${system.api.url}/ready`)).status).toBe(200);
  });

  it('answers bad input with a clear 400 and loses nothing', async () => {
    const malformed = await api(system, '/api/v1/chat', { method: 'POST', body: '{not json', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error).toMatchObject({ code: '1001', details: { reason: 'malformed_json' } });
    const missing = await api(system, '/api/v1/chat', { json: { user_id: 'u', session_id: 's' } });
    expect(missing.status).toBe(400);
    const body = await missing.json();
    expect(body.error.code).toBe('1001');
    expect(body.error.details.issues[0].path).toBe('message');
    const zh = await api(system, '/api/v1/chat', { json: { session_id: 's', message: 'hi' }, headers: { 'accept-language': 'zh-CN' } });
    expect((await zh.json()).error.message).toBe('请求参数无效');
  });

  it('answers unknown turns with 404 (5001)', async () => {
    const r = await api(system, `/api/v1/chat/turns/${randomUUID()}?user_id=u`);
    expect(r.status).toBe(404);
    expect((await r.json()).error.code).toBe('5001');
    const c = await api(system, `/api/v1/chat/turns/${randomUUID()}/confirmation`, { json: { user_id: 'u', approved: true } });
    expect(c.status).toBe(404);
  });

  it('plans without side effects on /api/v1/intent', async () => {
    const r = await api(system, '/api/v1/intent', { json: { message: '先做 3 张图，然后用它们在 Meta 上开一个日预算 80 的广告' } });
    expect(r.status).toBe(200);
    const plan = await r.json();
    expect(plan.steps.map((s: { action: string }) => s.action)).toEqual(['generate_creative', 'create_campaign']);
    expect(plan.steps[1].depends_on).toEqual([0]);
    expect(plan.language).toBe('zh');
  });
});

describe('POST /api/v1/intent answers the seeds\' example phrasings', () => {
  // seed 000 tasks 8.1, 11.7, 12.8, 13.8, 14.9, 15.1, 15.2 and the issue's examples
  const cases: Array<[string, string[]]> = [
    ['帮我生成 10 张广告图片', ['creative.generate_creative']],
    ['查看报表', ['reporting.get_reports']],
    ['分析竞品', ['market_intel.analyze_competitor']],
    ['创建落地页', ['landing_page.create_landing_page']],
    ['创建广告', ['campaign.create_campaign']],
    ['生成素材并创建广告', ['creative.generate_creative', 'campaign.create_campaign']],
    ['分析表现并优化预算', ['reporting.analyze_performance', 'campaign.optimize_budget']],
    ['用刚才的素材创建广告', ['campaign.create_campaign']],
    ['给表现最好的广告加 20% 预算', ['campaign.update_budget']],
    ['帮我生成 3 张广告图片，产品是无线降噪耳机', ['creative.generate_creative']],
    ['Generate 40 ad images for the new sneakers', ['creative.generate_creative']],
    ['看看最近7天的广告表现', ['reporting.get_reports']],
    ["Show me yesterday's spend and ROAS on Meta", ['reporting.get_reports']],
    ['分析一下广告表现', ['reporting.analyze_performance']],
    ['CTR 突然掉了好多，帮我查查', ['reporting.detect_anomaly']],
    ['暂停所有广告', ['campaign.manage_campaign']],
    ['给表现最好的广告组加 20% 预算', ['campaign.update_budget']],
    ['先做 3 张图，然后用它们在 Meta 上开一个日预算 80 的广告', ['creative.generate_creative', 'campaign.create_campaign']],
  ];
  it.each(cases)('%s', async (message, expected) => {
    const r = await api(system, '/api/v1/intent', { json: { message } });
    expect(r.status).toBe(200);
    const plan = await r.json();
    expect(plan.steps.map((s: { module: string; action: string }) => `${s.module}.${s.action}`)).toEqual(expected);
    expect(plan.confidence).toBeGreaterThanOrEqual(0.6);
  });

  it('marks "暂停所有广告" high risk and "给表现最好的广告组加 20% 预算" not', async () => {
    const pause = await (await api(system, '/api/v1/intent', { json: { message: '暂停所有广告' } })).json();
    expect(pause.steps[0]).toMatchObject({ risk: 'high', parameters: { operation: 'pause', scope: 'all' } });
    const raise = await (await api(system, '/api/v1/intent', { json: { message: '给表现最好的广告组加 20% 预算' } })).json();
    expect(raise.steps[0].risk).not.toBe('high');
  });
});
