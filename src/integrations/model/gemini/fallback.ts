/**
 * The model fallback chain of seed 001 "降级策略": Gemini Pro → Gemini Flash → template (offline).
 * Each model is tried in order; any failure (rate limit, timeout, unavailability, invalid output,
 * even a non-retryable one) moves on to the next model, so a turn degrades instead of failing.
 */
import type { IntentDraft } from '../../../domain/chat/intent.js';
import type { Logger } from '../../../observability/logger.js';
import { AppError } from '../../../domain/errors.js';
import { firstSuccess } from '../fallback-chain.js';
import type { IntentRequest, ReplyContext, TextModel } from '../types.js';

/** Marks an error thrown by the caller's onToken, which must propagate instead of falling back. */
class TokenSinkError {
  constructor(readonly error: unknown) {}
}

/** Composes text models in priority order (seed 001 降级策略; seed 000 task 9.2). */
export class FallbackTextModel implements TextModel {
  /** The chain's models joined by " > ", e.g. "gemini-3.1-pro-preview > gemini-3.5-flash > offline". */
  readonly name: string;

  /**
   * @param models the models in priority order (pro, flash, offline); at least one
   * @param logger receives one warning per failed model (model name, operation, error code, whether
   *   a next model is tried); never the API key
   * @throws Error when models is empty (a programming error)
   */
  constructor(
    private readonly models: readonly TextModel[],
    private readonly logger: Pick<Logger, 'warn'>,
  ) {
    if (models.length === 0) throw new Error('FallbackTextModel needs at least one model');
    this.name = models.map((m) => m.name).join(' > ');
  }

  private logFailure(model: TextModel, operation: string, err: unknown, next: TextModel | undefined): void {
    this.logger.warn(
      {
        model: model.name,
        operation,
        code: err instanceof AppError ? err.code : 'unknown',
        retryable: err instanceof AppError ? err.retryable : undefined,
        error: err instanceof Error ? err.message : String(err),
        next_model: next?.name ?? null,
      },
      'text model failed',
    );
  }

  /**
   * Asks each model in turn for the intent draft.
   * @returns the first model's successful draft
   * @throws the last model's error when every model fails
   */
  recognizeIntent(req: IntentRequest): Promise<IntentDraft> {
    return firstSuccess(
      this.models,
      (model) => model.recognizeIntent(req),
      (model, err, next) => this.logFailure(model, 'recognizeIntent', err, next),
    );
  }

  /**
   * Streams the reply from the first model that succeeds. A model that fails before delivering any
   * token hands over to the next one. A model that fails after tokens were delivered ends the
   * chain with its error, since the user already saw part of its text and a second model would
   * repeat it. Errors thrown by onToken propagate unchanged.
   * @returns the whole text of the model that answered
   * @throws the last model's error when every model fails, the failing model's error after partial
   *   output, or onToken's error
   */
  async streamReply(ctx: ReplyContext, onToken: (token: string) => Promise<void>): Promise<string> {
    let last: unknown;
    for (const [i, model] of this.models.entries()) {
      let delivered = false;
      const sink = async (token: string): Promise<void> => {
        try {
          await onToken(token);
        } catch (err) {
          throw new TokenSinkError(err);
        }
        delivered = true;
      };
      try {
        return await model.streamReply(ctx, sink);
      } catch (err) {
        if (err instanceof TokenSinkError) throw err.error;
        this.logFailure(model, 'streamReply', err, delivered ? undefined : this.models[i + 1]);
        if (delivered) throw err;
        last = err;
      }
    }
    throw last;
  }
}
