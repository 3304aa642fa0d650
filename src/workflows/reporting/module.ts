/**
 * The reporting module inside a chat turn (seed 000 phase 3, 需求 8.1-8.5): get_reports,
 * analyze_performance and detect_anomaly read the user's platforms in one activity each. Too little
 * data is not a failure: the user gets the minimums and what to do meanwhile, and the credits back.
 */
import type { ReportingAction } from '../../activities/campaign-ops/ads-types.js';
import { adsActs } from '../kit/activity-options.js';
import type { ModuleRun, ModuleRunner } from '../chat/module.js';

/** Runs one reporting action; refunds in full when the data is insufficient. */
export const runReporting: ModuleRunner = async ({ step, userId, language, credits }): Promise<ModuleRun> => {
  const result = await adsActs.runReporting({ userId, action: step.action as ReportingAction, parameters: step.parameters, language });
  return { result, refund: result.kind === 'insufficient' ? credits : 0, entities: [{ kind: 'report', id: `${step.action}:${result.span.since}:${result.span.until}` }] };
};
