import { describe, expect, it } from '@jest/globals';
import { telegramSettingsFrom } from './telegram-settings.js';

const token = '123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0';

describe('telegramSettingsFrom', () => {
  it('is off without a token, and takes the token, the allow-list and an API root when given', () => {
    expect(telegramSettingsFrom({})).toBeNull();
    expect(telegramSettingsFrom({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_CHAT_IDS: '42, -1001234567890,42' })).toEqual({
      botToken: token,
      chatIds: [42, -1001234567890],
      apiRoot: 'https://api.telegram.org',
    });
    expect(telegramSettingsFrom({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_CHAT_IDS: '1', TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/' })?.apiRoot).toBe(
      'http://127.0.0.1:8081',
    );
  });

  it.each([
    [{ TELEGRAM_CHAT_IDS: '1' }, 'TELEGRAM_CHAT_IDS is set but TELEGRAM_BOT_TOKEN is not: set both, or neither'],
    [{ TELEGRAM_BOT_TOKEN: 'nope' }, 'TELEGRAM_BOT_TOKEN must be a bot token as BotFather gives it (digits:letters)'],
    [{ TELEGRAM_BOT_TOKEN: token }, 'TELEGRAM_CHAT_IDS must list the chats to notify (comma-separated ids): none is set'],
    [{ TELEGRAM_BOT_TOKEN: token, TELEGRAM_CHAT_IDS: '1,@me' }, 'TELEGRAM_CHAT_IDS must be comma-separated chat ids (integers), got "@me"'],
    [{ TELEGRAM_BOT_TOKEN: token, TELEGRAM_CHAT_IDS: '1', TELEGRAM_API_ROOT: 'ftp://x' }, 'TELEGRAM_API_ROOT must be an http(s) URL, got "ftp://x"'],
  ])('refuses %j in one line', (env, problem) => {
    expect(() => telegramSettingsFrom(env)).toThrow(problem);
  });
});

describe('pnpm start with bad Telegram settings', () => {
  it('exits 2 with one config error line, before anything starts', async () => {
    const { runCliToEnd } = await import('../cli/test-support/cli-process.js');
    const outcome = await runCliToEnd([], { TELEGRAM_BOT_TOKEN: token, TELEGRAM_CHAT_IDS: 'me' });
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toBe('config error: TELEGRAM_CHAT_IDS must be comma-separated chat ids (integers), got "me"\n');
    expect(outcome.stderr + outcome.stdout).not.toContain(token);
  });
});
