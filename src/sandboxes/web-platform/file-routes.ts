/**
 * Upload and file URLs: PUT /uploads/:key?token=... stores the bytes of a slot created by
 * get_upload_url (one time, declared Content-Type, at most 10 MB); GET /files/:key serves them
 * without authentication, like a public CDN URL.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError } from '../../domain/errors.js';
import type { SandboxEnv } from './call-context.js';
import { errorBody } from './dispatch.js';
import type { WebPlatformStore } from './store.js';
import { MAX_UPLOAD_BYTES } from './uploads.js';

/** The /uploads and /files routes. */
export function fileRoutes(store: WebPlatformStore): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();

  app.put(
    '/uploads/:key',
    bodyLimit({
      maxSize: MAX_UPLOAD_BYTES,
      onError: (c) => c.json(errorBody(new AppError('1001', 'File too large', { max_bytes: MAX_UPLOAD_BYTES })), 413),
    }),
    async (c) => {
      const contentType = (c.req.header('content-type') ?? '').split(';')[0]!.trim();
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      try {
        await store.uploads.complete(c.req.param('key'), c.req.query('token') ?? '', contentType, bytes);
        return c.body(null, 200);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        return c.json(errorBody(err), err.httpStatus as ContentfulStatusCode);
      }
    },
  );

  app.get('/files/:key', async (c) => {
    const file = await store.uploads.get(c.req.param('key'));
    if (!file) return c.json(errorBody(new AppError('1004', 'File not found')), 404);
    return c.body(Buffer.from(file.bytes), 200, {
      'content-type': file.contentType,
      'cache-control': 'public, max-age=31536000, immutable',
    });
  });

  return app;
}
