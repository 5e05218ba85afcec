import { describe, expect, it, jest } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { Writable } from 'node:stream';
import { createLogger, withSymbol } from './create-logger.js';
import { SecretScrubber } from './secret-scrubber.js';

const apiKey = 'XXXXXXXXXXXXXXXXXX';
const apiSecret = 'YYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYY';

function memoryLogger(level: 'info' | 'trace' = 'trace') {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((l) => l.length > 0),
      );
      callback();
    },
  });
  const logger = createLogger({ worker: 'execution', level, secrets: [apiKey, apiSecret], destination });
  return { logger, lines };
}

describe('createLogger', () => {
  it('writes one JSON object per line with the worker, the symbol and a level name', () => {
    const { logger, lines } = memoryLogger();
    withSymbol(logger, 'SUIUSDT').info({ score: 1.5e9 }, 'new top coin detected');
    const entry = JSON.parse(lines[0] as string);
    expect(entry).toMatchObject({ worker: 'execution', symbol: 'SUIUSDT', level: 'info', score: 1.5e9, msg: 'new top coin detected' });
  });

  it('respects the level: debug lines are dropped at info', () => {
    const { logger, lines } = memoryLogger('info');
    logger.debug('momentum 0.0012');
    logger.warn('wide spread');
    expect(lines.map((l) => JSON.parse(l).level)).toEqual(['warn']);
  });

  it('never writes the API secret, the key or a request signature, wherever they appear', () => {
    const { logger, lines } = memoryLogger();
    const timestamp = '1658384314791';
    const payload = '{"category":"linear","symbol":"BTCUSDT","side":"Buy","orderType":"Market","qty":"0.001"}';
    const signature = createHmac('sha256', apiSecret)
      .update(timestamp + apiKey + '5000' + payload)
      .digest('hex');
    const wsSignature = createHmac('sha256', apiSecret).update('GET/realtime1662350400000').digest('hex');

    logger.info({ apiKey, apiSecret }, 'credentials loaded');
    logger.info({ credentials: { apiKey, apiSecret } }, 'nested credentials');
    logger.info({ request: { headers: { 'X-BAPI-SIGN': signature, 'X-BAPI-API-KEY': apiKey } } }, 'signed request');
    logger.info({ headers: { 'x-bapi-sign': signature } }, 'lower-case headers');
    logger.trace({ frame: { op: 'auth', args: [apiKey, 1662350400000, wsSignature] } }, 'ws auth frame');
    logger.info(`the secret is ${apiSecret} and the sign is ${signature}`);
    logger.error(new Error(`bad signature ${signature} for key ${apiKey}`), 'order failed');
    logger.info({ deeply: { nested: { inside: { value: `k=${apiSecret}` } } } }, 'deep');

    const output = lines.join('\n');
    expect(lines).toHaveLength(8);
    for (const forbidden of [apiSecret, apiKey, signature, wsSignature]) {
      expect(output).not.toContain(forbidden);
    }
    expect(output).toContain('[REDACTED]');
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });
});

describe('createLogger with format pretty', () => {
  it("writes the same scrubbed JSON lines, to this thread's process.stdout (which a worker's main thread renders)", () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const logger = createLogger({ worker: 'strategy', level: 'info', format: 'pretty', secrets: [apiSecret] });
      logger.info({ note: `secret ${apiSecret}` }, 'to the renderer');
    } finally {
      spy.mockRestore();
    }
    expect(written).toHaveLength(1);
    expect(JSON.parse(written[0] as string)).toMatchObject({ worker: 'strategy', msg: 'to the renderer', note: 'secret [REDACTED]' });
  });
});

describe('SecretScrubber', () => {
  it('refuses secrets too short to scrub safely and ignores empty ones', () => {
    const scrubber = new SecretScrubber();
    expect(() => scrubber.add('abc')).toThrow(RangeError);
    expect(() => scrubber.add('')).not.toThrow();
  });

  it('leaves ordinary identifiers alone', () => {
    const scrubber = new SecretScrubber();
    const line = '{"orderId":"fd4300ae-7847-404e-b947-b46980a4d140","execId":"7e2ae69c-4edf-5800-a352-893d52b446aa"}';
    expect(scrubber.scrub(line)).toBe(line);
  });
});
