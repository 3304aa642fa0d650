/**
 * The HTTP API's request bodies (zod): validated by the routes, and described by the OpenAPI
 * document (src/api/openapi.ts) from the same schemas.
 */
import { z } from 'zod';

/** Text from a user: no NUL (U+0000), which the conversation store cannot keep (it would be lost after the turn ran). */
const UserText = (max: number) => z.string().trim().min(1).max(max).refine((s) => !s.includes('\u0000'), 'must not contain NUL (U+0000)');

/** A user, session, turn or operation id. */
export const Id = z.string().trim().min(1).max(128).regex(/^[\w.:@-]+$/, 'letters, digits and _ . : @ - only');

/** POST /api/v1/chat (seed 000 task 4.3). */
export const ChatRequest = z
  .object({
    user_id: Id,
    session_id: Id,
    message: UserText(8000).optional(),
    /** the seed's form: the conversation so far; the last user message is this turn's message. */
    messages: z
      .array(z.object({ role: z.enum(['user', 'assistant', 'system']), content: z.string().max(100_000).refine((s) => !s.includes('\u0000'), 'must not contain NUL (U+0000)') }))
      .max(500)
      .optional(),
    turn_id: Id.optional(),
  })
  .refine((b) => b.message !== undefined || b.messages?.some((m) => m.role === 'user' && m.content.trim()), {
    message: 'message (or messages with a user message) is required',
    path: ['message'],
  });

/** A user's answer to a pending confirmation (a turn's or an operation's). */
export const ConfirmationRequest = z.object({ user_id: Id, approved: z.boolean() });

/** POST /api/v1/intent. */
export const IntentRequest = z.object({
  message: UserText(8000),
  user_id: Id.optional(),
  session_id: Id.optional(),
});

/** POST /api/v1/modules/campaign-automation/execute (seed 001 technical detail 1). */
export const ExecuteRequest = z.object({
  action: z.string().min(1).max(64),
  parameters: z.record(z.string(), z.unknown()).default({}),
  context: z.object({ user_id: Id, session_id: Id.optional(), language: z.enum(['zh', 'en']).optional() }),
});

/** The campaign REST routes' bodies: the caller's user and language beside the action's parameters. */
export const UserBody = z.looseObject({ user_id: Id, language: z.enum(['zh', 'en']).optional() });
