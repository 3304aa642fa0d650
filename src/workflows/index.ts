/** The workflows this worker hosts (the bundle's entry point). */
export { chatTurnWorkflow } from './chat-turn.js';
export { optimizeBudgetWorkflow } from './campaigns/optimize-budget.js';
