/** Hono context variables set by the API's middleware. */
import type { Logger } from '../observability/logger.js';

export interface AppEnv {
  Variables: {
    requestId: string;
    /** the request's logger, bound to its request id. */
    log: Logger;
  };
}
