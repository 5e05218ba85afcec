// Telegram alerts on a running engine (issue 18), against a fake Bot API server on 127.0.0.1 (grammY's apiRoot):
// the allow-listed chats hear the start, an entry when it fills and its exit with the PnL, and no other chat hears
// anything; a Bot API that fails every call costs the notices, not the trading.

import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningEngine } from '../runtime/engine-runner.js';
import { startQuietEngine, tickingSymbol } from '../runtime/test-support/test-engine.js';
import { until } from '../runtime/test-support/until.js';

const token = '123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0';

interface SentMessage {
  readonly path: string;
  readonly chatId: number;
  readonly text: string;
}

/** A Bot API that takes sendMessage (answering `status`) and keeps what it was sent. */
async function fakeBotApi(status = 200): Promise<{ readonly server: Server; readonly apiRoot: string; readonly sent: SentMessage[] }> {
  const sent: SentMessage[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const payload = JSON.parse(body === '' ? '{}' : body) as { chat_id?: number; text?: string };
      sent.push({ path: request.url ?? '', chatId: Number(payload.chat_id), text: String(payload.text) });
      const answer =
        status === 200
          ? { ok: true, result: { message_id: sent.length, date: 0, chat: { id: payload.chat_id, type: 'private' }, text: payload.text } }
          : { ok: false, error_code: status, description: 'Bad Gateway' };
      response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, apiRoot: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sent };
}

const tradingArgs = [
  '--scanner.intervalMs',
  '1000',
  '--strategy.minTopSize',
  '0.001',
  '--strategy.positionSizeUsd',
  '200',
  '--strategy.maxHoldingMs',
  '2000',
];
const sim = ['--venue.sim.tradesPerSecond', '60', '--venue.sim.seed', '6', '--venue.sim.market', 'calm'];

let engine: RunningEngine | null = null;
let server: Server | null = null;
afterEach(async () => {
  await engine?.stop('test over');
  engine = null;
  server?.close();
  server = null;
}, 60_000);

async function tradeOnce(running: RunningEngine): Promise<void> {
  const symbol = await tickingSymbol(running);
  running.venue!.impulse(symbol, 1.5, 1_500, 3);
  await until(async () => (Number((await running.supervisor.stats()).execution['sessionTrips']) >= 1 ? true : undefined), 'a round trip', 30_000);
}

describe('Telegram alerts', () => {
  it('tell the allow-listed chats of the start, the entry and the exit with its PnL, and no other chat', async () => {
    const api = await fakeBotApi();
    server = api.server;
    engine = await startQuietEngine([...tradingArgs, ...sim], {
      telegram: { botToken: token, chatIds: [111, -222], apiRoot: api.apiRoot },
      telegramIntervalMs: 20,
    });
    await tradeOnce(engine);
    await until(() => (api.sent.filter((m) => m.chatId === -222 && m.text.includes('Closed')).length > 0 ? true : undefined), 'the exit notice');
    for (const chatId of [111, -222]) {
      const texts = api.sent.filter((m) => m.chatId === chatId).map((m) => m.text);
      expect(texts[0]).toMatch(/^Engine started \(sim, version /);
      expect(texts).toContainEqual(expect.stringMatching(/^Entered (long|short) [\d.]+ [A-Z0-9]+USDT at [\d.]+$/));
      expect(texts).toContainEqual(
        expect.stringMatching(/^(STOP-OUT: )?Closed (long|short) [\d.]+ [A-Z0-9]+USDT: [\d.]+ → [\d.]+, net -?[\d.]+ USDT/),
      );
    }
    expect(new Set(api.sent.map((m) => m.chatId))).toEqual(new Set([111, -222]));
    expect(new Set(api.sent.map((m) => m.path))).toEqual(new Set([`/bot${token}/sendMessage`]));
  }, 90_000);

  it('cost only the notices when the Bot API fails every call: the engine still trades', async () => {
    const api = await fakeBotApi(502);
    server = api.server;
    engine = await startQuietEngine([...tradingArgs, ...sim], {
      telegram: { botToken: token, chatIds: [111], apiRoot: api.apiRoot },
      telegramIntervalMs: 20,
    });
    await tradeOnce(engine);
    expect(api.sent.length).toBeGreaterThan(0);
  }, 90_000);
});
