/**
 * abTestWorkflow's public surface (input, progress, result, updates, signal), shared by the
 * workflow and its callers (the API, chat); no workflow logic.
 */
import { defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ConfirmationOutcome } from '../kit/confirmation.js';
import type { AbRecommendationPlan, AbTestMeasurement, AbTestVariantRef } from '../../activities/ab-tests/experiment-types.js';
import type { AbBudgetSplit, AbTestResult, AbVariant } from '../../domain/ab-tests/analysis.js';
import type { AbTestInput, AnalyzeNowRequest, RecommendationDecision } from '../../domain/campaign-ops/operation-inputs.js';
import type { Platform } from '../../domain/chat/intent.js';
import type { ChangeOutcome } from '../campaign-ops/apply-changes.js';

export type { AbTestInput, AnalyzeNowRequest, RecommendationDecision };

/** A running test: what was created and its calendar (dates on the platform's calendar). */
export interface AbTestSetup {
  name: string;
  platform: Platform;
  campaign_id: string;
  currency: string;
  /** where the budget lives: each variant's ad set, or (Google) the campaign, shared by its ad groups. */
  budget_level: 'adset' | 'campaign';
  /** the equal split of the daily budget (major units, seed property 10). */
  split: AbBudgetSplit;
  variants: AbTestVariantRef[];
  /** first day of the test. */
  start_date: string;
  /** the day the test concludes on (start_date + duration); its last counted day is the day before. */
  end_date: string;
  duration_days: number;
}

/** What continue-as-new carries into the next run of a long test (callers never set it). */
export interface AbTestResume {
  test: AbTestSetup;
  conclude_requested: boolean;
  latest?: AbTestMeasurement;
}

/** The workflow's input: the validated request, plus the state continue-as-new carries. */
export type AbTestWorkflowInput = AbTestInput & { resume?: AbTestResume };

/** One variant's current figures (money in major units, rates fractions, null when undefined). */
export interface AbVariantFigures extends AbVariant {
  /** conversions / clicks. */
  conversion_rate: number | null;
  /** clicks / impressions. */
  ctr: number | null;
  /** spend / conversions. */
  cpa: number | null;
  /** revenue / spend. */
  roas: number | null;
}

/** The test's progress, as the `operationState` query shows it while it runs. */
export interface AbTestProgress {
  phase: 'preparing' | 'creating' | 'running' | 'concluding' | 'awaiting_confirmation' | 'applying' | 'completed' | 'failed';
  test?: AbTestSetup;
  days_total: number;
  /** complete test days so far (0 on the first day), at most days_total. */
  days_elapsed: number;
  /** the platform's date at the last measurement. */
  today?: string;
  /** per-variant figures since the start (today's partial day included while running). */
  variants?: AbVariantFigures[];
  /** the analysis of those figures (interim while running). */
  analysis?: AbTestResult;
  /** workflow time of the last measurement, ISO. */
  measured_at?: string;
  /** the recommendations' changes waiting for the user's confirmation. */
  pending_changes?: AbRecommendationPlan;
}

/** What `analyzeNow` answers: the analysis of the figures so far (or the final one once concluded). */
export interface AbTestSnapshot {
  today: string;
  span: { since: string; until: string };
  variants: AbVariantFigures[];
  analysis: AbTestResult;
  /** true once the test has concluded (the analysis is final). */
  concluded: boolean;
}

/** The test's result. */
export interface AbTestOutcome {
  test: AbTestSetup;
  /** why it ended: its duration elapsed on the platform's calendar, or the user asked. */
  concluded_by: 'duration_elapsed' | 'request';
  /** the final figures and analysis (span: the test's complete days, or up to today when asked early). */
  final: AbTestMeasurement;
  analysis: AbTestResult;
  recommendations: {
    /** whether applying the recommendations was offered to the user. */
    offered: boolean;
    plan?: AbRecommendationPlan;
    confirmation?: ConfirmationOutcome;
    applied: ChangeOutcome[];
  };
}

/**
 * Analyses the test's figures so far and returns the analysis (argument `{}`); with
 * `{conclude: true}` the test concludes now with exactly this analysis. Rejected (ApplicationFailure type `NotReady`) while
 * the test's objects are still being created.
 */
export const analyzeAbTestUpdate = defineUpdate<AbTestSnapshot, [AnalyzeNowRequest]>('analyzeNow');

/** Asks the test to conclude now (fire and forget; the `analyzeNow` update does it with an answer). */
export const concludeAbTestSignal = defineSignal<[]>('concludeNow');

/** ApplicationFailure type of `analyzeNow` before the test runs. */
export const NOT_READY_FAILURE = 'NotReady';
