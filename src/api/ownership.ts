/**
 * Reads are per user (issue 13): a route that shows a turn or an operation names the user whose it
 * is with `?user_id=`; another user's id answers like a missing object (404), never its content.
 */
import type { Context } from 'hono';
import { AppError } from '../domain/errors.js';
import { Id } from './schemas.js';

/**
 * The `user_id` query parameter of a read.
 * @param what the object read, for the message ("turn", "operation")
 * @throws AppError 1001 when it is missing or malformed
 */
export function askingUser(c: Context, what: string): string {
  const parsed = Id.safeParse(c.req.query('user_id'));
  if (!parsed.success) throw new AppError('1001', `user_id is required (the user whose ${what} this is)`, { parameter: 'user_id' });
  return parsed.data;
}
