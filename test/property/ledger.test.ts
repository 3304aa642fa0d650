/**
 * Property tests of the sandbox ledger (seed 000 tasks 2.2, 2.3; 需求 11.2-11.4): random sequences
 * of deductions, refunds, retries and concurrent batches against the store directly (in-memory
 * PGlite). Sequential calls must match an exact model; concurrent batches must be consistent with
 * it; and in all cases the balance never goes negative, equals initial − deductions + refunds,
 * each operation is deducted at most once, refunds never exceed their deduction, and repeating any
 * call that succeeded changes nothing.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import type { Ledger } from '../../src/sandboxes/web-platform/ledger.js';
import { openWebPlatformStore, type WebPlatformStore } from '../../src/sandboxes/web-platform/store.js';

interface Call {
  kind: 'deduct' | 'refund';
  op: number;
  credits: number;
}

type Command = Call | { kind: 'repeat'; index: number } | { kind: 'concurrent'; calls: Call[] };

type Outcome = { ok: true; credits: number; balance: number; duplicate: boolean } | { ok: false; code: string };

/** What the ledger must hold for one user. */
class Model {
  readonly deducted = new Map<number, { credits: number; balanceAfter: number }>();
  readonly refunded = new Map<number, { credits: number; balanceAfter: number }>();

  constructor(
    readonly initial: number,
    public balance: number = initial,
  ) {}

  /** The exact outcome of a call made alone, applied to the model. */
  apply(call: Call): Outcome {
    const op = this.deducted.get(call.op);
    if (call.kind === 'deduct') {
      if (op) return op.credits === call.credits ? { ok: true, credits: call.credits, balance: op.balanceAfter, duplicate: true } : { ok: false, code: '1009' };
      if (this.balance < call.credits) return { ok: false, code: '6011' };
      this.balance -= call.credits;
      this.deducted.set(call.op, { credits: call.credits, balanceAfter: this.balance });
      return { ok: true, credits: call.credits, balance: this.balance, duplicate: false };
    }
    if (!op) return { ok: false, code: '1004' };
    const refund = this.refunded.get(call.op);
    if (refund) return refund.credits === call.credits ? { ok: true, credits: call.credits, balance: refund.balanceAfter, duplicate: true } : { ok: false, code: '1009' };
    if (call.credits > op.credits) return { ok: false, code: '1001' };
    this.balance += call.credits;
    this.refunded.set(call.op, { credits: call.credits, balanceAfter: this.balance });
    return { ok: true, credits: call.credits, balance: this.balance, duplicate: false };
  }

  /** Records what a batch of concurrent calls did, checking it could have happened. */
  absorb(results: Array<{ call: Call; outcome: Outcome }>): void {
    const firsts = (kind: Call['kind']) => results.filter((r) => r.call.kind === kind && r.outcome.ok && !r.outcome.duplicate);
    for (const { call, outcome } of firsts('deduct')) {
      expect(this.deducted.has(call.op)).toBe(false); // deducted at most once
      this.balance -= call.credits;
      this.deducted.set(call.op, { credits: call.credits, balanceAfter: (outcome as { balance: number }).balance });
    }
    for (const { call, outcome } of firsts('refund')) {
      const op = this.deducted.get(call.op);
      expect(op).toBeDefined();
      expect(call.credits).toBeLessThanOrEqual(op!.credits); // never more than deducted
      expect(this.refunded.has(call.op)).toBe(false); // refunded at most once
      this.balance += call.credits;
      this.refunded.set(call.op, { credits: call.credits, balanceAfter: (outcome as { balance: number }).balance });
    }
    for (const { call, outcome } of results) {
      if (outcome.ok) {
        expect(outcome.balance).toBeGreaterThanOrEqual(0);
        if (outcome.duplicate) expect((call.kind === 'deduct' ? this.deducted : this.refunded).get(call.op)?.credits).toBe(call.credits);
      } else {
        expect(['6011', '1009', '1004', '1001']).toContain(outcome.code);
      }
    }
  }

  /** initial − Σ deductions + Σ refunds. */
  expectedBalance(): number {
    const sum = (m: Map<number, { credits: number }>) => [...m.values()].reduce((s, v) => s + v.credits, 0);
    return this.initial - sum(this.deducted) + sum(this.refunded);
  }
}

const callArb: fc.Arbitrary<Call> = fc.record({
  kind: fc.constantFrom('deduct' as const, 'refund' as const),
  op: fc.integer({ min: 0, max: 5 }),
  // small amounts so refunds often hit (or just miss) the deducted amount and balances run out
  credits: fc.integer({ min: 0, max: 30 }),
});

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 5, arbitrary: callArb },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('repeat' as const), index: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('concurrent' as const), calls: fc.array(callArb, { minLength: 2, maxLength: 6 }) }) },
);

/**
 * Both stores the sandbox supports: embedded PGlite, and PostgreSQL (TEST_DATABASE_URL, default the
 * local server's `test` database) through `pg`, where concurrent calls really run in parallel.
 */
const BACKENDS: Array<[string, { databaseUrl?: string }]> = [
  ['PGlite', {}],
  ['PostgreSQL', { databaseUrl: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' }],
];

/** Runs one call against the ledger and records its outcome. */
async function run(ledger: Ledger, user: string, call: Call): Promise<Outcome> {
  const operationId = `${user}:op-${call.op}`;
  try {
    const r =
      call.kind === 'deduct'
        ? await ledger.deduct(user, call.credits, 'property-test', operationId)
        : await ledger.refund(user, call.credits, operationId);
    expect(r).toMatchObject({ operation_id: operationId, user_id: user, credits: call.credits });
    return { ok: true, credits: r.credits, balance: r.balance, duplicate: r.duplicate };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (err.code === '6011') expect(err.details).toMatchObject({ required: call.credits });
    return { ok: false, code: err.code };
  }
}

describe.each(BACKENDS)('credit ledger on %s', (_name, backend) => {
  let store: WebPlatformStore;
  beforeAll(async () => {
    store = await openWebPlatformStore({ initialCredits: 1000, ...backend });
  }, 60_000);
  afterAll(async () => {
    await store.close();
  });

  it('stays exact under random deductions, refunds, retries and concurrent calls', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 150 }), fc.array(commandArb, { maxLength: 25 }), async (initial, commands) => {
        const ledger = store.ledger;
        const user = `prop-${randomUUID()}`;
        await ledger.setBalance(user, initial);
        const model = new Model(initial);
        const history: Array<{ call: Call; outcome: Outcome }> = [];

        for (const command of commands) {
          if (command.kind === 'concurrent') {
            const outcomes = await Promise.all(command.calls.map((call) => run(ledger, user, call)));
            const results = command.calls.map((call, i) => ({ call, outcome: outcomes[i]! }));
            model.absorb(results);
            history.push(...results);
          } else {
            const call = command.kind === 'repeat' ? history[command.index % Math.max(history.length, 1)]?.call : command;
            if (!call) continue;
            const expected = model.apply(call);
            const outcome = await run(ledger, user, call);
            expect(outcome).toEqual(expected);
            history.push({ call, outcome });
          }
          const balance = await ledger.balance(user);
          expect(balance).toBeGreaterThanOrEqual(0);
          expect(balance).toBe(model.balance);
          expect(balance).toBe(model.expectedBalance());
        }

        // Repeating any call that succeeded, or failed as a conflict (1009) or over-refund (1001),
        // changes nothing. (A call that failed for lack of balance or of a deduction may succeed later.)
        const before = await ledger.balance(user);
        for (const { call, outcome } of history) {
          if (!outcome.ok && (outcome.code === '6011' || outcome.code === '1004')) continue;
          const again = await run(ledger, user, call);
          if (outcome.ok) {
            const record = (call.kind === 'deduct' ? model.deducted : model.refunded).get(call.op)!;
            expect(again).toEqual({ ok: true, credits: call.credits, balance: record.balanceAfter, duplicate: true });
          } else {
            expect(again.ok).toBe(false);
          }
        }
        expect(await ledger.balance(user)).toBe(before);
      }),
      { numRuns: 150 },
    );
  }, 180_000);

  it('serialises concurrent deductions of one operation id into one deduction', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 2, max: 10 }), async (credits, copies) => {
        const user = `prop-${randomUUID()}`;
        const outcomes = await Promise.all(
          Array.from({ length: copies }, () => run(store.ledger, user, { kind: 'deduct', op: 0, credits })),
        );
        expect(outcomes.filter((o) => o.ok && !o.duplicate)).toHaveLength(1);
        expect(outcomes.every((o) => o.ok && o.balance === 1000 - credits)).toBe(true);
        expect(await store.ledger.balance(user)).toBe(1000 - credits);
      }),
      { numRuns: 100 },
    );
  }, 120_000);

  it('rejects credits that are not whole numbers >= 0 with 1001', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.integer({ max: -1 }), fc.double({ noInteger: true, noNaN: true })), async (credits) => {
        const user = `prop-${randomUUID()}`;
        const err = await store.ledger.deduct(user, credits, 'x', `${user}:op`).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(AppError);
        expect((err as AppError).code).toBe('1001');
      }),
      { numRuns: 100 },
    );
  });
});
