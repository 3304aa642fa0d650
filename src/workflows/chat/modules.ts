/**
 * The chat modules by action: every feature folder exports its modules and is listed here once.
 * Actions without a module are recognised in the plan but answered as "not available yet" and
 * charged nothing (market intelligence and landing pages, for now).
 */
import { abTestModules } from '../ab-tests/module.js';
import { campaignChangeModules } from '../campaign-ops/changes-module.js';
import { campaignCreationModules } from '../campaign-ops/create-campaign-module.js';
import { campaignStatusModules } from '../campaign-ops/status-module.js';
import { creativeModules } from '../creative/module.js';
import { reportingModules } from '../reporting/module.js';
import { ruleModules } from '../rules/module.js';
import type { ChatModule, ChatModules } from './module.js';
import type { ActionName } from '../../domain/chat/intent.js';

/** Every module a chat turn can run. */
export const MODULES: ChatModules = {
  ...creativeModules,
  ...reportingModules,
  ...campaignChangeModules,
  ...campaignCreationModules,
  ...campaignStatusModules,
  ...abTestModules,
  ...ruleModules,
};

/** The module of an action, if it is available. */
export const moduleOf = (action: ActionName): ChatModule | undefined => MODULES[action];
