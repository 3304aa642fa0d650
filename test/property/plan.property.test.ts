/**
 * Property tests of the plan rules (seed 000 Property 2: multi-step execution order; Property 6:
 * confirmation of high-risk operations), at least 100 runs each.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTION_NAMES, moduleOf, type ActionName, type DraftStep, type IntentDraft } from '../../src/domain/chat/intent.js';
import { buildPlan, orderSteps } from '../../src/domain/chat/plan.js';
import { assessRisk } from '../../src/domain/chat/risk.js';

const action = fc.constantFrom(...ACTION_NAMES);
const step = (a: ActionName, parameters: DraftStep['parameters'] = {}): DraftStep => ({ module: moduleOf(a), action: a, parameters });
const steps = fc.array(action.map((a) => step(a)), { minLength: 1, maxLength: 6 });

const before = (ordered: DraftStep[], first: ActionName, then: ActionName) => {
  const i = ordered.findIndex((s) => s.action === first);
  const j = ordered.findIndex((s) => s.action === then);
  return i < 0 || j < 0 || i < j;
};

describe('Property 2: execution order', () => {
  it('puts creative and landing page before campaign creation, analysis before optimisation', () => {
    fc.assert(
      fc.property(steps, (input) => {
        const { steps: ordered } = orderSteps(input);
        expect(before(ordered, 'generate_creative', 'create_campaign')).toBe(true);
        expect(before(ordered, 'create_landing_page', 'create_campaign')).toBe(true);
        expect(before(ordered, 'analyze_performance', 'optimize_budget')).toBe(true);
        expect(before(ordered, 'get_reports', 'update_budget')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every step exactly once and points depends_on only backwards', () => {
    fc.assert(
      fc.property(steps, (input) => {
        const { steps: ordered, dependsOn } = orderSteps(input);
        expect([...ordered].sort((a, b) => a.action.localeCompare(b.action))).toEqual([...input].sort((a, b) => a.action.localeCompare(b.action)));
        dependsOn.forEach((deps, i) => deps.forEach((d) => expect(d).toBeLessThan(i)));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the message order of independent steps', () => {
    const { steps: ordered } = orderSteps([step('get_trends'), step('analyze_competitor'), step('get_reports')]);
    expect(ordered.map((s) => s.action)).toEqual(['get_trends', 'analyze_competitor', 'get_reports']);
  });

  it('orders "分析表现并优化预算" and "生成素材并创建广告" with dependencies', () => {
    const a = orderSteps([step('optimize_budget'), step('analyze_performance')]);
    expect(a.steps.map((s) => s.action)).toEqual(['analyze_performance', 'optimize_budget']);
    expect(a.dependsOn).toEqual([[], [0]]);
  });
});

describe('Property 6: confirmation for high-risk operations', () => {
  const threshold = 100;
  it('any delete, or pause of all/several campaigns, is high risk', () => {
    fc.assert(
      fc.property(fc.constantFrom('pause', 'delete', 'start'), fc.constantFrom('all', 'several', 'one', undefined), (operation, scope) => {
        const s = step('manage_campaign', { operation: operation as 'pause', ...(scope ? { scope: scope as 'all' } : {}) });
        const { risk } = assessRisk(s, 1, threshold, 'en');
        const expected = operation === 'delete' || (operation === 'pause' && (scope === 'all' || scope === 'several'));
        expect(risk === 'high').toBe(expected);
      }),
      { numRuns: 100 },
    );
  });

  it('a budget change is high risk exactly when it exceeds 50%', () => {
    fc.assert(
      fc.property(fc.integer({ min: -95, max: 300 }), (percent) => {
        const { risk } = assessRisk(step('update_budget', { budget_change: { kind: 'percent', value: percent } }), 1, threshold, 'zh');
        expect(risk === 'high').toBe(Math.abs(percent) > 50);
      }),
      { numRuns: 200 },
    );
  });

  it('a step is high risk when its estimated credits exceed the threshold', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), (count) => {
        const plan = buildPlan({ steps: [step('generate_creative', { count })], confidence: 0.9, language: 'en' } satisfies IntentDraft, {
          creditThreshold: threshold,
        });
        expect(plan.steps[0]!.estimated_credits).toBe(count * 5);
        expect(plan.steps[0]!.risk === 'high').toBe(count * 5 > threshold);
      }),
      { numRuns: 100 },
    );
  });

  it('with default settings 3 images need no confirmation and 40 do, both affordable from 1000 credits', () => {
    const plan = (count: number) => buildPlan({ steps: [step('generate_creative', { count })], confidence: 0.9, language: 'en' }, { creditThreshold: threshold });
    expect(plan(3).steps[0]).toMatchObject({ risk: 'low', estimated_credits: 15 });
    expect(plan(40).steps[0]).toMatchObject({ risk: 'high', estimated_credits: 200 });
  });

  it('reading reports is never high risk', () => {
    fc.assert(
      fc.property(fc.constantFrom<ActionName>('get_reports', 'analyze_performance', 'detect_anomaly', 'get_campaign_status'), (a) => {
        expect(assessRisk(step(a), 5, threshold, 'en').risk).not.toBe('high');
      }),
      { numRuns: 100 },
    );
  });
});
