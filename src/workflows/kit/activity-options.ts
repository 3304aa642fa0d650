/**
 * The activity option sets of every workflow, declared once (seed 000 需求 11.4 and seed 001 需求 9:
 * 3 retries with exponential backoff 1 s, 2 s, 4 s; coded errors that retrying cannot fix are
 * non-retryable ApplicationFailures and fail at once).
 *
 * - {@link SHORT_IO}: short idempotent I/O (history, planning, credit check/deduct/refund, event
 *   publishing, saving, platform reads): local activities, run inside the workflow task, no task
 *   round trip through the server.
 * - {@link MODEL_CALL}, {@link IMAGE_GENERATION}, {@link PLATFORM_MUTATION}: long or costly work
 *   (a model writing, an image, an ad-platform change): regular activities with a heartbeat
 *   timeout, so a lost worker is noticed within seconds (the worker's heartbeat interceptor beats
 *   for them, src/worker/heartbeat-interceptor.ts).
 *
 * Proxy naming: a stub is named after what it talks to (`credits`, `events`, `conversation`,
 * `planner`, `replies`, `platformReads`, `platformWrites`...), never after its option set.
 */
import { proxyActivities, proxyLocalActivities, type ActivityOptions, type LocalActivityOptions } from '@temporalio/workflow';
import type { ChatActivities } from '../../activities/chat/types.js';
import { ACTIVITY_RETRY } from './retry-policy.js';

/** Short idempotent I/O as local activities: 30 s per attempt, 1 + 3 attempts (1 s, 2 s, 4 s apart). */
export const SHORT_IO: LocalActivityOptions = { startToCloseTimeout: '30s', retry: ACTIVITY_RETRY };

/** Platform reads (reports, previews, status) as local activities: several platform calls of at most 30 s each. */
export const PLATFORM_READ: LocalActivityOptions = { startToCloseTimeout: '75s', retry: ACTIVITY_RETRY };

/** A model writing (reply, ad copy, analysis): up to two model calls and the template; heartbeats every few s. */
export const MODEL_CALL: ActivityOptions = { startToCloseTimeout: '150s', heartbeatTimeout: '20s', retry: ACTIVITY_RETRY };

/** One image: generated, uploaded and recorded; heartbeats. */
export const IMAGE_GENERATION: ActivityOptions = { startToCloseTimeout: '90s', heartbeatTimeout: '10s', retry: ACTIVITY_RETRY };

/** Ad-platform changes (create, update, delete, apply): a few platform calls of at most 30 s each; heartbeats. */
export const PLATFORM_MUTATION: ActivityOptions = { startToCloseTimeout: '75s', heartbeatTimeout: '20s', retry: ACTIVITY_RETRY };

/** Credits (MCP check_credit, deduct_credit, refund_credit): idempotent per operation id. */
export const credits = proxyLocalActivities<Pick<ChatActivities, 'checkCredits' | 'deductCredits' | 'refundCredits'>>(SHORT_IO);

/**
 * Credits as regular activities: only for workflows whose histories predate the local credit
 * activities (long-lived A/B tests, behind the patch `local-credit-activities`).
 */
export const legacyCredits = proxyActivities<Pick<ChatActivities, 'deductCredits' | 'refundCredits'>>(SHORT_IO);

/** Turn events for SSE (a Redis stream append, idempotent per key). */
export const events = proxyLocalActivities<Pick<ChatActivities, 'publishEvent'>>({ ...SHORT_IO, startToCloseTimeout: '5s', retry: { ...ACTIVITY_RETRY, maximumAttempts: 5 } });

/** The conversation in the Web Platform (MCP get_conversation_history, save_conversation). */
export const conversation = proxyLocalActivities<Pick<ChatActivities, 'loadHistory' | 'saveConversation'>>(SHORT_IO);

/** Message → plan (model chain with the offline parser as its last link). */
export const planner = proxyLocalActivities<Pick<ChatActivities, 'planTurn'>>(SHORT_IO);

/** The reply writer when a model writes (streams tokens; heartbeats). */
export const modelReplies = proxyActivities<Pick<ChatActivities, 'writeReply'>>(MODEL_CALL);

/** The reply writer when the reply is templated (offline model): microseconds of work, a local activity. */
export const templateReplies = proxyLocalActivities<Pick<ChatActivities, 'writeReply'>>(SHORT_IO);
