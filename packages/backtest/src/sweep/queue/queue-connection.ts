// Redis for the sweep queue (coordinator and queue workers): a redis:// or rediss:// URL to BullMQ's connection
// options, and a reachability check that fails in seconds with one clear line instead of retrying for ever.

import { Redis, type RedisOptions } from 'ioredis';

export class QueueUsageError extends Error {
  override readonly name = 'QueueUsageError';
}

/** The URL with its password hidden, for messages. */
export function safeQueueUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

export function redisOptionsFromUrl(url: string): RedisOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new QueueUsageError(`--queue must be a redis://host:port/N URL, got "${url}"`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')
    throw new QueueUsageError(`--queue must be a redis:// or rediss:// URL, got "${url}"`);
  const db = parsed.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db)) throw new QueueUsageError(`--queue's database must be a number (redis://host:port/N), got "${db}"`);
  return {
    host: parsed.hostname === '' ? '127.0.0.1' : parsed.hostname,
    port: parsed.port === '' ? 6379 : Number(parsed.port),
    db: db === '' ? 0 : Number(db),
    ...(parsed.username === '' ? {} : { username: decodeURIComponent(parsed.username) }),
    ...(parsed.password === '' ? {} : { password: decodeURIComponent(parsed.password) }),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/** Connects once, pings and disconnects; throws an Error naming the URL (password hidden) and why. */
export async function checkRedis(url: string, timeoutMs = 3_000): Promise<void> {
  const redis = new Redis({
    ...redisOptionsFromUrl(url),
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined); // the failure is the connect() rejection below
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`cannot reach Redis at ${safeQueueUrl(url)}: ${(error as Error).message}`, { cause: error });
  } finally {
    redis.disconnect();
  }
}
