/**
 * The creative module inside a chat turn (seed 000 phase 2, 需求 6): generate_creative makes N
 * images in parallel (bounded), each one generated, uploaded and recorded by an idempotent
 * activity; analyze_creative scores creatives. A failed image is refunded (seed 000 task 9.4).
 */
import { CREDITS_PER_IMAGE, imageCount } from '../../domain/credits/pricing.js';
import type { CreativeRecord } from '../../activities/chat/types.js';
import { proxyActivities } from '@temporalio/workflow';
import type { ChatActivities } from '../../activities/chat/types.js';
import { IMAGE_GENERATION, MODEL_CALL } from '../kit/activity-options.js';
import { settleWithLimit } from '../kit/concurrency.js';
import type { ChatModules, ModuleRun, ModuleRunner } from '../chat/module.js';

/** Image generation: one regular activity per image, with heartbeats. */
const images = proxyActivities<Pick<ChatActivities, 'generateCreativeImage'>>(IMAGE_GENERATION);
/** Creative analysis: a model (or the offline measurements) reading an image. */
const creativeAnalysis = proxyActivities<Pick<ChatActivities, 'analyzeCreative'>>(MODEL_CALL);

/** Images generated at the same time within one step. */
const IMAGE_CONCURRENCY = 8;

/** Generates the step's images; partial success refunds the failed ones. */
const generateCreative: ModuleRunner = async ({ step, userId, operationId, language }): Promise<ModuleRun> => {
  const n = imageCount(step.parameters);
  const { product } = step.parameters; // absent: the activity names it in the language
  const settled = await settleWithLimit(
    Array.from({ length: n }, (_, i) => i),
    IMAGE_CONCURRENCY,
    (index) =>
      images.generateCreativeImage({
        userId,
        operationId,
        index,
        ...(product !== undefined ? { product } : {}),
        ...(step.parameters.style ? { style: step.parameters.style } : {}),
        language,
      }),
  );
  const creatives = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const firstFailure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (creatives.length === 0 && firstFailure) throw firstFailure.reason;
  const failed = n - creatives.length;
  return {
    result: { requested: n, failed, creatives },
    refund: failed * CREDITS_PER_IMAGE,
    entities: creatives.map((c: CreativeRecord) => ({ kind: 'creative' as const, id: c.creative_id, url: c.url })),
  };
};

/** Scores the creatives named in the step or made by the step it depends on. */
const analyzeCreative: ModuleRunner = async ({ step, userId, language, upstream }): Promise<ModuleRun> => {
  const fromUpstream = upstream.flatMap((u) => (u.entities ?? []).filter((e) => e.kind === 'creative').map((e) => e.id));
  const ids = step.parameters.creative_ids?.length ? step.parameters.creative_ids : fromUpstream;
  if (ids.length === 0) {
    return { missing: { code: '5000', details: { reason: 'no creative named or made earlier in this conversation' } } };
  }
  const analyses = await Promise.all(ids.map((creativeId) => creativeAnalysis.analyzeCreative({ userId, creativeId, language })));
  return { result: { analyses }, refund: 0, entities: [] };
};

/** The creative actions. */
export const creativeModules: ChatModules = {
  generate_creative: { run: generateCreative },
  analyze_creative: { run: analyzeCreative },
};
