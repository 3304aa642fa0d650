/**
 * The module runners available to chat turns, by action. Actions without a runner are recognised
 * in the plan but answered as "not available yet" and charged nothing.
 */
import type { ActionName } from '../../domain/intent.js';
import { analyzeCreative, generateCreative } from './creative.js';
import type { ModuleRunner } from './types.js';

export const MODULE_RUNNERS: Partial<Record<ActionName, ModuleRunner>> = {
  generate_creative: generateCreative,
  analyze_creative: analyzeCreative,
};
