/** The workflows this worker hosts (the bundle's entry point). */
export { chatTurnWorkflow } from './chat/chat-turn.js';
export { optimizeBudgetWorkflow } from './campaign-ops/optimize-budget.js';
export { abTestWorkflow } from './ab-tests/ab-test.js';
export { ruleCheckWorkflow } from './rules/rule-check.js';
export { campaignStatusWorkflow } from './campaign-ops/campaign-status.js';
export { createCampaignWorkflow } from './campaign-ops/create-campaign.js';
export { manageCampaignWorkflow } from './campaign-ops/manage-campaign.js';
