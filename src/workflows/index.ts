/** The workflows this worker hosts (the bundle's entry point). */
export { chatTurnWorkflow } from './chat-turn.js';
export { optimizeBudgetWorkflow } from './campaigns/optimize-budget.js';
export { abTestWorkflow } from './campaigns/ab-test.js';
export { ruleCheckWorkflow } from './campaigns/rule-check.js';
export { campaignStatusWorkflow } from './campaigns/campaign-status.js';
export { createCampaignWorkflow } from './campaigns/create-campaign.js';
export { manageCampaignWorkflow } from './campaigns/manage-campaign.js';
