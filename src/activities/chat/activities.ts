/**
 * The chat turn's activities: all its I/O (Web Platform MCP tools, models, Redis events). Each one
 * is idempotent under Temporal's retries: credit operations carry the workflow-derived operation
 * id, creatives a request key, events a dedupe key.
 */
import { log } from '@temporalio/activity';
import { compressHistory } from '../../domain/chat/conversation.js';
import { AppError } from '../../domain/errors.js';
import type { TurnEvent } from '../../domain/chat/events.js';
import type { TurnEventStore } from '../../integrations/redis/turn-event-store.js';
import type { WebPlatformClient } from '../../integrations/mcp/web-platform-client.js';
import type { CreativeAnalysis, GeneratedImage, ImageModel, TextModel } from '../../integrations/model/types.js';
import { planMessage } from './planner.js';
import type { Language } from '../../domain/chat/intent.js';
import type { ChatActivities, CreativeRecord } from './types.js';
import { withCodedFailures } from '../kit/failures.js';
import { DEFAULT_PRODUCT } from '../../domain/replies/labels.js';
import { withRenderedTexts } from '../../domain/replies/turn.js';

/** Messages of history read per turn (the newest ones); compressed beyond 100 rounds. */
const HISTORY_LIMIT = 400;

export interface ChatActivityDeps {
  webPlatform: WebPlatformClient;
  events: TurnEventStore;
  textModel: TextModel;
  imageModel: ImageModel;
  /** scores an image (Gemini vision, or measured properties offline). */
  analyzeImage: (image: Buffer, mimeType: string, language: Language) => Promise<CreativeAnalysis>;
}

/** A file-name-safe slug of a product name (keeps CJK characters). */
function slug(text: string): string {
  return text.trim().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 40) || 'creative';
}

/** Builds the activities from their dependencies; coded errors leave them as ApplicationFailures. */
export function createChatActivities(deps: ChatActivityDeps): ChatActivities {
  const wp = deps.webPlatform;
  const activities: ChatActivities = {
    async publishEvent(turnId, event, key) {
      await deps.events.publish(turnId, event, key);
    },

    async loadHistory(userId, sessionId) {
      try {
        const { messages } = await wp.getConversationHistory({ user_id: userId, session_id: sessionId, limit: HISTORY_LIMIT });
        return compressHistory(messages);
      } catch (err) {
        log.warn('history unavailable; planning without it', { userId, sessionId, error: err instanceof Error ? err.message : String(err) });
        return [];
      }
    },

    async planTurn(input) {
      return planMessage(deps.textModel, input);
    },

    async checkCredits(userId, credits, operationType) {
      return wp.checkCredit({ user_id: userId, estimated_credits: credits, operation_type: operationType });
    },

    async deductCredits(userId, credits, operationType, operationId) {
      const r = await wp.deductCredit({ user_id: userId, credits, operation_type: operationType, operation_id: operationId });
      log.info('credits deducted', { userId, credits, operationId, balance: r.balance, duplicate: r.duplicate });
    },

    async refundCredits(userId, credits, operationId) {
      const r = await wp.refundCredit({ user_id: userId, credits, operation_id: operationId });
      log.info('credits refunded', { userId, credits, operationId, balance: r.balance, duplicate: r.duplicate });
    },

    async generateCreativeImage(input): Promise<CreativeRecord> {
      {
        const product = input.product ?? DEFAULT_PRODUCT[input.language];
        const name = `${slug(product)}-${input.index + 1}`;
        const slotFor = (mimeType: GeneratedImage['mimeType']) =>
          wp.getUploadUrl({ user_id: input.userId, filename: `${name}.${mimeType.split('/')[1]}`, content_type: mimeType });
        // A model with a fixed output type gets its upload slot while the image is made.
        const early = deps.imageModel.mimeType ? slotFor(deps.imageModel.mimeType) : undefined;
        early?.catch(() => undefined); // awaited below; a failure there surfaces then
        const image = await deps.imageModel.generateImage({
          product,
          ...(input.style ? { style: input.style } : {}),
          language: input.language,
          variant: input.index,
          aspectRatio: '1:1',
        });
        const upload = early && image.mimeType === deps.imageModel.mimeType ? await early : await slotFor(image.mimeType);
        await wp.uploadFile(upload.upload_url, image.data, image.mimeType);
        const creative = await wp.createCreative({
          user_id: input.userId,
          name,
          url: upload.file_url,
          content_type: image.mimeType,
          width: image.width,
          height: image.height,
          prompt: [product, input.style].filter(Boolean).join(' / '),
          metadata: { model: image.model, operation_id: input.operationId, index: input.index },
          request_key: `${input.operationId}:image-${input.index}`,
        });
        log.info('creative created', { userId: input.userId, creativeId: creative.id, duplicate: creative.duplicate, model: image.model });
        return { creative_id: creative.id, url: creative.url, width: image.width, height: image.height, model: image.model };
      }
    },

    async analyzeCreative({ userId, creativeId, language }) {
      const creative = await wp.getCreative({ user_id: userId, creative_id: creativeId });
      const response = await fetch(creative.url, { signal: AbortSignal.timeout(15_000) });
      if (!response.ok) throw new AppError('5000', `creative file unavailable (HTTP ${response.status})`, { creative_id: creativeId });
      const image = Buffer.from(await response.arrayBuffer());
      const analysis = await deps.analyzeImage(image, creative.content_type, language);
      return { ...analysis, creative_id: creativeId };
    },

    async writeReply(turnId, context) {
      // Tokens are sent in batches: those that arrive together (a templated reply, a model's
      // chunk) go in one Redis call; calls keep their order on the one connection, and the reply
      // returns once every token is in the stream.
      const sent: Promise<string[]>[] = [];
      let batch: Array<{ event: TurnEvent; key: string }> = [];
      let index = 0;
      let scheduled: NodeJS.Immediate | undefined;
      const send = () => {
        scheduled = undefined;
        if (batch.length > 0) sent.push(deps.events.publishMany(turnId, batch));
        batch = [];
      };
      const text = await deps.textModel.streamReply(withRenderedTexts(context), async (token) => {
        batch.push({ event: { type: 'token', content: token }, key: `token-${index++}` });
        scheduled ??= setImmediate(send);
      });
      if (scheduled) clearImmediate(scheduled);
      send();
      await Promise.all(sent);
      return text;
    },

    async saveConversation(userId, sessionId, messages) {
      await wp.saveConversation({ user_id: userId, session_id: sessionId, messages });
    },
  };
  return withCodedFailures(activities);
}
