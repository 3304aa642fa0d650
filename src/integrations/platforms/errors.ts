/**
 * Platform failures as coded errors (issue "Ad platforms" §1; seed 001 错误处理). Every adapter maps
 * its platform's error envelope to one of these codes and keeps the platform's own fields in
 * details (platform, http_status, platform_code, platform_subcode, platform_message, request_id).
 */
import { AppError, type ErrorCode } from '../../domain/errors.js';
import type { Platform } from '../../domain/ads/types.js';

/** The codes a platform failure may carry. 1003 and 4000 are retryable, the others fail fast. */
export type PlatformErrorCode = Extract<ErrorCode, '6001' | '6002' | '6003' | '6005' | '1003' | '1005' | '1001' | '1002' | '1004' | '4000'>;

/** What the platform said, kept for operators and for the user's details. */
export interface PlatformErrorDetails {
  http_status?: number;
  platform_code?: string | number;
  platform_subcode?: string | number;
  platform_message?: string;
  request_id?: string;
  /** seconds the platform asks to wait (rate limits), when it says. */
  retry_after_s?: number;
  [key: string]: unknown;
}

/**
 * Builds the AppError for a platform failure.
 * @param message the user-facing message; defaults to the code table's English text
 */
export function platformError(
  code: PlatformErrorCode,
  platform: Platform,
  details: PlatformErrorDetails,
  message?: string,
): AppError {
  return new AppError(code, message, { platform, ...details });
}
