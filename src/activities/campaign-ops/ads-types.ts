/**
 * The activity contract of the ad-platform modules inside chat turns (issue "Ad platforms" §3-4):
 * reporting (get_reports, analyze_performance, detect_anomaly) and campaign management
 * (manage_campaign, update_budget). The workflow imports these types only;
 * src/activities/ads-activities.ts implements them. Money in MAJOR units of the account currency.
 */
import type { PlannedChange, StatusOperation } from '../../domain/campaign-ops/changes.js';
import type { Language, StepParameters } from '../../domain/chat/intent.js';
import type { NormalizedStatus } from '../../domain/ads/types.js';

/** The reporting actions. */
export type ReportingAction = 'get_reports' | 'analyze_performance' | 'detect_anomaly';

export interface ReportingInput {
  userId: string;
  action: ReportingAction;
  /** date_range, platforms, metrics, level from the plan step. */
  parameters: StepParameters;
  language: Language;
}

import type { PlatformFailure } from '../../domain/ads/types.js';
export type { PlatformFailure };

/**
 * What a reporting step returns: `kind` says which; `insufficient` when there is too little data
 * (under 7 days or 1000 impressions), with the figures and what to do meanwhile. `text` is the
 * templated summary in the user's language (the reply writer may rephrase it, never its numbers).
 */
export interface ReportingResult {
  kind: 'report' | 'analysis' | 'anomalies' | 'insufficient';
  span: { since: string; until: string };
  platforms: string[];
  platform_failures: PlatformFailure[];
  text: string;
  /** analysis only: the rounded fact sheet a model may narrate (only these numbers). */
  facts?: unknown;
  /** the computed report / analysis / anomalies / sufficiency check (chart-ready series included). */
  data: unknown;
}

export interface ChangePreviewInput {
  userId: string;
  action: 'manage_campaign' | 'update_budget' | 'optimize_budget';
  parameters: StepParameters;
  language: Language;
}

/** The changes a manage_campaign / update_budget / optimize_budget step would make, shown before it runs. */
export interface ChangePreview {
  operation: StatusOperation | 'budget' | 'optimize';
  level: 'campaign' | 'adset' | 'ad';
  changes: PlannedChange[];
  /** why these changes need confirmation, in the user's language; empty: none needed. */
  risk_reasons: string[];
  /** matched objects left alone (already in the target status, or without a budget of their own). */
  unchanged: Array<{ platform: string; id: string; name: string; reason: 'already' | 'no_budget' }>;
  /** platforms that could not be read; their objects are not in the preview. */
  platform_failures: PlatformFailure[];
  /** optimize_budget: why each ad set gets its change (the optimiser's reason codes and figures). */
  reasons?: Array<{ platform: string; id: string; code: string; figures: Record<string, number> }>;
}

export interface ApplyChangeInput {
  userId: string;
  change: PlannedChange;
}

/** A change the platform accepted, with the object's status and budget as the platform now reports them. */
export interface AppliedChange extends PlannedChange {
  status_now: NormalizedStatus;
  budget_now?: number;
}

export interface RecordChangeInput {
  userId: string;
  change: AppliedChange;
  /** idempotency key of the record (derived from the step's operation id and the object). */
  operationId: string;
}

export interface AdsActivities {
  /**
   * Reads the user's platforms and computes the report, analysis or anomalies.
   * @throws AppError 6000 no account; the platforms' codes when every asked platform failed
   */
  runReporting(input: ReportingInput): Promise<ReportingResult>;
  /**
   * Resolves the objects a campaign command targets and plans their changes, without changing anything.
   * @throws AppError 1001 nothing named, 1004 nothing matches, 6000 no account, platform codes
   */
  previewCampaignChanges(input: ChangePreviewInput): Promise<ChangePreview>;
  /** Applies one planned change on its platform (idempotent: sets absolute values). @throws platform codes */
  applyCampaignChange(input: ApplyChangeInput): Promise<AppliedChange>;
  /** Records an applied change in the Web Platform (MCP update_campaign), idempotent per operationId. */
  recordCampaignChange(input: RecordChangeInput): Promise<void>;
}
