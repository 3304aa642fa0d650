/**
 * The reporting module inside a chat turn (seed 000 phase 3, 需求 8.1-8.5): get_reports,
 * analyze_performance and detect_anomaly read the user's platforms in one local activity each (a
 * platform read, cached 5 min). Too little data is not a failure: the user gets the minimums and
 * what to do meanwhile, and the credits back.
 */
import { proxyLocalActivities } from '@temporalio/workflow';
import type { AdsActivities, ReportingAction } from '../../activities/campaign-ops/ads-types.js';
import { PLATFORM_READ } from '../kit/activity-options.js';
import type { ChatModule, ChatModules, ModuleRun } from '../chat/module.js';

/** Platform reads: local activities. */
const platformReads = proxyLocalActivities<Pick<AdsActivities, 'runReporting'>>(PLATFORM_READ);

/**
 * Runs one reporting action; refunds in full when the data is insufficient, and the share of the
 * platforms that could not be read otherwise (whole credits, rounded down; seed 000 task 9.4).
 */
const reporting: ChatModule = {
  run: async ({ step, userId, language, credits }): Promise<ModuleRun> => {
    const result = await platformReads.runReporting({ userId, action: step.action as ReportingAction, parameters: step.parameters, language });
    const asked = result.platforms.length + result.platform_failures.length;
    const failedShare = asked > 0 ? Math.floor((credits * result.platform_failures.length) / asked) : 0;
    return {
      result,
      refund: result.kind === 'insufficient' ? credits : failedShare,
      entities: [{ kind: 'report', id: `${step.action}:${result.span.since}:${result.span.until}` }],
    };
  },
};

/** The reporting actions. */
export const reportingModules: ChatModules = {
  get_reports: reporting,
  analyze_performance: reporting,
  detect_anomaly: reporting,
};
