/** What the campaign automation activities use (issue "Campaign automation"). */
import type { Client } from '@temporalio/client';
import type { Redis } from 'ioredis';
import type { AdsService } from '../../ads/service.js';
import type { WebPlatformClient } from '../../mcp/web-platform-client.js';
import type { TextModel } from '../../model/types.js';

export interface AutomationDeps {
  ads: AdsService;
  webPlatform: WebPlatformClient;
  /** writes ad copy (Gemini pro → flash → offline template). */
  textModel: TextModel;
  redis: Redis;
  /** a Temporal client (Schedules for rules). */
  temporal: Client;
  /** the task queue the worker polls (Schedules start their workflows there). */
  taskQueue: string;
}
