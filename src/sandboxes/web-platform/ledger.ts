/**
 * The credit ledger: balances, idempotent deductions and refunds (seed 000 tasks 2.2, 2.3;
 * 需求 11.2-11.4). Every operation runs in one transaction that first locks the user's row, so
 * concurrent calls for a user are serialised and the balance stays exact. Credits are whole credits.
 */
import { AppError } from '../../domain/errors.js';
import type { Queryable, SqlDb } from './db.js';

/** The result of a deduction or a refund. `balance` is the balance right after it. */
export interface LedgerResult {
  operation_id: string;
  user_id: string;
  credits: number;
  balance: number;
  /** true when the call repeated an earlier one and changed nothing. */
  duplicate: boolean;
}

/** A balance check. */
export interface CreditCheckResult {
  sufficient: boolean;
  balance: number;
  required: number;
}

/** Ledger operations on the sandbox database. */
export interface Ledger {
  /** The user's balance (creates the user with the initial balance on first use). */
  balance(userId: string): Promise<number>;
  /** Whether the balance covers `required` credits. */
  check(userId: string, required: number): Promise<CreditCheckResult>;
  /**
   * Deducts `credits` once per operation id.
   * @throws AppError 6011 {balance, required} when the balance is short; 1009 when the id was used
   *   with another amount or user; 1001 when credits is not a whole number >= 0
   */
  deduct(userId: string, credits: number, operationType: string, operationId: string): Promise<LedgerResult>;
  /**
   * Refunds up to what an operation deducted, once per operation id.
   * @throws AppError 1004 unknown operation (or another user's); 1001 more than deducted; 1009 a
   *   repeat with another amount
   */
  refund(userId: string, credits: number, operationId: string): Promise<LedgerResult>;
  /** Sets a balance (control endpoint), creating the user if needed. */
  setBalance(userId: string, balance: number): Promise<void>;
}

interface OperationRow {
  user_id: string;
  credits: number;
  balance_after: number;
}

/** Creates the ledger; new users start with `initialCredits`. */
export function createLedger(db: SqlDb, initialCredits: number): Ledger {
  assertCredits(initialCredits, 'initialCredits');

  /** Creates the user if needed and locks its row for the transaction; returns the balance. */
  async function lockUser(tx: Queryable, userId: string): Promise<number> {
    await tx.query('INSERT INTO users (id, balance) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [userId, initialCredits]);
    const [row] = await tx.query<{ balance: number }>('SELECT balance FROM users WHERE id = $1 FOR UPDATE', [userId]);
    return row!.balance;
  }

  async function addToBalance(tx: Queryable, userId: string, delta: number): Promise<number> {
    const [row] = await tx.query<{ balance: number }>(
      'UPDATE users SET balance = balance + $2 WHERE id = $1 RETURNING balance',
      [userId, delta],
    );
    return row!.balance;
  }

  return {
    balance: (userId) => db.transaction((tx) => lockUser(tx, userId)),

    async check(userId, required) {
      assertCredits(required, 'estimated_credits');
      const balance = await db.transaction((tx) => lockUser(tx, userId));
      return { sufficient: balance >= required, balance, required };
    },

    async deduct(userId, credits, operationType, operationId) {
      assertCredits(credits, 'credits');
      return retryOnUniqueViolation(() =>
        db.transaction(async (tx) => {
          const balance = await lockUser(tx, userId);
          const [prior] = await tx.query<OperationRow>(
            'SELECT user_id, credits, balance_after FROM credit_operations WHERE operation_id = $1 FOR UPDATE',
            [operationId],
          );
          if (prior) {
            if (prior.user_id !== userId || prior.credits !== credits) {
              throw new AppError('1009', 'operation_id was already used for another deduction', {
                operation_id: operationId,
              });
            }
            return { operation_id: operationId, user_id: userId, credits, balance: prior.balance_after, duplicate: true };
          }
          if (balance < credits) {
            throw new AppError('6011', undefined, { balance, required: credits });
          }
          const after = await addToBalance(tx, userId, -credits);
          await tx.query(
            `INSERT INTO credit_operations (operation_id, user_id, credits, operation_type, balance_after)
             VALUES ($1, $2, $3, $4, $5)`,
            [operationId, userId, credits, operationType, after],
          );
          return { operation_id: operationId, user_id: userId, credits, balance: after, duplicate: false };
        }),
      );
    },

    async refund(userId, credits, operationId) {
      assertCredits(credits, 'credits');
      return retryOnUniqueViolation(() =>
        db.transaction(async (tx) => {
          await lockUser(tx, userId);
          const [op] = await tx.query<OperationRow>(
            'SELECT user_id, credits, balance_after FROM credit_operations WHERE operation_id = $1 FOR UPDATE',
            [operationId],
          );
          if (!op || op.user_id !== userId) {
            throw new AppError('1004', 'No deduction with this operation_id for this user', { operation_id: operationId });
          }
          const [prior] = await tx.query<OperationRow>(
            'SELECT user_id, credits, balance_after FROM refunds WHERE operation_id = $1',
            [operationId],
          );
          if (prior) {
            if (prior.credits !== credits) {
              throw new AppError('1009', 'This deduction was already refunded with another amount', {
                operation_id: operationId,
                refunded: prior.credits,
              });
            }
            return { operation_id: operationId, user_id: userId, credits, balance: prior.balance_after, duplicate: true };
          }
          if (credits > op.credits) {
            throw new AppError('1001', 'A refund cannot exceed the deduction', {
              operation_id: operationId,
              credits,
              deducted: op.credits,
            });
          }
          const after = await addToBalance(tx, userId, credits);
          await tx.query(
            'INSERT INTO refunds (operation_id, user_id, credits, balance_after) VALUES ($1, $2, $3, $4)',
            [operationId, userId, credits, after],
          );
          await tx.query('UPDATE credit_operations SET refunded = $2 WHERE operation_id = $1', [operationId, credits]);
          return { operation_id: operationId, user_id: userId, credits, balance: after, duplicate: false };
        }),
      );
    },

    async setBalance(userId, balance) {
      assertCredits(balance, 'balance');
      await db.query(
        'INSERT INTO users (id, balance) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET balance = EXCLUDED.balance',
        [userId, balance],
      );
    },
  };
}

function assertCredits(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new AppError('1001', `${name} must be a whole number of credits >= 0`, { [name]: value });
  }
}

/**
 * On PostgreSQL two transactions can insert the same operation id at once; the loser fails with a
 * unique violation and, run again, sees the winner's row.
 */
async function retryOnUniqueViolation<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      const unique = (err as { code?: unknown }).code === '23505';
      if (!unique || i >= attempts) throw err;
    }
  }
}
