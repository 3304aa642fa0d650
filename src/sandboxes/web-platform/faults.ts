/**
 * Injected faults for tests and demos (POST /_control/faults): the next `count` calls of a tool
 * (or of every tool) fail with a code, hang, or lose their connection.
 */
import { z } from 'zod';
import { isErrorCode, type ErrorCode } from '../../domain/errors.js';

/** A fault as POST /_control/faults takes it. */
export const FaultSpecSchema = z.object({
  /** tool name; absent: every tool. */
  tool: z.string().min(1).optional(),
  /** error: fail with `code`; timeout: hang `delay_ms` before answering; drop: close the connection. */
  mode: z.enum(['error', 'timeout', 'drop']),
  /** how many calls it affects (default 1). */
  count: z.number().int().positive().default(1),
  /** how long a timeout fault hangs, in ms (default 60000). */
  delay_ms: z.number().int().nonnegative().default(60_000),
  /** the code an error fault fails with (default 1000). */
  code: z
    .union([z.string(), z.number()])
    .transform(String)
    .refine(isErrorCode, 'unknown error code')
    .default('1000'),
});

/** A validated fault. */
export type FaultSpec = z.output<typeof FaultSpecSchema>;

/** A fault applied to one call. */
export type ActiveFault = FaultSpec & { code: ErrorCode };

/** The active faults of one sandbox. */
export class Faults {
  private pending: FaultSpec[] = [];

  /** Adds a fault after those already pending. */
  add(spec: FaultSpec): void {
    this.pending.push({ ...spec });
  }

  /** Removes every pending fault. */
  clear(): void {
    this.pending = [];
  }

  /** The fault for this call of `tool`, if any; consumes one of its calls. */
  take(tool: string): ActiveFault | undefined {
    const index = this.pending.findIndex((f) => f.tool === undefined || f.tool === tool);
    const fault = this.pending[index];
    if (!fault) return undefined;
    fault.count -= 1;
    if (fault.count <= 0) this.pending.splice(index, 1);
    return { ...fault, code: fault.code as ErrorCode };
  }
}
