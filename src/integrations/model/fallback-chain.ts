/**
 * The model fallback chain of seed 001 "降级策略" (Gemini Pro → Gemini Flash → offline template):
 * each model is asked in order; any failure moves on to the next, so work degrades instead of failing.
 */

/**
 * Calls `call` on each model in order and returns the first success.
 * @param onFailure told of each failure and of the model tried next (undefined after the last)
 * @throws the last model's error when every model fails
 */
export async function firstSuccess<M, R>(
  models: readonly M[],
  call: (model: M) => Promise<R>,
  onFailure: (model: M, err: unknown, next: M | undefined) => void,
): Promise<R> {
  let last: unknown;
  for (const [i, model] of models.entries()) {
    try {
      return await call(model);
    } catch (err) {
      onFailure(model, err, models[i + 1]);
      last = err;
    }
  }
  throw last;
}
