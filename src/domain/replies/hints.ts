/**
 * Example phrasings offered with an error (`details.hint`), by code. Workflows return the code
 * (`details.hint_code`, data only); the replies module words it in the user's language where the
 * reply is written, and activities that raise the error put the text in `details.hint` themselves.
 */
import type { Language } from '../chat/intent.js';
import type { Text } from './labels.js';

/** The hints by code. */
export const HINT = {
  /** a rule the user's words did not fully give (src/domain/rules/text.ts). */
  rule_text: {
    zh: '例如「CPA 超过 50 就暂停广告组」或「过去 7 天 ROAS 低于 1 就降低 20% 预算」',
    en: 'e.g. "If CPA > 50 in the last 24 hours, pause the ad set" or "If ROAS is below 1 over the last 7 days, lower the budget by 20%"',
  },
  /** create_rule without any rule in the message. */
  rule_example: { zh: '例如「创建一个规则：CPA 超过 50 就暂停广告组」', en: 'e.g. "Create a rule: if CPA > 50 in the last 24 hours, pause the ad set"' },
  /** create_ab_test with fewer than 2 creatives. */
  ab_test_creatives: { zh: '例如「先做 2 张图，然后在 Meta 上做 A/B 测试，日预算 200」', en: 'e.g. "Make 2 images, then A/B test them on Meta with $200 a day"' },
  /** create_ab_test without a budget. */
  ab_test_budget: {
    zh: '请告诉我测试的日预算，例如「日预算 200」（平均分给各个变体）',
    en: 'Tell me the test\'s daily budget, e.g. "$200 a day" (split equally over the variants)',
  },
  /** analyze_ab_test when no test runs. */
  ab_test_example: { zh: '例如「用刚才的 2 张图在 Meta 上做 A/B 测试，日预算 200」', en: 'e.g. "Run an A/B test of those 2 images on Meta, $200 a day"' },
  /** create_campaign without a budget. */
  campaign_budget: { zh: '请告诉我日预算，例如「日预算 80」', en: 'Tell me the daily budget, e.g. "$80 a day"' },
} as const satisfies Record<string, Text>;

/** A hint's code. */
export type HintCode = keyof typeof HINT;

/** The hint of a code in a language; undefined for an unknown code. */
export function hintText(code: unknown, language: Language): string | undefined {
  return typeof code === 'string' && Object.hasOwn(HINT, code) ? HINT[code as HintCode][language] : undefined;
}
