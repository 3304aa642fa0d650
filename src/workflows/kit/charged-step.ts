/**
 * Charged work, written once (seed 000 需求 11.2-11.3, task 9.4: deduct before, refund what failed;
 * seed 001 需求 9 compensation): every workflow that spends the user's credits goes through here.
 *
 * The operation id comes from the workflow (`<workflowId>:step-<n>`, `<workflowId>:charge`), so a
 * retried or replayed deduction is one deduction and a refund is bounded by it at the Web Platform.
 * Refunds run in a non-cancellable scope: a cancelled workflow still gives the credits back.
 */
import { CancellationScope, log } from '@temporalio/workflow';
import type { ErrorBody } from '../../domain/errors.js';
import type { Language } from '../../domain/chat/intent.js';
import type { ChatActivities } from '../../activities/chat/types.js';
import { credits } from './activity-options.js';
import { errorBodyOf } from './failures.js';

/** The credit activities a charge calls: the kit's local activities, or another stub of the same activities. */
export type CreditActivities = Pick<ChatActivities, 'deductCredits' | 'refundCredits'>;

/** What a charge is for. Credits are whole credits. */
export interface ChargeSpec {
  userId: string;
  /** whole credits to deduct (0: nothing is charged and nothing refunded). */
  credits: number;
  /** the Web Platform's operation type, e.g. `creative.generate_creative`. */
  operationType: string;
  /** the operation id derived from the workflow; keys the deduction and its refunds. */
  operationId: string;
}

/**
 * A deduction that can be given back, in part or in full, at most once per credit.
 * Serialisable state (`charged`, `refunded`) so continue-as-new can carry it.
 */
export class Charge {
  private constructor(
    readonly spec: ChargeSpec,
    /** whole credits deducted. */
    public charged: number,
    /** whole credits given back so far. */
    public refunded = 0,
    private readonly via: CreditActivities = credits,
  ) {}

  /**
   * Deducts the credits (none when `spec.credits` is 0).
   * @param via the credit activities to call (default: the kit's local activities)
   * @throws the activity failure of `deductCredits` (e.g. 6011 insufficient credits): nothing was charged
   */
  static async deduct(spec: ChargeSpec, via: CreditActivities = credits): Promise<Charge> {
    if (spec.credits > 0) await via.deductCredits(spec.userId, spec.credits, spec.operationType, spec.operationId);
    return new Charge(spec, spec.credits, 0, via);
  }

  /** A charge made by an earlier run of the workflow (continue-as-new), for refunds only. */
  static resume(spec: ChargeSpec, via: CreditActivities = credits): Charge {
    return new Charge(spec, spec.credits, 0, via);
  }

  /** No charge: refunds do nothing (e.g. an operation a chat turn already charged). */
  static none(spec: Omit<ChargeSpec, 'credits'>): Charge {
    return new Charge({ ...spec, credits: 0 }, 0);
  }

  /** Credits not yet refunded. */
  get outstanding(): number {
    return this.charged - this.refunded;
  }

  /**
   * Gives back `amount` credits (default: everything still outstanding), capped at what is
   * outstanding; non-cancellable. A refund that fails after its retries is logged and rethrown.
   */
  async refund(amount = this.outstanding): Promise<void> {
    const give = Math.min(Math.max(0, Math.floor(amount)), this.outstanding);
    if (give <= 0) return;
    await CancellationScope.nonCancellable(() => this.via.refundCredits(this.spec.userId, give, this.spec.operationId));
    this.refunded += give;
  }
}

/** What the work of a charged step returns: its value and the credits of the part that failed. */
export interface ChargedWork<T> {
  value: T;
  /** whole credits to give back for the part that failed (capped at the charge). */
  refund: number;
}

/** The end of a charged step. */
export type ChargedOutcome<T> =
  | { status: 'succeeded'; value: T; charged: number; refunded: number }
  | { status: 'failed'; error: ErrorBody; charged: number; refunded: number };

/**
 * Deducts, runs `work`, refunds the failed part; on failure of the deduction nothing runs, on
 * failure of the work everything is refunded. Never throws for the work's failure: the coded
 * error is returned (in `language`).
 */
export async function chargedStep<T>(spec: ChargeSpec, language: Language, work: () => Promise<ChargedWork<T>>): Promise<ChargedOutcome<T>> {
  let charge: Charge;
  try {
    charge = await Charge.deduct(spec);
  } catch (err) {
    return { status: 'failed', error: errorBodyOf(err, language), charged: 0, refunded: 0 };
  }
  try {
    const { value, refund } = await work();
    await charge.refund(refund);
    return { status: 'succeeded', value, charged: charge.charged, refunded: charge.refunded };
  } catch (err) {
    const error = errorBodyOf(err, language);
    log.warn('charged step failed; refunding', { operationId: spec.operationId, code: error.code });
    await charge.refund();
    return { status: 'failed', error, charged: charge.charged, refunded: charge.refunded };
  }
}
