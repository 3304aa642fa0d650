/**
 * create_rule inside a chat turn (issue "Campaign automation" §5, §7): the rule read from the
 * user's words, on a Temporal Schedule; its id derives from the step, so a retry creates one.
 */
import { proxyLocalActivities } from '@temporalio/workflow';
import type { ChatLinkActivities } from '../../activities/chat/campaign-links-types.js';
import type { ChatModules, ModuleRun, ModuleRunner } from '../chat/module.js';
import { SHORT_IO } from '../kit/activity-options.js';

/** Creating the rule's Schedule (a Temporal client call, idempotent per request id): a local activity. */
const ruleSchedules = proxyLocalActivities<Pick<ChatLinkActivities, 'createRuleFromText'>>(SHORT_IO);

/** Creates the rule the user described, on the platforms the message names (its id derives from the step, so a retry creates one). */
const createRule: ModuleRunner = async ({ step, userId, operationId, language }): Promise<ModuleRun> => {
  const p = step.parameters;
  if (!p.rule?.trim()) {
    return { missing: { code: '1001', details: { missing: 'rule', hint_code: 'rule_example' } } };
  }
  const level = p.level === 'adset' || p.level === 'campaign' ? p.level : undefined;
  const result = await ruleSchedules.createRuleFromText({
    userId,
    text: p.rule,
    language,
    requestId: operationId,
    ...(level ? { level } : {}),
    ...(p.platforms?.length ? { platforms: p.platforms } : {}),
  });
  return { result, refund: 0, entities: [] };
};

/** The rule actions. */
export const ruleModules: ChatModules = { create_rule: { run: createRule } };
