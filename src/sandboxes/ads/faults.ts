/**
 * Fault injection for the ads sandbox's facades. A rule matches calls by platform and by a
 * substring of the request path; `count` affects the next N matching calls, `rate` a deterministic
 * share of them (call k fires when floor(k × rate) grows), and a rule with neither affects every
 * matching call until cleared. Rules are tried in the order they were added.
 */
import { z } from 'zod';
import { PLATFORMS, type Platform } from '../../domain/chat/intent.js';
import type { FaultRule } from './world-api.js';

/** Validates a FaultRule (control API body): latency needs latency_ms; rate in (0, 1]. */
export const FaultRuleSchema = z
  .strictObject({
    platform: z.enum(PLATFORMS).optional(),
    path: z.string().min(1).optional(),
    mode: z.enum(['rate_limit', 'token_expired', 'server_error', 'policy', 'latency', 'quota']),
    count: z.number().int().positive().optional(),
    rate: z.number().gt(0).lte(1).optional(),
    latency_ms: z.number().int().nonnegative().max(120_000).optional(),
  })
  .refine((r) => r.mode !== 'latency' || r.latency_ms !== undefined, { message: 'latency_ms is required for mode latency', path: ['latency_ms'] });

interface ActiveRule {
  rule: FaultRule;
  /** matching calls seen so far. */
  seen: number;
  /** calls still to affect; undefined: until cleared. */
  remaining: number | undefined;
}

/** The active fault rules of a sandbox. */
export class FaultStore {
  private rules: ActiveRule[] = [];

  /**
   * Adds a rule.
   * @throws ZodError when the rule is invalid (see FaultRuleSchema)
   */
  add(rule: FaultRule): void {
    const parsed = FaultRuleSchema.parse(rule);
    this.rules.push({ rule: parsed, seen: 0, remaining: parsed.count });
  }

  /** Removes every rule. */
  clear(): void {
    this.rules = [];
  }

  /**
   * The rule that applies to this call (a copy), consuming one of its `count`; undefined when no
   * rule fires. Every matching rule counts the call for its `rate`, the first one that fires wins.
   */
  take(platform: Platform, path: string): FaultRule | undefined {
    let fired: ActiveRule | undefined;
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.platform && rule.platform !== platform) continue;
      if (rule.path && !path.includes(rule.path)) continue;
      active.seen += 1;
      if (fired) continue;
      const rate = rule.rate;
      if (rate !== undefined && Math.floor(active.seen * rate) === Math.floor((active.seen - 1) * rate)) continue;
      fired = active;
    }
    if (!fired) return undefined;
    if (fired.remaining !== undefined) {
      fired.remaining -= 1;
      if (fired.remaining <= 0) this.rules = this.rules.filter((r) => r !== fired);
    }
    return { ...fired.rule };
  }
}
