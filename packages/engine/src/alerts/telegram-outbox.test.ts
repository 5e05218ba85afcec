import { describe, expect, it } from '@jest/globals';
import { TelegramOutbox } from './telegram-outbox.js';

const waitFor = async (check: () => boolean, ms = 3_000): Promise<void> => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('TelegramOutbox', () => {
  it('spaces the messages to one chat, keeps their order, and never blocks the poster', async () => {
    const sent: { chatId: number; text: string; atMs: number }[] = [];
    const outbox = new TelegramOutbox({
      send: async (chatId, text) => void sent.push({ chatId, text, atMs: Date.now() }),
      retryAfterMsOf: () => null,
      onProblem: () => undefined,
      perChatIntervalMs: 40,
    });
    const postedAt = Date.now();
    for (const text of ['a', 'b', 'c']) outbox.post(1, text);
    outbox.post(2, 'x');
    expect(Date.now() - postedAt).toBeLessThan(20);
    await waitFor(() => sent.length === 4);
    expect(sent.filter((m) => m.chatId === 1).map((m) => m.text)).toEqual(['a', 'b', 'c']);
    const times = sent.filter((m) => m.chatId === 1).map((m) => m.atMs);
    expect(times[2]! - times[0]!).toBeGreaterThanOrEqual(75);
    await outbox.close(1_000);
  });

  it('keeps only the newest notices while sending lags, and says how many it dropped', async () => {
    const sent: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const outbox = new TelegramOutbox({
      send: async (_chatId, text) => {
        await gate;
        sent.push(text);
      },
      retryAfterMsOf: () => null,
      onProblem: () => undefined,
      perChatIntervalMs: 1,
      capacity: 3,
    });
    for (let i = 0; i < 10; i++) outbox.post(1, `n${i}`);
    release();
    await waitFor(() => sent.length === 4);
    // n0 was already on its way; n1..n6 fell out of a queue of 3.
    expect(sent).toEqual(['n0', '(6 older notices dropped while sending lagged)\nn7', 'n8', 'n9']);
  });

  it('waits as long as Telegram asks on a 429 and then sends, and drops a notice that fails otherwise', async () => {
    const sent: string[] = [];
    const problems: string[] = [];
    let calls = 0;
    const outbox = new TelegramOutbox({
      send: async (_chatId, text) => {
        calls++;
        if (text === 'busy' && calls === 1) throw Object.assign(new Error('Too Many Requests'), { retryAfterMs: 30 });
        if (text === 'down') throw new Error('502 Bad Gateway');
        sent.push(text);
      },
      retryAfterMsOf: (error) => (error as { retryAfterMs?: number }).retryAfterMs ?? null,
      onProblem: (problem) => problems.push(problem),
      perChatIntervalMs: 1,
    });
    outbox.post(7, 'busy');
    outbox.post(7, 'down');
    outbox.post(7, 'after');
    await waitFor(() => sent.length === 2);
    expect(sent).toEqual(['busy', 'after']);
    expect(problems).toEqual(['telegram: a notice to chat 7 was not sent: 502 Bad Gateway']);
    expect([outbox.sent, outbox.failed]).toEqual([2, 1]);
  });
});
