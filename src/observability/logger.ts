/**
 * Structured JSON logging (pino). Every log line is JSON; callers bind request, workflow, turn
 * and user ids with `logger.child({...})`. Secrets never reach a log: the redact paths below
 * blank tokens and keys wherever they appear in a logged object.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

/** Paths pino blanks out in every log line. */
const REDACT = [
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'apiKey',
  '*.apiKey',
  'access_token',
  '*.access_token',
  'GEMINI_API_KEY',
  'SERVICE_TOKEN',
  'WEB_PLATFORM_SERVICE_TOKEN',
];

/**
 * Creates the root logger of a process.
 * @param name the process name (api, worker, dev, web-platform-sandbox)
 * @param level pino level (default from LOG_LEVEL, else info)
 */
export function createLogger(name: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name,
    level,
    base: { service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT, censor: '[redacted]' },
  });
}
