/**
 * The custom search attributes chat turns and campaign operations carry, so operators find runs in
 * the Temporal Web UI by user, session, intent, module, status, platform, campaign and operation. Registered by the worker at start-up
 * (src/worker/search-attributes.ts) and by `npm run dev`.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const UserId = defineSearchAttributeKey('UserId', SearchAttributeType.KEYWORD);
export const SessionId = defineSearchAttributeKey('SessionId', SearchAttributeType.KEYWORD);
/** Actions of the turn's plan, e.g. generate_creative. */
export const Intent = defineSearchAttributeKey('Intent', SearchAttributeType.KEYWORD_LIST);
/** Modules of the turn's plan, e.g. creative. */
export const Module = defineSearchAttributeKey('Module', SearchAttributeType.KEYWORD_LIST);
/** The turn's status (see TurnStatus in definitions.ts). */
export const TurnStatusAttr = defineSearchAttributeKey('TurnStatus', SearchAttributeType.KEYWORD);

/** Campaign operations: the ad platform (meta, tiktok, google). */
export const PlatformAttr = defineSearchAttributeKey('Platform', SearchAttributeType.KEYWORD);
/** Campaign operations: the platform campaign id, once known. */
export const CampaignId = defineSearchAttributeKey('CampaignId', SearchAttributeType.KEYWORD);
/** Campaign operations: the operation, e.g. create_campaign, ab_test, rule_check. */
export const Operation = defineSearchAttributeKey('Operation', SearchAttributeType.KEYWORD);

export const ALL_SEARCH_ATTRIBUTES = [UserId, SessionId, Intent, Module, TurnStatusAttr, PlatformAttr, CampaignId, Operation];
