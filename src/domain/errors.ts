/**
 * The error codes users see, with their messages in Chinese and English and their HTTP status.
 *
 * Codes come from seed 001 "错误处理" (1001-6011) and seed 000 需求 12.1; the HTTP mapping is
 * seed 000 task 4.6. Every error that reaches a user carries `{code, message, details}`.
 */
import type { Language } from './chat/intent.js';

interface CodeInfo {
  /** machine-readable type, e.g. INSUFFICIENT_CREDITS. */
  type: string;
  http: number;
  /** whether retrying the same call later can succeed (drives Temporal retry policies). */
  retryable: boolean;
  zh: string;
  en: string;
}

/** The code table. Keys are the seeds' numeric codes as strings. */
export const ERROR_CODES = {
  '1000': { type: 'INTERNAL_ERROR', http: 500, retryable: false, zh: '系统内部错误，请稍后重试', en: 'Internal error, please try again later' },
  '1001': { type: 'INVALID_PARAMETERS', http: 400, retryable: false, zh: '请求参数无效', en: 'Invalid request parameters' },
  '1002': { type: 'UNAUTHORIZED', http: 401, retryable: false, zh: '认证失败', en: 'Authentication failed' },
  '1003': { type: 'RATE_LIMITED', http: 429, retryable: true, zh: '请求过于频繁，请稍后重试', en: 'Too many requests, please retry later' },
  '1004': { type: 'NOT_FOUND', http: 404, retryable: false, zh: '资源不存在', en: 'Resource not found' },
  '1005': { type: 'QUOTA_EXCEEDED', http: 429, retryable: false, zh: '配额已用尽', en: 'Quota exceeded' },
  '1006': { type: 'FORBIDDEN', http: 403, retryable: false, zh: '无权执行此操作', en: 'You are not allowed to do this' },
  '1009': { type: 'CONFLICT', http: 409, retryable: false, zh: '当前状态不允许此操作', en: 'The operation conflicts with the current state' },
  '3000': { type: 'MCP_CONNECTION_ERROR', http: 503, retryable: true, zh: '无法连接 Web 平台服务', en: 'Cannot reach the Web Platform' },
  '3001': { type: 'MCP_TOOL_NOT_FOUND', http: 500, retryable: false, zh: 'Web 平台工具不存在', en: 'Web Platform tool not found' },
  '3002': { type: 'MCP_INVALID_PARAMETERS', http: 400, retryable: false, zh: 'Web 平台工具参数无效', en: 'Invalid Web Platform tool parameters' },
  '3003': { type: 'MCP_TOOL_FAILED', http: 502, retryable: false, zh: 'Web 平台工具执行失败', en: 'Web Platform tool failed' },
  '3004': { type: 'MCP_TIMEOUT', http: 503, retryable: true, zh: 'Web 平台服务超时', en: 'Web Platform timed out' },
  '4000': { type: 'SERVICE_UNAVAILABLE', http: 503, retryable: true, zh: '服务暂时不可用，正在重试', en: 'Service temporarily unavailable' },
  '4001': { type: 'MODEL_TIMEOUT', http: 503, retryable: true, zh: 'AI 模型响应超时', en: 'The AI model timed out' },
  '4002': { type: 'MODEL_UNAVAILABLE', http: 503, retryable: true, zh: 'AI 模型暂时不可用', en: 'The AI model is unavailable' },
  '4003': { type: 'GENERATION_FAILED', http: 502, retryable: false, zh: '内容生成失败', en: 'Content generation failed' },
  '4004': { type: 'CAPABILITY_UNAVAILABLE', http: 501, retryable: false, zh: '该功能暂未开放', en: 'This capability is not available yet' },
  '5000': { type: 'CREATIVE_NOT_FOUND', http: 404, retryable: false, zh: '素材不存在', en: 'Creative not found' },
  '5001': { type: 'TURN_NOT_FOUND', http: 404, retryable: false, zh: '对话轮次不存在', en: 'Chat turn not found' },
  '6000': { type: 'AD_ACCOUNT_NOT_BOUND', http: 400, retryable: false, zh: '广告账户未绑定', en: 'No ad account is connected' },
  '6001': { type: 'AD_ACCOUNT_TOKEN_EXPIRED', http: 401, retryable: false, zh: '广告账户授权已过期，请重新授权', en: 'Ad account authorisation expired, please reconnect' },
  '6002': { type: 'AD_ACCOUNT_BUDGET_INSUFFICIENT', http: 402, retryable: false, zh: '广告账户余额不足，请充值', en: 'Ad account balance is insufficient' },
  '6003': { type: 'CREATIVE_REJECTED', http: 400, retryable: false, zh: '素材被拒，请修改素材', en: 'The creative was rejected, please revise it' },
  '6005': { type: 'POLICY_VIOLATION', http: 400, retryable: false, zh: '违反平台政策', en: 'Platform policy violation' },
  '6011': { type: 'INSUFFICIENT_CREDITS', http: 402, retryable: false, zh: 'Credit 余额不足，请充值后再试', en: 'Insufficient credits, please recharge' },
} as const satisfies Record<string, CodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CODES, code);
}

/** The error body every API error and every SSE `error` event carries. */
export interface ErrorBody {
  code: ErrorCode;
  type: string;
  message: string;
  details: Record<string, unknown>;
}

/**
 * A failure with a user-facing code. Thrown by clients (MCP, model, platforms) and by domain
 * rules; activities turn it into a Temporal ApplicationFailure of type `AppError` (non-retryable
 * unless the code is retryable), and the API turns it into an HTTP response.
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message ?? ERROR_CODES[code].en);
  }

  get retryable(): boolean {
    return ERROR_CODES[this.code].retryable;
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code].http;
  }
}

/**
 * Builds the body users see for a code: the table's message in their language (or the given
 * message when it is more specific), plus details.
 */
export function errorBody(
  code: ErrorCode,
  language: Language,
  details: Record<string, unknown> = {},
  message?: string,
): ErrorBody {
  const info = ERROR_CODES[code];
  return { code, type: info.type, message: message ?? info[language], details };
}
