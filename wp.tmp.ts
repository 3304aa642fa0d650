import { startWebPlatformSandbox } from './src/sandboxes/web-platform/server.js';
import { WebPlatformClient } from './src/integrations/mcp/web-platform-client.js';
import { OfflineImageModel } from './src/integrations/model/offline/image/render.js';
const sb = await startWebPlatformSandbox({ port: 0, serviceToken: 't', initialCredits: 1000 } as never);
const wp = new WebPlatformClient({ baseUrl: sb.url, token: 't', transport: 'mcp', timeoutMs: 10000 } as never);
const m = new OfflineImageModel({});
for (let i = 0; i < 8; i++) {
  const t0 = performance.now();
  const image = await m.generateImage({ product: 'desk lamp', language: 'en', variant: i, aspectRatio: '1:1' } as never);
  const t1 = performance.now();
  const up = await wp.getUploadUrl({ user_id: 'u1', filename: `x-${i}.png`, content_type: 'image/png' });
  const t2 = performance.now();
  await wp.uploadFile(up.upload_url, image.data, 'image/png');
  const t3 = performance.now();
  await wp.createCreative({ user_id: 'u1', name: `x-${i}`, url: up.file_url, content_type: 'image/png', width: 1080, height: 1080, prompt: 'p', metadata: {}, request_key: `rk-${i}` } as never);
  const t4 = performance.now();
  await wp.deductCredit({ user_id: 'u1', credits: 5, operation_type: 'x', operation_id: `op-${i}` });
  const t5 = performance.now();
  await wp.checkCredit({ user_id: 'u1', estimated_credits: 5, operation_type: 'x' });
  const t6 = performance.now();
  await wp.getConversationHistory({ user_id: 'u1', session_id: 's', limit: 400 });
  const t7 = performance.now();
  console.log(`render ${(t1-t0).toFixed(0)} uploadUrl ${(t2-t1).toFixed(0)} upload ${(t3-t2).toFixed(0)} create ${(t4-t3).toFixed(0)} deduct ${(t5-t4).toFixed(0)} check ${(t6-t5).toFixed(0)} history ${(t7-t6).toFixed(0)}`);
}
await wp.close(); await sb.close();
