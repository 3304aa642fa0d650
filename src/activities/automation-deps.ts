/** What the campaign automation activities use (issue "Campaign automation"). */
import type { Client } from '@temporalio/client';
import type { Redis } from 'ioredis';
import type { AdsService } from '../integrations/ads/service.js';
import type { WebPlatformClient } from '../integrations/mcp/web-platform-client.js';
import type { AdCopyModel } from '../integrations/model/copy.js';
import type { TextModel } from '../integrations/model/types.js';

export interface AutomationDeps {
  ads: AdsService;
  webPlatform: WebPlatformClient;
  /** the text model (Gemini pro → flash → offline). */
  textModel: TextModel;
  /** writes ad copy for create_campaign (Gemini pro → flash → offline template; seed 001 降级策略 1). */
  copyModel: AdCopyModel;
  redis: Redis;
  /** a Temporal client (Schedules for rules). */
  temporal: Client;
  /** the task queue the worker polls (Schedules start their workflows there). */
  taskQueue: string;
}
