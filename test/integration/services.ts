/** The shared Temporal dev server and Redis started by global-setup.ts. */
import { inject } from 'vitest';

export const services = () => ({ temporalAddress: inject('temporalAddress'), redisUrl: inject('redisUrl') });
