/**
 * Chat turns over HTTP, as the Web Platform backend drives them (and as the integration harness's
 * `chat()` does): POST /api/v1/chat, then read the SSE stream. First event = the first SSE event
 * received; done = the `done` event. A turn fails when the request fails, the stream ends or times
 * out without `done`, `done` is not `completed`, or an `error` event or a failed tool arrives.
 */
import { randomUUID } from 'node:crypto';
import { readSse } from '../../test/support/sse.js';
import { messageOf, type Job, type Outcome } from './load.js';

/** The three single-step turns the bench measures, by name. */
export const TURN_KINDS = {
  'small talk': 'hello, what can you do?',
  '1 image': 'Generate 1 ad image for a desk lamp',
  report: '看看最近7天的广告表现',
} as const;

export type TurnKind = keyof typeof TURN_KINDS;

/** Where the API listens and the token it wants. */
export interface ApiTarget {
  url: string;
  token: string;
  /** a turn not done after this long fails. */
  timeoutMs: number;
}

interface EventData {
  type: string;
  status?: string;
  error?: unknown;
  tool?: string;
}

/** A new user per turn: every user starts with a full balance, so credits never run out. */
const newUser = () => `bench-${randomUUID().slice(0, 12)}`;

/** Runs one turn of `message` and times it. */
export async function runTurn(target: ApiTarget, message: string): Promise<Outcome> {
  const t0 = performance.now();
  const since = () => performance.now() - t0;
  let firstMs: number | undefined;
  const problems: string[] = [];
  try {
    const response = await fetch(`${target.url}/api/v1/chat`, {
      method: 'POST',
      headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: newUser(), session_id: 'bench', message }),
      signal: AbortSignal.timeout(target.timeoutMs),
    });
    if (response.status !== 200) return { ok: false, doneMs: since(), error: `HTTP ${response.status}: ${(await response.text()).slice(0, 200)}` };
    for await (const { data } of readSse(response)) {
      firstMs ??= since();
      const event = data as EventData;
      if (event.type === 'error') problems.push(`error event ${JSON.stringify(event.error).slice(0, 200)}`);
      if (event.type === 'tool_complete' && event.status === 'failed') problems.push(`tool ${event.tool} failed`);
      if (event.type === 'done') {
        if (event.status !== 'completed') problems.push(`done with status ${event.status}`);
        const outcome: Outcome = { ok: problems.length === 0, firstMs, doneMs: since() };
        return problems.length === 0 ? outcome : { ...outcome, error: problems.join('; ') };
      }
    }
    problems.push('stream ended without done');
  } catch (err) {
    problems.push(messageOf(err));
  }
  return { ok: false, ...(firstMs === undefined ? {} : { firstMs }), doneMs: since(), error: problems.join('; ') };
}

/** A job running turns of one kind. */
export const turnJob = (target: ApiTarget, kind: TurnKind): Job => () => runTurn(target, TURN_KINDS[kind]);

/** A job cycling through every kind (small talk, 1 image, report, small talk, ...). */
export function mixedTurnJob(target: ApiTarget): Job {
  const messages = Object.values(TURN_KINDS);
  return (i) => runTurn(target, messages[i % messages.length]!);
}
