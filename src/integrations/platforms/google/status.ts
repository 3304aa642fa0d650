/**
 * Google Ads statuses → the normalised status (seed 001 property 14: one result format across
 * platforms). Sources: status enums of Campaign / AdGroup / AdGroupAd (ENABLED, PAUSED, REMOVED),
 * PolicyApprovalStatus (https://developers.google.com/google-ads/api/reference/rpc/v26/PolicyApprovalStatusEnum.PolicyApprovalStatus:
 * APPROVED, APPROVED_LIMITED, AREA_OF_INTEREST_ONLY, DISAPPROVED) and PolicyReviewStatus
 * (https://developers.google.com/google-ads/api/reference/rpc/v26/PolicyReviewStatusEnum.PolicyReviewStatus:
 * REVIEW_IN_PROGRESS, REVIEWED, UNDER_APPEAL, ELIGIBLE_MAY_SERVE).
 */
import type { NormalizedStatus } from '../../../domain/ads/types.js';

/** An object's Google status and, for ad group ads, its policy summary. */
export interface GoogleStatusInput {
  /** ENABLED | PAUSED | REMOVED (or UNKNOWN / UNSPECIFIED / anything newer). */
  status: string | undefined;
  /** ad group ads: policy_summary.approval_status. */
  approvalStatus?: string | undefined;
  /** ad group ads: policy_summary.review_status. */
  reviewStatus?: string | undefined;
}

const UNDER_REVIEW = new Set(['REVIEW_IN_PROGRESS', 'UNDER_APPEAL']);

/**
 * The normalised status, total over any input, first match wins:
 * REMOVED → deleted; approval DISAPPROVED → rejected (even when paused: enabling it would not
 * serve); PAUSED → paused; review REVIEW_IN_PROGRESS or UNDER_APPEAL → pending_review;
 * ENABLED → active (APPROVED, APPROVED_LIMITED, AREA_OF_INTEREST_ONLY and ELIGIBLE_MAY_SERVE all
 * serve); anything else (UNKNOWN, UNSPECIFIED, missing, values newer than v26) → pending_review,
 * since the object is not known to serve and nothing says it was stopped.
 */
export function normaliseGoogleStatus(input: GoogleStatusInput): NormalizedStatus {
  if (input.status === 'REMOVED') return 'deleted';
  if (input.approvalStatus === 'DISAPPROVED') return 'rejected';
  if (input.status === 'PAUSED') return 'paused';
  if (input.reviewStatus !== undefined && UNDER_REVIEW.has(input.reviewStatus)) return 'pending_review';
  if (input.status === 'ENABLED') return 'active';
  return 'pending_review';
}

/** The Google status a normalised target status is set with: active → ENABLED, paused → PAUSED. */
export function googleStatusFor(status: 'active' | 'paused'): 'ENABLED' | 'PAUSED' {
  return status === 'active' ? 'ENABLED' : 'PAUSED';
}
