// Telegram alerts on a running engine (issue 18), against a fake Bot API server on 127.0.0.1 (grammY's apiRoot):
// the allow-listed chats hear the start, an entry when it fills and its exit with the PnL, and no other chat hears
// anything; a Bot API that fails every call costs the notices, not the trading.

import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningEngine } from '../runtime/engine-runner.js';
import { calmSimArgs, quickTradeArgs, startQuietEngine, tickingSymbol, withOption } from '../runtime/test-support/test-engine.js';
import { until } from '../runtime/test-support/until.js';
import { startFakeBotApi, type FakeBotApi } from './test-support/fake-bot-api.js';

const token = '123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0';

const tradingArgs = quickTradeArgs;
const sim = calmSimArgs;

let engine: RunningEngine | null = null;
let api: FakeBotApi | null = null;
afterEach(async () => {
  await engine?.stop('test over');
  engine = null;
  await api?.close();
  api = null;
}, 60_000);

async function tradeOnce(running: RunningEngine): Promise<void> {
  const symbol = await tickingSymbol(running);
  running.venue!.impulse(symbol, 1.5, 1_500, 3);
  await until(async () => (Number((await running.supervisor.stats()).execution['sessionTrips']) >= 1 ? true : undefined), 'a round trip', 30_000);
}

describe('Telegram alerts', () => {
  it('tell the allow-listed chats of the start, the entry and the exit with its PnL, and no other chat', async () => {
    const bot = (api = await startFakeBotApi());
    engine = await startQuietEngine([...tradingArgs, ...sim], {
      telegram: { botToken: token, chatIds: [111, -222], apiRoot: bot.apiRoot },
      telegramIntervalMs: 20,
    });
    await tradeOnce(engine);
    await until(() => (bot.sent.filter((m) => m.chatId === -222 && m.text.includes('Closed')).length > 0 ? true : undefined), 'the exit notice');
    for (const chatId of [111, -222]) {
      const texts = bot.sent.filter((m) => m.chatId === chatId).map((m) => m.text);
      expect(texts[0]).toMatch(/^Engine started \(sim, version /);
      expect(texts).toContainEqual(expect.stringMatching(/^Entered (long|short) [\d.]+ [A-Z0-9]+USDT at [\d.]+$/));
      expect(texts).toContainEqual(
        expect.stringMatching(/^(STOP-OUT: )?Closed (long|short) [\d.]+ [A-Z0-9]+USDT: [\d.]+ → [\d.]+, net -?[\d.]+ USDT/),
      );
    }
    expect(new Set(bot.sent.map((m) => m.chatId))).toEqual(new Set([111, -222]));
    expect(new Set(bot.sent.map((m) => m.path))).toEqual(new Set([`/bot${token}/sendMessage`]));
  }, 90_000);

  it('cost only the notices when the Bot API fails every call: the engine still trades', async () => {
    const bot = (api = await startFakeBotApi({ failWith: 502 }));
    engine = await startQuietEngine([...tradingArgs, ...sim], {
      telegram: { botToken: token, chatIds: [111], apiRoot: bot.apiRoot },
      telegramIntervalMs: 20,
    });
    await tradeOnce(engine);
    expect(bot.sent.length).toBeGreaterThan(0);
  }, 90_000);

  it('answer /status and /pnl to an allowed chat, ignore any other chat, halt on /halt confirm only and resume on /resume confirm', async () => {
    const bot = (api = await startFakeBotApi());
    engine = await startQuietEngine([...tradingArgs, ...sim], {
      telegram: { botToken: token, chatIds: [111], apiRoot: bot.apiRoot },
      telegramIntervalMs: 20,
    });
    const running = engine;
    await tickingSymbol(running);
    const answersTo = (chatId: number) => bot.sent.filter((m) => m.chatId === chatId && !m.text.startsWith('Engine started')).map((m) => m.text);
    bot.say(999, '/status');
    bot.say(111, '/status');
    await until(() => (answersTo(111).length > 0 ? true : undefined), 'the /status answer');
    expect(answersTo(111)[0]).toMatch(
      /^Symbol [A-Z0-9]+USDT \((flat|entering|open|exiting)\), feed live\nPosition flat, unrealised .* USDT\nTrading: on$/,
    );
    bot.say(111, '/pnl');
    await until(() => (answersTo(111).some((t) => t.startsWith('Today (UTC)')) ? true : undefined), 'the /pnl answer');
    bot.say(111, '/halt');
    await until(() => (answersTo(111).some((t) => t.startsWith('This flattens')) ? true : undefined), 'the /halt question');
    expect(String((await running.supervisor.stats()).execution['halted'])).toBe('');
    bot.say(999, '/halt confirm');
    bot.say(111, '/halt confirm');
    await until(() => (answersTo(111).some((t) => t.startsWith('Halted:')) ? true : undefined), 'the /halt answer');
    expect(String((await running.supervisor.stats()).execution['halted'])).toBe('kill switch: Telegram /halt from chat 111');
    await until(async () => ((await running.supervisor.stats()).strategy['halted'] !== '' ? true : undefined), 'strategy halted');
    bot.say(999, '/resume confirm');
    bot.say(111, '/resume');
    await until(() => (answersTo(111).some((t) => t.startsWith('This lifts')) ? true : undefined), 'the /resume question');
    bot.say(111, '/resume confirm');
    await until(
      () => (answersTo(111).some((t) => t.startsWith('Resumed:')) ? true : undefined),
      () => `the /resume answer: ${JSON.stringify(answersTo(111))}`,
    );
    const resumed = await running.supervisor.stats();
    expect(resumed.execution['halted']).toBe('');
    // Execution told strategy on the same port, so it is not halted either (once the message is read).
    await until(async () => ((await running.supervisor.stats()).strategy['halted'] === '' ? true : undefined), 'strategy resumed');
    bot.say(111, '/resume confirm');
    await until(() => (answersTo(111).some((t) => t === 'Not resumed: trading is not halted.') ? true : undefined), 'the refusal');
    expect(bot.sent.filter((m) => m.chatId === 999)).toEqual([]);
  }, 90_000);

  it('close the position on /close confirm from an allowed chat, and go on trading', async () => {
    const bot = (api = await startFakeBotApi());
    // The strategy would hold for a minute: the close is the command's, not its own exit by time.
    engine = await startQuietEngine([...withOption(tradingArgs, 'strategy.maxHoldingMs', '60000'), ...sim], {
      telegram: { botToken: token, chatIds: [111], apiRoot: bot.apiRoot },
      telegramIntervalMs: 20,
    });
    const running = engine;
    const symbol = await tickingSymbol(running);
    running.venue!.impulse(symbol, 1.5, 1_500, 3);
    await until(async () => ((await running.supervisor.stats()).execution['positionSide'] !== 'flat' ? true : undefined), 'a position', 30_000);
    bot.say(999, '/close confirm');
    bot.say(111, '/close confirm');
    await until(
      () => (bot.sent.some((m) => m.chatId === 111 && m.text.startsWith('Closed: working orders cancelled')) ? true : undefined),
      'the /close answer',
      30_000,
    );
    const after = await running.supervisor.stats();
    expect(after.execution['positionSide']).toBe('flat');
    expect(after.execution['halted']).toBe('');
    expect(bot.sent.some((m) => m.chatId === 111 && m.text.startsWith('Closing every position by hand: close by hand from Telegram chat 111'))).toBe(
      true,
    );
    expect(bot.sent.filter((m) => m.chatId === 999)).toEqual([]);
  }, 90_000);

  it('stop polling when the start is refused (a taken metrics port), so the process can exit', async () => {
    const bot = (api = await startFakeBotApi());
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = (taken.address() as AddressInfo).port;
      await expect(
        startQuietEngine(['--metrics.listen', `127.0.0.1:${port}`], { telegram: { botToken: token, chatIds: [111], apiRoot: bot.apiRoot } }),
      ).rejects.toThrow(/the port is in use/);
      const polls = bot.polls();
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(bot.polls()).toBe(polls);
    } finally {
      taken.close();
    }
  });

  it('take commands once Telegram is reachable when it was down at start', async () => {
    const bot = (api = await startFakeBotApi({ downFor: 2 }));
    engine = await startQuietEngine([...sim], {
      telegram: { botToken: token, chatIds: [111], apiRoot: bot.apiRoot },
      telegramIntervalMs: 20,
      telegramPollRetryMs: 200,
    });
    bot.say(111, '/pnl');
    await until(() => (bot.sent.some((m) => m.chatId === 111 && m.text.startsWith('Today (UTC)')) ? true : undefined), 'the /pnl answer', 15_000);
  }, 60_000);
});
