/**
 * Makes sure Redis answers at REDIS_URL for `npm run dev` and the tests: when nothing answers on a
 * local address and `redis-server` is on PATH, starts one (no persistence) and stops it later.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';

async function answers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export interface RedisHandle {
  url: string;
  /** whether this process started the server. */
  started: boolean;
  stop(): Promise<void>;
}

/**
 * @throws Error naming what to do when Redis is not reachable and cannot be started
 */
export async function ensureRedis(url: string, log: (msg: string) => void): Promise<RedisHandle> {
  if (await answers(url)) return { url, started: false, stop: async () => {} };
  const { hostname, port } = new URL(url);
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(hostname)) {
    throw new Error(`Redis at ${url} does not answer. Start it, or set REDIS_URL to a reachable Redis.`);
  }
  log(`Redis does not answer at ${url}: starting redis-server on port ${port || 6379} ...`);
  let child: ChildProcess;
  try {
    child = spawn('redis-server', ['--port', port || '6379', '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('spawn', resolve);
    });
  } catch {
    throw new Error(`Redis does not answer at ${url} and redis-server is not installed. Install Redis (apt-get install redis-server, brew install redis) or set REDIS_URL.`);
  }
  for (let i = 0; i < 50; i++) {
    if (await answers(url)) {
      return {
        url,
        started: true,
        stop: async () => {
          child.kill('SIGTERM');
        },
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server started but ${url} does not answer`);
}
