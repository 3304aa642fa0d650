/**
 * Activity stubs with their timeouts and retry policies, declared once (seed 000 需求 11.4 and
 * seed 001 需求 9: 3 retries with exponential backoff 1 s, 2 s, 4 s; a 30 s timeout per call).
 * Non-retryable ApplicationFailures (coded errors that retrying cannot fix) fail at once.
 */
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { AdsActivities } from '../../activities/campaign-ops/ads-types.js';
import type { ChatActivities } from '../../activities/chat/types.js';
import { ACTIVITY_RETRY as RETRY } from './retry-policy.js';

/** Calls of the Web Platform (MCP) and of the model. */
export const acts = proxyActivities<ChatActivities>({ startToCloseTimeout: '30s', retry: RETRY });

/** Image generation takes longer and heartbeats, so a lost worker is noticed within the heartbeat timeout. */
export const imageActs = proxyActivities<Pick<ChatActivities, 'generateCreativeImage'>>({
  startToCloseTimeout: '90s',
  heartbeatTimeout: '10s',
  retry: RETRY,
});

/** Streaming a reply takes as long as the model writes. */
export const replyActs = proxyActivities<Pick<ChatActivities, 'writeReply'>>({
  startToCloseTimeout: '120s',
  heartbeatTimeout: '20s',
  retry: RETRY,
});

/** Event publishing is a fast Redis write: a local activity, no extra task round trip. */
export const localActs = proxyLocalActivities<Pick<ChatActivities, 'publishEvent'>>({
  startToCloseTimeout: '5s',
  retry: { ...RETRY, maximumAttempts: 5 },
});

/**
 * Ad platform work: each call makes one or a few platform calls, each bounded by the platform
 * timeout (30 s); retryable platform errors (1003 rate limit, 4000 unavailable) retry 1 s, 2 s, 4 s,
 * the others (6001 token expired, 1001 invalid, ...) fail at once (seed 001 需求 9).
 */
export const adsActs = proxyActivities<AdsActivities>({ startToCloseTimeout: '75s', retry: RETRY });
